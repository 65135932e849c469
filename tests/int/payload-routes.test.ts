/**
 * Payload's built-in routes a person can reach (auth, jobs, preferences, access, unknown paths)
 * answer a mistake in Spanish and in the one error shape, with or without `accept-language`; and
 * a person's mistake is one info line in the log, never an error with a stack (issue #9).
 */
import { APIError } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { captureStdout } from '../helpers/stdout'
import { staffToken, verifiedYouth } from '../helpers/youth'
import { useTemporaryDataDir } from './content/fixtures'

let ctx: TestContext
let youth: Awaited<ReturnType<typeof verifiedYouth>>
let editor: string
let lockedCourse: number
beforeAll(async () => {
  useTemporaryDataDir() // the upload folders these requests look into
  ctx = await setupPayload()
  youth = await verifiedYouth(ctx)
  editor = await staffToken(ctx, 'editor')
  // A course another staff member is editing right now (the admin's edit lock).
  const other = await ctx.payload.create({ collection: 'users', data: { email: `otra.${Date.now()}@imju.gob.mx`, password: 'clave-del-equipo-larga', name: 'Otra', roles: ['editor'] } })
  lockedCourse = (await ctx.payload.create({ collection: 'courses', data: { title: `Curso en edición ${Date.now()}`, kind: 'workshop', modality: 'online', capacity: 10 } as never })).id as number
  await ctx.payload.create({ collection: 'payload-locked-documents', data: { document: { relationTo: 'courses', value: lockedCourse }, user: { relationTo: 'users', value: other.id } } as never })
})
afterAll(() => ctx?.close())

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE'
type Case = [name: string, method: Method, path: string, init?: () => { body?: unknown; token?: string; headers?: Record<string, string> }]

const json = (raw: string) => ({ body: raw, headers: { 'Content-Type': 'application/json' } })
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
/** "Joven" with a lone continuation byte in the middle: not UTF-8. */
const notUtf8 = () => ({ body: new Uint8Array([...Buffer.from('{"givenNames":"Jo'), 0x80, ...Buffer.from('ven"}')]), headers: { 'Content-Type': 'application/json' } })

