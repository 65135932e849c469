import type { Endpoint, PayloadRequest } from 'payload'

import { callForStaff } from './staff-call'

export type RankedApplication = {
  position: number | null
  application: number
  folio: string | null
  status: string
  averageScore: number | null
  reviewCount: number
  submittedAt: string | null
}

/**
 * The call's submitted applications, best average first (unscored last, then by submission time).
 * Read with the caller's own access: a reviewer gets `averageScore: null` where they have not
 * submitted their own review yet (the field's read rule), so the ranking never leaks others' scores.
 * `system` reads everything (publishing results, which an editor may do without reading applications).
 */
export async function rankApplications(req: PayloadRequest, callId: number, as: 'caller' | 'system' = 'caller'): Promise<RankedApplication[]> {
  const { docs } = await req.payload.find({
    collection: 'applications',
    where: { call: { equals: callId }, status: { not_in: ['draft', 'withdrawn'] } },
    depth: 0,
    limit: 0,
    pagination: false,
    ...(as === 'caller' ? { user: req.user, overrideAccess: false } : {}),
    req,
  })
  const score = (a: (typeof docs)[number]) => (typeof a.averageScore === 'number' ? a.averageScore : null)
  const sorted = [...docs].sort((a, b) => {
    const [x, y] = [score(a), score(b)]
    if (x !== y) return y === null ? -1 : x === null ? 1 : y - x
    return String(a.submittedAt ?? '').localeCompare(String(b.submittedAt ?? '')) || Number(a.id) - Number(b.id)
  })
  let position = 0
  return sorted.map((a) => ({
    position: score(a) === null ? null : ++position,
    application: a.id as number,
    folio: a.folio ?? null,
    status: a.status,
    averageScore: score(a),
    reviewCount: Number(a.reviewCount ?? 0),
    submittedAt: a.submittedAt ?? null,
  }))
}

/** `GET /api/calls/:id/ranking` (admins, and reviewers assigned to the call). */
export const rankingEndpoint: Endpoint = {
  path: '/:id/ranking',
  method: 'get',
  handler: async (req) => {
    const call = await callForStaff(req, { roles: ['admin'], assignedReviewers: true, what: 'ver la clasificación' })
    if (call instanceof Response) return call
    const rubric = (call.rubric ?? []).map((c) => ({ id: c.id, name: c.name, weight: c.weight, scaleMax: c.scaleMax }))
    const ranking = await rankApplications(req, call.id)
    return Response.json({ call: { id: call.id, title: call.title }, rubric, ranking }, { headers: { 'Cache-Control': 'private, no-store' } })
  },
}
