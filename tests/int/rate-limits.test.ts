/**
 * Rate limits on login, sign-up, password reset, verification resend, enrol and apply: a 429
 * in the standard Spanish error shape with Retry-After, counted per account+address and per
 * address in PostgreSQL (so every app instance shares them), keyed without personal data.
 * Logins count failures only, and slow an attacker down instead of locking anyone out (issue #16).
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { CLIENT_IP_HEADER, clientIpOfNodeRequest, rateLimitAddress } from '../../lib/client-ip'
import { checkLogin, recordLoginFailure, TARGET_DELAY_CAP_SECONDS } from '../../lib/login-throttle'
import { consumeRateLimit } from '../../lib/rate-limiter'
import { parseRateLimits } from '../../lib/rate-limits'
import { setupPayload, type TestContext } from '../helpers/payload'
import { signUp, staffToken, verifiedYouth } from '../helpers/youth'
import { applyForm, openCall } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const LIMITS = 'login.account=3/900,login.target=10/900,login.ip=8/900,signup.ip=2/3600,forgot.account=2/3600,resend.account=1/3600,enroll.account=3/60,apply.account=3/60'

let ctx: TestContext
let ipSeq = 0
/** A fresh client address per scenario, as server/http.ts would pass it on. */
const newIp = () => `198.51.100.${++ipSeq}`
const from = (ip: string) => ({ [CLIENT_IP_HEADER]: ip })

const post = (path: string, ip: string, body?: unknown, token?: string) => ctx.rest('POST', path, { body, token, headers: from(ip) })

async function expectTooMany(response: Response, pattern: RegExp) {
  expect(response.status).toBe(429)
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(0)
  const body = await response.json()
  expect(body).toEqual({ errors: [{ message: expect.stringMatching(pattern) }] })
  expect(body.errors[0].message).toMatch(/espera \d+ (segundos?|minutos?)/)
  return retryAfter
}

/** The password of `youths()` (tests/helpers/youth.ts signUp). */
const YOUTH_PASSWORD = String(signUp().password)

/** `count` copies of one youth account (same password hash), under new emails: hundreds of accounts in one statement. */
async function cloneYouth(id: number, count: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: ctx.databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'youth' and column_name not in ('id', 'email')`,
    )
    const columns = rows.map((row) => `"${row.column_name}"`).join(', ')
    const stamp = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`
    const inserted = await db.query<{ email: string }>(
      `insert into youth (email, ${columns}) select 'clon' || g || '.' || $2 || '@ejemplo.mx', ${columns} from youth, generate_series(1, $1::int) g where youth.id = $3 returning email`,
      [count, stamp, id],
    )
    return inserted.rows.map((row) => row.email)
  } finally {
    await db.end()
  }
}

beforeAll(async () => {
  vi.stubEnv('RATE_LIMITS', LIMITS)
  ctx = await setupPayload()
})
afterAll(async () => {
  await ctx?.close()
  vi.unstubAllEnvs()
})

