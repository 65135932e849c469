import { APIError, ValidationError, type CollectionAfterChangeHook, type CollectionAfterDeleteHook, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import { assignedCallIds, hasRole, staffOf } from '../../access'
import { forgetSubmitted } from './access'
import { averageOf, checkScores, totalOf, type Criterion, type Score } from './scoring'

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: number }).id : (value as number))

/**
 * A review belongs to the person saving it, to an application of a call assigned to them, and
 * scores exactly the call's rubric; its total is computed here, never sent.
 */
export const checkReview: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const user = staffOf(req.user)
  if (operation === 'create') {
    const application = data.application
      ? await req.payload.findByID({ collection: 'applications', id: idOf(data.application), depth: 0, select: { call: true, status: true, folio: true }, req, disableErrors: true })
      : null
    if (!application) throw invalid(req, 'application', 'Elige la postulación que vas a evaluar.')
    data.call = idOf(application.call)
    if (user) data.reviewer = user.id
    data.title = [application.folio ?? `Postulación ${application.id}`, (user as { name?: string } | null)?.name].filter(Boolean).join(' · ')
    if (user && !hasRole(user, 'admin') && !(await assignedCallIds(req)).includes(data.call)) {
      throw new APIError('Esta convocatoria no te está asignada: no puedes evaluar sus postulaciones.', 403, null, true)
    }
    if (application.status === 'draft' || application.status === 'withdrawn') {
      throw invalid(req, 'application', 'Solo se evalúan postulaciones enviadas (no borradores ni retiradas).')
    }
  }
  const call = await req.payload.findByID({ collection: 'calls', id: idOf(data.call ?? originalDoc?.call), depth: 0, select: { rubric: true }, req })
  const rubric = (call.rubric ?? []) as Criterion[]
  const status = data.status ?? originalDoc?.status ?? 'draft'
  const { rows, problems } = checkScores(rubric, (data.scores ?? originalDoc?.scores ?? []) as Score[], status === 'submitted')
  if (problems.length) throw new ValidationError({ collection: 'reviews', errors: problems }, req.t)
  data.scores = rows
  data.total = totalOf(rubric, rows)
  if (status === 'submitted' && originalDoc?.status !== 'submitted') data.submittedAt = new Date().toISOString()
  if (status === 'draft') data.submittedAt = null
  return data
}

function invalid(req: PayloadRequest, path: string, message: string) {
  return new ValidationError({ collection: 'reviews', errors: [{ path, message }] }, req.t)
}

/** Keeps the application's `averageScore` and `reviewCount` equal to its submitted reviews. */
export async function refreshAverage(req: PayloadRequest, application: number) {
  const { docs } = await req.payload.find({
    collection: 'reviews',
    where: { application: { equals: application }, status: { equals: 'submitted' } },
    select: { total: true },
    depth: 0,
    limit: 0,
    pagination: false,
    req,
  })
  const totals = docs.map((r) => r.total).filter((t): t is number => typeof t === 'number')
  await req.payload.update({ collection: 'applications', id: application, data: { averageScore: averageOf(totals), reviewCount: totals.length }, depth: 0, req })
}

export const refreshAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  forgetSubmitted(req)
  if (doc.status === 'submitted' || previousDoc?.status === 'submitted') await refreshAverage(req, idOf(doc.application))
  return doc
}

export const refreshAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  forgetSubmitted(req)
  await refreshAverage(req, idOf(doc.application))
  return doc
}
