import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { eligibilityProblem } from '../../collections/Youth/eligibility'
import { linkIn, useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, login, signUp } from '../helpers/youth'

const outbox = useOutbox()

describe('email verification and the guardian link, as the account pages use them', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  const stored = (id: number) => ctx.payload.findByID({ collection: 'youth', id, showHiddenFields: true, depth: 0 })
  async function newAccount(overrides: Record<string, unknown> = {}) {
    const data = signUp(overrides)
    const response = await ctx.rest('POST', '/youth', { body: data })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    const token = await login(ctx, 'youth', String(data.email), String(data.password))
    return { id: doc.id as number, email: String(data.email), token }
  }
  const verifyToken = (email: string) => linkIn(outbox.latestTo(email), '/cuenta/verificar').searchParams.get('token')!

  it('keeps an unverified youth logged in but not eligible, and the link makes them eligible', async () => {
    const me = await newAccount()
    expect(eligibilityProblem(await stored(me.id))?.code).toBe('email-unverified')
    expect((await ctx.rest('POST', '/youth/verify-email', { body: { token: verifyToken(me.email) } })).status).toBe(200)
    expect(eligibilityProblem(await stored(me.id))).toBeNull()
  })

  it('never lets a youth mark their own account verified', async () => {
    const me = await newAccount()
    const patch = await ctx.rest('PATCH', `/youth/${me.id}`, { token: me.token, body: { _verified: true, emailTokenHash: 'x', colonia: 'Obregón' } })
    expect(patch.status).toBe(200)
    const after = await stored(me.id)
    expect(after.colonia).toBe('Obregón')
    expect(after._verified).toBe(false)
    expect(after.emailTokenHash).not.toBe('x')
  })

  it('refuses malformed and expired verification links with a Spanish reason', async () => {
    const me = await newAccount()
    const malformed = await ctx.rest('POST', '/youth/verify-email', { body: { token: 'corto' } })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).errors[0]).toMatchObject({ field: 'token', message: expect.stringMatching(/no es válido/) })
    const token = verifyToken(me.email)
    await ctx.payload.db.updateOne({ collection: 'youth', id: me.id, data: { emailTokenExpiresAt: new Date(Date.now() - 1000).toISOString() }, returning: false })
    const expired = await ctx.rest('POST', '/youth/verify-email', { body: { token } })
    expect(expired.status).toBe(410)
    expect((await expired.json()).errors[0].message).toMatch(/venció/)
    expect((await stored(me.id))._verified).toBe(false)
  })

  it('sends a fresh verification link on request, at most once a minute, and only the newest works', async () => {
    const me = await newAccount()
    const first = verifyToken(me.email)
    expect((await ctx.rest('POST', '/youth/resend-verification')).status, 'anonymous').toBe(401)
    const tooSoon = await ctx.rest('POST', '/youth/resend-verification', { token: me.token })
    expect(tooSoon.status).toBe(429)
    expect((await tooSoon.json()).errors[0].message).toMatch(/Espera un minuto/)

    await ctx.payload.db.updateOne({ collection: 'youth', id: me.id, data: { emailTokenExpiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }, returning: false })
    const resent = await ctx.rest('POST', '/youth/resend-verification', { token: me.token })
    expect(resent.status).toBe(200)
    const second = verifyToken(me.email)
    expect(second).not.toBe(first)
    expect((await ctx.rest('POST', '/youth/verify-email', { body: { token: first } })).status).toBe(400)
    expect((await ctx.rest('POST', '/youth/verify-email', { body: { token: second } })).status).toBe(200)
    const done = await ctx.rest('POST', '/youth/resend-verification', { token: me.token })
    expect(done.status).toBe(409)
  })

  it('shows the guardian page whose consent it is without using the link up, and resends it for the minor', async () => {
    const guardian = `tutora.${Date.now()}@ejemplo.mx`
    const minor = await newAccount({ givenNames: 'Iker', birthDate: birthDayForAge(16), guardian: { name: 'Rosa Pérez', email: guardian } })
    const token = linkIn(outbox.latestTo(guardian), '/cuenta/tutor').searchParams.get('token')!
    const lookup = await ctx.rest('GET', `/youth/guardian-consent?token=${encodeURIComponent(token)}`)
    expect(lookup.status).toBe(200)
    expect(await lookup.json()).toEqual({ givenNames: 'Iker' })
    expect((await ctx.rest('GET', '/youth/guardian-consent?token=no-es-un-enlace-valido-de-nada')).status).toBe(400)

    await ctx.payload.db.updateOne({ collection: 'youth', id: minor.id, data: { guardianTokenExpiresAt: new Date(Date.now() - 1000).toISOString() }, returning: false })
    expect((await ctx.rest('GET', `/youth/guardian-consent?token=${encodeURIComponent(token)}`)).status).toBe(410)
    expect((await ctx.rest('POST', '/youth/resend-guardian-link', { token: minor.token })).status).toBe(200)
    const fresh = linkIn(outbox.latestTo(guardian), '/cuenta/tutor').searchParams.get('token')!
    expect(fresh).not.toBe(token)
    expect((await ctx.rest('POST', '/youth/guardian-consent', { body: { token: fresh } })).status).toBe(200)
    expect((await stored(minor.id)).guardianConsent?.status).toBe('given')
    expect((await ctx.rest('POST', '/youth/resend-guardian-link', { token: minor.token })).status).toBe(409)
  })
})