const CASES: Case[] = [
  ['login, wrong password', 'POST', '/youth/login', () => ({ body: { email: youth.email, password: 'no es la contraseña' } })],
  ['staff login, unknown account', 'POST', '/users/login', () => ({ body: { email: 'nadie@ejemplo.mx', password: 'no es la contraseña' } })],
  ['login, broken JSON', 'POST', '/youth/login', () => json('{"email":')],
  ['forgot password, no email', 'POST', '/youth/forgot-password', () => ({ body: {} })],
  ['reset password, made-up token', 'POST', '/youth/reset-password', () => ({ body: { token: 'a'.repeat(40), password: 'una clave nueva muy larga' } })],
  ['staff reset password, nothing sent', 'POST', '/users/reset-password', () => ({ body: {} })],
  ['verify link on a collection without Payload verification', 'POST', '/youth/verify/abc'],
  ['staff verify link', 'POST', '/users/verify/0123456789abcdef'],
  ['unlock, anonymous', 'POST', '/youth/unlock', () => ({ body: { email: youth.email } })],
  ['staff unlock, no email', 'POST', '/users/unlock', () => ({ body: {} })],
  ['unlock, as a youth', 'POST', '/youth/unlock', () => ({ body: { email: youth.email }, token: youth.token })],
  ['refresh without a session', 'POST', '/youth/refresh-token'],
  ['refresh with a garbage token', 'POST', '/users/refresh-token', () => ({ token: 'no-es-un-token' })],
  ['logout without a session', 'POST', '/youth/logout'],
  ['staff logout with a youth session', 'POST', '/users/logout', () => ({ token: youth.token })],
  ['first-register once there are users', 'POST', '/users/first-register', () => ({ body: { email: 'primera@ejemplo.mx', password: 'x' } })],
  ['run jobs, anonymous', 'GET', '/payload-jobs/run'],
  ['run jobs, as a youth', 'GET', '/payload-jobs/run', () => ({ token: youth.token })],
  ['run jobs, as an editor', 'GET', '/payload-jobs/run?limit=1000', () => ({ token: editor })],
  ['handle schedules, as a youth', 'GET', '/payload-jobs/handle-schedules', () => ({ token: youth.token })],
  ['list jobs, as a youth', 'GET', '/payload-jobs', () => ({ token: youth.token })],
  ['queue a job, as a youth', 'POST', '/payload-jobs', () => ({ token: youth.token, body: { taskSlug: 'sendEmail', input: {} } })],
  ['save a preference, anonymous', 'POST', '/payload-preferences/nav', () => ({ body: { value: {} } })],
  ['delete a preference, anonymous', 'DELETE', '/payload-preferences/nav'],
  ['collection access, anonymous', 'GET', '/youth/access'],
  ['document access, unknown route shape', 'GET', '/youth/access/999'],
  ['query on a field that does not exist', 'GET', '/courses?where[noExiste][equals]=1'],
  ['count on a field that does not exist', 'GET', '/courses/count?where[noExiste][equals]=1'],
  ['where that is not JSON', 'GET', '/courses?where=abc'],
  ['count with a where that is not JSON', 'GET', '/news/count?where=%7B'],
  ['map filter on a text field', 'GET', '/courses?where[title][near]=1,2'],
  ['map filter as JSON, as a youth', 'GET', `/calls?where=${encodeURIComponent('{"or":[{"title":{"within":1}}]}')}`, () => ({ token: youth.token })],
  ['map filter on a count', 'GET', '/news/count?where[title][intersects]=1'],
  ['a file missing from the upload folder', 'GET', '/media/file/no-existe.png'],
  ['a document file that was never uploaded', 'GET', '/documents/file/aviso-viejo.pdf'],
  ['an interest that names no pillar', 'PATCH', '/youth/:me', () => ({ token: youth.token, body: { interests: [999_999] } })],
  ['another youth record', 'GET', '/youth/999999', () => ({ token: youth.token })],
  ['versions, anonymous', 'GET', '/courses/versions'],
  ['GraphQL (disabled)', 'POST', '/graphql', () => ({ body: { query: '{ Youths { docs { email } } }' } })],
  ['unknown route', 'GET', '/no-existe'],
  ['unknown global route', 'GET', '/globals/privacy-notice/access'],
  ['API key reveal (not enabled)', 'POST', '/users/1/api-key/reveal'],
  ['update a global, anonymous', 'POST', '/globals/privacy-notice', () => ({ body: {} })],
  // Issue #16: Payload's built-in routes answered these in English, with a class name or a 500.
  ['sign-up, broken JSON', 'POST', '/youth', () => json('{"email":')],
  ['staff login, broken JSON', 'POST', '/users/login', () => json('{"email":')],
  ['forgot password, broken JSON', 'POST', '/youth/forgot-password', () => json('{"email":')],
  ...['[]', 'null', '"texto"', '{"email":{"$ne":""}}', '{"email":"a@b.mx","password":{"$gt":""}}'].flatMap((raw): Case[] => [
    [`staff login with ${raw}`, 'POST', '/users/login', () => json(raw)],
    [`youth login with ${raw}`, 'POST', '/youth/login', () => json(raw)],
  ]),
  ['forgot password, 5,000-character email', 'POST', '/youth/forgot-password', () => ({ body: { email: `${'a'.repeat(4990)}@ejemplo.mx` } })],
  ['staff forgot password, email as an object', 'POST', '/users/forgot-password', () => ({ body: { email: { $ne: '' } } })],
  ['deeply nested JSON (objects)', 'PATCH', '/youth/:me', () => ({ ...json(nested(5000)), token: youth.token })],
  ['deeply nested JSON (arrays)', 'POST', '/youth', () => json(`${'['.repeat(5000)}${']'.repeat(5000)}`)],
  ['an XML body', 'PATCH', '/youth/:me', () => ({ body: '<perfil><colonia>Centro</colonia></perfil>', headers: { 'Content-Type': 'text/xml' }, token: youth.token })],
  ['a body that is not UTF-8', 'PATCH', '/youth/:me', () => ({ ...notUtf8(), token: youth.token })],
  ['a sign-up that is not UTF-8', 'POST', '/youth', notUtf8],
  ['a course with wrong types, as an editor', 'POST', '/courses', () => ({ body: { title: 12, capacity: 'muchos' }, token: editor })],
  ['a course another staff member is editing (423)', 'PATCH', '/courses/:locked', () => ({ body: { title: 'Cambio' }, token: editor })],
  ['a collection without REST routes', 'GET', '/payload-migrations'],
  ['draft history of a global without versions', 'GET', '/globals/privacy-notice/versions', () => ({ token: editor })],
  ['preferences, as a youth', 'POST', '/payload-preferences/nav', () => ({ body: { value: { abierto: true } }, token: youth.token })],
  ['what each collection allows, anonymous', 'GET', '/access'],
  ['what each collection allows, as a youth', 'GET', '/access', () => ({ token: youth.token })],
  ['edit locks, as a youth', 'POST', '/payload-locked-documents', () => ({ body: { globalSlug: 'privacy-notice', user: { relationTo: 'youth', value: youth.id } }, token: youth.token })],
]

