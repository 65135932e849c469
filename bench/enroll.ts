/**
 * Enrolment benchmark: throughput and latency (p50/p99) of POST /api/courses/:id/enroll over real
 * HTTP (autocannon, keep-alive) at 50 and 200 concurrent clients, against one course and against
 * 40, next to PostgreSQL's own single-row insert rate measured in the same run; then the check that
 * no course is over capacity and no waitlist has a gap. Every request is a different youth with a
 * real session; every answer must be 201. The app runs in its own process (bench/enroll-server.ts,
 * the same request path as server/http.ts) with rate limits off (RATE_LIMITS=off).
 * Run: `npx tsx bench/enroll.ts` (ENROLMENTS=3000 per scenario by default; DATABASE_POOL_MAX=20;
 * BENCH_PROFILE=<folder> for a CPU profile of the app).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import autocannon from 'autocannon'
import pg from 'pg'
import type { Payload } from 'payload'

import type { TestContext } from '../tests/helpers/payload'
import { crowd, openCourse } from '../tests/int/enrollment-fixtures'
import { freshPlatform, seconds } from './lib'

process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.DATABASE_POOL_MAX ||= '20'
process.env.RATE_LIMITS = 'off'
const perScenario = Number(process.env.ENROLMENTS || 3000)
const platform = await freshPlatform()
const payload: Payload = platform.payload
const ctx = { payload } as unknown as TestContext
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/** The app in its own process, as in production; resolves with its base URL. */
function startApp(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'enroll-server.ts')
  // BENCH_PROFILE=<folder>: the app writes a V8 CPU profile there on exit (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] })
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const port = /LISTENING (\d+)/.exec(out)?.[1]
      if (port) resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => (child.kill('SIGTERM'), stopped) })
    })
    child.once('exit', (code) => reject(new Error(`bench/enroll-server.ts terminó (código ${code}) antes de escuchar:\n${out}`)))
  })
}

/**
 * CPU seconds used so far by a process, and with `children` by its children too (PostgreSQL's
 * backends are the postmaster's children; the app's only child is tsx's esbuild, not counted).
 */
function cpuSeconds(root: number, children = false): number {
  let ticks = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')
      if (Number(entry) === root || (children && Number(fields[1]) === root)) ticks += Number(fields[11]) + Number(fields[12])
      // Children that already ended (a pooled connection closed) count in their parent's cutime/cstime.
      if (Number(entry) === root && children) ticks += Number(fields[13]) + Number(fields[14])
    } catch {
      // gone
    }
  }
  return ticks / 100
}

/** The embedded PostgreSQL's postmaster: its pid file is in the benchmark's data folder. */
const postmaster = () => Number(fs.readFileSync(path.join(platform.dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])

type Result = { scenario: string; clients: number; total: number; perSecond: number; p50: number; p99: number; errors: number; load: string; cpuMs: string }

/** `clients` keep-alive connections send the (course, youth) pairs in order, each once. */
async function run(app: { url: string; pid: number }, scenario: string, clients: number, jobs: { course: number; token: string }[]): Promise<Result> {
  let next = 0
  const before = { app: cpuSeconds(app.pid), db: cpuSeconds(postmaster(), true), bench: process.cpuUsage() }
  const result = await autocannon({
    url: app.url,
    connections: clients,
    amount: jobs.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const job = jobs[next++ % jobs.length]
          return { ...request, path: `/api/courses/${job.course}/enroll`, headers: { authorization: `JWT ${job.token}` } }
        },
      },
    ],
  })
  const created = result.statusCodeStats['201']?.count ?? 0
  const bench = process.cpuUsage(before.bench)
  const perRequest = (secondsUsed: number) => ((secondsUsed * 1000) / jobs.length).toFixed(2)
  const cpuMs = `app ${perRequest(cpuSeconds(app.pid) - before.app)} / PostgreSQL ${perRequest(cpuSeconds(postmaster(), true) - before.db)} / autocannon ${perRequest((bench.user + bench.system) / 1e6)}`
  return {
    scenario,
    clients,
    total: jobs.length,
    perSecond: Math.round(created / result.duration),
    p50: Math.round(result.latency.p50),
    p99: Math.round(result.latency.p99),
    errors: jobs.length - created + result.errors + result.timeouts,
    load: load(),
    cpuMs,
  }
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

