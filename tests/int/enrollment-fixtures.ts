/** Courses and youths for the enrolment tests. */
import { sql } from '@payloadcms/db-postgres'
import { jwtSign } from 'payload'

import { signUp } from '../helpers/youth'
import type { TestContext } from '../helpers/payload'

const DAY = 86_400_000
let seq = 0

/** A published online course, enrolment open now, first session in a week. */
export async function openCourse(ctx: TestContext, data: Record<string, unknown> = {}) {
  seq++
  const start = Date.now() + 7 * DAY
  return ctx.payload.create({
    collection: 'courses',
    data: {
      title: `Taller de prueba ${seq} ${Date.now()}`,
      kind: 'workshop',
      modality: 'online',
      capacity: 30,
      _status: 'published',
      enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() }],
      ...data,
    } as never,
  })
}

/** Youths created below the API (fast) but logged in through it: tokens are real sessions. */
export async function youths(ctx: TestContext, count: number, overrides: Record<string, unknown> = {}) {
  const made: { id: number; email: string; token: string }[] = []
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async () => {
        const data = signUp(overrides)
        const doc = await ctx.payload.create({ collection: 'youth', data: { ...data, _verified: true } as never, disableVerificationEmail: true })
        const { token } = await ctx.payload.login({ collection: 'youth', data: { email: String(data.email), password: String(data.password) } })
        return { id: doc.id as number, email: String(data.email), token: token! }
      }),
    )
    made.push(...batch)
  }
  return made
}

/**
 * A crowd for the concurrency tests: one youth signs up through the Local API, the rest are copies
 * of that row (same password hash, own email) with a real session each. Hashing 200 passwords
 * twice would cost minutes and test nothing about enrolment.
 */
export async function crowd(ctx: TestContext, count: number) {
  const [first] = await youths(ctx, 1)
  type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
  const db = (ctx.payload.db as unknown as { drizzle: Db }).drizzle
  const copied = (
    await db.execute(
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'youth'
          AND column_name NOT IN ('id', 'email', 'curp', 'created_at', 'updated_at')`,
    )
  ).rows.map((row) => `"${row.column_name}"`)
  const columns = sql.raw(copied.join(', '))
  const stamp = Date.now()
  const { rows: clones } = await db.execute(
    sql`INSERT INTO youth (email, ${columns}, created_at, updated_at)
        SELECT 'multitud' || g || '.' || ${stamp}::text || '@ejemplo.mx', ${columns}, now(), now()
        FROM youth, generate_series(1, ${count - 1}) g WHERE youth.id = ${first.id}
        RETURNING id, email`,
  )
  const { rows: sessions } = await db.execute(
    sql`INSERT INTO youth_sessions (_order, _parent_id, id, created_at, expires_at)
        SELECT 1, y.id, gen_random_uuid()::text, now(), now() + interval '1 day'
        FROM youth y WHERE y.email LIKE ${`multitud%.${stamp}@ejemplo.mx`}
        RETURNING _parent_id, id`,
  )
  const sidOf = new Map(sessions.map((row) => [Number(row._parent_id), String(row.id)]))
  const rest = await Promise.all(
    clones.map(async (row) => {
      const id = Number(row.id)
      const email = String(row.email)
      const fieldsToSign = { id, collection: 'youth', email, sid: sidOf.get(id) }
      const { token } = await jwtSign({ fieldsToSign, secret: ctx.payload.secret, tokenExpiration: 86_400 })
      return { id, email, token }
    }),
  )
  return [first, ...rest]
}

export async function enrolmentsOf(ctx: TestContext, courseId: number) {
  const { docs } = await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: courseId } }, limit: 0, depth: 0, sort: 'id' })
  return docs
}

export const availability = async (ctx: TestContext, courseId: number) => (await ctx.rest('GET', `/courses/${courseId}/availability`)).json()

/** A published course «Por sorteo» (collections/DrawRequests): requests open now, closing in 50 minutes, the draw in an hour. */
export async function openDrawCourse(ctx: TestContext, data: Record<string, unknown> = {}, draw: Record<string, unknown> = {}) {
  return openCourse(ctx, {
    allocation: 'draw',
    draw: {
      requestsOpen: new Date(Date.now() - DAY).toISOString(),
      requestsClose: new Date(Date.now() + 3_000_000).toISOString(),
      drawAt: new Date(Date.now() + 3_600_000).toISOString(),
      ...draw,
    },
    ...data,
  })
}
