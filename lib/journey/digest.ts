import { createHmac, timingSafeEqual } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { Endpoint, PayloadRequest, TaskConfig } from 'payload'

import { dbOf, rows } from '../db'
import { errorResponse } from '../api-errors'
import { emails } from '../email'
import { openCandidates } from './candidates'
import { computeJourney } from './index'
import { loadActivities, loadPillars } from './load'
import { rankRecommendations } from './recommend'

/**
 * The weekly "Para ti" digest: every Monday at 9:00 in León, youths who opted in
 * (`notifications.weeklyDigest`) get the open courses and calls published in the last week that
 * they may join, with the reason for each. Nothing new, no email. A signed link unsubscribes in one
 * click (GET from the email, POST from a mail program's List-Unsubscribe button, RFC 8058).
 */

export const DIGEST_TASK = 'weeklyDigest'
const WEEK_MS = 7 * 86_400_000
/** Youths per run: a run that finds more leaves them for the next one (digestSentAt is kept). */
const BATCH = 500
const MAX_ITEMS = 8

const sign = (secret: string, youthId: number) => createHmac('sha256', secret).update(`digest-unsubscribe:${youthId}`).digest('base64url')

export function unsubscribeUrl(req: PayloadRequest, youthId: number): string {
  return `${req.payload.config.serverURL}/api/youth/digest/unsubscribe?u=${youthId}&t=${sign(req.payload.secret, youthId)}`
}

