import { randomBytes } from 'node:crypto'

import { generateExpiredPayloadCookie, type CollectionSlug, type Endpoint, type PayloadRequest } from 'payload'

import { errorResponse } from '../../../lib/api-errors'
import { computeJourney } from '../../../lib/journey'
import { loadActivities, loadPillars } from '../../../lib/journey/load'
import { withTransaction } from '../../../lib/db'
import { logEntry } from '../hooks/profile'
import { ANONYMIZING, DELETE_CONFIRMATION } from '../rules'

export { DELETE_CONFIRMATION }

const ownYouthId = (req: PayloadRequest) => (req.user?.collection === 'youth' ? req.user.id : null)
const notLoggedIn = () => errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para continuar.')

/**
 * Every collection that points at a youth through a `youth` relationship (ARCO requests,
 * enrolments, applications and their documents, and any added later) is part of "everything the
 * platform holds about me". Flattened fields: enrolments and applications keep `youth` in a row.
 */
function collectionsAboutYouth(req: PayloadRequest): CollectionSlug[] {
  return req.payload.config.collections
    .filter((c) => c.flattenedFields.some((f) => f.name === 'youth' && f.type === 'relationship' && f.relationTo === 'youth'))
    .map((c) => c.slug as CollectionSlug)
}

/** Related documents name the course or call they belong to, not only its number. */
const NAMED = { courses: { title: true, slug: true }, calls: { title: true, slug: true }, youth: { email: true } } as const

/**
 * `GET /api/youth/me/export`: a JSON file of the account and everything linked to it (right of
 * access): profile, enrolments with attendance and completion, applications with their answers,
 * history and documents, ARCO requests, and the journey (timeline, progress, milestones).
 * Everything is read as the youth (overrideAccess: false), so the collections' own rules keep out
 * other people's rows and staff-only fields (reviewers' scores and notes, who reviewed).
 */
export const exportMyDataEndpoint: Endpoint = {
  path: '/me/export',
  method: 'get',
  handler: async (req) => {
    const id = ownYouthId(req)
    if (!id) return notLoggedIn()
    const profile = await req.payload.findByID({ collection: 'youth', id, depth: 1, user: req.user, overrideAccess: false, req })
    const related: Record<string, unknown[]> = {}
    for (const slug of collectionsAboutYouth(req)) {
      const { docs } = await req.payload.find({
        collection: slug,
        where: { youth: { equals: id } },
        depth: 1,
        populate: NAMED as never,
        pagination: false,
        user: req.user,
        overrideAccess: false,
        req,
      })
      related[slug] = docs
    }
    const pillars = await loadPillars(req)
    const journey = computeJourney(pillars, await loadActivities(req, id as number, pillars), profile.gender)
    // Staff see on the profile's log when a person used their right of access.
    await req.payload.update({
      collection: 'youth',
      id,
      overrideAccess: true, // the log is closed to every person; only the platform writes it
      req,
      data: { consentLog: [...(profile.consentLog ?? []), logEntry(req, 'data-exported')] },
    })
    const body = { exportedAt: new Date().toISOString(), profile, ...related, journey }
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="mis-datos-viaje-joven.json"',
        'Cache-Control': 'no-store',
      },
    })
  },
}

/**
 * `POST /api/youth/me/delete` { confirmation: "ELIMINAR" }: removes the personal data and keeps
 * only what aggregate statistics need (municipality, birth year, gender, interests, how they
 * heard of us), so counts of past enrolments stay right. Cannot be undone.
 */
export const deleteMyAccountEndpoint: Endpoint = {
  path: '/me/delete',
  method: 'post',
  handler: async (req) => {
    const id = ownYouthId(req)
    if (!id) return notLoggedIn()
    const body = await req.json?.().catch(() => null)
    if (body?.confirmation !== DELETE_CONFIRMATION) {
      return errorResponse(400, `Para eliminar tu cuenta escribe ${DELETE_CONFIRMATION} en la confirmación. Esta acción no se puede deshacer.`, 'confirmation')
    }
    await withTransaction(req, async () => {
      const me = await req.payload.findByID({ collection: 'youth', id, depth: 0, overrideAccess: true, req })
      const birthYear = String(me.birthDate).slice(0, 4)
      await req.payload.update({
        collection: 'youth',
        id,
        overrideAccess: true, // the person asked for it; these fields are closed to everyone else
        req,
        context: { [ANONYMIZING]: true },
        data: {
          email: `eliminada-${id}@anonimo.invalid`,
          password: randomBytes(32).toString('base64url'),
          givenNames: 'Cuenta',
          surnames: 'eliminada',
          birthDate: `${birthYear}-07-01T12:00:00.000Z`,
          colonia: '(eliminado)',
          curp: null,
          occupation: null,
          guardian: { name: null, email: null },
          guardianTokenHash: null,
          guardianTokenExpiresAt: null,
          emailTokenHash: null,
          emailTokenExpiresAt: null,
          _verified: false,
          anonymizedAt: new Date().toISOString(),
          consentLog: [...(me.consentLog ?? []), logEntry(req, 'anonymized')],
        },
      })
      // Every device is logged out: an old token must not reach the emptied account. Sessions are
      // closed to the field layer (as in Payload's own logout), hence the adapter call.
      await req.payload.db.updateOne({ collection: 'youth', id, data: { sessions: [] }, req, returning: false })
    })
    const cookie = generateExpiredPayloadCookie({
      collectionAuthConfig: req.payload.collections.youth.config.auth,
      cookiePrefix: req.payload.config.cookiePrefix,
    })
    return Response.json(
      { message: 'Tu cuenta se eliminó. Borramos tus datos personales; solo conservamos cifras anónimas para estadística.' },
      { headers: { 'Set-Cookie': cookie } },
    )
  },
}