describe('login', () => {
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100))

  /** Failures counted straight into the shared counters, as N earlier wrong passwords would have (fast on a busy machine). */
  const fail = async (keys: { ip: string; account: string }, times: number) => {
    for (let i = 0; i < times; i++) await recordLoginFailure(ctx.payload, keys)
  }
  const LONG = 900_000

  it('slows one account from one address after 3 failures with a doubling wait, even for the right password, and never the owner elsewhere', async () => {
    await staffToken(ctx, 'editor')
    const { docs } = await ctx.payload.find({ collection: 'users', where: { roles: { contains: 'editor' } }, limit: 1 })
    const email = docs[0].email
    const ip = newIp()
    const attempt = (password: string, from = ip) => post('/users/login', from, { email, password })
    for (let i = 0; i < 3; i++) expect((await attempt('no-es-la-clave')).status).toBe(401)
    // 8 failures in all (more than Payload's lockout of 5 allowed), 5 past the free ones: this pair waits 2^4 s.
    await fail({ ip, account: `users:${email}` }, 5)
    const retryAfter = await expectTooMany(await attempt('clave-del-equipo-larga'), /inicio de sesión/)
    expect(retryAfter).toBeGreaterThan(8)
    expect(retryAfter).toBeLessThanOrEqual(16)
    // The person themself, elsewhere, is not locked out by the attacker's address (Payload's lockout is off).
    expect((await attempt('clave-del-equipo-larga', newIp())).status).toBe(200)
  })

  it('doubles the wait of one account+address with each failure past the free ones', async () => {
    const keys = { ip: newIp(), account: `youth:doble.${Date.now()}@ejemplo.mx` }
    await fail(keys, 3)
    expect((await checkLogin(ctx.payload, keys)).allowed).toBe(true)
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      await fail(keys, 1)
      const verdict = await checkLogin(ctx.payload, keys)
      waits.push(verdict.allowed ? 0 : verdict.retryAfterSeconds)
    }
    // 1, 2, 4, 8 s (a slow machine may have eaten a second of each).
    expect(waits.map((w, i) => w >= 2 ** i - 1 && w <= 2 ** i)).toEqual([true, true, true, true])
  })

  it('forgives the failures of a youth who then logs in correctly', async () => {
    const youth = await verifiedYouth(ctx)
    const ip = newIp()
    const wrong = () => post('/youth/login', ip, { email: youth.email, password: 'otra contraseña cualquiera' })
    for (let i = 0; i < 3; i++) expect((await wrong()).status).toBe(401)
    expect((await post('/youth/login', ip, { email: youth.email, password: youth.password })).status).toBe(200)
    for (let i = 0; i < 4; i++) expect((await wrong()).status).toBe(401)
    await expectTooMany(await wrong(), /inicio de sesión/)
  })

  it('lets 300 youths log in correctly from one address (a school) within the window: correct logins spend nothing', { timeout: LONG }, async () => {
    const [first] = await youths(ctx, 1)
    const emails = await cloneYouth(first.id, 299)
    const ip = newIp()
    const statuses: Record<number, number> = {}
    for (const email of [first.email, ...emails]) {
      const status = (await post('/youth/login', ip, { email, password: YOUTH_PASSWORD })).status
      statuses[status] = (statuses[status] ?? 0) + 1
    }
    expect(statuses).toEqual({ 200: 300 })
  })

  it('after 100 bad passwords from one address, another youth there still logs in; the accounts it failed on wait', { timeout: LONG }, async () => {
    const [victim, classmate] = await youths(ctx, 2)
    const ip = newIp()
    const failed: number[] = []
    for (let i = 0; i < 99; i++) failed.push((await post('/youth/login', ip, { email: `nadie${i}.${Date.now()}@ejemplo.mx`, password: 'una contraseña larga' })).status)
    failed.push((await post('/youth/login', ip, { email: victim.email, password: 'una contraseña larga' })).status)
    expect(new Set(failed)).toEqual(new Set([401]))
    expect((await post('/youth/login', ip, { email: classmate.email, password: YOUTH_PASSWORD })).status).toBe(200)
    // Over its failure budget (8 here), the address no longer retries an account it failed on, even with the right password.
    await expectTooMany(await post('/youth/login', ip, { email: victim.email, password: YOUTH_PASSWORD }), /inicio de sesión/)
    expect((await post('/youth/login', newIp(), { email: victim.email, password: YOUTH_PASSWORD })).status).toBe(200)
  })

  it('slows an account under a distributed brute force (failures from many addresses) for at most a minute, and no other account', { timeout: LONG }, async () => {
    const [target, other] = await youths(ctx, 2)
    const addresses = Array.from({ length: 12 }, newIp)
    for (const ip of addresses.slice(0, 10)) expect((await post('/youth/login', ip, { email: target.email, password: 'adivinando otra vez' })).status).toBe(401)
    // 17 failures in all, 7 past login.target (10 here): the account waits min(2^6 s, TARGET_DELAY_CAP_SECONDS).
    await fail({ ip: addresses[10], account: `youth:${target.email}` }, 7)
    const retryAfter = await expectTooMany(await post('/youth/login', addresses[11], { email: target.email, password: YOUTH_PASSWORD }), /inicio de sesión/)
    expect(retryAfter).toBeLessThanOrEqual(TARGET_DELAY_CAP_SECONDS)
    for (const ip of addresses) expect((await post('/youth/login', ip, { email: other.email, password: YOUTH_PASSWORD })).status).toBe(200)
    await sleep(retryAfter)
    expect((await post('/youth/login', addresses[11], { email: target.email, password: YOUTH_PASSWORD })).status).toBe(200)
  })
})

describe('sign-up, password reset and verification resend', () => {
  it('refuses a third sign-up from one address within the hour and stores nothing for it', async () => {
    const ip = newIp()
    expect((await post('/youth', ip, signUp())).status).toBe(201)
    expect((await post('/youth', ip, signUp())).status).toBe(201)
    const third = signUp()
    await expectTooMany(await post('/youth', ip, third), /cuentas desde esta conexión/)
    const { totalDocs } = await ctx.payload.count({ collection: 'youth', where: { email: { equals: third.email } } })
    expect(totalDocs).toBe(0)
    expect((await post('/youth', newIp(), signUp())).status).toBe(201)
  })

  it('refuses a third reset email for one account', async () => {
    const youth = await verifiedYouth(ctx)
    const ip = newIp()
    expect((await post('/youth/forgot-password', ip, { email: youth.email })).status).toBe(200)
    expect((await post('/youth/forgot-password', ip, { email: youth.email })).status).toBe(200)
    await expectTooMany(await post('/youth/forgot-password', ip, { email: youth.email }), /restablecer la contraseña/)
  })

  it('refuses a second verification email within the hour, with Retry-After', async () => {
    const data = signUp()
    expect((await post('/youth', newIp(), data)).status).toBe(201)
    const login = await (await post('/youth/login', newIp(), { email: data.email, password: data.password })).json()
    const ip = newIp()
    // The first may meet the endpoint's own one-minute pause (the sign-up just sent a link): not ours.
    expect((await post('/youth/resend-verification', ip, undefined, login.token)).headers.get('retry-after')).toBeNull()
    await expectTooMany(await post('/youth/resend-verification', ip, undefined, login.token), /correos de confirmación/)
  })
})

