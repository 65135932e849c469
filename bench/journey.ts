/**
 * "Mi viaje", "Para ti" and the impact dashboard at León scale: 50,000 youths, 200,000 enrolments,
 * 20,000 applications, 300 courses and 100 calls (half of each open now), generated in SQL. Each
 * endpoint is called through Payload's REST handlers (the code path of /api, without the HTTP
 * socket) and timed: p50/p95 over N calls, target p95 <= 300 ms on 2 cores. The impact report is
 * never cached: each call computes every table from the rollup; the rollup's rebuild is timed apart.
 * Run: `npx tsx bench/journey.ts` (RUNS=40, REBUILD_RUNS=3). The machine's load average is printed beside the figures.
 */
import fs from 'node:fs'

import { sql } from '@payloadcms/db-postgres'
import { getPayload, jwtSign, type Payload } from 'payload'

import { rebuildRollup } from '../lib/impact/rollup'
import { closePayload } from '../server/close-payload'
import { generateJourneyScale } from './journey-dataset'
import { freshPlatform, percentile } from './lib'

process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.RATE_LIMITS = 'off'
const RUNS = Number(process.env.RUNS || 40)
const REBUILD_RUNS = Number(process.env.REBUILD_RUNS || 3)
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
  const { youthIds, now } = await generateJourneyScale(payload, log)

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
  await time('GET /api/youth/me/recommendations (Para ti)', (i) => ['/youth/me/recommendations', tokens[i % tokens.length]])
  await time('GET /api/youth/me/journey (Mi viaje)', (i) => ['/youth/me/journey', tokens[i % tokens.length]])
  // The rollup the impact report reads (lib/impact/rollup.ts), rebuilt from the 220,000 raw steps:
  // what a write followed by a report costs, paid in the background once the rollup is STALE_MS old.
  const builds: number[] = []
  for (let i = 0; i < REBUILD_RUNS; i++) {
    const t0 = performance.now()
    await rebuildRollup(payload)
    builds.push(performance.now() - t0)
  }
  log(`${'reconstrucción del resumen de impacto'.padEnd(48)} p50 ${percentile(builds, 50).toFixed(0)} ms  max ${percentile(builds, 100).toFixed(0)} ms  (${REBUILD_RUNS} veces; carga ${load()})`)
  // The report itself: no report is cached, every call computes every table from the rollup.
  const from = new Date(now - 120 * DAY).toISOString().slice(0, 10)
  const to = new Date(now - 30 * DAY).toISOString().slice(0, 10)
  await time('GET /api/impact (todo el historial, sin caché)', () => ['/impact', editor!])
  await time(`GET /api/impact?from=<hace 120 días>&to=<hace 30>`, () => [`/impact?from=${from}&to=${to}`, editor!])
  await time('GET /api/impact?format=csv&table=colonia', () => ['/impact?format=csv&table=colonia', editor!])
} finally {
  if (restConfig) await closePayload(await getPayload({ config: restConfig }))
  await platform.stop()
}