/** Spanish words, and none of Payload's English. */
const SPANISH = /[áéíóúñ¿¡]|\b(el|la|los|las|de|que|no|tu|un|una|en|es|con|para|por|sesión)\b/i
const ENGLISH = /\b(the|is|are|not|found|invalid|token|route|missing|user|error|cannot|following|unauthorized|forbidden)\b/i

describe("Payload's built-in routes", () => {
  it('answer a mistake with a 4xx, `{ errors: [{ message }] }` in Spanish, without accept-language, and log it as one info line', async () => {
    const wrong: string[] = []
    const output = await captureStdout(async () => {
      for (const [name, method, path, init] of CASES) {
        const response = await ctx.rest(method, path.replace(':me', String(youth.id)).replace(':locked', String(lockedCourse)), init?.())
        const text = await response.text()
        let body: { errors?: { message?: unknown; field?: unknown }[] } | undefined
        try {
          body = JSON.parse(text)
        } catch {
          body = undefined
        }
        const entries = body?.errors ?? []
        const fine =
          response.status >= 400 &&
          response.status < 500 &&
          Object.keys(body ?? {}).join() === 'errors' &&
          entries.length > 0 &&
          entries.every((e) => typeof e.message === 'string' && SPANISH.test(e.message) && !ENGLISH.test(e.message)) &&
          entries.every((e) => Object.keys(e).every((key) => ['message', 'field', 'data'].includes(key))) &&
          !/"name":|stack|http:\/\/|0\.0\.0\.0/.test(text)
        if (!fine) wrong.push(`${name}: ${method} ${path} → ${response.status} ${text.slice(0, 160)}`)
      }
    })
    expect(wrong).toEqual([])

    const lines = output.split('\n').filter((line) => line.trim())
    expect(lines.length, 'the refusals were logged').toBeGreaterThan(10)
    for (const line of lines) {
      const entry = JSON.parse(line) as { level?: string }
      expect(entry.level, line).toBe('info')
      expect(line, 'no stack trace').not.toMatch(/stack|\bat .*\.js:\d+/)
    }
    expect(output).not.toContain(youth.email)
    expect(output).not.toContain(youth.token)
    expect(output).not.toContain('no es la contraseña')
    // A refusal Payload would have logged as an error names its status and type, so it can still be counted.
    expect(lines.some((line) => /"msg":"refused request","status":401,"error":"AuthenticationError"/.test(line))).toBe(true)
  })

  it('stay Spanish when the browser asks for English', async () => {
    const response = await ctx.rest('POST', '/youth/login', { body: { email: youth.email, password: 'otra equivocada' }, headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ errors: [{ message: 'El correo o la contraseña son incorrectos.' }] })
  })
})