let app: Awaited<ReturnType<typeof startApp>> | undefined
try {
  const started = Date.now()
  const people = await crowd(ctx, perScenario)
  console.log(`${people.length} personas jóvenes con sesión en ${seconds(Date.now() - started)}`)
  app = await startApp()
  // Warm-up (not reported): the app's first requests compile code paths and fill the pool.
  const warm = await openCourse(ctx, { capacity: 100 })
  await run(app, 'calentamiento', 50, people.slice(0, 500).map((p) => ({ course: warm.id, token: p.token })))

  const results: Result[] = []
  for (const clients of [50, 200]) {
    const single = await openCourse(ctx, { capacity: Math.round(perScenario / 4) })
    results.push(await run(app, 'un curso', clients, people.map((p) => ({ course: single.id, token: p.token }))))
    console.log(`  ${JSON.stringify(results.at(-1))}`)
    const many = await Promise.all(Array.from({ length: 40 }, () => openCourse(ctx, { capacity: Math.ceil(perScenario / 40 / 2) })))
    results.push(await run(app, '40 cursos', clients, people.map((p, i) => ({ course: many[i % many.length].id, token: p.token }))))
    console.log(`  ${JSON.stringify(results.at(-1))}`)
  }
  await app.stop()
  app = undefined
  const baseline: { clients: number; rate: number; load: string }[] = []
  for (const clients of [50, 200]) baseline.push({ clients, rate: await postgresInsertRate(clients, 3000), load: load() })

  const db = (payload.db as unknown as { pool: pg.Pool }).pool
  const { rows: over } = await db.query(
    `SELECT c.id, c.capacity, count(*) FILTER (WHERE e.status = 'confirmed') AS confirmed FROM courses c JOIN enrollments e ON e.course_id = c.id
     GROUP BY c.id HAVING count(*) FILTER (WHERE e.status = 'confirmed') > c.capacity`,
  )
  const { rows: gaps } = await db.query(
    `SELECT course_id FROM enrollments WHERE status = 'waitlisted' GROUP BY course_id HAVING max(position) <> count(*) OR count(DISTINCT position) <> count(*)`,
  )
  const { rows: jobs } = await db.query(`SELECT count(*)::int AS queued FROM payload_jobs WHERE task_slug = 'enrollmentEmail'`)
  const { rows: enrolled } = await db.query(`SELECT count(*)::int AS rows FROM enrollments`)

  console.log(`\n${os()}; ${perScenario} inscripciones por escenario, pool de ${process.env.DATABASE_POOL_MAX}`)
  console.log('\n| escenario | clientes | inscripciones | por segundo | p50 (ms) | p99 (ms) | errores | CPU por inscripción (ms) | carga (1/5/15 min) |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
  for (const r of results) console.log(`| ${r.scenario} | ${r.clients} | ${r.total} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.cpuMs} | ${r.load} |`)
  for (const b of baseline) console.log(`| PostgreSQL solo: INSERT de una fila | ${b.clients} | — | ${b.rate} | — | — | — | — | ${b.load} |`)
  console.log(`\nCursos con sobrecupo: ${over.length}. Listas de espera con huecos o repetidos: ${gaps.length}.`)
  console.log(`Inscripciones guardadas: ${enrolled[0].rows}; correos en cola: ${jobs[0].queued} (uno por inscripción).`)
  if (over.length || gaps.length || jobs[0].queued !== enrolled[0].rows || results.some((r) => r.errors)) process.exitCode = 1
} finally {
  await app?.stop()
  await platform.stop()
}

function os() {
  const cpus = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0
  return `${cpus} núcleos`
}
