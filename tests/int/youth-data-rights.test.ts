import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { eligibilityProblem } from '../../collections/Youth/eligibility'
import { seed } from '../../seed'
import { linkIn, useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, curpFor, signUp, staffToken, verifiedYouth } from '../helpers/youth'
import { openCourse } from './enrollment-fixtures'
import { applyForm, idsOf, openCall, requiredFiles, validAnswers } from './applications-fixtures'

const outbox = useOutbox()

describe('guardian consent, ARCO requests, export and deletion', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  const youth = (id: number) => ctx.payload.findByID({ collection: 'youth', id, showHiddenFields: true })
  const minorData = (guardianEmail: string) =>
    signUp({ birthDate: birthDayForAge(16), guardian: { name: 'Rosa Pérez', email: guardianEmail } })

  it('emails the guardian a single-use link; the minor is eligible only after email and consent', async () => {
    const response = await ctx.rest('POST', '/youth', { body: minorData('rosa@ejemplo.mx') })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    expect(eligibilityProblem(await youth(doc.id))?.code).toBe('email-unverified')

    const mail = outbox.latestTo('rosa@ejemplo.mx')
    expect(mail.subject).toBe('María José necesita tu autorización en Viaje Joven')
    const token = linkIn(mail, '/cuenta/tutor').searchParams.get('token')
    expect((await youth(doc.id)).guardianTokenHash).not.toContain(token)

    await ctx.payload.update({ collection: 'youth', id: doc.id, data: { _verified: true } })
    const waiting = eligibilityProblem(await youth(doc.id))
    expect(waiting?.code).toBe('guardian-consent-missing')
    expect(waiting?.message).toMatch(/autorización de tu madre, padre o tutor/)

    const given = await ctx.rest('POST', '/youth/guardian-consent', { body: { token } })
    expect(given.status).toBe(200)
    expect((await given.json()).givenNames).toBe('María José')
    const after = await youth(doc.id)
    expect(after.guardianConsent).toMatchObject({ status: 'given', method: 'email' })
    expect(after.consentLog?.map((e) => e.event)).toContain('guardian-consent-email')
    expect(eligibilityProblem(after)).toBeNull()

    const again = await ctx.rest('POST', '/youth/guardian-consent', { body: { token } })
    expect(again.status).toBe(400)
    expect((await again.json()).errors[0]).toMatchObject({ field: 'token', message: expect.stringMatching(/ya se usó/) })
  })

  it('refuses an expired guardian link', async () => {
    const { doc } = await (await ctx.rest('POST', '/youth', { body: minorData('tutor.tarde@ejemplo.mx') })).json()
    const token = linkIn(outbox.latestTo('tutor.tarde@ejemplo.mx'), '/cuenta/tutor').searchParams.get('token')
    await ctx.payload.db.updateOne({ collection: 'youth', id: doc.id, data: { guardianTokenExpiresAt: new Date(Date.now() - 1000).toISOString() }, returning: false })
    const response = await ctx.rest('POST', '/youth/guardian-consent', { body: { token } })
    expect(response.status).toBe(410)
    expect((await youth(doc.id)).guardianConsent?.status).toBe('pending')
  })

  // An administrator: a coordinator reaches only the youths of their own courses (issue #16), and a
  // minor cannot enrol before consent.
  it('lets an administrator record consent given on paper, with who and when', async () => {
    const { doc } = await (await ctx.rest('POST', '/youth', { body: minorData('papel@ejemplo.mx') })).json()
    const token = await staffToken(ctx, 'admin')
    const response = await ctx.rest('PATCH', `/youth/${doc.id}`, { token, body: { guardianConsent: { status: 'given' } } })
    expect(response.status).toBe(200)
    const after = await youth(doc.id)
    expect(after.guardianConsent?.method).toBe('papel')
    expect(after.guardianConsent?.givenAt).toBeTruthy()
    expect(after.guardianConsent?.recordedBy).toBeTruthy()
    expect(after.consentLog?.at(-1)).toMatchObject({ event: 'guardian-consent-paper', by: expect.stringContaining('admin') })
  })

  it('files an ARCO request with its legal due date and logs it on the profile', async () => {
    const me = await verifiedYouth(ctx)
    const response = await ctx.rest('POST', '/arco-requests', { token: me.token, body: { kind: 'rectificacion', text: 'Mi colonia es otra.', status: 'resolved' } })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    expect(doc.status).toBe('received')
    expect(doc.youth).toBeTruthy()
    const due = new Date(doc.dueDate)
    const days = (due.getTime() - new Date(doc.createdAt).getTime()) / 86_400_000
    expect(days).toBeGreaterThanOrEqual(26)
    expect(days).toBeLessThanOrEqual(29)
    expect([0, 6]).not.toContain(due.getUTCDay())
    expect((await youth(me.id)).consentLog?.map((e) => e.event)).toContain('arco-request')

    const other = await verifiedYouth(ctx)
    const list = await (await ctx.rest('GET', '/arco-requests', { token: other.token })).json()
    expect(list.totalDocs).toBe(0)
    expect((await ctx.rest('GET', '/arco-requests')).status).toBe(403)
    expect((await ctx.rest('POST', '/arco-requests', { token: me.token, body: { kind: 'acceso', text: 'x'.repeat(10_000) } })).status).toBe(400)
  })

  it('exports my data and only mine', async () => {
    const me = await verifiedYouth(ctx, { curp: curpFor(birthDayForAge(20), 'EXPO') , birthDate: birthDayForAge(20) })
    const other = await verifiedYouth(ctx)
    await ctx.rest('POST', '/arco-requests', { token: me.token, body: { kind: 'acceso', text: 'Quiero mis datos.' } })
    await ctx.rest('POST', '/arco-requests', { token: other.token, body: { kind: 'oposicion', text: 'Otra persona.' } })

    expect((await ctx.rest('GET', '/youth/me/export')).status).toBe(401)
    const response = await ctx.rest('GET', '/youth/me/export', { token: me.token })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('attachment')
    const data = await response.json()
    expect(data.profile.email).toBe(me.email)
    expect(data.profile.curp).toMatch(/^EXPO/)
    expect(data['arco-requests'].map((r: { text: string }) => r.text)).toEqual(['Quiero mis datos.'])
    const raw = JSON.stringify(data)
    expect(raw).not.toContain(other.email)
    expect(raw).not.toMatch(/"(hash|salt|guardianTokenHash|password)"/)
  })

  it('exports my enrolments, my applications with their answers and documents, and my journey\'s milestones; nothing of others', async () => {
    const me = await verifiedYouth(ctx)
    const other = await verifiedYouth(ctx)
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' }) // the six pillars
    const education = (await ctx.payload.find({ collection: 'pillars', where: { slug: { equals: 'educacion-formacion' } } })).docs[0]
    const course = await openCourse(ctx, { title: 'Taller de exportación de datos', pillars: [education.id] })
    const call = await openCall(ctx)
    for (const person of [me, other]) {
      expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: person.token, body: {} })).status).toBe(201)
      const answers = { ...validAnswers(call), [idsOf(call).q['Nombre de tu escuela']]: `Escuela de ${person.email}` }
      const applied = await ctx.rest('POST', `/calls/${call.id}/apply`, { token: person.token, body: applyForm({ answers, submit: true }, await requiredFiles(call)) })
      expect(applied.status, await applied.clone().text()).toBe(201)
    }

    const data = await (await ctx.rest('GET', '/youth/me/export', { token: me.token })).json()
    expect(data.enrollments).toHaveLength(1)
    expect(data.enrollments[0]).toMatchObject({ status: 'confirmed', course: { title: 'Taller de exportación de datos' } })
    expect(data.applications).toHaveLength(1)
    expect(data.applications[0]).toMatchObject({ status: 'submitted', call: { title: call.title } })
    expect(data.applications[0].folio).toMatch(/\S/)
    expect(data.applications[0].answers.map((a: { value: unknown }) => a.value)).toContain(`Escuela de ${me.email}`)
    expect(data['application-documents'].length).toBeGreaterThanOrEqual(2)
    expect(data.journey.timeline.map((e: { kind: string }) => e.kind).sort()).toEqual(['applied', 'enrolled'])
    expect(data.journey.milestones.filter((m: { achievedAt: string | null }) => m.achievedAt).map((m: { key: string }) => m.key)).toContain('primer-paso:educacion-formacion')

    const raw = JSON.stringify(data)
    expect(raw).not.toContain(other.email)
    expect(raw).not.toContain(`Escuela de ${other.email}`)
    // Staff-only fields of an application stay out (reviewers' work is not the youth's to read).
    expect(raw).not.toMatch(/"(reviewCount|notifiedStatus|averageScore)"/)
  })

  it('deletes my account by anonymising it, only with the confirmation word', async () => {
    const me = await verifiedYouth(ctx, { curp: curpFor(birthDayForAge(21), 'BORR'), birthDate: birthDayForAge(21) })
    const refused = await ctx.rest('POST', '/youth/me/delete', { token: me.token, body: { confirmation: 'si' } })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors[0].field).toBe('confirmation')

    const response = await ctx.rest('POST', '/youth/me/delete', { token: me.token, body: { confirmation: 'ELIMINAR' } })
    expect(response.status).toBe(200)
    const after = await youth(me.id)
    expect(after.email).not.toContain(me.email.split('@')[0])
    expect(after).toMatchObject({ givenNames: 'Cuenta', surnames: 'eliminada', curp: null, occupation: null, municipality: 'León' })
    expect(after.anonymizedAt).toBeTruthy()
    expect(String(after.birthDate).slice(0, 4)).toBe(birthDayForAge(21).slice(0, 4))
    expect((await ctx.rest('POST', '/youth/login', { body: { email: me.email, password: me.password } })).status).toBe(401)
    expect((await ctx.rest('GET', '/youth/me/export', { token: me.token })).status).toBe(401)
  })
})