describe('field errors, HEAD and private answers', () => {
  it('name each invalid field of any collection in its own entry, with `field`', async () => {
    const response = await ctx.rest('POST', '/courses', { body: { title: 12, capacity: 'muchos' }, token: editor })
    expect(response.status).toBe(400)
    const { errors } = (await response.json()) as { errors: { message: string; field?: string }[] }
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['capacity']))
    for (const e of errors) expect(e.message).toMatch(/^[^:]+: /)
  })

  it('refuse a malformed login body before any work: 400 naming the email field', async () => {
    for (const body of [[], null, 'texto', { email: { $ne: '' } }, { email: `${'a'.repeat(4990)}@ejemplo.mx`, password: 'x' }]) {
      const response = await ctx.rest('POST', '/users/login', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
      expect(response.status).toBe(400)
      const { errors } = await response.json()
      expect(errors[0].message).toMatch(/[áéíóúñ]|objeto JSON/)
    }
    const long = await ctx.rest('POST', '/youth/forgot-password', { body: { email: `${'a'.repeat(4990)}@ejemplo.mx` } })
    expect(await long.json()).toEqual({ errors: [{ message: 'Correo electrónico: no es un correo electrónico válido.', field: 'email' }] })
  })

  it('answer HEAD wherever GET answers, without a body', async () => {
    for (const path of ['/health', '/courses?limit=1', '/pillars']) {
      const [get, head] = [await ctx.rest('GET', path), await ctx.rest('HEAD', path)]
      expect({ path, status: head.status }).toEqual({ path, status: get.status })
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
      expect(await head.text()).toBe('')
    }
  })

  it('mark every private answer `Cache-Control: no-store`, and leave public content cacheable', async () => {
    const [course] = (await ctx.payload.find({ collection: 'courses', limit: 1 })).docs
    for (const path of ['/youth/me', '/enrollments?limit=1', '/applications?limit=1', `/youth/${youth.id}`]) {
      const response = await ctx.rest('GET', path, { token: youth.token })
      expect({ path, cache: response.headers.get('cache-control') }).toEqual({ path, cache: expect.stringMatching(/no-store/) })
    }
    expect((await ctx.rest('GET', '/youth/me')).headers.get('cache-control')).toMatch(/no-store/)
    expect((await ctx.rest('GET', '/application-documents/file/no-existe.pdf')).headers.get('cache-control')).toMatch(/no-store/)
    expect((await ctx.rest('GET', `/courses/${course?.id ?? 1}`)).headers.get('cache-control') ?? '').not.toMatch(/no-store/)
  })
})

describe('the log', () => {
  it('keeps a real failure (5xx) at error level with its stack, and turns a 4xx into one info line', async () => {
    const output = await captureStdout(async () => {
      ctx.payload.logger.error({ err: new APIError('La base de datos explotó', 500) })
      ctx.payload.logger.error({ err: new APIError(`Ya existe una cuenta con ${youth.email}`, 409) })
      ctx.payload.logger.error({ err: new Error('sin estado: un fallo nuestro') })
      // A failed query lists the row's values; a value PostgreSQL cannot hold (SQLSTATE 22) is the sender's mistake.
      ctx.payload.logger.error({ err: Object.assign(new Error('Failed query: insert into "youth"\nparams: María José,Hernández López,León'), { cause: { code: '22P02' } }) })
      ctx.payload.logger.error({ err: Object.assign(new Error('Failed query: update "youth"\nparams: Ana Ruiz,Irapuato'), { code: '42P01' }) })
    })
    const [fault, refusal, bare, sendersValue, ourQuery] = output.trim().split('\n').map((line) => JSON.parse(line))
    expect(fault.level).toBe('error')
    expect(fault.err.stack).toContain('La base de datos explotó')
    expect(refusal).toMatchObject({ level: 'info', msg: 'refused request', status: 409, error: 'APIError', reason: 'Ya existe una cuenta con [correo]' })
    expect(JSON.stringify(refusal)).not.toContain('stack')
    expect(bare.level).toBe('error')
    expect(bare.err.stack).toBeTruthy()
    expect(sendersValue).toMatchObject({ level: 'info', msg: 'refused request', status: 400 })
    expect(ourQuery.level).toBe('error')
    for (const name of ['María José', 'Hernández', 'Ana Ruiz', 'Irapuato']) expect(output).not.toContain(name)
  })
})

describe('a session while the database does not answer', () => {
  it('is a 503 in Spanish, not "logged out" (401, or /me with user null)', async () => {
    const name = new URL(ctx.databaseUrl).pathname.slice(1)
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    try {
      await admin.query(`alter database ${name} allow_connections false`)
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])
      for (const path of ['/youth/me', '/enrollments?limit=1', '/youth/me/journey']) {
        const response = await ctx.rest('GET', path, { token: youth.token })
        const body = await response.json()
        expect({ path, status: response.status }).toEqual({ path, status: 503 })
        expect(body.errors[0].message).toMatch(/base de datos no responde/)
      }
    } finally {
      await admin.query(`alter database ${name} allow_connections true`)
      await admin.end()
    }
    // Back: the pool opens new connections and the session is a session again.
    expect((await ctx.rest('GET', '/youth/me', { token: youth.token })).status).toBe(200)
  })
})
