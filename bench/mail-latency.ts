/**
 * How long after a person's action its email reaches the mail server: the real `npm start` on its
 * own PostgreSQL, sending over SMTP to a capture server on 127.0.0.1 (npm smtp-server), one action
 * every MAIL_GAP_MS (an idle-ish server, not a load test). Latency = the SMTP server accepting the
 * message − the moment the request was sent.
 *
 *   npx tsx bench/mail-latency.ts              # 40 enrollments, 10 password resets, 10 sign-ups
 *   MAIL_ENROLLMENTS=100 npx tsx bench/mail-latency.ts
 *
 * Enrollment confirmations go through the mail queue (polled every second); the sign-up
 * verification and the password reset are sent by the request itself. Results: the table on
 * stdout and bench/results/mail-latency-<date>.json (with the machine's load average).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { crowd } from '../tests/helpers/crowd'
import { startApp, stopApp, tempDataDir, tempSiteDir } from '../tests/helpers/app-process'
import { smtpCapture } from '../tests/helpers/smtp-capture'
import { signUp } from '../tests/helpers/youth'
import { externalPostgres } from '../tests/faults/postgres'
import { percentile } from './lib'

const enrollments = Number(process.env.MAIL_ENROLLMENTS || 40)
const others = Number(process.env.MAIL_OTHERS || 10)
const gapMs = Number(process.env.MAIL_GAP_MS || 700)
const SECRET = 'mail-bench-secret-0123456789abcdef0123456789'
const ADMIN = { email: 'admin-correo@imju.test', password: 'contraseña-de-correo-segura' }
const DAY = 86_400_000

const db = await externalPostgres()
const smtp = await smtpCapture()
const dataDir = tempDataDir()
const siteDir = tempSiteDir()
console.log('Iniciando la aplicación (npm start) con SMTP hacia un servidor de captura …')
const app = await startApp({ dataDir, siteDir, env: { DATABASE_URL: db.url, PAYLOAD_SECRET: SECRET, RATE_LIMITS: 'off', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SMTP_URL: smtp.url } })
const base = app.url.replace('localhost', '127.0.0.1')
const sql = new pg.Client({ connectionString: db.url })
await sql.connect()
const post = (p: string, body?: unknown, token?: string) =>
  fetch(`${base}/api${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

const adminToken = (await (await post('/users/login', ADMIN)).json()).token
const start = Date.now() + 7 * DAY
const course = await (
  await post(
    '/courses',
    {
      title: 'Taller de medición de correo',
      kind: 'workshop',
      modality: 'online',
      capacity: enrollments + 10,
      _status: 'published',
      enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString() }],
    },
    adminToken,
  )
).json()
const people = await crowd({ url: base, sql, secret: SECRET, count: enrollments + others, prefix: 'medicion' })
// Let the start-up work (first site rebuilds, the sign-up above) settle before measuring.
await new Promise((resolve) => setTimeout(resolve, 10_000))

/** Sends the action, then waits for the message to `to` whose subject matches. */
async function measure(action: () => Promise<Response>, to: string, subject: RegExp): Promise<number> {
  const sent = Date.now()
  const response = await action()
  if (response.status >= 300) throw new Error(`${response.status} ${await response.text()}`)
  const deadline = sent + 120_000
  for (;;) {
    const mail = smtp.accepted.find((m) => m.at >= sent && m.to.includes(to) && subject.test(m.subject))
    if (mail) return mail.at - sent
    if (Date.now() > deadline) throw new Error(`no email to ${to} within 120 s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const results: Record<string, number[]> = { 'confirmación de inscripción (cola de correo)': [], 'restablecer contraseña': [], 'verificación al crear cuenta': [] }
const load = os.loadavg()
for (const [i, person] of people.entries()) {
  if (i < enrollments) {
    results['confirmación de inscripción (cola de correo)'].push(await measure(() => post(`/courses/${course.doc.id}/enroll`, undefined, person.token), person.email, /Tienes lugar/))
  } else {
    results['restablecer contraseña'].push(await measure(() => post('/youth/forgot-password', { email: person.email }), person.email, /contraseña/i))
    const fresh = signUp()
    results['verificación al crear cuenta'].push(await measure(() => post('/youth', fresh), String(fresh.email), /Confirma tu correo/))
  }
  await new Promise((resolve) => setTimeout(resolve, gapMs))
}
const loadAfter = os.loadavg()

const rows = Object.entries(results).map(([kind, ms]) => ({
  kind,
  n: ms.length,
  p50: Math.round(percentile(ms, 50)),
  p95: Math.round(percentile(ms, 95)),
  max: Math.round(Math.max(...ms)),
}))
console.log('\nmensaje                                          n    p50 ms   p95 ms   máx ms')
for (const r of rows) console.log(`${r.kind.padEnd(48)} ${String(r.n).padStart(3)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.max).padStart(8)}`)
console.log(`carga (1 min) antes ${load[0].toFixed(1)}, después ${loadAfter[0].toFixed(1)}; ${os.cpus().length} núcleos`)
const out = path.resolve(import.meta.dirname, 'results')
fs.mkdirSync(out, { recursive: true })
fs.writeFileSync(path.join(out, `mail-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ rows, load, loadAfter, gapMs }, null, 1))

await sql.end()
await stopApp(app, 'SIGTERM')
await smtp.close()
await db.remove()
for (const dir of [dataDir, siteDir]) fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
