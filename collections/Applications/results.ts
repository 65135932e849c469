import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { PUBLISHING_RESULTS } from '../Calls/review-fields'
import { withTransaction } from '../../lib/db'
import { queueApplicationEmail } from './emails'
import { rankApplications } from './ranking'
import { DECIDED } from './schema'
import { callForStaff } from './staff-call'

type ResultRow = { folio: string; outcome: 'accepted' | 'waitlisted'; name?: string }

/**
 * The public results of a call: accepted (and, if the call says so, waitlisted) applications by
 * folio, best ranked first; a name only where that youth agreed to it. Nothing else about anyone.
 */
async function publicResults(req: PayloadRequest, callId: number, includeWaitlist: boolean): Promise<ResultRow[]> {
  const outcomes = includeWaitlist ? ['accepted', 'waitlisted'] : ['accepted']
  const ranked = (await rankApplications(req, callId, 'system')).filter((r) => outcomes.includes(r.status) && r.folio)
  // A system read: the consent and the name are needed here, and only the consented names leave this function.
  const { docs } = await req.payload.find({
    collection: 'applications',
    where: { id: { in: ranked.map((r) => r.application) }, publishNameConsent: { equals: true } },
    select: { youth: true },
    depth: 0,
    limit: 0,
    pagination: false,
    req,
  })
  const youthIds = docs.map((d) => (typeof d.youth === 'object' ? d.youth.id : d.youth))
  const youths = youthIds.length
    ? (await req.payload.find({ collection: 'youth', where: { id: { in: youthIds } }, select: { givenNames: true, surnames: true, anonymizedAt: true }, depth: 0, limit: 0, pagination: false, req })).docs
    : []
  const nameOf = new Map(
    docs.map((d) => {
      const youth = youths.find((y) => y.id === (typeof d.youth === 'object' ? d.youth.id : d.youth))
      return [d.id, youth && !youth.anonymizedAt ? `${youth.givenNames ?? ''} ${youth.surnames ?? ''}`.trim() : '']
    }),
  )
  const order = (status: string) => outcomes.indexOf(status)
  return [...ranked]
    .sort((a, b) => order(a.status) - order(b.status))
    .map((r) => {
      const name = nameOf.get(r.application)
      return { folio: r.folio!, outcome: r.status as ResultRow['outcome'], ...(name ? { name } : {}) }
    })
}

/**
 * `POST /api/calls/:id/publish-results` (admins and editors): writes the call's public results
 * list and `resultsPublishedAt` (the call's own save queues the site rebuild) and queues each
 * decided applicant's result email (sent once per decision; see emails.ts). Publishing again
 * replaces the list.
 */
export const publishResultsEndpoint: Endpoint = {
  path: '/:id/publish-results',
  method: 'post',
  handler: async (req) => {
    const call = await callForStaff(req, { roles: ['admin', 'editor'], assignedReviewers: false, what: 'publicar resultados' })
    if (call instanceof Response) return call
    if (call._status !== 'published') return errorResponse(409, 'Publica primero la convocatoria: sus resultados se muestran en su página.')

    return withTransaction(req, async () => {
      const resultsList = await publicResults(req, call.id, Boolean(call.resultsIncludeWaitlist))
      const resultsPublishedAt = new Date().toISOString()
      req.context[PUBLISHING_RESULTS] = true
      await req.payload.update({ collection: 'calls', id: call.id, data: { resultsList, resultsPublishedAt }, depth: 0, user: req.user, overrideAccess: false, req })
      const { docs: decided } = await req.payload.find({
        collection: 'applications',
        where: { call: { equals: call.id }, status: { in: [...DECIDED] } },
        select: { status: true },
        depth: 0,
        limit: 0,
        pagination: false,
        req,
      })
      for (const application of decided) await queueApplicationEmail(req, application.id as number, 'result')
      const count = (outcome: string) => resultsList.filter((r) => r.outcome === outcome).length
      return Response.json({ resultsPublishedAt, accepted: count('accepted'), waitlisted: count('waitlisted') })
    })
  },
}
