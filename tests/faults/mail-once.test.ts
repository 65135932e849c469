/**
 * Mail on time and once, with the real `npm start` sending over SMTP to a capture server:
 * 50 enrollment confirmations (queued by 50 real enrollments), the instance killed (SIGKILL) right
 * after the SMTP server accepted them, every one of the 50 jobs then left "sent but not marked
 * done" (what a kill between the send and Payload's completion write leaves), a restart: each
 * message was delivered exactly once.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type AppProcess, startApp, stopApp, tempDataDir, tempSiteDir } from '../helpers/app-process'
import { crowd } from '../helpers/crowd'
import { smtpCapture } from '../helpers/smtp-capture'
import { externalPostgres, type ExternalPostgres } from './postgres'

const SECRET = 'faults-secret-0123456789abcdef0123456789'
const ADMIN = { email: 'admin-correo@imju.test', password: 'contraseña-de-correo-segura' }
const DAY = 86_400_000
const COUNT = 50
const TITLE = `Taller de correo una vez ${Date.now()}`

describe('mail exactly once', () => {
  let db: ExternalPostgres
  let sql: pg.Client
  let smtp: Awaited<ReturnType<typeof smtpCapture>>
  const dataDirs: string[] = []
  const siteDir = tempSiteDir()
  const apps: AppProcess[] = []

  async function launch(): Promise<AppProcess> {
    const dataDir = tempDataDir()
    dataDirs.push(dataDir)
    const app = await startApp({
      dataDir,
      siteDir,
      env: { DATABASE_URL: db.url, PAYLOAD_SECRET: SECRET, RATE_LIMITS: 'off', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SMTP_URL: smtp.url },
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
  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const confirmations = () => smtp.accepted.filter((m) => m.subject.includes(TITLE))
  const count = async (query: string) => Number((await sql.query(query)).rows[0].n)

  beforeAll(async () => {
    db = await externalPostgres()
    smtp = await smtpCapture()
    await launch()
    sql = new pg.Client({ connectionString: db.url })
    await sql.connect()
  })
  afterAll(async () => {
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) await stopApp(app, 'SIGKILL')
    await sql?.end().catch(() => {})
    await db?.remove()
    await smtp?.close()
    for (const dir of [...dataDirs, siteDir]) fs.rmSync(dir, { recursive: true, force: true })
  })

  it(`${COUNT} queued emails, SIGKILL right after the SMTP sends, restart: each delivered exactly once`, async () => {
    const app = apps[0]
    const login = await api(app, '/users/login', { method: 'POST', body: ADMIN })
    expect(login.status).toBe(200)
    const adminToken = (await login.json()).token
    const start = Date.now() + 7 * DAY
    const created = await api(app, '/courses', {
      method: 'POST',
      token: adminToken,
      body: {
        title: TITLE,
        kind: 'workshop',
        modality: 'online',
        capacity: COUNT,
        _status: 'published',
        enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
        sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString() }],
      },
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const courseId = (await created.json()).doc.id

    const people = await crowd({ url: app.url, sql, secret: SECRET, count: COUNT, prefix: 'correo' })
    const answers = await Promise.all(people.map((p) => api(app, `/courses/${courseId}/enroll`, { method: 'POST', token: p.token }).then((r) => r.status)))
    expect(answers.filter((status) => status !== 201)).toEqual([])

    // Right after the SMTP server accepted the 50th message and the app recorded it: kill.
    await until(async () => confirmations().length >= COUNT && (await count(`select count(*) n from email_deliveries where state = 'sent'`)) >= COUNT, 60_000, 'the 50 confirmations are sent')
    app.child.kill('SIGKILL')
    await app.exited
    expect(confirmations()).toHaveLength(COUNT)
    const notDoneAtKill = await count(`select count(*) n from payload_jobs where queue = 'mail' and completed_at is null`)

    // Every one of the 50 jobs as a kill between the send and the completion write leaves it: still
    // queued, not done (the claim handed back). Job ids come from the sent keys; each job's input
    // (the enrollment) from the message the server got for that key.
    const { rows: keys } = await sql.query(`select key from email_deliveries where key like 'enrollmentEmail:%'`)
    expect(keys).toHaveLength(COUNT)
    for (const { key } of keys) {
      const jobId = Number(String(key).split(':')[1])
      const messageId = createHash('sha256').update(String(key)).digest('hex').slice(0, 32)
      const mail = confirmations().find((m) => m.messageId.includes(messageId))
      expect(mail, `the message sent for ${key}`).toBeDefined()
      const email = /[\w.+-]+@[\w.-]+/.exec(mail!.to)![0]
      const { rows } = await sql.query(
        `select e.id from enrollments e join youth y on y.id = e.youth_id where y.email = $1 and e.course_id = $2`,
        [email, courseId],
      )
      await sql.query(
        `insert into payload_jobs (id, input, task_slug, queue, processing, created_at, updated_at)
         values ($1, jsonb_build_object('enrollment', $2::int, 'kind', 'confirmed'), 'enrollmentEmail', 'mail', false, now(), now())
         on conflict (id) do update set processing = false, completed_at = null, has_error = false`,
        [jobId, rows[0].id],
      )
    }
    expect(await count(`select count(*) n from payload_jobs where queue = 'mail' and completed_at is null and not processing`)).toBe(COUNT)

    await launch()
    await until(async () => (await count(`select count(*) n from payload_jobs where queue = 'mail'`)) === 0, 120_000, 'the restarted app runs the 50 jobs again')
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const perRecipient = new Map<string, number>()
    for (const mail of confirmations()) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1)
    expect(perRecipient.size).toBe(COUNT)
    expect([...perRecipient.values()].filter((n) => n !== 1), 'no message delivered twice').toEqual([])
    // Every key recorded as sent; most were tried again and skipped by the key (attempts ≥ 2). A job
    // whose task result Payload had already logged before the kill is completed without running the
    // handler again, so its key keeps attempts 1.
    expect(await count(`select count(*) n from email_deliveries where key like 'enrollmentEmail:%' and state = 'sent'`)).toBe(COUNT)
    const retried = await count(`select count(*) n from email_deliveries where key like 'enrollmentEmail:%' and attempts >= 2`)
    expect(retried).toBeGreaterThan(0)
    console.log(`mail once: ${COUNT} sent, SIGKILL with ${notDoneAtKill} of them not yet marked done, ${retried} sends tried again and skipped by their key, 0 sent twice`)
  })
})
