import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../api-errors'
import { eligibilityProblem } from '../../collections/Youth/eligibility'
import { markFull, openCatalogueFor } from './candidates'
import { computeJourney } from './index'
import { loadActivities, loadPillars } from './load'
import { rankRecommendations } from './recommend'

/**
 * "Mi viaje" and "Para ti" answer only to the youth's own session: the journey may hold activity
 * in sensitive pillars, so staff read enrolments and applications through their own rules instead.
 */
function refusal(req: PayloadRequest): Response | null {
  if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para ver tu viaje.')
  if (req.user.collection !== 'youth') return errorResponse(403, 'Esta sección es solo para personas jóvenes con su propia cuenta.')
  return null
}

const noStore = { 'Cache-Control': 'private, no-store' }

async function ownProfile(req: PayloadRequest) {
  return req.payload.findByID({
    collection: 'youth',
    id: req.user!.id,
    depth: 0,
    select: { gender: true, interests: true, birthDate: true, municipality: true, _verified: true, anonymizedAt: true, guardianConsent: true },
    user: req.user,
    overrideAccess: false,
    req,
  })
}

/** `GET /api/youth/me/journey` → `{ timeline, progress, milestones }`. */
export const journeyEndpoint: Endpoint = {
  path: '/me/journey',
  method: 'get',
  handler: async (req) => {
    const refused = refusal(req)
    if (refused) return refused
    const [profile, pillars] = await Promise.all([ownProfile(req), loadPillars(req)])
    const activities = await loadActivities(req, profile.id as number, pillars)
    return Response.json(computeJourney(pillars, activities, profile.gender), { headers: noStore })
  },
}

/** "Para ti" is a short list: the best 20, ranked. */
export const MAX_ITEMS = 20

/** The youth's open catalogue, ranked by interests and unexplored pillars ("Para ti" is its head). */
async function rankedForYou(req: PayloadRequest) {
  const [profile, pillars] = await Promise.all([ownProfile(req), loadPillars(req)])
  const activities = await loadActivities(req, profile.id as number, pillars)
  const open = await openCatalogueFor(req, profile, activities, pillars)
  const slugOf = new Map(pillars.map((p) => [p.id, p.slug]))
  const interests = (profile.interests ?? []).map((p) => slugOf.get(typeof p === 'object' ? (p.id as number) : p)).filter((s): s is string => Boolean(s))
  const explored = computeJourney(pillars, activities).progress.filter((p) => p.level !== 'none').map((p) => p.slug)
  const ranked = rankRecommendations(open.candidates, pillars, interests, explored)
  return { ranked, open, notice: eligibilityProblem(profile)?.message }
}

/** `GET /api/youth/me/recommendations` → `{ items: Recommendation[] (at most 20), notice? }` ("Para ti"). */
export const recommendationsEndpoint: Endpoint = {
  path: '/me/recommendations',
  method: 'get',
  handler: async (req) => {
    const refused = refusal(req)
    if (refused) return refused
    const { ranked, notice } = await rankedForYou(req)
    const items = await markFull(req, ranked.slice(0, MAX_ITEMS))
    return Response.json(notice ? { items, notice } : { items }, { headers: noStore })
  },
}

/**
 * `GET /api/youth/me/opportunities` → `{ items, alreadyIn, notForYou, notice? }` ("¿A qué puedo
 * inscribirme?"): every open course and call the youth may join now, ranked like "Para ti". What is
 * open but not for them (age, residency) is only counted.
 */
export const opportunitiesEndpoint: Endpoint = {
  path: '/me/opportunities',
  method: 'get',
  handler: async (req) => {
    const refused = refusal(req)
    if (refused) return refused
    const { ranked, open, notice } = await rankedForYou(req)
    const items = await markFull(req, ranked)
    const body = { items, alreadyIn: open.alreadyIn, notForYou: open.notForYou }
    return Response.json(notice ? { ...body, notice } : body, { headers: noStore })
  },
}

export const journeyEndpoints = [journeyEndpoint, recommendationsEndpoint, opportunitiesEndpoint]
