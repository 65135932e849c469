/**
 * The no-JavaScript apply form's logic (site/lib/apply-page.ts) against the real API: the page
 * calls Payload over HTTP with the visitor's cookie and forwards the browser's multipart form.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyAction, applyView, draftValues, storedRequirements, type ApplyCall } from '../../site/lib/apply-page'
import { applicationAction, myApplications } from '../../site/lib/my-applications'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { youths } from './enrollment-fixtures'
import { idsOf, openCall, pdf, png } from './applications-fixtures'

const outbox = useOutbox()
const DAY = 86_400_000

describe('the apply form without JavaScript', () => {
  let ctx: TestContext
  let server: http.Server
  let people: { token: string }[]

  const visitor = (token?: string) => new Request('http://localhost/convocatorias/x/postular', { headers: token ? { cookie: `payload-token=${token}` } : {} })
  /** What a browser posts: every input of the form, an untouched file input as an empty nameless part. */
  const browserForm = (fields: [string, string | File][]) => {
    const form = new FormData()
    for (const [name, value] of fields) form.append(name, value)
    return form
  }
  const noFile = () => new File([], '', { type: 'application/octet-stream' })

  beforeAll(async () => {
    ctx = await setupPayload()
    // The API as the site reaches it over HTTP; a multipart body is handed on as the browser built it.
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
      let body: FormData | string | undefined = chunks.length ? Buffer.concat(chunks).toString() : undefined
      if (headers['content-type']?.startsWith('multipart/form-data')) {
        body = await new Request('http://x', { method: 'POST', headers: { 'content-type': headers['content-type'] }, body: Buffer.concat(chunks) }).formData()
        delete headers['content-type']
        delete headers['content-length']
      }
      const response = await ctx.rest(req.method as 'GET' | 'POST', req.url!.replace(/^\/api/, ''), { headers, body })
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' })
      res.end(Buffer.from(await response.arrayBuffer()))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    process.env.INTERNAL_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    people = await youths(ctx, 2)
  })
  afterAll(async () => {
    server.close()
    await ctx.close()
    outbox.cleanup()
  })

  it('shows an anonymous visitor the call with its own questions and options; an unknown slug is not found', async () => {
    const call = await openCall(ctx)
    const view = await applyView(visitor(), call.slug!)
    expect(view).toMatchObject({ youth: null, application: null, closed: null })
    expect(view.call!.questions!.map((q) => q.type)).toEqual(['short-text', 'long-text', 'single-choice', 'multiple-choice', 'number', 'date', 'file'])
    expect(view.call!.questions!.find((q) => q.label === 'Turno')!.options).toEqual(['Matutino', 'Vespertino'])
    expect(view.call!.requiredDocuments!.map((d) => d.name)).toEqual(['Identificación oficial', 'Carta de recomendación'])
    expect((await applyView(visitor(), 'no-existe-esta-convocatoria')).call).toBeNull()
  })

  it('says when a call is closed', async () => {
    const call = await openCall(ctx, { window: { opens: new Date(Date.now() - 9 * DAY).toISOString(), closes: new Date(Date.now() - 1000).toISOString() } })
    expect((await applyView(visitor(people[0].token), call.slug!)).closed).toMatch(/^Esta convocatoria ya cerró: cerró el/)
  })

  it('tells a youth who may not apply why before the form, with the apply endpoint\'s own reason', async () => {
    const adultsOnly = await openCall(ctx, { eligibility: { ageRange: { min: 18, max: 29 }, mustLiveInMunicipality: true } })
    // 17, guardian consent given, verified: a ready account, but not for this call.
    const [minor] = await youths(ctx, 1, { birthDate: birthDayForAge(17), guardian: { name: 'Rosa López', email: `tutora.${Date.now()}@ejemplo.mx` } })
    await ctx.payload.update({ collection: 'youth', id: minor.id, data: { guardianConsent: { status: 'given', method: 'email', givenAt: new Date().toISOString() } } as never })
    const [outside] = await youths(ctx, 1, { municipality: 'Silao' })

    const forMinor = await applyView(visitor(minor.token), adultsOnly.slug!)
    expect(forMinor.closed).toBeNull()
    expect(forMinor.ineligible).toBe('Esta convocatoria es para personas de 18 a 29 años a la fecha de cierre, y tú tendrás 17.')
    expect((await applyView(visitor(outside.token), adultsOnly.slug!)).ineligible).toMatch(/^Esta convocatoria es solo para personas que viven en el municipio de León/)
    expect((await applyView(visitor(people[0].token), adultsOnly.slug!)).ineligible).toBeNull()
    expect((await applyView(visitor(), adultsOnly.slug!)).ineligible).toBeNull()

    // The page's reason is the endpoint's: the same sentence comes back as the 403 of a post.
    const sent = await applyAction(visitor(minor.token), forMinor.call!, browserForm([]))
    expect(sent).toMatchObject({ ok: false, status: 403, errors: [{ message: forMinor.ineligible }] })
  })

  it('refuses a bad answer per question and keeps what was typed; a draft, then the submission, gives a folio', async () => {
    const created = await openCall(ctx)
    const { q, d } = idsOf(created)
    const me = visitor(people[0].token)
    const { call } = await applyView(me, created.slug!)
    const typed: [string, string | File][] = [
      [q['Nombre de tu escuela'], 'Preparatoria Oficial de León'],
      [q['¿Por qué quieres la beca?'], 'Para seguir estudiando.'],
      [q['Turno'], 'Vespertino'],
      [q['Intereses'], 'Arte'],
      [q['Intereses'], 'Deporte'],
      [q['Promedio'], 'nueve'],
      [q['Fecha de ingreso'], ''],
      [q['Comprobante de estudios'], noFile()],
      [d['Identificación oficial'], noFile()],
      [d['Carta de recomendación'], noFile()],
      ['publicar-nombre', 'si'],
    ]
    const refused = await applyAction(me, call as ApplyCall, browserForm([...typed, ['accion', 'enviar']]))
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.status).toBe(422)
    expect(refused.errors).toContainEqual({ field: q['Promedio'], message: '«Promedio»: escribe un número (por ejemplo 12 o 8.5).' })
    expect(refused.values).toMatchObject({ [q['Nombre de tu escuela']]: 'Preparatoria Oficial de León', [q['Intereses']]: ['Arte', 'Deporte'], [q['Promedio']]: 'nueve', 'publicar-nombre': 'si' })

    // A draft with the number fixed and one document: it is kept, answers and file included.
    typed[5] = [q['Promedio'], '9.4']
    typed[8] = [d['Identificación oficial'], new File([new Uint8Array(await pdf())], 'ine.pdf', { type: 'application/pdf' })]
    expect(await applyAction(me, call as ApplyCall, browserForm([...typed, ['accion', 'borrador']]))).toEqual({ ok: true, submitted: false, folio: null })
    const saved = await applyView(me, created.slug!)
    expect(saved.application).toMatchObject({ status: 'draft' })
    expect(draftValues(saved.application)).toMatchObject({ [q['Promedio']]: '9.4', [q['Intereses']]: ['Arte', 'Deporte'], [q['Turno']]: 'Vespertino' })
    expect([...storedRequirements(saved.application)]).toEqual([d['Identificación oficial']])

    // Sending without the required file question names it; then with it, the draft becomes the application.
    typed[8] = [d['Identificación oficial'], noFile()]
    const missing = await applyAction(me, call as ApplyCall, browserForm([...typed, ['accion', 'enviar']]))
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.errors).toEqual([{ field: q['Comprobante de estudios'], message: '«Comprobante de estudios»: adjunta este documento; es obligatorio.' }])
    typed[7] = [q['Comprobante de estudios'], new File([new Uint8Array(await png())], 'constancia.png', { type: 'image/png' })]
    const sent = await applyAction(me, call as ApplyCall, browserForm([...typed, ['accion', 'enviar']]))
    expect(sent).toEqual({ ok: true, submitted: true, folio: expect.stringMatching(/^VJ-\d{4}-\d{6}$/) })
    const after = await applyView(me, created.slug!)
    expect(after.application).toMatchObject({ status: 'submitted', folio: (sent as { folio: string }).folio })
    expect(storedRequirements(after.application)).toEqual(new Set([d['Identificación oficial'], q['Comprobante de estudios']]))
    expect(after.application).toMatchObject({ publishNameConsent: true })

    // Someone else sees only their own (no) application.
    expect((await applyView(visitor(people[1].token), created.slug!)).application).toBeNull()
  })

  it('an anonymous post is refused by the API with a Spanish reason', async () => {
    const created = await openCall(ctx)
    const { call } = await applyView(visitor(), created.slug!)
    const outcome = await applyAction(visitor(), call as ApplyCall, browserForm([['accion', 'enviar']]))
    expect(outcome).toMatchObject({ ok: false, status: 401, errors: [{ message: 'Inicia sesión con tu cuenta de Viaje Joven para postularte.' }] })
  })

  it('Mi cuenta lists my applications with their history; I answer a request for information once, then withdraw', async () => {
    const form = (fields: Record<string, string>) => browserForm(Object.entries(fields))
    const me = visitor(people[0].token)
    expect(await myApplications(visitor(people[1].token)), 'nothing yet: the empty state').toEqual([])

    const [mine] = await myApplications(me)
    expect(mine).toMatchObject({ status: 'submitted', folio: expect.stringMatching(/^VJ-/), canWithdraw: true, call: { title: expect.stringContaining('Beca de prueba') } })
    expect(mine.history.map((h) => h.status)).toEqual(['draft', 'submitted'])
    expect(mine.history[0]).not.toHaveProperty('by')

    const admin = await staffToken(ctx, 'admin')
    const note = 'Falta la página 2 de tu identificación.'
    expect((await ctx.rest('PATCH', `/applications/${mine.id}`, { body: { status: 'needs-info', statusNote: note }, token: admin })).status).toBe(200)
    const [asked] = await myApplications(me)
    expect(asked.status).toBe('needs-info')
    expect(asked.history.at(-1)).toMatchObject({ status: 'needs-info', note })

    const empty = await applicationAction(me, form({ accion: 'responder', postulacion: String(mine.id), respuesta: '  ' }))
    expect(empty).toMatchObject({ ok: false, status: 422, application: mine.id, errors: [{ message: 'Escribe tu respuesta.' }] })
    // Someone else's application id in a crafted form is simply not found.
    expect(await applicationAction(visitor(people[1].token), form({ accion: 'responder', postulacion: String(mine.id), respuesta: 'Hola' }))).toMatchObject({ ok: false, status: 404 })
    expect(await applicationAction(me, form({ accion: 'responder', postulacion: String(mine.id), respuesta: 'Ya la adjunto.' }))).toEqual({ ok: true, notice: 'respondida' })
    const [answered] = await myApplications(me)
    expect(answered).toMatchObject({ status: 'in-review', replies: [{ text: 'Ya la adjunto.' }] })
    expect(await applicationAction(me, form({ accion: 'responder', postulacion: String(mine.id), respuesta: 'Otra vez' }))).toMatchObject({ ok: false, status: 409 })

    expect(await applicationAction(visitor(people[1].token), form({ accion: 'retirar', postulacion: String(mine.id) }))).toMatchObject({ ok: false, status: 404 })
    expect(await applicationAction(me, form({ accion: 'retirar', postulacion: String(mine.id) }))).toEqual({ ok: true, notice: 'retirada' })
    const [withdrawn] = await myApplications(me)
    expect(withdrawn).toMatchObject({ status: 'withdrawn', canWithdraw: false })
  })
})
