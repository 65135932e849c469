/**
 * Reviewing applications as staff and youths would, through the real REST handlers on real
 * PostgreSQL: status history on every path, requests for information and the one reply, reviews
 * on a rubric scored independently, and reviewers confined to the calls assigned to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { youths } from './enrollment-fixtures'
import { applicationsOf, applyForm, exe, pdf, requiredFiles, validAnswers } from './applications-fixtures'
import { reviewedCall, staffMember, submittedApplication } from './application-review-fixtures'
import { MAIL_QUEUE } from '../../lib/email/queue'

const outbox = useOutbox()

type Staff = { id: number; token: string }
type HistoryEntry = { status: string; by?: { relationTo: string; value: number } | null; note?: string | null }

describe('reviewing applications', () => {
  let ctx: TestContext
  let reviewer: Staff
  let outsider: Staff
  let admin: Staff
  const patch = (id: number, body: unknown, token?: string) => ctx.rest('PATCH', `/applications/${id}`, { body, token })
  const errorsOf = async (response: Response) => (await response.json()).errors as { message: string; field?: string }[]
  const application = (id: number) => ctx.payload.findByID({ collection: 'applications', id, depth: 0 })
  const runJobs = () => ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 100 })

  beforeAll(async () => {
    ctx = await setupPayload()
    ;[reviewer, outsider, admin] = [await staffMember(ctx, 'reviewer'), await staffMember(ctx, 'reviewer'), await staffMember(ctx, 'admin')]
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  describe('status history and requests for information', () => {
    it('a reviewer asks for information: the change is recorded with who, when and the note, and the youth is emailed the note', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      const app = await submittedApplication(ctx, call.id, youth.id)

      const noNote = await patch(app.id, { status: 'needs-info' }, reviewer.token)
      expect(noNote.status).toBe(400)
      expect((await errorsOf(noNote))[0]).toMatchObject({ field: 'statusNote', message: expect.stringMatching(/^Nota del cambio de estado: escribe en la nota qué información necesitas/) })

      const before = Date.now()
      const response = await patch(app.id, { status: 'needs-info', statusNote: 'Falta tu comprobante de domicilio reciente.' }, reviewer.token)
      expect(response.status, await response.clone().text()).toBe(200)
      const saved = await application(app.id)
      expect(saved.status).toBe('needs-info')
      expect(saved.statusNote ?? null).toBeNull()
      const last = (saved.history as (HistoryEntry & { at: string })[]).at(-1)!
      expect(last).toMatchObject({ status: 'needs-info', by: { relationTo: 'users', value: reviewer.id }, note: 'Falta tu comprobante de domicilio reciente.' })
      expect(new Date(last.at).getTime()).toBeGreaterThanOrEqual(before - 1000)

      await runJobs()
      const mail = outbox.latestTo(youth.email)
      expect(mail.subject).toContain(`Necesitamos información sobre tu postulación a «${call.title}»`)
      expect(mail.text).toContain('Falta tu comprobante de domicilio reciente.')
      expect(mail.text).toContain('/cuenta/')
    })

    it('the youth answers once (text and a PDF): back to "en revisión"; a second answer is 409; others cannot answer', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth, stranger] = await youths(ctx, 2)
      const app = await submittedApplication(ctx, call.id, youth.id)
      const reply = (body: unknown, token?: string) => ctx.rest('POST', `/applications/${app.id}/reply`, { body, token })

      expect((await reply({ text: 'Aquí está.' }, youth.token)).status).toBe(409) // nothing was asked yet
      await patch(app.id, { status: 'needs-info', statusNote: 'Adjunta tu comprobante de domicilio.' }, reviewer.token)

      expect((await reply({ text: 'Aquí está.' })).status).toBe(401)
      expect((await reply({ text: 'Aquí está.' }, reviewer.token)).status).toBe(403)
      expect((await reply({ text: 'Aquí está.' }, stranger.token)).status).toBe(404)
      const empty = await reply({ text: '   ' }, youth.token)
      expect(empty.status).toBe(422)
      expect(await errorsOf(empty)).toEqual([{ message: 'Escribe tu respuesta.', field: 'text' }])
      const tooLong = await reply({ text: 'x'.repeat(3001) }, youth.token)
      expect((await errorsOf(tooLong))[0].message).toBe('Tu respuesta puede tener hasta 3000 caracteres.')
      const disguised = new FormData()
      disguised.append('data', JSON.stringify({ text: 'Mi comprobante.' }))
      disguised.append('document', new File([new Uint8Array(exe())], 'comprobante.pdf', { type: 'application/pdf' }))
      const refused = await reply(disguised, youth.token)
      expect(refused.status).toBe(422)
      expect((await errorsOf(refused))[0]).toMatchObject({ field: 'document', message: expect.stringMatching(/solo se aceptan archivos PDF, JPG o PNG/) })
      expect((await application(app.id)).status).toBe('needs-info')

      const form = new FormData()
      form.append('data', JSON.stringify({ text: 'Adjunto mi comprobante de luz de este mes.' }))
      form.append('document', new File([new Uint8Array(await pdf())], 'luz.pdf', { type: 'application/pdf' }))
      const answered = await reply(form, youth.token)
      expect(answered.status, await answered.clone().text()).toBe(200)
      expect(await answered.json()).toEqual({ folio: app.folio, status: 'in-review' })
      const saved = await application(app.id)
      expect(saved.replies).toMatchObject([{ text: 'Adjunto mi comprobante de luz de este mes.', document: expect.any(Number) }])
      expect((saved.history as HistoryEntry[]).at(-1)).toMatchObject({ status: 'in-review', by: { relationTo: 'youth', value: youth.id } })
      const documentId = (saved.replies as { document: number }[])[0].document
      const doc = await ctx.payload.findByID({ collection: 'application-documents', id: documentId })
      expect((await ctx.rest('GET', `/application-documents/file/${doc.filename}`, { token: reviewer.token })).status).toBe(200)

      const again = await reply({ text: 'Otra cosa.' }, youth.token)
      expect(again.status).toBe(409)
      expect((await errorsOf(again))[0].message).toMatch(/No hay una solicitud de información pendiente/)
      expect((await application(app.id)).replies).toHaveLength(1)
    })

    it('ten replies at once: exactly one is taken, the others are 409', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      const app = await submittedApplication(ctx, call.id, youth.id)
      await patch(app.id, { status: 'needs-info', statusNote: '¿En qué semestre vas?' }, reviewer.token)
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => ctx.rest('POST', `/applications/${app.id}/reply`, { body: { text: `Voy en ${i + 1}.º semestre.` }, token: youth.token })),
      )
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
      const saved = await application(app.id)
      expect(saved.replies).toHaveLength(1)
      expect((saved.history as HistoryEntry[]).map((h) => h.status)).toEqual(['submitted', 'needs-info', 'in-review'])
    })

    it('decisions: accepted and rejected are emailed once each; staff cannot act for the youth or on drafts', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [accepted, rejected, drafting] = await youths(ctx, 3)
      const a = await submittedApplication(ctx, call.id, accepted.id)
      const r = await submittedApplication(ctx, call.id, rejected.id)
      expect((await patch(a.id, { status: 'accepted' }, reviewer.token)).status).toBe(200)
      expect((await patch(r.id, { status: 'rejected', statusNote: 'El promedio mínimo era 8.' }, admin.token)).status).toBe(200)
      await runJobs()
      expect(outbox.latestTo(accepted.email).subject).toContain('fue aceptada')
      const no = outbox.latestTo(rejected.email)
      expect(no.subject).toContain(`Resultado de tu postulación a «${call.title}»`)
      expect(no.text).toContain('El promedio mínimo era 8.')
      // Saving the same decision again sends nothing new; a note needs a change of status to go with.
      const sent = outbox.all().length
      expect((await patch(a.id, { status: 'accepted' }, reviewer.token)).status).toBe(200)
      const lonelyNote = await patch(a.id, { statusNote: 'Sin cambios' }, reviewer.token)
      expect(lonelyNote.status).toBe(400)
      expect((await errorsOf(lonelyNote))[0].message).toMatch(/la nota se guarda junto con un cambio de estado/)
      await runJobs()
      expect(outbox.all().length).toBe(sent)

      for (const status of ['withdrawn', 'submitted', 'draft']) {
        const response = await patch(a.id, { status }, reviewer.token)
        expect(response.status, status).toBe(400)
        expect((await errorsOf(response))[0].message).toMatch(/^Estado: el equipo no puede poner una postulación en «/)
      }
      const draft = await ctx.payload.create({ collection: 'applications', data: { call: call.id, youth: drafting.id, status: 'draft' } as never })
      expect((await patch(draft.id, { status: 'accepted' }, admin.token)).status).toBe(400)
      expect((await application(draft.id)).status).toBe('draft')
      expect(((await application(a.id)).history as HistoryEntry[]).map((h) => h.status)).toEqual(['submitted', 'accepted'])
    })

    it('the endpoints record history too: applying as a draft, submitting, withdrawing', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      const apply = (submit: boolean) => ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: validAnswers(call), submit }), token: youth.token })
      expect((await apply(false)).status).toBe(201)
      const files = await requiredFiles(call)
      expect((await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: validAnswers(call), submit: true }, files), token: youth.token })).status).toBe(201)
      const [app] = await applicationsOf(ctx, call.id)
      expect((await ctx.rest('POST', `/applications/${app.id}/withdraw`, { token: youth.token })).status).toBe(200)
      const history = (await application(app.id)).history as HistoryEntry[]
      expect(history.map((h) => [h.status, h.by?.relationTo, h.by?.value])).toEqual([
        ['draft', 'youth', youth.id],
        ['submitted', 'youth', youth.id],
        ['withdrawn', 'youth', youth.id],
      ])
    })
  })

  describe('reviewers see and change only the calls assigned to them', () => {
    it('a reviewer not assigned to the call cannot read, change, score or download; the assigned one can', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      expect((await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), token: youth.token })).status).toBe(201)
      const [app] = await applicationsOf(ctx, call.id)
      const doc = await ctx.payload.findByID({ collection: 'application-documents', id: (app.documents as number[])[0] })

      // No call assigned at all: lists and reads are refused outright.
      expect((await ctx.rest('GET', `/applications?where[call][equals]=${call.id}`, { token: outsider.token })).status).toBe(403)
      expect((await ctx.rest('GET', `/applications/${app.id}`, { token: outsider.token })).status).toBe(403)
      expect((await patch(app.id, { status: 'accepted' }, outsider.token)).status).toBe(403)

      // Assigned to another call: this call's application does not exist for them, and cannot be changed or scored.
      await reviewedCall(ctx, [outsider.id])
      expect((await ctx.rest('GET', `/applications/${app.id}`, { token: outsider.token })).status).toBe(404)
      expect((await (await ctx.rest('GET', `/applications?where[call][equals]=${call.id}`, { token: outsider.token })).json()).totalDocs).toBe(0)
      for (const change of [{ status: 'accepted' }, { status: 'needs-info', statusNote: 'Manda tu INE.' }]) {
        const denied = await patch(app.id, change, outsider.token)
        expect([403, 404]).toContain(denied.status)
      }
      expect(await application(app.id)).toMatchObject({ status: 'submitted', history: [expect.objectContaining({ status: 'submitted' })] })
      expect([403, 404]).toContain((await ctx.rest('GET', `/application-documents/file/${doc.filename}`, { token: outsider.token })).status)
      const review = await ctx.rest('POST', '/reviews', { body: { application: app.id, status: 'submitted' }, token: outsider.token })
      expect(review.status).toBe(403)
      expect((await errorsOf(review))[0].message).toBe('Esta convocatoria no te está asignada: no puedes evaluar sus postulaciones.')
      expect((await ctx.payload.find({ collection: 'reviews', where: { application: { equals: app.id } } })).totalDocs).toBe(0)

      expect((await ctx.rest('GET', `/applications/${app.id}`, { token: reviewer.token })).status).toBe(200)
      expect((await ctx.rest('GET', `/application-documents/file/${doc.filename}`, { token: reviewer.token })).status).toBe(200)
      expect((await patch(app.id, { status: 'in-review', answers: [], folio: 'VJ-0000-000000', documents: [] }, reviewer.token)).status).toBe(200)
      // A reviewer decides on what the youth sent, and cannot rewrite it.
      expect(await application(app.id)).toMatchObject({ status: 'in-review', folio: app.folio, answers: app.answers, documents: app.documents })
    })

    it('drafts stay the youth\'s own: an assigned reviewer does not see them', async () => {
      const { call } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      const draft = await ctx.payload.create({ collection: 'applications', data: { call: call.id, youth: youth.id, status: 'draft' } as never })
      expect((await ctx.rest('GET', `/applications/${draft.id}`, { token: reviewer.token })).status).toBe(404)
      const listed = await (await ctx.rest('GET', `/applications?where[call][equals]=${call.id}`, { token: reviewer.token })).json()
      expect(listed.totalDocs).toBe(0)
      expect((await ctx.rest('GET', `/applications/${draft.id}`, { token: admin.token })).status).toBe(200)
    })
  })

  describe('reviews on the call\'s rubric', () => {
    const createReview = (body: unknown, token: string) => ctx.rest('POST', '/reviews', { body, token })
    const updateReview = (id: number, body: unknown, token: string) => ctx.rest('PATCH', `/reviews/${id}`, { body, token })

    it('scores are checked against the rubric; the total is weighted (0–100); a submitted review is final', async () => {
      const { call, criteria } = await reviewedCall(ctx, [reviewer.id])
      const [youth] = await youths(ctx, 1)
      const app = await submittedApplication(ctx, call.id, youth.id)

      const created = await createReview({ application: app.id, reviewer: outsider.id, total: 100 }, reviewer.token)
      expect(created.status, await created.clone().text()).toBe(201)
      const { doc } = await created.json()
      expect(doc).toMatchObject({ reviewer: { id: reviewer.id }, status: 'draft', total: null })
      expect(doc.scores).toMatchObject([
        { criterion: criteria.trayectoria, name: 'Trayectoria', score: null },
        { criterion: criteria.motivacion, name: 'Motivación', score: null },
      ])

      const tooHigh = await updateReview(doc.id, { scores: [{ criterion: criteria.motivacion, score: 6 }] }, reviewer.token)
      expect(tooHigh.status).toBe(400)
      expect((await errorsOf(tooHigh)).map((e) => e.message).join(' ')).toContain('«Motivación» se califica de 0 a 5.')
      const unknown = await updateReview(doc.id, { scores: [{ criterion: 'no-existe', score: 1 }] }, reviewer.token)
      expect((await errorsOf(unknown)).map((e) => e.message).join(' ')).toContain('criterios que no están en la rúbrica')
      const incomplete = await updateReview(doc.id, { status: 'submitted', scores: [{ criterion: criteria.trayectoria, score: 8 }] }, reviewer.token)
      expect(incomplete.status).toBe(400)
      expect((await errorsOf(incomplete)).map((e) => e.message).join(' ')).toContain('Calificaciones: califica «Motivación» antes de enviar tu evaluación.')

      const submitted = await updateReview(
        doc.id,
        { status: 'submitted', comment: 'Buena trayectoria.', scores: [{ criterion: criteria.trayectoria, score: 8 }, { criterion: criteria.motivacion, score: 4 }] },
        reviewer.token,
      )
      expect(submitted.status, await submitted.clone().text()).toBe(200)
      // (2 × 8/10 + 1 × 4/5) / 3 × 100 = 80
      expect((await submitted.json()).doc).toMatchObject({ status: 'submitted', total: 80, submittedAt: expect.any(String) })
      expect(await application(app.id)).toMatchObject({ averageScore: 80, reviewCount: 1 })

      const changed = await updateReview(doc.id, { scores: [{ criterion: criteria.trayectoria, score: 10 }, { criterion: criteria.motivacion, score: 5 }] }, reviewer.token)
      expect(changed.status).toBe(403)
      expect((await createReview({ application: app.id }, reviewer.token)).status).toBe(400) // one review per reviewer
    })

    it('reviewers score independently: others\' scores and the average stay hidden until their own is submitted', async () => {
      const second = await staffMember(ctx, 'reviewer')
      const { call, criteria } = await reviewedCall(ctx, [reviewer.id, second.id])
      const [youth] = await youths(ctx, 1)
      const app = await submittedApplication(ctx, call.id, youth.id)
      const scores = (t: number, m: number) => [{ criterion: criteria.trayectoria, score: t }, { criterion: criteria.motivacion, score: m }]
      const first = await (await createReview({ application: app.id, status: 'submitted', scores: scores(10, 5) }, reviewer.token)).json()
      expect(first.doc.total).toBe(100)

      const reviewsSeenBy = async (token: string) => (await (await ctx.rest('GET', `/reviews?where[application][equals]=${app.id}`, { token })).json()).docs as { id: number; total: number }[]
      const averageSeenBy = async (token: string) => (await (await ctx.rest('GET', `/applications/${app.id}`, { token })).json()).averageScore
      expect(await reviewsSeenBy(second.token)).toEqual([])
      expect((await ctx.rest('GET', `/reviews/${first.doc.id}`, { token: second.token })).status).toBe(404)
      expect(await averageSeenBy(second.token)).toBeUndefined()

      const own = await (await createReview({ application: app.id, scores: scores(5, 5) }, second.token)).json()
      expect((await reviewsSeenBy(second.token)).map((r) => r.id)).toEqual([own.doc.id]) // a draft is not enough
      expect((await updateReview(own.doc.id, { status: 'submitted' }, second.token)).status).toBe(200)
      // (2 × 0.5 + 1 × 1) / 3 × 100 = 66.7; the average of the totals shown, 100 and 66.7, is 83.35 → 83.4.
      expect((await reviewsSeenBy(second.token)).map((r) => r.total).sort()).toEqual([100, 66.7])
      expect(await averageSeenBy(second.token)).toBe(83.4)
      expect((await reviewsSeenBy(admin.token)).length).toBe(2)

      const [youthToken] = (await youths(ctx, 1)).map((y) => y.token)
      expect((await ctx.rest('GET', '/reviews', { token: youthToken })).status).toBe(403)
      // The outsider reviews another call (assigned in an earlier test): none of these reviews reach them.
      expect((await reviewsSeenBy(outsider.token))).toEqual([])
    })
  })
})
