/**
 * The draw at scale (issue 21, docs/draw.md): 10,000 requests for 300 places with three priority
 * groups. Two figures:
 * 1. the pure algorithm (lib/draw/algorithm.ts: key, 10,000 HMACs, sort, groups, waitlist), RUNS times;
 * 2. the whole draw on a throw-away PostgreSQL (collections/DrawRequests/run.ts: lock, guard,
 *    eligibility of 10,000 youths, outcome rows, 10,000 enrolments and their email jobs, published JSON),
 *    once, as the job does it.
 * Time and memory (heap and RSS growth) for each; the machine's load average beside them.
 * Run: `npx tsx bench/draw.ts` (REQUESTS=10000 PLACES=300 RUNS=20).
 */
import fs from 'node:fs'

import { sql } from '@payloadcms/db-postgres'

import { runCourseDraw } from '../collections/DrawRequests/run'
import { newSecret, placesForShare, runDraw } from '../lib/draw/algorithm'
import { signUp } from '../tests/helpers/youth'
import { freshPlatform, percentile } from './lib'

process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.RATE_LIMITS = 'off'
const REQUESTS = Number(process.env.REQUESTS || 10_000)
const PLACES = Number(process.env.PLACES || 300)
const RUNS = Number(process.env.RUNS || 20)
const DAY = 86_400_000
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`)

// ---- 1. the algorithm alone ---------------------------------------------------------------------
{
  const groups = [
    { key: 'grupo-1', places: placesForShare(PLACES, 20) },
    { key: 'grupo-2', places: placesForShare(PLACES, 20) },
    { key: 'grupo-3', places: placesForShare(PLACES, 10) },
  ]
  const requests = Array.from({ length: REQUESTS }, (_, i) => ({
    folio: `S-${String(i).padStart(4, '0').slice(-4)}-${(i * 7919).toString(36).toUpperCase().padStart(4, '0').slice(-4)}${i}`,
    groups: [i % 3 === 0 ? 'grupo-1' : '', i % 5 === 0 ? 'grupo-2' : '', i % 7 === 0 ? 'grupo-3' : ''].filter(Boolean),
  }))
  runDraw({ secret: newSecret(), capacity: PLACES, groups, requests }) // warm-up
  const times: number[] = []
  let heapGrowth = 0
  const rssBefore = process.memoryUsage().rss
  for (let r = 0; r < RUNS; r++) {
    global.gc?.()
    const heap = process.memoryUsage().heapUsed
    const started = performance.now()
    const result = runDraw({ secret: newSecret(), capacity: PLACES, groups, requests })
    times.push(performance.now() - started)
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heap)
    if (result.entries.filter((e) => e.outcome === 'confirmed').length !== PLACES) throw new Error('wrong number of places')
  }
  log(
    `algorithm: ${REQUESTS} requests, ${PLACES} places, 3 groups, ${RUNS} runs: p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ` +
      `heap growth per run ≤ ${mib(heapGrowth)}, RSS growth ${mib(process.memoryUsage().rss - rssBefore)} (load ${load()})`,
  )
}

// ---- 2. the whole draw on PostgreSQL ------------------------------------------------------------
const platform = await freshPlatform()
const { payload } = platform
type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
const db = (payload.db as unknown as { drizzle: Db }).drizzle
try {
  log(`database ready; ${REQUESTS} youths and requests (load ${load()})`)
  const course = await payload.create({
    collection: 'courses',
    data: {
      title: 'Taller muy solicitado',
      kind: 'workshop',
      modality: 'online',
      capacity: PLACES,
      _status: 'published',
      allocation: 'draw',
      draw: {
        requestsOpen: new Date(Date.now() - DAY).toISOString(),
        requestsClose: new Date(Date.now() + DAY).toISOString(),
        drawAt: new Date(Date.now() + 2 * DAY).toISOString(),
        groups: [
          { label: 'Primera vez en el instituto', rule: 'first-time', share: 20 },
          { label: 'Colonias de atención prioritaria', rule: 'colonia', share: 20 },
          { label: '18 a 20 años', rule: 'age', share: 10, ageMin: 18, ageMax: 20 },
        ],
        colonias: Array.from({ length: 50 }, (_, i) => `Colonia Prioritaria ${i}`).join('\n'),
      },
    } as never,
  })
  const first = await payload.create({ collection: 'youth', data: { ...signUp(), _verified: true } as never, disableVerificationEmail: true })
  const columns = (
    await db.execute(
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'youth'
          AND column_name NOT IN ('id', 'email', 'curp', 'colonia', 'birth_date', 'created_at', 'updated_at')`,
    )
  ).rows.map((row) => `"${row.column_name}"`)
  const copied = sql.raw(columns.join(', '))
  // Every tenth youth in a priority colonia; ages 18–29 spread; a third enrolled before somewhere else.
  await db.execute(
    sql`INSERT INTO youth (email, colonia, birth_date, ${copied}, created_at, updated_at)
        SELECT 'sorteo-joven' || g || '@ejemplo.mx', CASE WHEN g % 10 = 0 THEN 'Colonia Prioritaria ' || (g % 50) ELSE 'Colonia ' || g END,
               now() - ((18 + g % 12) || ' years')::interval - (g % 300 || ' days')::interval, ${copied}, now(), now()
        FROM youth, generate_series(1, ${REQUESTS}) g WHERE youth.id = ${first.id}`,
  )
  const other = await payload.create({ collection: 'courses', data: { title: 'Curso anterior', kind: 'course', modality: 'online', capacity: REQUESTS, _status: 'published' } as never })
  await db.execute(
    sql`INSERT INTO enrollments (course_id, youth_id, status, confirmed_at, created_at, updated_at)
        SELECT ${other.id}, id, 'confirmed', now(), now(), now() FROM youth WHERE email LIKE 'sorteo-joven%' AND id % 3 = 0`,
  )
  await db.execute(
    sql`INSERT INTO draw_requests (folio, course_id, youth_id, status, created_at, updated_at)
        SELECT 'S-' || upper(substr(md5(id::text), 1, 4)) || '-' || upper(substr(md5(id::text), 5, 4)), ${course.id}, id, 'requested', now(), now()
        FROM youth WHERE email LIKE 'sorteo-joven%'`,
  )
  await db.execute(sql`UPDATE courses SET draw_requests_close = now() - interval '2 minutes', draw_draw_at = now() - interval '1 minute' WHERE id = ${course.id}`)

  global.gc?.()
  const heap = process.memoryUsage().heapUsed
  const rss = process.memoryUsage().rss
  let peakRss = rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
  const loadBefore = load()
  const started = performance.now()
  const outcome = await runCourseDraw(payload, course.id)
  const elapsed = performance.now() - started
  clearInterval(sampler)
  if (outcome.kind !== 'drawn') throw new Error(outcome.kind)
  const { result } = outcome
  const confirmed = result.entries.filter((e) => e.outcome === 'confirmed')
  const perGroup = result.groups.map((g) => `${g.label}: ${confirmed.filter((e) => e.group === g.key).length}/${g.places} (${result.requestsPerGroup[g.key]} solicitudes)`)
  const [{ n }] = (await db.execute(sql`SELECT count(*)::int AS n FROM enrollments WHERE course_id = ${course.id}`)).rows
  log(
    `whole draw on PostgreSQL: ${result.requests.length} requests, ${confirmed.length} confirmed, ${result.entries.length - confirmed.length} waitlisted, ${n} enrolments written; ` +
      `${(elapsed / 1000).toFixed(2)} s; heap growth ${mib(process.memoryUsage().heapUsed - heap)}, RSS peak growth ${mib(peakRss - rss)}; ` +
      `published JSON ${mib(JSON.stringify(result).length)} (load before ${loadBefore}, after ${load()})`,
  )
  log(`groups: ${perGroup.join('; ')}`)
} finally {
  await platform.stop()
}
process.exit(0)
