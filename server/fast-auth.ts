import { jwtVerify } from 'jose'
import { executeAuthStrategies, extractJWT, JWT_AUTH_VERSION, type Payload, type PayloadRequest } from 'payload'

/**
 * Who sends a request on the fast path (server/fast-api.ts): Payload's public auth API, with one
 * shortcut for youths. Payload's own JWT strategy loads the whole account through the Local API
 * (about 4 ms of CPU a request, measured: more than all the rest of an enrolment). So for a youth
 * the token is taken by Payload's exported `extractJWT` (same places, same CSRF rule), its
 * signature and version checked as Payload's strategy does, and the youth with that session looked
 * up in one query shared by the requests of the same moment. Every other case (staff, no token, a
 * bad token) goes through Payload's exported `executeAuthStrategies` unchanged, so nobody is let in
 * here whom Payload would refuse.
 */

export type SessionUser = NonNullable<PayloadRequest['user']>

/** The lean check only applies while youth accounts use Payload's plain local JWT auth. */
export function canCheckYouthSessions(payload: Payload): boolean {
  const auth = payload.collections.youth?.config.auth
  return Boolean(auth && !auth.disableLocalStrategy && !auth.verify && !auth.strategies?.length && auth.useSessions)
}

export async function authenticate(payload: Payload, req: PayloadRequest, leanYouth: boolean): Promise<SessionUser | null> {
  const token = leanYouth ? extractJWT({ headers: req.headers, payload }) : null
  const youth = token ? await youthOfToken(payload, token) : null
  if (youth) return youth
  const { user } = await executeAuthStrategies({ headers: req.headers, payload, req, canSetHeaders: false, isGraphQL: false } as never)
  return user ?? null
}

const secrets = new WeakMap<Payload, Uint8Array>()

async function youthOfToken(payload: Payload, token: string): Promise<SessionUser | null> {
  let secret = secrets.get(payload)
  if (!secret) secrets.set(payload, (secret = new TextEncoder().encode(payload.secret)))
  const verified = await jwtVerify(token, secret).catch(() => null)
  if (!verified || verified.protectedHeader.authVersion !== JWT_AUTH_VERSION) return null
  const { id, collection, sid } = verified.payload as { id?: unknown; collection?: unknown; sid?: unknown }
  const youthId = Number(id)
  if (collection !== 'youth' || typeof sid !== 'string' || !Number.isInteger(youthId) || youthId < 1 || youthId > 2_147_483_647) return null
  const row = await sessionRow(payload, youthId, sid)
  if (!row) return null
  // What the enrolment rules read, shaped as Payload's own user object would be.
  return {
    id: row.id,
    email: row.email,
    collection: 'youth',
    _strategy: 'local-jwt',
    _sid: sid,
    _verified: row._verified,
    birthDate: isoOf(row.birth_date),
    anonymizedAt: isoOf(row.anonymized_at),
    guardianConsent: { status: row.guardian_consent_status },
  } as unknown as SessionUser
}

type SessionRow = Record<string, unknown> & { id: number }
type Lookup = { id: number; sid: string; found: (row: SessionRow | undefined) => void; failed: (error: unknown) => void }
const pending = new WeakMap<Payload, Lookup[]>()

/**
 * The youth with that id and session, or undefined. Lookups made in the same turn of the event
 * loop share one query: a crowd arriving at once costs a few round trips, not one each.
 */
function sessionRow(payload: Payload, id: number, sid: string): Promise<SessionRow | undefined> {
  return new Promise((found, failed) => {
    const queue = pending.get(payload)
    if (queue) return void queue.push({ id, sid, found, failed })
    pending.set(payload, [{ id, sid, found, failed }])
    setImmediate(() => {
      const lookups = pending.get(payload)!
      pending.delete(payload)
      lookUp(payload, lookups).catch((error) => lookups.forEach((l) => l.failed(error)))
    })
  })
}

async function lookUp(payload: Payload, lookups: Lookup[]) {
  const pool = (payload.db as unknown as { pool: import('pg').Pool }).pool
  const { rows } = await pool.query<SessionRow & { sid: string }>({
    name: 'viaje-youth-sessions',
    text: `SELECT y.id, s.id AS sid, y.email, y._verified, y.birth_date, y.anonymized_at, y.guardian_consent_status
           FROM youth y JOIN youth_sessions s ON s._parent_id = y.id
           WHERE (y.id, s.id) IN (SELECT * FROM unnest($1::int[], $2::text[]))`,
    values: [lookups.map((l) => l.id), lookups.map((l) => l.sid)],
  })
  const byKey = new Map(rows.map((row) => [`${row.id}:${row.sid}`, row]))
  for (const lookup of lookups) lookup.found(byKey.get(`${lookup.id}:${lookup.sid}`))
}

const isoOf = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null))
