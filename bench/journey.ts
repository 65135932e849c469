/**
 * "Mi viaje", "Para ti" and the impact dashboard at León scale: 50,000 youths, 200,000 enrolments,
 * 20,000 applications, 300 courses and 100 calls (half of each open now), generated in SQL. Each
 * endpoint is called through Payload's REST handlers (the code path of /api, without the HTTP
 * socket) and timed: p50/p95 over N calls, target p95 <= 300 ms on 2 cores. The impact report is
 * also timed uncached (lib/impact keeps a report CACHE_MS per range).
 * Run: `npx tsx bench/journey.ts` (RUNS=40, COLD_RUNS=5). The machine's load average is printed beside the figures.
 */
import fs from 'node:fs'

import { sql } from '@payloadcms/db-postgres'
import { getPayload, jwtSign, type Payload } from 'payload'

import { PLATFORM_START, staffImpact } from '../lib/impact'
import { dayInMexicoCity } from '../lib/time'
import { seed } from '../seed'
import { closePayload } from '../server/close-payload'
import { signUp } from '../tests/helpers/youth'
import { freshPlatform, percentile } from './lib'

process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.RATE_LIMITS = 'off'
const SCALE = { youths: 50_000, enrolments: 200_000, applications: 20_000, courses: 300, calls: 100, organizations: 60 }
const RUNS = Number(process.env.RUNS || 40)
const COLD_RUNS = Number(process.env.COLD_RUNS || 5)
const DAY = 86_400_000
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`)

const platform = await freshPlatform()
/** The REST handlers run on Payload's default instance (not the bench one): closed before the database. */
let restConfig: Awaited<typeof import('../payload.config')>['default'] | undefined
const payload: Payload = platform.payload
type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
const db = (payload.db as unknown as { drizzle: Db }).drizzle

try {
  await seed(payload, { adminPassword: 'contraseña-de-banco-de-pruebas' })
  const pillars = (await payload.find({ collection: 'pillars', limit: 10, depth: 0 })).docs.map((p) => p.id as number)
  const now = Date.now()
  let started = Date.now()

  const organizations: number[] = []
  for (let i = 0; i < SCALE.organizations; i++) {
    organizations.push((await payload.create({ collection: 'organizations', data: { name: `Organización ${i + 1}`, kind: 'municipal-agency' } as never })).id as number)
  }
  const windowFor = (i: number) =>
    i % 2 === 0
      ? { opens: new Date(now - 10 * DAY).toISOString(), closes: new Date(now + 20 * DAY + i * 60_000).toISOString() }
      : { opens: new Date(now - 400 * DAY + i * DAY).toISOString(), closes: new Date(now - 30 * DAY).toISOString() }
  const courses: number[] = []
  for (let i = 0; i < SCALE.courses; i++) {
    const doc = await payload.create({
      collection: 'courses',
      data: {
        _status: 'published', title: `Curso ${i + 1}`, kind: 'workshop', modality: 'online', capacity: 400 + (i % 5) * 100,
        pillars: [pillars[i % 6], pillars[(i * 7 + 3) % 6]].filter((v, k, a) => a.indexOf(v) === k),
        organization: organizations[i % organizations.length], enrollment: windowFor(i),
        ageRange: { min: i % 10 === 0 ? 18 : 12, max: 29 },
      } as never,
    })
    courses.push(doc.id as number)
  }
  const calls: number[] = []
  for (let i = 0; i < SCALE.calls; i++) {
    const doc = await payload.create({
      collection: 'calls',
      data: {
        _status: 'published', title: `Convocatoria ${i + 1}`, kind: 'scholarship', pillars: [pillars[(i * 5) % 6]],
        organization: organizations[(i * 3) % organizations.length], window: windowFor(i),
        eligibility: { ageRange: { min: 12, max: 29 }, mustLiveInMunicipality: i % 3 === 0 },
      } as never,
    })
    calls.push(doc.id as number)
  }
  log(`${courses.length} cursos, ${calls.length} convocatorias (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  // Youths: one through the Local API (valid row, password hash), the rest copies of it in SQL.
  started = Date.now()
  const template = await payload.create({ collection: 'youth', data: { ...signUp(), _verified: true, interests: [pillars[3]] } as never, disableVerificationEmail: true })
  const copied = (
    await db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'youth'
      AND column_name NOT IN ('id', 'email', 'curp', 'colonia', 'gender', 'birth_date', 'created_at', 'updated_at')`)
  ).rows.map((r) => `"${r.column_name}"`)
  const columns = sql.raw(copied.join(', '))
  await db.execute(sql`
    INSERT INTO youth (email, colonia, gender, birth_date, ${columns}, created_at, updated_at)
    SELECT 'joven' || g || '@banco.mx',
           (ARRAY['Centro','León I','Las Joyas','San Juan de Abajo','Valle de Señora','Jardines de Jerez','El Coecillo','Obregón'])[1 + g % 8] || CASE WHEN g % 50 = 0 THEN ' ' || (g % 400) ELSE '' END,
           (ARRAY['mujer','hombre','no-binario','prefiero-no-decir']::enum_youth_gender[])[1 + g % 4],
           now() - ((18 + g % 11) * 365 + g % 300) * interval '1 day', ${columns}, now(), now()
      FROM youth, generate_series(1, ${SCALE.youths - 1}) g WHERE youth.id = ${template.id}`)
  await db.execute(sql`INSERT INTO youth_rels ("order", parent_id, path, pillars_id)
    SELECT 1, y.id, 'interests', ${sql.raw(`(ARRAY[${pillars.join(',')}])`)}[1 + y.id % 6] FROM youth y WHERE y.id <> ${template.id}`)
  const youthIds = (await db.execute(sql`SELECT id FROM youth ORDER BY id`)).rows.map((r) => Number(r.id))
  log(`${youthIds.length} jóvenes (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  started = Date.now()
  const arr = (ids: number[]) => sql.raw(`(ARRAY[${ids.join(',')}])`)
  // Four distinct courses per youth (offsets 0, 77, 154, 231 of 300): the (course, youth) index holds.
  await db.execute(sql`
    INSERT INTO enrollments (course_id, youth_id, status, confirmed_at, completed_at, created_at, updated_at)
    SELECT ${arr(courses)}[1 + ((g % ${SCALE.youths}) * 31 + (g / ${SCALE.youths}) * 77) % ${SCALE.courses}],
           ${arr(youthIds)}[1 + g % ${SCALE.youths}],
           (CASE WHEN g % 10 = 0 THEN 'cancelled' WHEN g % 10 = 1 THEN 'waitlisted' ELSE 'confirmed' END)::enum_enrollments_status,
           CASE WHEN g % 10 > 1 THEN now() - (g % 365) * interval '1 day' END,
           CASE WHEN g % 10 > 5 THEN now() - (g % 300) * interval '1 day' END,
           now() - (g % 365) * interval '1 day', now()
      FROM generate_series(0, ${SCALE.enrolments - 1}) g`)
  await db.execute(sql`
    INSERT INTO applications (call_id, youth_id, status, submitted_at, created_at, updated_at)
    SELECT ${arr(calls)}[1 + g % ${SCALE.calls}], ${arr(youthIds)}[1 + (g * 3) % ${SCALE.youths}],
           (ARRAY['submitted','in-review','accepted','rejected','waitlisted']::enum_applications_status[])[1 + g % 5],
           now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day', now()
      FROM generate_series(0, ${SCALE.applications - 1}) g`)
  await db.execute(sql`ANALYZE`)
  log(`${SCALE.enrolments} inscripciones y ${SCALE.applications} postulaciones (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  // Sessions for the youths whose pages are timed, signed as Payload signs them.
  const sample = Array.from({ length: RUNS }, (_, i) => youthIds[(i * 1237) % youthIds.length])
  const tokens = await Promise.all(
    sample.map(async (id) => {
      const sid = `bench-${id}`
      await db.execute(sql`INSERT INTO youth_sessions (_order, _parent_id, id, created_at, expires_at) VALUES (1, ${id}, ${sid}, now(), now() + interval '1 day')`)
      const email = (await db.execute(sql`SELECT email FROM youth WHERE id = ${id}`)).rows[0].email
      return (await jwtSign({ fieldsToSign: { id, collection: 'youth', email, sid }, secret: payload.secret, tokenExpiration: 86_400 })).token
    }),
  )
  const staff = await payload.create({ collection: 'users', data: { email: 'editor@banco.mx', password: 'clave-del-equipo-larga', name: 'Editor', roles: ['editor'] } as never })
  const { token: editor } = await payload.login({ collection: 'users', data: { email: staff.email as string, password: 'clave-del-equipo-larga' } })

  const config = (restConfig = (await import('../payload.config')).default)
  const { REST_GET } = await import('@payloadcms/next/routes')
  const GET = REST_GET(config)
  const call = async (path: string, token: string) => {
    const url = new URL(`http://localhost:3000/api${path}`)
    const t0 = performance.now()
    const response = await GET(new Request(url, { headers: { Authorization: `JWT ${token}` } }), { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
    return performance.now() - t0
  }
  async function time(label: string, paths: (i: number) => [string, string]) {
    for (let i = 0; i < 3; i++) await call(...paths(i)) // warm-up: compiled queries, pool connections
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) times.push(await call(...paths(i)))
    const p = (q: number) => `${percentile(times, q).toFixed(0)} ms`
    log(`${label.padEnd(48)} p50 ${p(50)}  p95 ${p(95)}  max ${p(100)}  (${RUNS} llamadas; carga ${load()})`)
  }
  const year = new Date(now - 365 * DAY).toISOString().slice(0, 10)
  await time('GET /api/youth/me/recommendations (Para ti)', (i) => ['/youth/me/recommendations', tokens[i % tokens.length]])
  await time('GET /api/youth/me/journey (Mi viaje)', (i) => ['/youth/me/journey', tokens[i % tokens.length]])
  // The report itself, computed afresh each time (what the first request of a range costs)...
  const cold: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const t0 = performance.now()
    await staffImpact(payload, PLATFORM_START, dayInMexicoCity(), { fresh: true })
    cold.push(performance.now() - t0)
  }
  log(`${'impacto sin caché (todo el historial)'.padEnd(48)} p50 ${percentile(cold, 50).toFixed(0)} ms  max ${percentile(cold, 100).toFixed(0)} ms  (${COLD_RUNS} cálculos; carga ${load()})`)
  // ...and the dashboard as staff use it: the same ranges again within CACHE_MS.
  await time('GET /api/impact (todo el historial)', () => ['/impact', editor!])
  await time('GET /api/impact?from=<hace un año>', () => [`/impact?from=${year}`, editor!])
  await time('GET /api/impact?format=csv&table=colonia', () => ['/impact?format=csv&table=colonia', editor!])
} finally {
  if (restConfig) await closePayload(await getPayload({ config: restConfig }))
  await platform.stop()
}
