import type { Endpoint } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { withTransaction } from '../../lib/db'
import { APPLYING } from './documents'
import { windowProblem } from './rules'
import { APPLICATION_STATUS_LABELS, idParam, WITHDRAWABLE, type ApplicationStatus } from './schema'

const notFound = () => errorResponse(404, 'No encontramos esa postulación.')
const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)

/** `POST /api/applications/:id/withdraw` (the applicant, until the call closes) → 200 `{ folio, status: "withdrawn" }`. */
export const withdrawEndpoint: Endpoint = {
  path: '/:id/withdraw',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para retirar tu postulación.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo la persona que se postuló puede retirar su postulación.')
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()

    req.context[APPLYING] = true
    return withTransaction(req, async () => {
      // Read access limits a youth to their own applications: someone else's is simply "not found".
      const application = await req.payload.findByID({ collection: 'applications', id: id.data, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
      const refusal = await (async () => {
        if (!application) return notFound()
        if (!WITHDRAWABLE.includes(application.status as ApplicationStatus)) {
          return errorResponse(409, `Tu postulación ya no se puede retirar: su estado es «${APPLICATION_STATUS_LABELS[application.status as ApplicationStatus]}».`)
        }
        // The deadline, even if the call was unpublished since: a system read, nothing of it is shown.
        const call = await req.payload.findByID({ collection: 'calls', id: idOf(application.call as number), depth: 0, select: { window: true }, req })
        const closed = windowProblem({ window: { closes: call.window?.closes } })
        return closed ? errorResponse(403, `${closed} Ya no es posible retirar la postulación.`) : null
      })()
      if (refusal) return refusal
      const saved = await req.payload.update({
        collection: 'applications',
        id: application!.id,
        data: { status: 'withdrawn' },
        depth: 0,
        user: req.user,
        overrideAccess: false,
        req,
      })
      return Response.json({ folio: saved.folio ?? null, status: saved.status }, { status: 200 })
    })
  },
}
