/**
 * Soak: mixed traffic at a steady rate for N minutes against the real `npm start` on its own
 * PostgreSQL, sampling every SOAK_SAMPLE_SECONDS: error rate, p50/p99, the app's RSS and the
 * PostgreSQL connections (pg_stat_activity). Open loop: requests leave on schedule whether or not
 * earlier ones have answered, as real visitors do.
 *
 *   npx tsx bench/soak.ts                       # 10 minutes, 20 requests/s
 *   SOAK_MINUTES=3 SOAK_RATE=30 npx tsx bench/soak.ts
 *
 * Mix: 40 % page views (home, course list, a course page), 10 % on-demand pages (log-in, sign-up,
 * verification link, no-JS enrolment and apply forms, certificate check, preview: any answer below
 * 500 with a body is right), 25 % seat checks (availability), 15 % enrolments (each a new youth ×
 * course pair: confirmed or waitlisted), 10 % youth logins. Every SOAK_PUBLISH_MINUTES (3) the
 * administrator publishes a change (a course edit or a new news item: partial builds; every third a
 * pillar edit: a full build) and the soak waits for its build: a failed build counts as an error.
 * Rate limits are off (RATE_LIMITS=off): one machine is every visitor here. Results: the table on
 * stdout and bench/results/soak-<date>.json.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { jwtSign } from 'payload'
import pg from 'pg'

import { startApp, stopApp, tempDataDir, tempSiteDir } from '../tests/helpers/app-process'
import { externalPostgres } from '../tests/faults/postgres'
import { signUp } from '../tests/helpers/youth'

const minutes = Number(process.env.SOAK_MINUTES || 10)
const rate = Number(process.env.SOAK_RATE || 20)
const sampleSeconds = Number(process.env.SOAK_SAMPLE_SECONDS || 15)
const SECRET = 'soak-secret-0123456789abcdef0123456789abcdef'
const ADMIN = { email: 'admin-soak@imju.test', password: 'contraseña-soak-muy-segura' }
const DAY = 86_400_000

const db = await externalPostgres()
const dataDir = tempDataDir()
const siteDir = tempSiteDir()
console.log('Iniciando la aplicación (npm start) sobre un PostgreSQL propio …')
const app = await startApp({ dataDir, siteDir, env: { DATABASE_URL: db.url, PAYLOAD_SECRET: SECRET, RATE_LIMITS: 'off', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } })
const base = app.url.replace('localhost', '127.0.0.1')
const sql = new pg.Client({ connectionString: db.url })
await sql.connect()

const call = (p: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  fetch(`${base}${p}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `JWT ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })

// ---- data: courses, and a crowd of verified youths with real sessions --------------------------
const adminToken = (await (await call('/api/users/login', { method: 'POST', body: ADMIN })).json()).token
const courses: { id: number; slug: string }[] = []
for (let i = 0; i < 10; i++) {
  const start = Date.now() + 7 * DAY
  const response = await call('/api/courses', {
    method: 'POST',
    token: adminToken,
    body: {
      title: `Taller de resistencia ${i + 1}`,
      kind: 'workshop',
      modality: 'online',
      capacity: 40,
      _status: 'published',
      enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString() }],
    },
  })
  const { doc } = await response.json()
  courses.push({ id: doc.id, slug: doc.slug })
}
const person = signUp()
await call('/api/youth', { method: 'POST', body: person })
const crowdSize = Math.ceil((minutes * 60 * rate * 0.15) / courses.length) + 50
const { rows: first } = await sql.query(`update youth set _verified = true where email = $1 returning id`, [person.email])
const { rows: columns } = await sql.query(
  `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'youth' and column_name not in ('id', 'email', 'curp', 'created_at', 'updated_at')`,
)
const copied = columns.map((c) => `"${c.column_name}"`).join(', ')
await sql.query(
  `insert into youth (email, ${copied}, created_at, updated_at) select 'soak' || g || '@ejemplo.mx', ${copied}, now(), now() from youth, generate_series(1, $2::int) g where youth.id = $1`,
  [first[0].id, crowdSize],
)
const { rows: sessions } = await sql.query(
  `insert into youth_sessions (_order, _parent_id, id, created_at, expires_at)
   select 1, y.id, gen_random_uuid()::text, now(), now() + interval '1 day' from youth y where y.email like 'soak%@ejemplo.mx'
   returning _parent_id as youth, id as sid, (select email from youth where id = _parent_id) as email`,
)
const secret = createHash('sha256').update(SECRET).digest('hex').slice(0, 32)
const tokens = await Promise.all(
  sessions.map(async (s) => (await jwtSign({ fieldsToSign: { id: Number(s.youth), collection: 'youth', email: s.email, sid: s.sid }, secret, tokenExpiration: 86_400 })).token),
)
// Traffic starts once the courses' static pages are live: a 404 while the first rebuild runs is
// the publishing delay, not an error of the running platform.
for (let waited = 0; ; waited += 1000) {
  const status = (await call(`/cursos/${courses.at(-1)!.slug}/`)).status
  if (status === 200) break
  if (waited > 180_000) throw new Error(`la página del curso no apareció en 3 min (${status})`)
  await new Promise((resolve) => setTimeout(resolve, 1000))
}
console.log(`${courses.length} cursos, ${tokens.length} personas jóvenes. Carga: ${rate} peticiones/s durante ${minutes} min.`)

const firstSlug = async (collection: string) =>
  (await (await call(`/api/${collection}?limit=1&where[_status][equals]=published`)).json()).docs[0]?.slug ?? 'no-existe'
const onDemand = [
  '/cuenta/ingresar/',
  '/cuenta/registro/',
  '/cuenta/olvide/',
  '/cuenta/verificar?token=token-que-no-existe',
  '/cuenta/',
  `/cursos/${courses[0].slug}/inscripcion`,
  `/convocatorias/${await firstSlug('calls')}/postular`,
  '/constancias/CODIGO-QUE-NO-EXISTE',
  '/vista-previa/news/1',
]

// ---- traffic -----------------------------------------------------------------------------------
type Kind = 'página' | 'bajo demanda' | 'disponibilidad' | 'inscripción' | 'login'
let pairs = 0
function next(): { kind: Kind; send: () => Promise<Response> } {
  const r = Math.random()
  const course = courses[Math.floor(Math.random() * courses.length)]
  if (r < 0.4) {
    const pages = ['/', '/cursos/', `/cursos/${course.slug}/`]
    return { kind: 'página', send: () => call(pages[Math.floor(Math.random() * pages.length)]) }
  }
  if (r < 0.5) {
    const route = onDemand[Math.floor(Math.random() * onDemand.length)]
    return { kind: 'bajo demanda', send: () => fetch(`${base}${route}`, { redirect: 'manual' }) }
  }
  if (r < 0.75) return { kind: 'disponibilidad', send: () => call(`/api/courses/${course.id}/availability`) }
  if (r < 0.9) {
    const n = pairs++
    const target = courses[n % courses.length]
    const token = tokens[Math.floor(n / courses.length) % tokens.length]
    return { kind: 'inscripción', send: () => call(`/api/courses/${target.id}/enroll`, { method: 'POST', token }) }
  }
  return { kind: 'login', send: () => call('/api/youth/login', { method: 'POST', body: { email: person.email, password: person.password } }) }
}

type Sample = { minuto: number; peticiones: number; 'error %': number; 'p50 ms': number; 'p99 ms': number; 'RSS MB': number; 'conexiones PG': number; 'carga 1 min': number }
const samples: Sample[] = []
let window: { ms: number; ok: boolean }[] = []
const all: number[] = []
let errors = 0
let total = 0
const errorKinds: Record<string, number> = {}
const countError = (what: string) => (errorKinds[what] = (errorKinds[what] ?? 0) + 1)

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0)
const rssMb = () => {
  const status = fs.readFileSync(`/proc/${app.child.pid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}
const started = Date.now()
const inFlight = new Set<Promise<void>>()
const timer = setInterval(() => {
  const { kind, send } = next()
  const t0 = performance.now()
  const p = send()
    .then(async (response) => {
      const body = await response.text()
      // On-demand pages answer 200/303/404 as designed; what must never happen is a 5xx or an empty page.
      if (kind === 'bajo demanda' && response.status < 500 && (response.status !== 200 || body.includes('<html'))) return true
      if (kind !== 'bajo demanda' && response.status < 400) return true
      countError(`${kind} ${response.status}`)
      return false
    })
    .catch(() => {
      countError(`${kind} red`)
      return false
    })
    .then((ok) => {
      const ms = performance.now() - t0
      window.push({ ms, ok })
      all.push(ms)
      total++
      if (!ok) errors++
    })
  inFlight.add(p)
  void p.finally(() => inFlight.delete(p))
}, 1000 / rate)

const sampler = setInterval(async () => {
  const batch = window
  window = []
  const sorted = batch.map((b) => b.ms).sort((a, b) => a - b)
  const { rows } = await sql.query(`select count(*)::int as n from pg_stat_activity where datname = 'viajejoven'`)
  const sample: Sample = {
    minuto: Number(((Date.now() - started) / 60_000).toFixed(1)),
    peticiones: batch.length,
    'error %': batch.length ? Number(((100 * batch.filter((b) => !b.ok).length) / batch.length).toFixed(2)) : 0,
    'p50 ms': Math.round(pct(sorted, 50)),
    'p99 ms': Math.round(pct(sorted, 99)),
    'RSS MB': rssMb(),
    'conexiones PG': rows[0].n - 1, // minus this sampler's own
    'carga 1 min': Number(os.loadavg()[0].toFixed(2)),
  }
  samples.push(sample)
  console.log(JSON.stringify(sample))
}, sampleSeconds * 1000)

// ---- publishing, as an editor does through the session -----------------------------------------
const publishEvery = Number(process.env.SOAK_PUBLISH_MINUTES || 3) * 60_000
const publishes: { minuto: number; tipo: string; resultado: string; segundos: number }[] = []
const adminHeaders = { 'content-type': 'application/json', authorization: `JWT ${adminToken}` }
const latestBuild = async () =>
  (await (await fetch(`${base}/api/site-builds?sort=-createdAt&limit=1`, { headers: adminHeaders })).json()).docs[0] as { id: number; result: string } | undefined
const pillarId = (await (await fetch(`${base}/api/pillars?limit=1`, { headers: adminHeaders })).json()).docs[0].id
let stopping = false
async function publishLoop() {
  for (let n = 0; !stopping; n++) {
    await new Promise((resolve) => setTimeout(resolve, publishEvery))
    if (stopping) break
    const before = (await latestBuild())?.id ?? 0
    const kind = n % 3 === 2 ? 'pilar (completa)' : n % 3 === 0 ? 'curso (parcial)' : 'noticia nueva (parcial)'
    const t0 = Date.now()
    const stamp = `${n} ${new Date().toISOString()}`
    const response =
      n % 3 === 2
        ? await fetch(`${base}/api/pillars/${pillarId}`, { method: 'PATCH', headers: adminHeaders, body: JSON.stringify({ description: `Descripción de resistencia ${stamp}` }) })
        : n % 3 === 0
          ? await fetch(`${base}/api/courses/${courses[n % courses.length].id}`, { method: 'PATCH', headers: adminHeaders, body: JSON.stringify({ summary: `Resumen editado ${stamp}` }) })
          : await fetch(`${base}/api/news`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ title: `Noticia de resistencia ${stamp}`, summary: 'Resumen.', _status: 'published' }) })
    await response.arrayBuffer()
    let result = response.status < 300 ? 'sin terminar en 5 min' : `edición ${response.status}`
    while (response.status < 300 && Date.now() - t0 < 300_000) {
      const build = await latestBuild()
      if (build && build.id > before && build.result !== 'running') {
        result = build.result
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    const entry = { minuto: Number(((Date.now() - started) / 60_000).toFixed(1)), tipo: kind, resultado: result, segundos: Math.round((Date.now() - t0) / 1000) }
    publishes.push(entry)
    console.log(JSON.stringify({ publicación: entry }))
    if (result !== 'success') {
      errors++
      countError(`publicación ${result}`)
    }
  }
}
const publisher = publishLoop()

await new Promise((resolve) => setTimeout(resolve, minutes * 60_000))
stopping = true
clearInterval(timer)
clearInterval(sampler)
await Promise.all(inFlight)
await publisher

const sorted = all.sort((a, b) => a - b)
const rss = samples.map((s) => s['RSS MB'])
const conns = samples.map((s) => s['conexiones PG'])
const half = Math.floor(samples.length / 2)
const slope = (points: number[][]) => {
  const mx = avg(points.map((p) => p[0]))
  const my = avg(points.map((p) => p[1]))
  const den = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0)
  return den ? points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / den : 0
}
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
const summary = {
  comando: `SOAK_MINUTES=${minutes} SOAK_RATE=${rate} npx tsx bench/soak.ts`,
  fecha: new Date().toISOString(),
  máquina: `${os.cpus().length} núcleos, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
  peticiones: total,
  'error %': Number(((100 * errors) / Math.max(1, total)).toFixed(3)),
  errores: errorKinds,
  'p50 ms': Math.round(pct(sorted, 50)),
  'p99 ms': Math.round(pct(sorted, 99)),
  'RSS MB (primera mitad → segunda mitad, promedio)': `${Math.round(avg(rss.slice(0, half)))} → ${Math.round(avg(rss.slice(half)))}`,
  'RSS MB máx': Math.max(...rss),
  // Growth over the second half, per minute: warm-up (JIT, caches) is over by then; a leak is not.
  'RSS MB/min (segunda mitad)': Number(slope(samples.slice(half).map((s) => [s.minuto, s['RSS MB']])).toFixed(2)),
  'RSS MB/min (últimos 30 min)': Number(slope(samples.filter((s) => s.minuto >= minutes - 30).map((s) => [s.minuto, s['RSS MB']])).toFixed(2)),
  'conexiones PG/min (últimos 30 min)': Number(slope(samples.filter((s) => s.minuto >= minutes - 30).map((s) => [s.minuto, s['conexiones PG']])).toFixed(3)),
  publicaciones: publishes.length,
  'publicaciones fallidas': publishes.filter((p) => p.resultado !== 'success').length,
  'segundos por publicación (máx)': Math.max(0, ...publishes.map((p) => p.segundos)),
  'conexiones PG (mín–máx)': `${Math.min(...conns)}–${Math.max(...conns)}`,
  'carga promedio (1 min) al final': Number(os.loadavg()[0].toFixed(2)),
  inscripciones: (await sql.query(`select status, count(*)::int as n from enrollments group by status`)).rows,
}
console.table(samples)
console.log(JSON.stringify(summary, null, 2))
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync(`bench/results/soak-${summary.fecha.replace(/[:.]/g, '-')}.json`, JSON.stringify({ summary, samples, publishes }, null, 2))

await sql.end()
await stopApp(app, 'SIGTERM')
await db.remove()
for (const dir of [dataDir, siteDir]) fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
