import type { PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { assignedCallIds, hasRole, staffOf, type StaffRole } from '../access'
import { idParam } from './schema'

/**
 * The call a staff endpoint works on (ranking, CSV, results), or the refusal to send: 401 without a
 * staff session, 403 for the wrong role or (for reviewers) a call not assigned to them, 404 unknown.
 */
export async function callForStaff(req: PayloadRequest, opts: { roles: StaffRole[]; assignedReviewers: boolean; what: string }) {
  if (!req.user) return errorResponse(401, `Inicia sesión con tu cuenta del equipo para ${opts.what}.`)
  if (!staffOf(req.user)) return errorResponse(403, `Solo el equipo del Instituto puede ${opts.what}.`)
  const id = idParam.safeParse(req.routeParams?.id)
  if (!id.success) return errorResponse(404, 'No encontramos esa convocatoria.')
  const byRole = hasRole(req.user, ...opts.roles)
  const byAssignment = opts.assignedReviewers && hasRole(req.user, 'reviewer')
  if (!byRole && !byAssignment) return errorResponse(403, `Tu cuenta no tiene permiso para ${opts.what}.`)
  // Staff read every call, drafts included.
  const call = await req.payload.findByID({ collection: 'calls', id: id.data, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
  if (!call) return errorResponse(404, 'No encontramos esa convocatoria.')
  if (!byRole && !(await assignedCallIds(req)).includes(call.id)) {
    return errorResponse(403, 'Esta convocatoria no te está asignada.')
  }
  return call
}
