/**
 * Enrolment benchmark: throughput and latency (p50/p99) of POST /api/courses/:id/enroll at 50 and
 * 200 concurrent clients, against one course and against many, next to PostgreSQL's own
 * single-row insert rate measured in the same run; then the check that no course is over capacity.
 * Requests go through Payload's real REST handlers in this process (no HTTP parsing, no network).
 * Run: `npx tsx bench/enroll.ts` (ENROLMENTS=600 per scenario by default; DATABASE_POOL_MAX=20).
 */
import pg from 'pg'
import type { Payload } from 'payload'

import type { TestContext } from '../tests/helpers/payload'
import { crowd, openCourse } from '../tests/int/enrollment-fixtures'
import { closePayload } from '../server/close-payload'
import { freshPlatform, percentile, seconds } from './lib'

process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.DATABASE_POOL_MAX ||= '20'
const perScenario = Number(process.env.ENROLMENTS || 600)
const platform = await freshPlatform()
const payload: Payload = platform.payload
const ctx = { payload } as unknown as TestContext
const config = (await import('../payload.config')).default
const routes = await import('@payloadcms/next/routes')
const post = routes.REST_POST(config)

const enrol = async (courseId: number, token: string): Promise<number> => {
  const request = new Request(`http://localhost/api/courses/${courseId}/enroll`, { method: 'POST', headers: { Authorization: `JWT ${token}` } })
  const response = await post(request, { params: Promise.resolve({ slug: ['courses', String(courseId), 'enroll'] }) })
  await response.arrayBuffer()
  return response.status
}

type Result = { scenario: string; clients: number; total: number; perSecond: number; p50: number; p99: number; errors: number }

/** `clients` workers share a queue of (course, youth) pairs; each sends its next request when the last one answers. */
async function run(scenario: string, clients: number, jobs: { course: number; token: string }[]): Promise<Result> {
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]
        const sent = performance.now()
        const status = await enrol(job.course, job.token).catch(() => 500)
        latencies.push(performance.now() - sent)
        if (status !== 201) errors++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  return { scenario, clients, total: jobs.length, perSecond: Math.round(jobs.length / elapsed), p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), errors }
}

/** PostgreSQL alone: autocommitted single-row inserts from `clients` connections for `ms`. */
async function postgresInsertRate(clients: number, ms: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Math.min(clients, Number(process.env.DATABASE_POOL_MAX)) })
  await pool.query('CREATE TABLE IF NOT EXISTS bench_rows (id serial PRIMARY KEY, course integer, youth integer, at timestamptz DEFAULT now())')
  let inserted = 0
  const until = Date.now() + ms
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (Date.now() < until) {
        await pool.query('INSERT INTO bench_rows (course, youth) VALUES ($1, $2)', [i, inserted])
        inserted++
      }
    }),
  )
  await pool.end()
  return Math.round(inserted / (ms / 1000))
}

/**
 * The REST handlers call getPayload({ cron: true }), which starts the job runners in this process:
 * a site rebuild (queued by every course created here) would then compete with the benchmark.
 */
async function stopJobRunners() {
  const { getPayload } = await import('payload')
  await enrol(0, 'warm-up')
  for (const instance of [payload, await getPayload({ config })]) for (const cron of (instance as unknown as { crons: { stop: () => void }[] }).crons ?? []) cron.stop()
}

try {
  let started = Date.now()
  await stopJobRunners()
  const people = await crowd(ctx, perScenario)
  console.log(`${people.length} personas jóvenes con sesión en ${seconds(Date.now() - started)}`)
  const results: Result[] = []
  for (const clients of [50, 200]) {
    const single = await openCourse(ctx, { capacity: Math.round(perScenario / 4) })
    results.push(await run('un curso', clients, people.map((p) => ({ course: single.id, token: p.token }))))
    console.log(`  ${JSON.stringify(results.at(-1))}`)
    const many = await Promise.all(Array.from({ length: 40 }, () => openCourse(ctx, { capacity: Math.ceil(perScenario / 40 / 2) })))
    results.push(await run('40 cursos', clients, people.map((p, i) => ({ course: many[i % many.length].id, token: p.token }))))
    console.log(`  ${JSON.stringify(results.at(-1))}`)
  }
  const baseline: { clients: number; rate: number }[] = []
  for (const clients of [50, 200]) baseline.push({ clients, rate: await postgresInsertRate(clients, 3000) })

  const db = (payload.db as unknown as { pool: pg.Pool }).pool
  const { rows: over } = await db.query(
    `SELECT c.id, c.capacity, count(*) FILTER (WHERE e.status = 'confirmed') AS confirmed FROM courses c JOIN enrollments e ON e.course_id = c.id
     GROUP BY c.id HAVING count(*) FILTER (WHERE e.status = 'confirmed') > c.capacity`,
  )
  const { rows: gaps } = await db.query(
    `SELECT course_id FROM enrollments WHERE status = 'waitlisted' GROUP BY course_id HAVING max(position) <> count(*) OR count(DISTINCT position) <> count(*)`,
  )

  console.log('\n| escenario | clientes | inscripciones | por segundo | p50 (ms) | p99 (ms) | errores |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results) console.log(`| ${r.scenario} | ${r.clients} | ${r.total} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.errors} |`)
  for (const b of baseline) console.log(`| PostgreSQL solo: INSERT de una fila | ${b.clients} | — | ${b.rate} | — | — | — |`)
  console.log(`\nCursos con sobrecupo: ${over.length}. Listas de espera con huecos o repetidos: ${gaps.length}.`)
  if (over.length || gaps.length) process.exitCode = 1
} finally {
  // The REST handlers' own Payload instance (default key) holds a pool too: close it before the database stops.
  const { getPayload } = await import('payload')
  await closePayload(await getPayload({ config }))
  await platform.stop()
}
