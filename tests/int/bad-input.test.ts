/**
 * A bad-input corpus for every public endpoint: broken JSON, wrong types, huge bodies, unicode,
 * HTML/script and SQL-looking strings, impossible ids, missing fields, forged sessions and forged
 * uploads. Each request must get a 4xx with `{ errors: [{ message }] }` in Spanish, and no row may
 * be added anywhere in the database. The corpus is generated from the small tables below.
 */
import { jwtSign } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DIGEST_TASK } from '../../lib/journey/digest'

import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { signUp, staffToken, verifiedYouth } from '../helpers/youth'
import { applyForm, exe, idsOf, openCall, pdf, requiredFiles, validAnswers } from './applications-fixtures'
import { useTemporaryDataDir } from './content/fixtures'
import { openCourse } from './enrollment-fixtures'

const outbox = useOutbox()

/** Values no field of ours accepts in place of a string. */
const WRONG_TYPES: unknown[] = [null, 42, -1, true, [], ['a'], {}, { $ne: '' }]
/** Strings that are malformed for a field with a format (email, date, token, code). */
const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1' --",
  '1; DROP TABLE youth; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '\u0000\u0001\u0002',
  '\u202Eevil\u202C',
  '😀'.repeat(50),
  'x'.repeat(100_000),
  '../../../../etc/passwd',
]
/** Raw bodies that are not the JSON object an endpoint expects. */
const RAW_BODIES = ['{', '{"email":', 'null', '[]', '"texto"', '123', 'true', '<xml/>', '\uFEFF{}', '{"__proto__":{"isAdmin":true}}', `${'['.repeat(5000)}${']'.repeat(5000)}`]
/** Path ids that name no record. */
const BAD_IDS = ['-1', '0', '1.5', '1e3', '99999999999999999999', '2147483648', 'abc', '1%20OR%201%3D1', '1%3BDROP%20TABLE%20courses', '%00', '%F0%9F%92%A9', '%3Cscript%3E', 'null', '0x10']

type Case = { name: string; method: 'GET' | 'POST'; path: string; body?: unknown; raw?: string; token?: string; headers?: Record<string, string> }

/** One field at a time gets each wrong value; then each field goes missing. */
function fieldCases(base: Omit<Case, 'name' | 'body'>, valid: Record<string, unknown>, fields: string[], values: unknown[], required = fields): Case[] {
  return [
    ...fields.flatMap((field) =>
      values.map((value, i) => ({ ...base, name: `${field}=${JSON.stringify(value)?.slice(0, 30)}#${i}`, body: { ...valid, [field]: value } })),
    ),
    ...required.map((field) => {
      const { [field]: _gone, ...rest } = valid
      return { ...base, name: `missing ${field}`, body: rest }
    }),
  ]
}
const rawCases = (base: Omit<Case, 'name' | 'raw'>): Case[] => RAW_BODIES.map((raw, i) => ({ ...base, name: `raw body #${i}`, raw }))
const idCases = (method: Case['method'], path: (id: string) => string, token?: string, body?: unknown): Case[] =>
  BAD_IDS.map((id) => ({ name: `id ${id}`, method, path: path(id), token, body }))

const SPANISH = /[áéíóúñ¿¡]|\b(el|la|los|las|de|que|no|tu|tus|un|una|en|es|con|para|por|ese|esa|este|esta|inicia|sesión|debe|ser|texto)\b/i

