import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { useOutbox, linkIn } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, curpFor, signUp } from '../helpers/youth'

const outbox = useOutbox()

describe('youth sign-up (POST /api/youth)', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  const count = async () => (await ctx.payload.count({ collection: 'youth' })).totalDocs

  /** A 4xx whose first error names `field` in Spanish, and nothing stored. */
  async function expectRejected(data: Record<string, unknown>, field: string, status = 400) {
    const before = await count()
    const response = await ctx.rest('POST', '/youth', { body: data })
    const body = await response.json()
    expect(response.status, JSON.stringify(body)).toBe(status)
    const error = body.errors.find((e: { field?: string }) => e.field === field)
    expect(error, JSON.stringify(body)).toBeDefined()
    expect(error.message).toMatch(/[a-záéíóúñ]/i)
    expect(error.message).not.toMatch(/The following|invalid|required|must be/i)
    expect(await count()).toBe(before)
    return error.message as string
  }

  it('creates an unverified account that can log in, emails a Spanish verification link, and the link verifies it once', async () => {
    const data = signUp({ email: 'Ana.Torres@Ejemplo.MX', _verified: true, curp: curpFor(birthDayForAge(20)).toLowerCase() })
    const response = await ctx.rest('POST', '/youth', { body: data })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    expect(doc.email).toBe('ana.torres@ejemplo.mx')
    expect(doc.curp).toBe(String(data.curp).toUpperCase())
    expect(doc.password).toBeUndefined()
    expect(doc.emailTokenHash).toBeUndefined()
    expect(doc.guardianConsent.status).toBe('not-required')

    const stored = await ctx.payload.findByID({ collection: 'youth', id: doc.id, showHiddenFields: true })
    expect(stored._verified, '`_verified: true` sent by an anonymous visitor is ignored').toBe(false)
    expect(stored.privacy?.version).toBe('1')
    expect(stored.privacy?.acceptedAt).toBeTruthy()
    expect(stored.consentLog?.map((e) => e.event)).toContain('privacy-accepted')

    // Unverified accounts log in and browse; only enrolling and applying wait for the confirmation.
    const early = await ctx.rest('POST', '/youth/login', { body: { email: 'ana.torres@ejemplo.mx', password: data.password } })
    expect(early.status).toBe(200)
    const earlyMe = await (await ctx.rest('GET', '/youth/me', { token: (await early.json()).token })).json()
    expect(earlyMe.user._verified).toBe(false)

    const mail = outbox.latestTo('ana.torres@ejemplo.mx')
    expect(mail.subject).toBe('Confirma tu correo en Viaje Joven')
    expect(mail.text).toContain('Hola, María José:')
    const token = linkIn(mail, '/cuenta/verificar').searchParams.get('token')!
    expect(stored.emailTokenHash, 'only a hash of the link is stored').not.toContain(token)
    const verified = await ctx.rest('POST', '/youth/verify-email', { body: { token } })
    expect(verified.status).toBe(200)
    expect((await verified.json()).givenNames).toBe('María José')
    const again = await ctx.rest('POST', '/youth/verify-email', { body: { token } })
    expect(again.status, 'the link works once').toBe(400)
    expect((await again.json()).errors[0].message).toMatch(/ya se usó/)

    const login = await ctx.rest('POST', '/youth/login', { body: { email: 'ANA.TORRES@ejemplo.mx', password: data.password } })
    expect(login.status).toBe(200)
    const me = await (await ctx.rest('GET', '/youth/me', { token: (await login.json()).token })).json()
    expect(me.user.email).toBe('ana.torres@ejemplo.mx')
    expect(me.user._verified).toBe(true)
  })

  it('refuses a duplicate email in any case', async () => {
    await ctx.rest('POST', '/youth', { body: signUp({ email: 'luis@ejemplo.mx' }) })
    const message = await expectRejected(signUp({ email: 'LUIS@Ejemplo.mx' }), 'email')
    expect(message).toMatch(/^Correo electrónico: ya existe una cuenta/)
  })

  it('refuses a duplicate, malformed, wrongly checked or inconsistent CURP', async () => {
    const day = birthDayForAge(22)
    await ctx.rest('POST', '/youth', { body: signUp({ birthDate: day, curp: curpFor(day, 'PEPJ') }) })
    expect(await expectRejected(signUp({ birthDate: day, curp: curpFor(day, 'PEPJ') }), 'curp')).toMatch(/CURP: ya está registrada/)
    expect(await expectRejected(signUp({ curp: 'NOESUNACURP' }), 'curp')).toMatch(/formato/)
    const wrongDigit = curpFor(day, 'RARA').slice(0, 17) + ((Number(curpFor(day, 'RARA')[17]) + 1) % 10)
    expect(await expectRejected(signUp({ birthDate: day, curp: wrongDigit }), 'curp')).toMatch(/dígito/)
    expect(await expectRejected(signUp({ birthDate: birthDayForAge(25), curp: curpFor(day, 'RARA') }), 'curp')).toMatch(/no coincide/)
  })

  it('refuses birth dates in the future, out of the 12–29 range, or not dates', async () => {
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    expect(await expectRejected(signUp({ birthDate: future }), 'birthDate')).toMatch(/futuro/)
    expect(await expectRejected(signUp({ birthDate: birthDayForAge(11) }), 'birthDate')).toMatch(/de 12 a 29 años/)
    expect(await expectRejected(signUp({ birthDate: birthDayForAge(30) }), 'birthDate')).toMatch(/de 12 a 29 años/)
    expect(await expectRejected(signUp({ birthDate: '2010-02-30' }), 'birthDate')).toMatch(/no es una fecha válida/)
    expect(await expectRejected(signUp({ birthDate: 12345 }), 'birthDate')).toMatch(/Fecha de nacimiento:/)
  })

  it('requires a guardian for a minor', async () => {
    const minor = signUp({ birthDate: birthDayForAge(15) })
    expect(await expectRejected(minor, 'guardian.name')).toMatch(/menores de 18/)
    expect(await expectRejected({ ...minor, guardian: { name: 'Rosa López' } }, 'guardian.email')).toMatch(/menores de 18/)
  })

  it('rejects HTML or script in names, over-long fields and wrong types', async () => {
    expect(await expectRejected(signUp({ givenNames: '<script>alert(1)</script>' }), 'givenNames')).toMatch(/^Nombre\(s\):/)
    expect(await expectRejected(signUp({ colonia: 'Centro <img src=x onerror=alert(1)>' }), 'colonia')).toMatch(/HTML/)
    expect(await expectRejected(signUp({ surnames: 'a'.repeat(10_000) }), 'surnames')).toMatch(/demasiado largo/)
    expect(await expectRejected(signUp({ occupation: 'x'.repeat(10_000) }), 'occupation')).toMatch(/120/)
    expect(await expectRejected(signUp({ email: `${'a'.repeat(10_000)}@ejemplo.mx` }), 'email')).toMatch(/no es un correo/)
    expect(await expectRejected(signUp({ givenNames: 42 }), 'givenNames')).toBeTruthy()
    expect(await expectRejected(signUp({ gender: 'dragón' }), 'gender')).toBeTruthy()
  })

  it('asks for 8+ characters and refuses common passwords', async () => {
    expect(await expectRejected(signUp({ password: 'corta' }), 'password')).toMatch(/al menos 8/)
    expect(await expectRejected(signUp({ password: 'Contraseña123' }), 'password')).toMatch(/muy común/)
  })

  it('requires accepting the current privacy notice', async () => {
    expect(await expectRejected(signUp({ privacy: undefined }), 'privacy.version')).toMatch(/aviso de privacidad/)
    expect(await expectRejected(signUp({ privacy: { version: '0' } }), 'privacy.version')).toMatch(/versión vigente/)
  })

  it('reports the privacy notice together with the other mistakes, so a form can show them all at once', async () => {
    const response = await ctx.rest('POST', '/youth', { body: signUp({ privacy: undefined, colonia: '', birthDate: '2099-01-01' }) })
    expect(response.status).toBe(400)
    const fields = (await response.json()).errors.map((e: { field?: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['privacy.version', 'colonia', 'birthDate']))
  })
})
