/**
 * Applying to a call as a youth would, through the real REST handlers on real PostgreSQL: every
 * refusal gives its status and Spanish reason and stores nothing; documents stay private.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { youths } from './enrollment-fixtures'
import { applicationsOf, applyForm, exe, idsOf, openCall, pdf, requiredFiles, validAnswers, type Part } from './applications-fixtures'
import { staffMember } from './application-review-fixtures'
import { MAIL_QUEUE } from '../../lib/email/queue'

const outbox = useOutbox()
const DAY = 86_400_000

describe('applying to a call', () => {
  let ctx: TestContext
  let people: { id: number; email: string; token: string }[]
  const apply = (callId: number | string, body?: FormData, token?: string) => ctx.rest('POST', `/calls/${callId}/apply`, { body, token })
  const errorsOf = async (response: Response) => (await response.json()).errors as { message: string; field?: string }[]

  beforeAll(async () => {
    ctx = await setupPayload()
    people = await youths(ctx, 4)
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  async function expectRefused(callId: number, response: Response, status: number, message: RegExp) {
    expect(response.status).toBe(status)
    const errors = await errorsOf(response)
    expect(errors[0].message).toMatch(message)
    expect(await applicationsOf(ctx, callId)).toEqual([])
  }

  it('submits with answers and documents: 201 with a folio, stored answers, and a confirmation email', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const response = await apply(call.id, applyForm({ answers: validAnswers(call), submit: true }, await requiredFiles(call)), youth.token)
    expect(response.status, await response.clone().text()).toBe(201)
    const body = await response.json()
    expect(body).toEqual({ folio: expect.stringMatching(/^VJ-\d{4}-\d{6}$/), status: 'submitted' })
    const [application] = await applicationsOf(ctx, call.id)
    expect(application).toMatchObject({ youth: youth.id, status: 'submitted', folio: body.folio })
    expect(application.documents).toHaveLength(2)
    const { q } = idsOf(call)
    const answers = application.answers as { question: string; value: unknown }[]
    expect(answers.find((a) => a.question === q['Promedio'])?.value).toBe(9.2)
    expect(answers.find((a) => a.question === q['Intereses'])?.value).toEqual(['Arte', 'Ciencia'])
    expect(application.history).toMatchObject([{ status: 'submitted', by: { relationTo: 'youth', value: youth.id } }])

    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 100 })
    const mail = outbox.latestTo(youth.email)
    expect(mail.subject).toContain(body.folio)
    expect(mail.text).toContain(`Tu folio es ${body.folio}`)
  })

  describe('refusals store nothing', () => {
    it('anonymous: 401; staff session: 403; unknown, malformed and draft calls: 404', async () => {
      const call = await openCall(ctx)
      await expectRefused(call.id, await apply(call.id, applyForm({})), 401, /^Inicia sesión/)
      await expectRefused(call.id, await apply(call.id, applyForm({}), await staffToken(ctx, 'admin')), 403, /persona joven/)
      const draft = await openCall(ctx, { _status: 'draft' })
      for (const id of ['999999', 'abc', String(draft.id)]) {
        const response = await apply(id, applyForm({}), people[0].token)
        expect(response.status, id).toBe(404)
        expect(await response.json()).toEqual({ errors: [{ message: 'No encontramos esa convocatoria.' }] })
      }
    })

    it('one second after the deadline: 403 naming the closing time in León; just before: accepted', async () => {
      const late = await openCall(ctx, { window: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() - 1000).toISOString() } })
      await expectRefused(late.id, await apply(late.id, applyForm({ answers: validAnswers(late) }, await requiredFiles(late)), people[0].token), 403, /^Esta convocatoria ya cerró: cerró el .*\(hora del centro de México\)\.$/)
      const justInTime = await openCall(ctx, { window: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5000).toISOString() } })
      expect((await apply(justInTime.id, applyForm({ answers: validAnswers(justInTime) }, await requiredFiles(justInTime)), people[0].token)).status).toBe(201)
      const early = await openCall(ctx, { window: { opens: new Date(Date.now() + DAY).toISOString(), closes: new Date(Date.now() + 2 * DAY).toISOString() } })
      await expectRefused(early.id, await apply(early.id, applyForm({}), people[0].token), 403, /todavía no recibe postulaciones/)
    })

    it('unverified email, a minor without guardian consent, age on the closing date, residency: 403', async () => {
      const call = await openCall(ctx)
      const form = async () => applyForm({ answers: validAnswers(call) }, await requiredFiles(call))
      const [unverified] = await youths(ctx, 1)
      await ctx.payload.update({ collection: 'youth', id: unverified.id, data: { _verified: false } as never })
      await expectRefused(call.id, await apply(call.id, await form(), unverified.token), 403, /^Confirma tu correo electrónico para poder postularte/)
      const [minor] = await youths(ctx, 1, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: 'rosa@ejemplo.mx' } })
      await expectRefused(call.id, await apply(call.id, await form(), minor.token), 403, /autorización de tu madre, padre o tutor/)
      const [silao] = await youths(ctx, 1, { municipality: 'Silao' })
      await expectRefused(call.id, await apply(call.id, await form(), silao.token), 403, /solo para personas que viven en el municipio de León/)

      // 17 today, 18 on the closing date a year from now: the closing date is what counts.
      const adultsOnly = await openCall(ctx, {
        eligibility: { ageRange: { min: 18, max: 29 }, mustLiveInMunicipality: false },
        window: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 365 * DAY).toISOString() },
      })
      const [seventeen] = await youths(ctx, 1, { birthDate: birthDayForAge(17), guardian: { name: 'Rosa Pérez', email: 'rosa@ejemplo.mx' } })
      await ctx.payload.update({ collection: 'youth', id: seventeen.id, data: { guardianConsent: { status: 'given' } } as never })
      expect((await apply(adultsOnly.id, applyForm({ answers: validAnswers(adultsOnly) }, await requiredFiles(adultsOnly)), seventeen.token)).status).toBe(201)
      const teens = await openCall(ctx, { eligibility: { ageRange: { min: 12, max: 17 }, mustLiveInMunicipality: false } })
      await expectRefused(teens.id, await apply(teens.id, applyForm({}), people[0].token), 403, /^Esta convocatoria es para personas de 12 a 17 años a la fecha de cierre, y tú tendrás 20\.$/)
    })

    it('every question type, invalid: 422 with one Spanish message per question', async () => {
      const call = await openCall(ctx)
      const { q } = idsOf(call)
      const answers = {
        [q['Nombre de tu escuela']]: 'x'.repeat(201),
        [q['¿Por qué quieres la beca?']]: 42,
        [q['Turno']]: 'Nocturno',
        [q['Intereses']]: ['Arte', 'Cocina'],
        [q['Promedio']]: 'nueve',
        [q['Fecha de ingreso']]: '2024-02-30',
      }
      const response = await apply(call.id, applyForm({ answers }, await requiredFiles(call)), people[0].token)
      expect(response.status).toBe(422)
      const byField = Object.fromEntries((await errorsOf(response)).map((e) => [e.field, e.message]))
      expect(byField).toEqual({
        [q['Nombre de tu escuela']]: '«Nombre de tu escuela»: tu respuesta tiene 201 caracteres; el máximo es 200.',
        [q['¿Por qué quieres la beca?']]: '«¿Por qué quieres la beca?»: escribe tu respuesta como texto.',
        [q['Turno']]: '«Turno»: elige una de las opciones: Matutino, Vespertino.',
        [q['Intereses']]: '«Intereses»: elige solo entre las opciones: Arte, Ciencia, Deporte.',
        [q['Promedio']]: '«Promedio»: escribe un número (por ejemplo 12 o 8.5).',
        [q['Fecha de ingreso']]: '«Fecha de ingreso»: escribe una fecha válida con el formato AAAA-MM-DD.',
      })
      expect(await applicationsOf(ctx, call.id)).toEqual([])
    })

    it('required questions left empty: 422 for each; optional ones may stay empty', async () => {
      const call = await openCall(ctx)
      const { q } = idsOf(call)
      const response = await apply(call.id, applyForm({ answers: { [q['Turno']]: 'Vespertino', [q['Nombre de tu escuela']]: '   ' } }, await requiredFiles(call)), people[0].token)
      expect(response.status).toBe(422)
      expect((await errorsOf(response)).map((e) => e.message)).toEqual([
        '«Nombre de tu escuela»: esta pregunta es obligatoria.',
        '«¿Por qué quieres la beca?»: esta pregunta es obligatoria.',
        '«Promedio»: esta pregunta es obligatoria.',
      ])
      expect(await applicationsOf(ctx, call.id)).toEqual([])
    })

    it('missing required documents (a requested one and a file question): 422 naming each', async () => {
      const call = await openCall(ctx)
      const { d } = idsOf(call)
      const onlyOptional: Part[] = [{ name: d['Carta de recomendación'], content: await pdf(), filename: 'carta.pdf' }]
      const response = await apply(call.id, applyForm({ answers: validAnswers(call) }, onlyOptional), people[0].token)
      expect(response.status).toBe(422)
      expect((await errorsOf(response)).map((e) => e.message)).toEqual([
        '«Identificación oficial»: adjunta este documento; es obligatorio.',
        '«Comprobante de estudios»: adjunta este documento; es obligatorio.',
      ])
      expect(await applicationsOf(ctx, call.id)).toEqual([])
      expect((await ctx.payload.find({ collection: 'application-documents', where: { call: { equals: call.id } } })).totalDocs).toBe(0)
    })

    it('a program renamed to .pdf, and a 50 MB file: 422, checked by content and size', async () => {
      const call = await openCall(ctx)
      const { d } = idsOf(call)
      const [, studies] = await requiredFiles(call)
      const renamed = await apply(call.id, applyForm({ answers: validAnswers(call) }, [{ name: d['Identificación oficial'], content: exe(), filename: 'ine.pdf' }, studies]), people[0].token)
      expect(renamed.status).toBe(422)
      expect(await errorsOf(renamed)).toEqual([
        { field: d['Identificación oficial'], message: '«Identificación oficial»: solo se aceptan archivos PDF, JPG o PNG (revisamos el contenido, no solo el nombre).' },
      ])
      const huge = Buffer.alloc(50 * 1024 * 1024)
      ;(await pdf()).copy(huge)
      const oversize = await apply(call.id, applyForm({ answers: validAnswers(call) }, [{ name: d['Identificación oficial'], content: huge, filename: 'ine.pdf' }, studies]), people[0].token)
      expect(oversize.status).toBe(422)
      expect((await errorsOf(oversize))[0].message).toBe('«Identificación oficial»: el archivo pesa 50.0 MB; el máximo es 5 MB.')
      expect(await applicationsOf(ctx, call.id)).toEqual([])
    })
  })

  it('20 parallel applications of one youth: one application, the rest 409 with its folio', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const files = await requiredFiles(call)
    const responses = await Promise.all(Array.from({ length: 20 }, () => apply(call.id, applyForm({ answers: validAnswers(call) }, files), youth.token)))
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses).toEqual([201, ...Array(19).fill(409)])
    const applications = await applicationsOf(ctx, call.id)
    expect(applications).toHaveLength(1)
    const refused = await responses.find((r) => r.status === 409)!.json()
    expect(refused).toMatchObject({ folio: applications[0].folio, status: 'submitted' })
    expect(refused.errors[0].message).toBe(`Ya enviaste tu postulación a esta convocatoria: tu folio es ${applications[0].folio}.`)
    expect((await ctx.payload.find({ collection: 'application-documents', where: { call: { equals: call.id } } })).totalDocs).toBe(2)
  })

  it('a draft is not a submission: no folio, no email; submitting later keeps its documents', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const { q, d } = idsOf(call)
    const [ine, studies] = await requiredFiles(call)
    const draft = await apply(call.id, applyForm({ answers: { [q['Turno']]: 'Matutino' }, submit: false }, [ine]), youth.token)
    expect(draft.status).toBe(201)
    expect(await draft.json()).toEqual({ folio: null, status: 'draft' })
    const [saved] = await applicationsOf(ctx, call.id)
    expect(saved).toMatchObject({ status: 'draft', folio: null, submittedAt: null })
    expect((await ctx.payload.count({ collection: 'applications', where: { call: { equals: call.id }, status: { equals: 'submitted' } } })).totalDocs).toBe(0)
    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 100 })
    expect(outbox.to(youth.email)).toEqual([])

    // Saved again (still a draft): 200; an invalid answer is refused even in a draft.
    expect((await apply(call.id, applyForm({ answers: { [q['Promedio']]: 'diez' }, submit: false }), youth.token)).status).toBe(422)
    expect((await apply(call.id, applyForm({ answers: { [q['Promedio']]: 8 }, submit: false }), youth.token)).status).toBe(200)

    const submitted = await apply(call.id, applyForm({ answers: validAnswers(call), submit: true }, [studies]), youth.token)
    expect(submitted.status).toBe(201)
    const { folio } = await submitted.json()
    const [done] = await applicationsOf(ctx, call.id)
    expect(done).toMatchObject({ status: 'submitted', folio })
    const docs = await ctx.payload.find({ collection: 'application-documents', where: { id: { in: done.documents as number[] } } })
    expect(docs.docs.map((doc) => doc.requirement).sort()).toEqual([d['Identificación oficial'], q['Comprobante de estudios']].sort())
    expect((done.history as { status: string }[]).map((h) => h.status)).toEqual(['draft', 'submitted'])
  })

  it('re-saving a draft with a new file for a request removes the earlier file and its row (no orphans)', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const [ine] = await requiredFiles(call)
    expect((await apply(call.id, applyForm({ answers: {}, submit: false }, [ine]), youth.token)).status).toBe(201)
    const first = (await ctx.payload.find({ collection: 'application-documents', where: { call: { equals: call.id } }, overrideAccess: true })).docs
    expect(first).toHaveLength(1)
    const dir = String(ctx.payload.collections['application-documents'].config.upload.staticDir)
    const firstFile = path.join(dir, String(first[0].filename))
    expect(fs.existsSync(firstFile)).toBe(true)

    expect((await apply(call.id, applyForm({ answers: {}, submit: false }, [ine]), youth.token)).status).toBe(200)
    const now = (await ctx.payload.find({ collection: 'application-documents', where: { call: { equals: call.id } }, overrideAccess: true })).docs
    const [application] = await applicationsOf(ctx, call.id)
    expect(now.map((doc) => doc.id)).toEqual(application.documents)
    expect(now[0].id).not.toBe(first[0].id)
    expect(fs.existsSync(firstFile)).toBe(false)
  })

  it('documents are private: only the applicant and the call\'s reviewers download them; no public listing', async () => {
    const assigned = await staffMember(ctx, 'reviewer')
    const call = await openCall(ctx, { reviewers: [assigned.id] })
    const [owner, other] = await youths(ctx, 2)
    expect((await apply(call.id, applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), owner.token)).status).toBe(201)
    const [application] = await applicationsOf(ctx, call.id)
    const doc = await ctx.payload.findByID({ collection: 'application-documents', id: (application.documents as number[])[0] })
    expect(doc.filename).toMatch(/^[0-9a-f-]{36}\.(pdf|png)$/)
    const file = `/application-documents/file/${doc.filename}`

    const asOwner = await ctx.rest('GET', file, { token: owner.token })
    expect(asOwner.status).toBe(200)
    expect(Buffer.from(await asOwner.arrayBuffer()).subarray(0, 4).toString('latin1')).toMatch(/%PDF|.PNG/)
    expect((await ctx.rest('GET', file, { token: assigned.token })).status).toBe(200)
    for (const token of [other.token, undefined, await staffToken(ctx, 'editor'), await staffToken(ctx, 'reviewer')]) {
      const denied = await ctx.rest('GET', file, { token })
      expect([403, 404]).toContain(denied.status)
    }
    const listing = await (await ctx.rest('GET', '/application-documents', { token: other.token })).json()
    expect(listing.totalDocs).toBe(0)
    const applications = await (await ctx.rest('GET', '/applications', { token: other.token })).json()
    expect(applications.totalDocs).toBe(0)
  })

  it('a youth cannot create applications or change their status through plain REST', async () => {
    const call = await openCall(ctx)
    const [youth] = await youths(ctx, 1)
    const created = await ctx.rest('POST', '/applications', { body: { call: call.id, youth: youth.id, status: 'accepted' }, token: youth.token })
    expect(created.status).toBe(403)
    expect((await apply(call.id, applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), youth.token)).status).toBe(201)
    const [application] = await applicationsOf(ctx, call.id)
    await ctx.rest('PATCH', `/applications/${application.id}`, { body: { status: 'accepted' }, token: youth.token })
    expect((await ctx.payload.findByID({ collection: 'applications', id: application.id })).status).toBe('submitted')
  })

  describe('withdrawing', () => {
    const withdraw = (id: number, token?: string) => ctx.rest('POST', `/applications/${id}/withdraw`, { token })

    it('the applicant withdraws before the deadline, once; nobody else can', async () => {
      const call = await openCall(ctx)
      const [youth, other] = await youths(ctx, 2)
      const { folio } = await (await apply(call.id, applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), youth.token)).json()
      const [application] = await applicationsOf(ctx, call.id)
      expect((await withdraw(application.id)).status).toBe(401)
      expect((await withdraw(application.id, other.token)).status).toBe(404)
      const done = await withdraw(application.id, youth.token)
      expect(done.status).toBe(200)
      expect(await done.json()).toEqual({ folio, status: 'withdrawn' })
      const again = await withdraw(application.id, youth.token)
      expect(again.status).toBe(409)
      expect((await errorsOf(again))[0].message).toBe('Tu postulación ya no se puede retirar: su estado es «Retirada».')
      const stored = await ctx.payload.findByID({ collection: 'applications', id: application.id })
      expect((stored.history as { status: string }[]).map((h) => h.status)).toEqual(['submitted', 'withdrawn'])
    })

    it('after the deadline: 403', async () => {
      const call = await openCall(ctx)
      const [youth] = await youths(ctx, 1)
      await apply(call.id, applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), youth.token)
      const [application] = await applicationsOf(ctx, call.id)
      await ctx.payload.update({ collection: 'calls', id: call.id, data: { window: { opens: new Date(Date.now() - 2 * DAY).toISOString(), closes: new Date(Date.now() - 1000).toISOString() } } as never })
      const late = await withdraw(application.id, youth.token)
      expect(late.status).toBe(403)
      expect((await errorsOf(late))[0].message).toMatch(/^Esta convocatoria ya cerró: .* Ya no es posible retirar la postulación\.$/)
      expect((await ctx.payload.findByID({ collection: 'applications', id: application.id })).status).toBe('submitted')
    })
  })
})