function validToken(secret: string, id: number, token: string): boolean {
  const expected = Buffer.from(sign(secret, id))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** One youth's digest, or null when nothing new is open for them. */
async function digestFor(req: PayloadRequest, youth: { id: number; givenNames: string; email: string }, since: Date) {
  const profile = await req.payload.findByID({ collection: 'youth', id: youth.id, depth: 0, overrideAccess: true, req })
  const pillars = await loadPillars(req)
  const activities = await loadActivities(req, youth.id, pillars, { asPlatform: true })
  const candidates = await openCandidates(req, profile, activities, pillars)
  const fresh = await publishedSince(req, since)
  const slugOf = new Map(pillars.map((p) => [p.id, p.slug]))
  const interests = (profile.interests ?? []).map((p) => slugOf.get(typeof p === 'object' ? (p.id as number) : p)).filter((s): s is string => Boolean(s))
  const explored = computeJourney(pillars, activities).progress.filter((p) => p.level !== 'none').map((p) => p.slug)
  const items = rankRecommendations(candidates.filter((c) => fresh.has(`${c.type}:${c.id}`)), pillars, interests, explored).slice(0, MAX_ITEMS)
  if (!items.length) return null
  const site = req.payload.config.serverURL
  return emails.weeklyDigest({
    name: youth.givenNames,
    items: items.map((i) => ({
      title: i.title,
      kind: i.type === 'course' ? 'curso o taller' : 'convocatoria',
      reason: i.reason,
      url: `${site}/${i.type === 'course' ? 'cursos' : 'convocatorias'}/${i.slug}/`,
    })),
    journeyUrl: `${site}/cuenta/viaje/`,
    unsubscribeUrl: unsubscribeUrl(req, youth.id),
  })
}

/** Courses and calls created in the window (both are published programs only once `_status` says so). */
async function publishedSince(req: PayloadRequest, since: Date): Promise<Set<string>> {
  const found = await rows(
    await dbOf(req),
    sql`SELECT 'course' AS type, id FROM courses WHERE created_at >= ${since}
        UNION ALL SELECT 'call', id FROM calls WHERE created_at >= ${since}`,
  )
  return new Set(found.map((r) => `${r.type}:${r.id}`))
}

export const weeklyDigestTask: TaskConfig<{ input: object; output: { sent: number } }> = {
  slug: DIGEST_TASK,
  label: 'Resumen semanal «Para ti»',
  retries: 0,
  // Mondays 15:00 UTC = 9:00 in León (no daylight saving time since 2022).
  schedule: [{ cron: '0 0 15 * * 1', queue: 'default' }],
  handler: async ({ req }) => runWeeklyDigest(req),
}

export async function runWeeklyDigest(req: PayloadRequest): Promise<{ output: { sent: number } }> {
  const now = new Date()
  const weekAgo = new Date(now.getTime() - WEEK_MS + 3_600_000) // an hour's slack for a late run
  // Marked first, as the reminders are: two runners never send the same person two digests.
  const due = await rows(
    await dbOf(req),
    sql`UPDATE youth SET notifications_digest_sent_at = ${now}
        WHERE id IN (SELECT id FROM youth
                      WHERE notifications_weekly_digest AND anonymized_at IS NULL AND _verified
                        AND (notifications_digest_sent_at IS NULL OR notifications_digest_sent_at < ${weekAgo})
                      ORDER BY id LIMIT ${BATCH})
        RETURNING id, given_names, email`,
  )
  let sent = 0
  for (const row of due) {
    const youth = { id: Number(row.id), givenNames: String(row.given_names ?? ''), email: String(row.email ?? '') }
    if (!youth.email) continue
    const message = await digestFor(req, youth, new Date(now.getTime() - WEEK_MS))
    if (!message) continue
    const url = unsubscribeUrl(req, youth.id)
    await req.payload.sendEmail({
      to: youth.email,
      ...message,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    })
    sent++
  }
  return { output: { sent } }
}

/** The site's page where a logged-in youth turns the digest on or off (site/pages/cuenta/notificaciones.astro). */
export const PREFERENCES_PATH = '/cuenta/notificaciones/'

const page = (title: string, text: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Viaje Joven</title></head>` +
      `<body style="font-family:Arial,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem"><main><h1>${title}</h1>${text}</main></body></html>`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  )

// Turning it back on is not done by the link: opting in is the account holder's own choice, made
// logged in (the page asks to log in first and comes back to the preference).
const UNSUBSCRIBED =
  '<p>Estado: <strong>ya no recibes el resumen semanal</strong> de oportunidades de Viaje Joven.</p>' +
  `<p>¿Fue un error o cambiaste de opinión? <a href="${PREFERENCES_PATH}">Volver a recibir el resumen cada lunes</a> (te pediremos iniciar sesión).</p>`
const INVALID =
  '<p>Este enlace para darte de baja no es válido. Copia la dirección completa del correo, o cambia la preferencia en ' +
  `<a href="${PREFERENCES_PATH}">Mi cuenta › Notificaciones</a>.</p>`

async function unsubscribe(req: PayloadRequest): Promise<boolean> {
  const params = new URL(req.url!).searchParams
  const id = Number(params.get('u'))
  if (!Number.isInteger(id) || id <= 0 || !validToken(req.payload.secret, id, params.get('t') ?? '')) return false
  // The signed link stands for the person: it may change this one preference and nothing else.
  await rows(await dbOf(req), sql`UPDATE youth SET notifications_weekly_digest = false WHERE id = ${id}`)
  return true
}

/** `GET /api/youth/digest/unsubscribe?u=&t=`: the link in the email (a page in Spanish). */
export const unsubscribeLinkEndpoint: Endpoint = {
  path: '/digest/unsubscribe',
  method: 'get',
  handler: async (req) =>
    (await unsubscribe(req))
      ? page('Listo, te diste de baja', UNSUBSCRIBED)
      : page('Enlace no válido', INVALID, 400),
}

/** `POST /api/youth/digest/unsubscribe?u=&t=`: a mail program's one-click button (RFC 8058). */
export const unsubscribeOneClickEndpoint: Endpoint = {
  path: '/digest/unsubscribe',
  method: 'post',
  handler: async (req) =>
    (await unsubscribe(req)) ? Response.json({ unsubscribed: true }) : errorResponse(400, 'El enlace para darte de baja no es válido.'),
}

export const digestEndpoints = [unsubscribeLinkEndpoint, unsubscribeOneClickEndpoint]
