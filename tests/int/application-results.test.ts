/**
 * The staff end of a call on real PostgreSQL: the ranking by weighted averages, the CSV export,
 * and the public results, which carry folios and only the names people agreed to publish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SITE_QUEUE } from '../../publishing'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { youths } from './enrollment-fixtures'
import { applicationsOf, applyForm, idsOf, requiredFiles, validAnswers } from './applications-fixtures'
import { reviewedCall, staffMember, submittedApplication } from './application-review-fixtures'
import { MAIL_QUEUE } from '../../lib/email/queue'

const outbox = useOutbox()

type Staff = { id: number; token: string }

describe('ranking, CSV export and public results', () => {
  let ctx: TestContext
  let reviewer: Staff
  let second: Staff
  let outsider: Staff
  let admin: Staff
  let editor: Staff
  const decide = (id: number, status: string) => ctx.rest('PATCH', `/applications/${id}`, { body: { status }, token: reviewer.token })

  beforeAll(async () => {
    ctx = await setupPayload()
    reviewer = await staffMember(ctx, 'reviewer')
    second = await staffMember(ctx, 'reviewer')
    outsider = await staffMember(ctx, 'reviewer')
    admin = await staffMember(ctx, 'admin')
    editor = await staffMember(ctx, 'editor')
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  async function review(token: string, application: number, scores: [string, number][]) {
    const body = { application, status: 'submitted', scores: scores.map(([criterion, score]) => ({ criterion, score })) }
    const response = await ctx.rest('POST', '/reviews', { body, token })
    expect(response.status, await response.clone().text()).toBe(201)
  }

  it('ranking: weighted averages of submitted reviews, best first, unscored last; a reviewer sees only averages they took part in', async () => {
    const { call, criteria } = await reviewedCall(ctx, [reviewer.id, second.id])
    const people = await youths(ctx, 3)
    const x = await submittedApplication(ctx, call.id, people[0].id)
    const y = await submittedApplication(ctx, call.id, people[1].id)
    const z = await submittedApplication(ctx, call.id, people[2].id)
    await review(reviewer.token, x.id, [[criteria.trayectoria, 10], [criteria.motivacion, 5]]) // 100
    await review(reviewer.token, y.id, [[criteria.trayectoria, 5], [criteria.motivacion, 5]]) // 66.7
    await review(second.token, y.id, [[criteria.trayectoria, 2], [criteria.motivacion, 2]]) // 26.7 → average 46.7

    const ranking = (token?: string) => ctx.rest('GET', `/calls/${call.id}/ranking`, { token })
    const asAdmin = await ranking(admin.token)
    expect(asAdmin.status).toBe(200)
    const body = await asAdmin.json()
    expect(body.rubric.map((c: { name: string }) => c.name)).toEqual(['Trayectoria', 'Motivación'])
    expect(body.ranking.map((r: Record<string, unknown>) => [r.position, r.application, r.averageScore, r.reviewCount])).toEqual([
      [1, x.id, 100, 1],
      [2, y.id, 46.7, 2],
      [null, z.id, null, 0],
    ])
    const asSecond = (await (await ranking(second.token)).json()).ranking
    expect(asSecond.map((r: Record<string, unknown>) => [r.application, r.averageScore])).toEqual([
      [y.id, 46.7],
      [x.id, null], // the second reviewer has not scored x: its average stays hidden
      [z.id, null],
    ])

    expect((await ranking()).status).toBe(401)
    expect((await ranking(people[0].token)).status).toBe(403)
    const notAssigned = await ranking(outsider.token)
    expect(notAssigned.status).toBe(403)
    expect(await notAssigned.json()).toEqual({ errors: [{ message: 'Esta convocatoria no te está asignada.' }] })
    expect((await ranking(editor.token)).status).toBe(403)
  })

  it('CSV export: folio, status, answers flattened and the average; no documents, names or contact data; staff of the call only', async () => {
    const { call, criteria } = await reviewedCall(ctx, [reviewer.id])
    const [youth] = await youths(ctx, 1, { givenNames: 'Valeria', surnames: 'Campos Ruiz' })
    const { q } = idsOf(call)
    const answers = { ...validAnswers(call), [q['Nombre de tu escuela']]: '=HYPERLINK("http://mal.example")' }
    const applied = await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers }, await requiredFiles(call)), token: youth.token })
    const { folio } = await applied.json()
    const [app] = await applicationsOf(ctx, call.id)
    await review(reviewer.token, app.id, [[criteria.trayectoria, 8], [criteria.motivacion, 4]])
    await decide(app.id, 'accepted')

    const csv = (token?: string) => ctx.rest('GET', `/calls/${call.id}/applications.csv`, { token })
    const response = await csv(admin.token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="postulaciones-.*\.csv"$/)
    const text = await response.text()
    const [header, row] = text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(header).toBe(
      '"Folio","Estado","Enviada el","Nombre de tu escuela","¿Por qué quieres la beca?","Turno","Intereses","Promedio","Fecha de ingreso","Comprobante de estudios","Puntaje promedio (0 a 100)","Evaluaciones enviadas"',
    )
    expect(row).toMatch(new RegExp(`^"${folio}","Aceptada","[^"]+ \\(hora del centro de México\\)",`))
    expect(row).toContain('"\'=HYPERLINK(""http://mal.example"")"') // a formula is neutralised
    expect(row).toContain('"Arte; Ciencia","9.2","2024-08-19","Archivo adjunto","80","1"')
    for (const secret of ['Valeria', 'Campos', youth.email, '%PDF']) expect(text).not.toContain(secret)

    expect((await csv(reviewer.token)).status).toBe(200)
    for (const token of [outsider.token, editor.token, youth.token]) expect((await csv(token)).status).toBe(403)
    expect((await csv()).status).toBe(401)
  })

  it('publishing results: folios of accepted and waitlisted, names only with consent, a site rebuild and one result email each', async () => {
    const { call } = await reviewedCall(ctx, [reviewer.id], { resultsIncludeWaitlist: true })
    const [consenting, silent, declined, waiting] = await youths(ctx, 4, { givenNames: 'Ana Sofía', surnames: 'Ramírez Torres', colonia: 'San Juan de Dios' })
    // Consent is given at apply time through the endpoint's data.
    const data = { answers: validAnswers(call), publishNameConsent: true }
    expect((await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm(data, await requiredFiles(call)), token: consenting.token })).status).toBe(201)
    const [a] = await applicationsOf(ctx, call.id)
    expect(a.publishNameConsent).toBe(true)
    const b = await submittedApplication(ctx, call.id, silent.id)
    const c = await submittedApplication(ctx, call.id, declined.id, { publishNameConsent: true })
    const d = await submittedApplication(ctx, call.id, waiting.id)
    for (const [app, status] of [[a, 'accepted'], [b, 'accepted'], [c, 'rejected'], [d, 'waitlisted']] as const) {
      expect((await decide(app.id, status)).status).toBe(200)
    }
    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 100 })
    await ctx.payload.delete({ collection: 'payload-jobs', where: { queue: { equals: SITE_QUEUE } } })

    const publish = (token?: string) => ctx.rest('POST', `/calls/${call.id}/publish-results`, { token })
    for (const token of [reviewer.token, consenting.token]) expect((await publish(token)).status).toBe(403)
    const response = await publish(editor.token)
    expect(response.status, await response.clone().text()).toBe(200)
    expect(await response.json()).toEqual({ resultsPublishedAt: expect.any(String), accepted: 2, waitlisted: 1 })

    const publicCall = await (await ctx.rest('GET', `/calls/${call.id}?depth=2`)).json()
    expect(publicCall.resultsPublishedAt).toEqual(expect.any(String))
    expect(publicCall.resultsList.map(({ id: _, ...row }: Record<string, unknown>) => row)).toEqual([
      { folio: a.folio, outcome: 'accepted', name: 'Ana Sofía Ramírez Torres' },
      { folio: b.folio, outcome: 'accepted', name: null },
      { folio: d.folio, outcome: 'waitlisted', name: null },
    ])
    const published = JSON.stringify(publicCall)
    for (const person of [consenting, silent, declined, waiting]) expect(published).not.toContain(person.email)
    for (const secret of ['San Juan de Dios', 'curp', 'birthDate', c.folio!, '"reviewers"']) expect(published).not.toContain(secret)
    expect(published.match(/Ana Sofía/g)).toHaveLength(1)

    const rebuilds = await ctx.payload.find({ collection: 'payload-jobs', where: { queue: { equals: SITE_QUEUE } } })
    expect(rebuilds.docs.map((j) => (j.input as { reason: string }).reason)).toContain(`calls ${call.id} (update)`)

    // Decisions were emailed when they were made; publishing sends nothing twice.
    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 100 })
    expect(outbox.to(consenting.email).filter((m) => m.subject.includes('fue aceptada'))).toHaveLength(1)
    expect(outbox.to(waiting.email).filter((m) => m.subject.includes('lista de espera'))).toHaveLength(1)
    expect(outbox.to(declined.email).filter((m) => m.subject.startsWith('Resultado de tu postulación'))).toHaveLength(1)
  })

  it('the results list cannot be written by hand, and an unpublished call has no results to publish', async () => {
    const { call } = await reviewedCall(ctx, [reviewer.id])
    const forged = await ctx.rest('PATCH', `/calls/${call.id}`, { body: { resultsList: [{ folio: 'VJ-2026-999999', outcome: 'accepted', name: 'Alguien' }], resultsPublishedAt: new Date().toISOString() }, token: editor.token })
    expect(forged.status).toBe(200)
    const stored = await ctx.payload.findByID({ collection: 'calls', id: call.id })
    expect(stored.resultsList).toEqual([])
    expect(stored.resultsPublishedAt ?? null).toBeNull()

    const { call: draft } = await reviewedCall(ctx, [reviewer.id], { _status: 'draft' })
    const refused = await ctx.rest('POST', `/calls/${draft.id}/publish-results`, { token: admin.token })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({ errors: [{ message: 'Publica primero la convocatoria: sus resultados se muestran en su página.' }] })
  })
})
