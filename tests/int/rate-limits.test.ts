/**
 * Rate limits on login, sign-up, password reset, verification resend, enrol and apply: a 429
 * in the standard Spanish error shape with Retry-After, counted per account+address and per
 * address in PostgreSQL (so every app instance shares them), keyed without personal data.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { CLIENT_IP_HEADER, clientIpOfNodeRequest, rateLimitAddress } from '../../lib/client-ip'
import { consumeRateLimit } from '../../lib/rate-limiter'
import { parseRateLimits } from '../../lib/rate-limits'
import { setupPayload, type TestContext } from '../helpers/payload'
import { signUp, staffToken, verifiedYouth } from '../helpers/youth'
import { applyForm, openCall } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const LIMITS = 'login.account=3/900,login.ip=8/900,signup.ip=2/3600,forgot.account=2/3600,resend.account=1/3600,enroll.account=3/60,apply.account=3/60'

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
  expect(body.errors[0].message).toMatch(/espera \d+ (segundos|minutos?)/)
  return retryAfter
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
  it('refuses a fourth failed staff login for one account from one address, even with the right password, but not from another address', async () => {
    await staffToken(ctx, 'editor')
    const { docs } = await ctx.payload.find({ collection: 'users', where: { roles: { contains: 'editor' } }, limit: 1 })
    const email = docs[0].email
    const ip = newIp()
    for (let i = 0; i < 3; i++) expect((await post('/users/login', ip, { email, password: 'no-es-la-clave' })).status).toBe(401)
    const retryAfter = await expectTooMany(await post('/users/login', ip, { email, password: 'clave-del-equipo-larga' }), /inicio de sesión/)
    expect(retryAfter).toBeLessThanOrEqual(900)
    // Someone elsewhere (the person themself) is not locked out by the attacker's address.
    expect((await post('/users/login', newIp(), { email, password: 'clave-del-equipo-larga' })).status).toBe(200)
  })

  it('limits youth logins the same way, and a successful login forgives the failures before it', async () => {
    const youth = await verifiedYouth(ctx)
    const ip = newIp()
    const wrong = () => post('/youth/login', ip, { email: youth.email, password: 'otra contraseña cualquiera' })
    expect((await wrong()).status).toBe(401)
    expect((await wrong()).status).toBe(401)
    expect((await post('/youth/login', ip, { email: youth.email, password: youth.password })).status).toBe(200)
    expect((await wrong()).status).toBe(401)
    expect((await wrong()).status).toBe(401)
    expect((await wrong()).status).toBe(401)
    await expectTooMany(await wrong(), /inicio de sesión/)
  })

  it('limits one address trying many accounts (8 per 15 minutes here)', async () => {
    const ip = newIp()
    for (let i = 0; i < 8; i++) {
      expect((await post('/youth/login', ip, { email: `nadie${i}@ejemplo.mx`, password: 'una contraseña larga' })).status).toBe(401)
    }
    await expectTooMany(await post('/youth/login', ip, { email: 'nadie-mas@ejemplo.mx', password: 'una contraseña larga' }), /inicio de sesión/)
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
    for (let i = 0; i < 3; i++) await post('/youth/login', ip, { email, password: 'una contraseña larga' })
    // A second app instance: its own pool on the same database, the same secret.
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 2 })
    try {
      const verdict = await consumeRateLimit({ secret: ctx.payload.secret, db: { pool } }, 'login', { ip, account: `youth:${email}` })
      expect(verdict.allowed).toBe(false)
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
      await ctx.payload.update({ collection: 'youth', id: youth.id, data: { loginAttempts: 0, lockUntil: null } as never, overrideAccess: true })
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
    expect(settings.enabled && settings.limits.signup.ip?.points).toBe(20)
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
