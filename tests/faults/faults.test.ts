/**
 * Faults, with the real `npm start` as child processes on a PostgreSQL of their own:
 * - SIGKILL in the middle of 200 concurrent enrolments: after a restart every "confirmed" answer
 *   is in the database and no course is over capacity;
 * - PostgreSQL stopped under the running app: 503 in Spanish, and the app recovers by itself;
 * - two instances on two ports against one PostgreSQL: enrolments, rate limits, the job queue
 *   and the single-flight site rebuild hold across both, and no connection is left in a transaction.
 * (A failing site build keeping the previous site is proven in tests/int/publish-to-live.test.ts.)
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { jwtSign } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type AppProcess, startApp, stopApp, tempDataDir, tempSiteDir } from '../helpers/app-process'
import { outboxAt } from '../helpers/outbox'
import { signUp } from '../helpers/youth'
import { externalPostgres, type ExternalPostgres } from './postgres'

const SECRET = 'faults-secret-0123456789abcdef0123456789'
const ADMIN = { email: 'admin-faults@imju.test', password: 'contraseña-de-fallas-segura' }
const DAY = 86_400_000
type Person = { id: number; token: string }

describe('faults', () => {
  let db: ExternalPostgres
  let sql: pg.Client
  const dataDirs: string[] = []
  const siteDir = tempSiteDir()
  const apps: AppProcess[] = []
  let adminToken: string
  let people: Person[]

  async function launch(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    const dataDir = tempDataDir()
    dataDirs.push(dataDir)
    const app = await startApp({
      dataDir,
      siteDir,
      env: { DATABASE_URL: db.url, PAYLOAD_SECRET: SECRET, RATE_LIMITS: 'off', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...extraEnv },
    })
    apps.push(app)
    return app
  }

  const api = (app: AppProcess, path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    fetch(`${app.url}/api${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `JWT ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })

  let courses = 0
  async function createCourse(app: AppProcess, capacity: number): Promise<{ id: number; slug: string; title: string }> {
    const start = Date.now() + 7 * DAY
    const response = await api(app, '/courses', {
      method: 'POST',
      token: adminToken,
      body: {
        title: `Taller de fallas ${Date.now()} ${++courses}`,
        kind: 'workshop',
        modality: 'online',
        capacity,
        _status: 'published',
        enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
        sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString() }],
      },
    })
    expect(response.status, await response.clone().text()).toBe(201)
    return (await response.json()).doc
  }
  const course = async (app: AppProcess, capacity: number) => (await createCourse(app, capacity)).id

  /** Jobs not yet run (or running) in a queue, optionally of one task. */
  async function pendingJobs(queue: string, task?: string): Promise<number> {
    const { rows } = await sql.query(
      `select count(*)::int as n from payload_jobs where queue = $1 and ($2::text is null or task_slug::text = $2)
       and completed_at is null and not coalesce(has_error, false)`,
      [queue, task ?? null],
    )
    return rows[0].n
  }

  /** Site builds recorded since `since`, as intervals (a running one has no end yet). */
  async function builds(since: Date) {
    const { rows } = await sql.query(`select id, result, created_at, updated_at from site_builds where created_at > $1 order by created_at`, [since])
    return rows.map((r) => ({
      id: Number(r.id),
      result: String(r.result),
      start: new Date(r.created_at).getTime(),
      end: r.result === 'running' ? Infinity : new Date(r.updated_at).getTime(),
    }))
  }

  /** On a timeout: the jobs and builds as they stand, and what both apps said. */
  const explain = (...running: AppProcess[]) => async (error: Error) => {
    const { rows: jobs } = await sql.query(
      `select id, queue, task_slug, processing, has_error, completed_at, wait_until, concurrency_key, created_at from payload_jobs where queue = 'site' or has_error`,
    )
    const { rows: built } = await sql.query(`select id, result, created_at, updated_at from site_builds order by id`)
    console.log(JSON.stringify({ jobs, built }, null, 1), ...running.map((app) => `\n===== ${app.url}\n${app.output().slice(-5000)}`))
    throw error
  }

  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }

  /** One youth signs up through the app; the rest are SQL copies with real sessions (hashing 200 passwords tests nothing). */
  async function crowd(app: AppProcess, count: number): Promise<Person[]> {
    const data = signUp()
    expect((await api(app, '/youth', { method: 'POST', body: data })).status).toBe(201)
    const { rows: first } = await sql.query(`update youth set _verified = true where email = $1 returning id`, [data.email])
    const { rows: columns } = await sql.query(
      `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'youth'
       and column_name not in ('id', 'email', 'curp', 'created_at', 'updated_at')`,
    )
    const copied = columns.map((c) => `"${c.column_name}"`).join(', ')
    const stamp = Date.now()
    await sql.query(
      `insert into youth (email, ${copied}, created_at, updated_at)
       select 'falla' || g || '.' || $2::text || '@ejemplo.mx', ${copied}, now(), now() from youth, generate_series(1, $3::int) g where youth.id = $1`,
      [first[0].id, stamp, count],
    )
    const { rows: sessions } = await sql.query(
      `insert into youth_sessions (_order, _parent_id, id, created_at, expires_at)
       select 1, y.id, gen_random_uuid()::text, now(), now() + interval '1 day' from youth y where y.email like $1
       returning _parent_id as youth, id as sid, (select email from youth where id = _parent_id) as email`,
      [`falla%.${stamp}@ejemplo.mx`],
    )
    const secret = createHash('sha256').update(SECRET).digest('hex').slice(0, 32)
    return Promise.all(
      sessions.map(async (s) => ({
        id: Number(s.youth),
        token: (await jwtSign({ fieldsToSign: { id: Number(s.youth), collection: 'youth', email: s.email, sid: s.sid }, secret, tokenExpiration: 86_400 })).token,
      })),
    )
  }

  async function seats(courseId: number) {
    const { rows } = await sql.query(
      `select status, count(*)::int as n, count(distinct position)::int as positions from enrollments where course_id = $1 group by status`,
      [courseId],
    )
    return Object.fromEntries(rows.map((r) => [r.status, { n: r.n, positions: r.positions }])) as Record<string, { n: number; positions: number }>
  }

  async function connectSql(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: db.url })
    client.on('error', () => {}) // the PostgreSQL test stops the server under this client too
    await client.connect()
    return client
  }

  beforeAll(async () => {
    db = await externalPostgres()
    const app = await launch()
    sql = await connectSql()
    const login = await api(app, '/users/login', { method: 'POST', body: ADMIN })
    expect(login.status, await login.clone().text()).toBe(200)
    adminToken = (await login.json()).token
    people = await crowd(app, 200)
  })
  afterAll(async () => {
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) await stopApp(app, 'SIGKILL')
    await sql?.end().catch(() => {})
    await db?.remove()
    for (const dir of [...dataDirs, siteDir]) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('SIGKILL in the middle of 200 concurrent enrolments loses no confirmed seat and oversells none', async () => {
    const app = apps[0]
    const capacity = 50
    const courseId = await course(app, capacity)
    const confirmed: number[] = []
    let answered = 0
    let killed = false
    const requests = people.map(async (person) => {
      try {
        const response = await api(app, `/courses/${courseId}/enroll`, { method: 'POST', token: person.token })
        const body = await response.json()
        answered++
        if (response.status === 201 && body.status === 'confirmed') confirmed.push(person.id)
      } catch {
        // the connection died with the app
      }
      // Kill once some answers are out and many requests are still in flight.
      if (answered >= 20 && !killed) {
        killed = true
        app.child.kill('SIGKILL')
      }
    })
    await Promise.all(requests)
    await app.exited
    expect(killed).toBe(true)
    expect(answered, 'the kill landed mid-way').toBeLessThan(people.length)

    const restarted = await launch()
    const state = await seats(courseId)
    expect(state.confirmed?.n ?? 0).toBeLessThanOrEqual(capacity)
    const { rows } = await sql.query(`select youth_id from enrollments where course_id = $1 and status = 'confirmed'`, [courseId])
    const stored = new Set(rows.map((r) => Number(r.youth_id)))
    expect(confirmed.filter((id) => !stored.has(id)), 'every "confirmed" answer is in the database').toEqual([])
    // The restarted app keeps counting from the database: the availability it reports is the stored one.
    const availability = await (await api(restarted, `/courses/${courseId}/availability`)).json()
    expect(availability.confirmed).toBe(stored.size)
  })

  it('PostgreSQL stopped under the running app: 503 with a Spanish error, and it recovers by itself', async () => {
    const app = apps.at(-1)!
    const courseId = await course(app, 10)
    expect((await api(app, `/courses/${courseId}/availability`)).status).toBe(200)

    await db.stop()
    try {
      for (const [path, method, token] of [
        [`/courses/${courseId}/availability`, 'GET', undefined],
        [`/courses/${courseId}/enroll`, 'POST', people[0].token],
        ['/youth/login', 'POST', undefined],
      ] as const) {
        const response = await api(app, path, { method, token, body: method === 'POST' ? { email: 'x@ejemplo.mx', password: 'y' } : undefined })
        expect(response.status, `${method} ${path}`).toBe(503)
        expect((await response.json()).errors[0].message).toMatch(/base de datos|servicio|momento/i)
      }
      expect(app.child.exitCode, 'the app keeps running').toBeNull()
    } finally {
      await db.start()
    }
    let status = 0
    for (let waited = 0; waited < 30_000 && status !== 200; waited += 500) {
      status = (await api(app, `/courses/${courseId}/availability`)).status
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(status, 'recovered without a restart').toBe(200)
    expect((await api(app, `/courses/${courseId}/enroll`, { method: 'POST', token: people[1].token })).status).toBe(201)
  })

  it('two instances on two ports against one PostgreSQL: enrolments, rate limits, job runs and the site rebuild hold across both', async () => {
    // Exactly two instances from here on: an earlier one still running would be a third job runner.
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) await stopApp(app)
    const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-faults-outbox-'))
    dataDirs.push(outbox)
    // Rate limits on (a low login limit to reach), in one outbox both instances write to.
    const env = { RATE_LIMITS: 'login.ip=3/600,enroll.ip=100000/60', OUTBOX_DIR: outbox }
    const [one, two] = await Promise.all([launch(env), launch(env)])
    // A fresh client: the PostgreSQL test broke the first one.
    await sql.end().catch(() => {})
    sql = await connectSql()
    const since = new Date()

    // (a) 200 enrolments split across both: every "confirmed" answer stored, no seat oversold, one place each in line.
    const capacity = 50
    const courseId = await course(one, capacity)
    const answers = await Promise.all(
      people.map(async (person, i) => {
        const response = await api(i % 2 ? two : one, `/courses/${courseId}/enroll`, { method: 'POST', token: person.token })
        return { youth: person.id, status: response.status, body: await response.json() }
      }),
    )
    expect(answers.filter((a) => a.status !== 201)).toEqual([])
    const { rows: stored } = await sql.query(`select youth_id, status, position from enrollments where course_id = $1`, [courseId])
    const byNumber = (a: number, b: number) => a - b
    const confirmed = stored.filter((r) => r.status === 'confirmed').map((r) => Number(r.youth_id)).sort(byNumber)
    expect(confirmed).toHaveLength(capacity)
    expect(answers.filter((a) => a.body.status === 'confirmed').map((a) => a.youth).sort(byNumber)).toEqual(confirmed)
    const line = stored.filter((r) => r.status === 'waitlisted')
    expect(line.map((r) => Number(r.position)).sort(byNumber)).toEqual(Array.from({ length: people.length - capacity }, (_, i) => i + 1))
    const told = new Map(answers.filter((a) => a.body.status === 'waitlisted').map((a) => [a.youth, a.body.position]))
    expect(line.filter((r) => told.get(Number(r.youth_id)) !== Number(r.position)), 'each answer gives the stored place').toEqual([])

    // (b) One login limit across both: past the address's 3 failures (alternating instances), it may no
    // longer retry that account on either (lib/login-throttle.ts; the 4th failure is still checked).
    const wrong = { email: `limite-compartido-${Date.now()}@ejemplo.mx`, password: 'no-es-la-contraseña' }
    const logins: number[] = []
    for (let i = 0; i < 6; i++) logins.push((await api(i % 2 ? two : one, '/users/login', { method: 'POST', body: wrong })).status)
    expect(logins).toEqual([401, 401, 401, 401, 429, 429])

    // (c) Publishing on both at once, and again while a build runs: one build at a time, the site ends complete.
    const first = await Promise.all([createCourse(one, 5), createCourse(two, 5)])
    const publishedAt = new Date()
    // Up to 2 minutes more after the SIGKILL test: a build the killed app had claimed is handed back (lib/job-claims.ts).
    await until(async () => (await builds(publishedAt)).length > 0, 180_000, 'a site build starts after publishing').catch(explain(one, two))
    const second = await Promise.all([createCourse(one, 5), createCourse(two, 5)])
    await until(async () => (await pendingJobs('site')) === 0 && (await builds(since)).every((b) => b.result !== 'running'), 240_000, 'the site queue drains').catch(explain(one, two))
    const ran = await builds(since)
    expect(ran.map((b) => b.result)).toEqual(ran.map(() => 'success'))
    expect(ran.length).toBeGreaterThanOrEqual(2)
    const overlaps = ran.flatMap((a, i) => ran.slice(i + 1).filter((b) => a.start < b.end && b.start < a.end).map((b) => [a.id, b.id]))
    expect(overlaps, 'no two site builds at the same time').toEqual([])
    for (const doc of [...first, ...second]) {
      for (const app of [one, two]) {
        const page = await fetch(`${app.url}/cursos/${doc.slug}/`)
        expect(page.status, `${app.url}/cursos/${doc.slug}/`).toBe(200)
        expect(await page.text()).toContain(doc.title)
      }
    }

    // Both job runners share the mail queue (each polls it every second): all 200 answers sent, none twice.
    await until(async () => (await pendingJobs('mail', 'enrollmentEmail')) === 0, 120_000, 'both runners send the emails').catch(explain(one, two))
    const mails = outboxAt(outbox).all()
    const sent = new Map<string, number>()
    for (const mail of mails) sent.set(`${mail.to}\n${mail.subject}\n${mail.text}`, (sent.get(`${mail.to}\n${mail.subject}\n${mail.text}`) ?? 0) + 1)
    expect([...sent.values()].filter((n) => n > 1), 'no email sent twice').toEqual([])
    expect(mails.filter((mail) => /lista de espera|Tienes lugar/.test(mail.subject)).length).toBeGreaterThanOrEqual(people.length)

    // (d) No connection left inside a transaction, and a bounded number of them.
    const { rows: stuck } = await sql.query(
      `select pid, state, query from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and state_change < now() - interval '5 seconds'`,
    )
    expect(stuck).toEqual([])
    const { rows: connections } = await sql.query(`select count(*)::int as n from pg_stat_activity where datname = current_database()`)
    console.log(`two instances: ${ran.length} site builds, ${mails.length} emails, ${connections[0].n} connections to PostgreSQL`)
    expect(connections[0].n).toBeLessThanOrEqual(2 * 2 * 10 + 1)
    for (const app of [one, two]) expect(app.output()).not.toMatch(/idle in transaction|payload_jobs_log/)
  })
})
