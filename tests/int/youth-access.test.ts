import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { linkIn, useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, signUp, staffToken, verifiedYouth } from '../helpers/youth'

const outbox = useOutbox()

describe('youth accounts: who sees and changes what', () => {
  let ctx: TestContext
  let ana: Awaited<ReturnType<typeof verifiedYouth>>
  let beto: Awaited<ReturnType<typeof verifiedYouth>>
  beforeAll(async () => {
    ctx = await setupPayload()
    ana = await verifiedYouth(ctx)
    beto = await verifiedYouth(ctx)
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  it('does not list youth accounts to anonymous visitors', async () => {
    const response = await ctx.rest('GET', '/youth')
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toMatch(/permiso|autorizad/i)
  })

  it('lets a youth read and update only their own profile', async () => {
    const list = await (await ctx.rest('GET', '/youth', { token: ana.token })).json()
    expect(list.docs.map((d: { id: number }) => d.id)).toEqual([ana.id])
    expect((await ctx.rest('GET', `/youth/${beto.id}`, { token: ana.token })).status).toBe(404)
    const update = await ctx.rest('PATCH', `/youth/${beto.id}`, { token: ana.token, body: { colonia: 'Hackeada' } })
    expect([403, 404]).toContain(update.status)
    expect((await ctx.payload.findByID({ collection: 'youth', id: beto.id })).colonia).toBe('Centro')
    const own = await ctx.rest('PATCH', `/youth/${ana.id}`, { token: ana.token, body: { colonia: 'San Juan de Dios' } })
    expect(own.status).toBe(200)
  })

  it('ignores verification, consent and log fields sent by a youth', async () => {
    const created = await ctx.rest('POST', '/youth', { token: ana.token, body: signUp({ email: 'otra@ejemplo.mx', _verified: true }) })
    expect(created.status).toBe(201)
    const other = await ctx.payload.find({ collection: 'youth', where: { email: { equals: 'otra@ejemplo.mx' } } })
    expect(other.docs[0]._verified).toBe(false)

    const minor = await verifiedYouth(ctx, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: 'rosa@ejemplo.mx' } })
    await ctx.rest('PATCH', `/youth/${minor.id}`, {
      token: minor.token,
      body: { guardianConsent: { status: 'given', method: 'papel' }, consentLog: [], birthDate: birthDayForAge(20) },
    })
    const stored = await ctx.payload.findByID({ collection: 'youth', id: minor.id })
    expect(stored.guardianConsent?.status).toBe('pending')
    expect(stored.consentLog?.length).toBeGreaterThan(0)
    expect(String(stored.birthDate).slice(0, 10)).toBe(birthDayForAge(15))
  })

  it('never opens /admin to a youth', async () => {
    const access = await (await ctx.rest('GET', '/access', { token: ana.token })).json()
    expect(access.canAccessAdmin).toBeFalsy()
    const staff = await (await ctx.rest('GET', '/access', { token: await staffToken(ctx, 'editor') })).json()
    expect(staff.canAccessAdmin).toBe(true)
  })

  it('shows every youth account to admins; coordinators and reviewers only through their programs (none here), editors never', async () => {
    const response = await ctx.rest('GET', '/youth', { token: await staffToken(ctx, 'admin') })
    expect(response.status).toBe(200)
    expect((await response.json()).totalDocs).toBeGreaterThanOrEqual(2)
    // Who they see through a course or call: tests/int/access-table.test.ts.
    for (const role of ['coordinator', 'editor', 'reviewer'] as const) {
      expect((await ctx.rest('GET', '/youth', { token: await staffToken(ctx, role) })).status, role).toBe(403)
    }
  })

  it('no stranger can lock an account: after 5 failed logins the owner still logs in (throttling: rate-limits.test.ts)', async () => {
    for (let i = 0; i < 5; i++) await ctx.rest('POST', '/youth/login', { body: { email: beto.email, password: 'equivocada-123' } })
    const response = await ctx.rest('POST', '/youth/login', { body: { email: beto.email, password: beto.password } })
    expect(response.status).toBe(200)
  })

  it('resets a forgotten password by an emailed Spanish link, refusing a common one', async () => {
    expect((await ctx.rest('POST', '/youth/forgot-password', { body: { email: ana.email } })).status).toBe(200)
    const mail = outbox.latestTo(ana.email)
    expect(mail.subject).toBe('Cambia tu contraseña de Viaje Joven')
    const token = linkIn(mail, '/cuenta/restablecer').searchParams.get('token')
    const weak = await ctx.rest('POST', '/youth/reset-password', { body: { token, password: 'contraseña' } })
    expect(weak.status).toBe(400)
    expect((await weak.json()).errors[0].field).toBe('password')
    const reset = await ctx.rest('POST', '/youth/reset-password', { body: { token, password: 'otra frase bastante larga' } })
    expect(reset.status).toBe(200)
    expect((await ctx.rest('POST', '/youth/login', { body: { email: ana.email, password: 'otra frase bastante larga' } })).status).toBe(200)
  })

  it('asks to verify a changed email again', async () => {
    const fresh = await verifiedYouth(ctx)
    const pillars = await ctx.payload.create({ collection: 'pillars', data: { name: 'Salud', slug: 'salud-prueba', order: 1 } })
    await ctx.rest('PATCH', `/youth/${fresh.id}`, { token: fresh.token, body: { interests: [pillars.id] } })
    const response = await ctx.rest('PATCH', `/youth/${fresh.id}`, { token: fresh.token, body: { email: 'Nuevo.Correo@Ejemplo.mx' } })
    expect(response.status).toBe(200)
    const stored = await ctx.payload.findByID({ collection: 'youth', id: fresh.id, showHiddenFields: true })
    expect(stored.email).toBe('nuevo.correo@ejemplo.mx')
    expect(stored.consentLog?.map((e) => e.event)).toContain('email-changed')
    expect(stored._verified).toBe(false)
    expect(stored.interests, 'the rest of the profile is untouched').toHaveLength(1)
    const link = linkIn(outbox.latestTo('nuevo.correo@ejemplo.mx'), '/cuenta/verificar')
    expect((await ctx.rest('POST', '/youth/verify-email', { body: { token: link.searchParams.get('token') } })).status).toBe(200)
    expect((await ctx.payload.findByID({ collection: 'youth', id: fresh.id }))._verified).toBe(true)
  })
})