describe('bad-input corpus: every malformed request gets a Spanish 4xx and stores nothing', () => {
  let ctx: TestContext
  let db: pg.Client
  let youth: Awaited<ReturnType<typeof verifiedYouth>>
  let forged: Record<string, string>
  let courseId: number
  let call: Awaited<ReturnType<typeof openCall>>
  let coordinator: string

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    db = new pg.Client({ connectionString: ctx.databaseUrl })
    await db.connect()
    youth = await verifiedYouth(ctx)
    courseId = (await openCourse(ctx)).id as number
    call = await openCall(ctx)
    coordinator = await staffToken(ctx, 'coordinator')
    // Publishing queues site-rebuild jobs a moment later: start counting once the database is quiet.
    for (let last = '', stable = 0; stable < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 700))
      const now = JSON.stringify(await totalRows())
      stable = now === last ? stable + 1 : 0
      last = now
    }
    const sign = (fields: Record<string, unknown>, secret = ctx.payload.secret, exp = 3600) => jwtSign({ fieldsToSign: fields, secret, tokenExpiration: exp }).then((r) => r.token)
    forged = {
      garbage: 'no-es-un-token',
      huge: 'a'.repeat(20_000),
      'wrong secret': await sign({ id: youth.id, collection: 'youth', email: youth.email }, 'otro-secreto-cualquiera-de-32-caracteres'),
      'unsigned (alg none)': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ id: youth.id, collection: 'youth' })).toString('base64url')}.`,
      'no session id': await sign({ id: youth.id, collection: 'youth', email: youth.email }),
      'unknown collection': await sign({ id: 1, collection: 'admins', email: 'x@y.z', sid: 'x' }),
    }
  })
  afterAll(async () => {
    await db.end()
    await ctx.close()
    outbox.cleanup()
  })

  /** Rows in every table (the rate limiter's counters excepted: counting attempts is its job). */
  async function totalRows(): Promise<Record<string, number>> {
    const { rows } = await db.query(`select tablename from pg_tables where schemaname = current_schema() and tablename !~ 'rate' order by tablename`)
    const counts: Record<string, number> = {}
    for (const { tablename } of rows) counts[tablename] = (await db.query(`select count(*)::int as n from "${tablename}"`)).rows[0].n
    // The job scheduler queues its own cron tasks (reminders every quarter hour) whenever it runs:
    // rows no request made. Every other job (an email a request would queue) still counts.
    counts.payload_jobs = (await db.query(`select count(*)::int as n from payload_jobs where coalesce(task_slug::text, '') not in ('enrollmentReminders', '${DIGEST_TASK}')`)).rows[0].n
    delete counts.payload_jobs_stats
    return counts
  }

  async function send(c: Case): Promise<Response> {
    const headers: Record<string, string> = { ...c.headers }
    let body: unknown = c.body
    if (c.raw !== undefined) {
      body = c.raw
      headers['Content-Type'] = 'application/json'
    }
    return ctx.rest(c.method, c.path, { body, token: c.token, headers })
  }

  const forgedCases = (method: Case['method'], path: string, body?: unknown): Case[] =>
    Object.entries(forged).map(([name, token]) => ({ name: `forged session: ${name}`, method, path, token, body }))

  const CORPUS: Record<string, () => Promise<Case[]>> = {
    'POST /youth (sign-up)': async () => {
      const valid = signUp()
      const base = { method: 'POST' as const, path: '/youth' }
      return [
        ...rawCases(base),
        ...fieldCases(base, valid, ['email', 'birthDate'], [...WRONG_TYPES, ...HOSTILE_STRINGS]),
        ...fieldCases(base, valid, ['password', 'givenNames', 'surnames', 'municipality', 'privacy'], [...WRONG_TYPES, 'x'.repeat(100_000)], ['password', 'givenNames', 'surnames', 'privacy']),
        { ...base, name: 'verified by the caller', body: { ...valid, email: 'x', _verified: true } },
      ]
    },
    'POST /youth/login': async () => {
      const base = { method: 'POST' as const, path: '/youth/login' }
      return [...rawCases(base), ...fieldCases(base, { email: youth.email, password: 'no es la contraseña' }, ['email', 'password'], [...WRONG_TYPES, ...HOSTILE_STRINGS])]
    },
    'POST /youth/forgot-password': async () => {
      const base = { method: 'POST' as const, path: '/youth/forgot-password' }
      return [...rawCases(base), ...fieldCases(base, { email: youth.email }, ['email'], [...WRONG_TYPES, ...HOSTILE_STRINGS])]
    },
    'POST /youth/verify-email': async () => {
      const base = { method: 'POST' as const, path: '/youth/verify-email' }
      return [...rawCases(base), ...fieldCases(base, { token: 'a'.repeat(40) }, ['token'], [...WRONG_TYPES, ...HOSTILE_STRINGS, 'a'.repeat(40)])]
    },
    'POST /youth/resend-verification': async () => [
      ...forgedCases('POST', '/youth/resend-verification'),
      ...rawCases({ method: 'POST', path: '/youth/resend-verification' }),
      ...HOSTILE_STRINGS.map((token, i) => ({ name: `hostile token #${i}`, method: 'POST' as const, path: '/youth/resend-verification', token: encodeURIComponent(token) || 'x' })),
      ...HOSTILE_STRINGS.map((junk, i) => ({ name: `hostile cookie #${i}`, method: 'POST' as const, path: '/youth/resend-verification', headers: { Cookie: `payload-token=${encodeURIComponent(junk)}` } })),
    ],
    'POST /courses/:id/enroll': async () => [
      ...idCases('POST', (id) => `/courses/${id}/enroll`, youth.token),
      ...forgedCases('POST', `/courses/${courseId}/enroll`),
      ...fieldCases({ method: 'POST', path: `/courses/${courseId}/enroll`, token: coordinator }, { youth: youth.id }, ['youth'], [...WRONG_TYPES.filter((v) => v !== 42), ...HOSTILE_STRINGS, 999_999_999]),
      ...rawCases({ method: 'POST', path: `/courses/${courseId}/enroll`, token: coordinator }),
    ],
    'POST /enrollments/:id/cancel': async () => [...idCases('POST', (id) => `/enrollments/${id}/cancel`, youth.token), ...forgedCases('POST', '/enrollments/1/cancel'), ...idCases('POST', (id) => `/enrollments/${id}/cancel`, coordinator)],
    'POST /calls/:id/apply': async () => {
      const files = await requiredFiles(call)
      const { d, q } = idsOf(call)
      const answers = validAnswers(call)
      const path = `/calls/${call.id}/apply`
      const form = (data: unknown, parts = files, raw = false) => {
        const f = applyForm({}, parts)
        f.set('data', raw ? String(data) : JSON.stringify(data))
        return f
      }
      const submit = (extra: Record<string, unknown>) => ({ answers: { ...answers, ...extra }, submit: true })
      const forgedUploads: [string, Buffer, string, string][] = [
        ['exe renamed .pdf', exe(), 'ine.pdf', 'application/pdf'],
        ['empty file', Buffer.alloc(0), 'ine.pdf', 'application/pdf'],
        ['html as pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'ine.pdf', 'application/pdf'],
        ['svg with script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'ine.svg', 'image/svg+xml'],
        ['zip bomb-ish', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2048)]), 'ine.zip', 'application/zip'],
        ['too large', Buffer.concat([await pdf(), Buffer.alloc(30 * 1024 * 1024)]), 'ine.pdf', 'application/pdf'],
        ['program with a double extension', exe(), 'ine.pdf.exe', 'application/x-msdownload'],
      ]
      return [
        ...idCases('POST', (id) => `/calls/${id}/apply`, youth.token, applyForm(submit({}), files)),
        ...forgedCases('POST', path, applyForm(submit({}), files)),
        ...RAW_BODIES.map((raw, i) => ({ name: `data part #${i}`, method: 'POST' as const, path, token: youth.token, body: form(raw, files, true) })),
        ...[...WRONG_TYPES.filter((v) => typeof v !== 'number'), 'x'.repeat(100_000), 'nueve'].map((v, i) => ({ name: `required answer ${JSON.stringify(v)?.slice(0, 20)}#${i}`, method: 'POST' as const, path, token: youth.token, body: form(submit({ [q['Promedio']]: v })) })),
        { name: 'answers not an object', method: 'POST', path, token: youth.token, body: form({ answers: 'hola', submit: true }) },
        { name: 'missing required file', method: 'POST', path, token: youth.token, body: form(submit({}), files.slice(1)) },
        ...forgedUploads.map(([name, content, filename, type]) => ({
          name: `forged upload: ${name}`,
          method: 'POST' as const,
          path,
          token: youth.token,
          body: form(submit({}), [{ name: d['Identificación oficial'], content, filename, type }, files[1]]),
        })),
        { name: 'JSON instead of multipart', method: 'POST', path, token: youth.token, body: submit({}) },
      ]
    },
    'POST /applications/:id/withdraw': async () => [...idCases('POST', (id) => `/applications/${id}/withdraw`, youth.token), ...forgedCases('POST', '/applications/1/withdraw'), ...idCases('POST', (id) => `/applications/${id}/withdraw`)],
    'GET /courses/:id/availability': async () => [...idCases('GET', (id) => `/courses/${id}/availability`), ...idCases('GET', (id) => `/courses/${id}/availability`, youth.token), ...forgedCases('GET', '/courses/999999/availability')],
    'GET /enrollments/certificate/:code': async () => [
      ...[...HOSTILE_STRINGS.filter((s) => s.trim() && s.length < 5000), 'VJ-AAAA-AAAA-AAAA', 'vj-2345-6789-abcd', 'VJ-0000-0000-0000', 'VJ-AAAA-AAAA-AAAA-AAAA', '%25'].flatMap((code, i) => [
        { name: `code #${i}`, method: 'GET' as const, path: `/enrollments/certificate/${encodeURIComponent(code)}` },
        { name: `pdf code #${i}`, method: 'GET' as const, path: `/enrollments/certificate/${encodeURIComponent(code)}/pdf` },
      ]),
      ...forgedCases('GET', '/enrollments/certificate/VJ-AAAA-AAAA-AAAA'),
    ],
  }

  it.each(Object.keys(CORPUS))('%s', async (endpoint) => {
    const cases = await CORPUS[endpoint]()
    expect(cases.length, 'at least 30 malformed requests').toBeGreaterThanOrEqual(30)
    const before = await totalRows()
    const wrong: string[] = []
    for (const c of cases) {
      const response = await send(c)
      const text = await response.text()
      let body: { errors?: { message?: unknown }[] } | undefined
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      const message = body?.errors?.[0]?.message
      const fine = response.status >= 400 && response.status < 500 && typeof message === 'string' && SPANISH.test(message)
      if (!fine) wrong.push(`${c.name} → ${response.status} ${text.slice(0, 160)}`)
    }
    expect(wrong).toEqual([])
    expect(await totalRows()).toEqual(before)
  })
})