describe('enrol and apply', () => {
  it('refuses a fourth enrol request per minute from one account', async () => {
    const course = await openCourse(ctx)
    const [youth] = await youths(ctx, 1)
    const ip = newIp()
    expect((await post(`/courses/${course.id}/enroll`, ip, undefined, youth.token)).status).toBe(201)
    expect((await post(`/courses/${course.id}/enroll`, ip, undefined, youth.token)).status).toBe(409)
    expect((await post(`/courses/${course.id}/enroll`, ip, undefined, youth.token)).status).toBe(409)
    await expectTooMany(await post(`/courses/${course.id}/enroll`, ip, undefined, youth.token), /inscripción/)
  })

  it('refuses a fourth apply request per minute from one account', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const ip = newIp()
    const save = () => ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: {}, submit: false }), token: youth.token, headers: from(ip) })
    for (let i = 0; i < 3; i++) expect((await save()).status).toBeLessThan(300)
    await expectTooMany(await save(), /postulación/)
  })
})

describe('the counters', () => {
  it('live in PostgreSQL, shared by another instance on the same database, under keys that hold no email or address', async () => {
    const email = 'compartido@ejemplo.mx'
    const ip = newIp()
    // Past the address's failure budget (8 here): it may no longer retry this account, for the whole window.
    for (let i = 0; i < 9; i++) await post('/youth/login', ip, { email, password: 'una contraseña larga' })
    // A second app instance: its own pool on the same database, the same secret.
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 2 })
    try {
      const verdict = await checkLogin({ secret: ctx.payload.secret, db: { pool } }, { ip, account: `youth:${email}` })
      expect(verdict.allowed).toBe(false)
      expect((await consumeRateLimit({ secret: ctx.payload.secret, db: { pool } }, 'forgot', { ip, account: `youth:${email}` })).allowed).toBe(true)
      const { rows } = await pool.query<{ key: string }>('select key from rate_limits')
      expect(rows.length).toBeGreaterThan(0)
      const keys = rows.map((row) => row.key).join('\n')
      expect(keys).not.toContain('ejemplo.mx')
      expect(keys).not.toContain('198.51.100')
    } finally {
      await pool.end()
    }
  })

  it('do not apply to the Local API (seed, jobs, site build)', async () => {
    const [youth] = await youths(ctx, 1)
    for (let i = 0; i < 6; i++) {
      await expect(ctx.payload.login({ collection: 'youth', data: { email: youth.email, password: 'incorrecta pero larga' } })).rejects.toThrow()
    }
  })

  it('let a school register a class of 60 from one address with the default limits', { timeout: 900_000 }, async () => {
    vi.stubEnv('RATE_LIMITS', 'on')
    try {
      const ip = newIp()
      const statuses: number[] = []
      for (let i = 0; i < 60; i++) statuses.push((await post('/youth', ip, signUp())).status)
      expect(new Set(statuses)).toEqual(new Set([201]))
    } finally {
      vi.stubEnv('RATE_LIMITS', LIMITS)
    }
  })

  it('switch off with RATE_LIMITS=off', async () => {
    vi.stubEnv('RATE_LIMITS', 'off')
    try {
      const ip = newIp()
      for (let i = 0; i < 4; i++) expect((await post('/youth', ip, signUp())).status).toBe(201)
    } finally {
      vi.stubEnv('RATE_LIMITS', LIMITS)
    }
  })
})

describe('RATE_LIMITS and the client address', () => {
  it('parses overrides and refuses a typo with a Spanish message', () => {
    const settings = parseRateLimits('login.account=3/60')
    expect(settings.enabled && settings.limits.login.account).toEqual({ points: 3, seconds: 60 })
    expect(settings.enabled && settings.limits.signup.ip?.points).toBe(200)
    expect(parseRateLimits('login.target=4/60').enabled).toBe(true)
    expect(() => parseRateLimits('login=3')).toThrow(/RATE_LIMITS=.*no es válido/)
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies stand in front, then takes the hop they saw', () => {
    const req = { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, socket: { remoteAddress: '::ffff:127.0.0.1' } }
    expect(clientIpOfNodeRequest(req, 0)).toBe('127.0.0.1')
    expect(clientIpOfNodeRequest(req, 1)).toBe('203.0.113.9')
    expect(clientIpOfNodeRequest(req, 2)).toBe('6.6.6.6')
    expect(clientIpOfNodeRequest({ headers: {}, socket: { remoteAddress: '10.0.0.1' } }, 1)).toBe('10.0.0.1')
  })

  it('counts an IPv6 client by its /64', () => {
    expect(rateLimitAddress('2001:db8:85a3:12:aaaa::1')).toBe('2001:db8:85a3:12::')
    expect(rateLimitAddress('2001:db8:85a3:12:bbbb:1:2:3')).toBe('2001:db8:85a3:12::')
    expect(rateLimitAddress('::1')).toBe('0:0:0:0::')
  })
})
