/**
 * What the admin calls each document and how it writes dates (issue «A newcomer's path», admin part):
 * no collection an admin opens is titled «ID: n», an enrolment is called by its youth and course
 * (enrolments are inserted with raw SQL, so the title comes from the database and follows renames),
 * a document by the requirement it answers, and every date field has a Spanish pattern.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN_DATE_TIME_FORMAT } from '../../lib/admin/dates'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { staffMember } from './application-review-fixtures'
import { applyForm, idsOf, openCall, requiredFiles, validAnswers } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const outbox = useOutbox()

type AnyField = { type: string; name?: string; hidden?: boolean; label?: unknown; fields?: AnyField[]; tabs?: { fields: AnyField[] }[]; admin?: { hidden?: boolean; disabled?: boolean; date?: { displayFormat?: string; timeFormat?: string } } }
/** The fields the admin shows (hidden or disabled ones, and everything inside them, left out). */
const flatten = (fields: AnyField[]): AnyField[] =>
  fields.flatMap((f) => (f.hidden || f.admin?.hidden || f.admin?.disabled ? [] : [f, ...flatten(f.fields ?? []), ...(f.tabs ?? []).flatMap((t) => flatten(t.fields))]))

describe('titles and dates in the admin', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  it('every collection shown in the admin has a title field of its own, and every date field a Spanish pattern', () => {
    const config = ctx.payload.config
    const untitled = config.collections.filter((c) => !c.admin.hidden && (!c.admin.useAsTitle || c.admin.useAsTitle === 'id')).map((c) => c.slug)
    expect(untitled).toEqual([])
    expect(config.admin.dateFormat).toBe(ADMIN_DATE_TIME_FORMAT)
    // Scheduling a publication offers León's zone only, named in Spanish, with a 24-hour clock.
    expect(config.admin.timezones).toEqual({ defaultTimezone: 'America/Mexico_City', supportedTimezones: [{ label: 'Hora de León (centro de México)', value: 'America/Mexico_City' }] })
    for (const slug of ['news', 'courses', 'calls']) {
      const drafts = config.collections.find((c) => c.slug === slug)!.versions?.drafts
      expect(drafts && drafts.schedulePublish, slug).toEqual({ timeFormat: 'HH:mm' })
    }
    const english = []
    for (const entity of [...config.collections.filter((c) => !c.admin.hidden), ...config.globals]) {
      for (const field of flatten(entity.fields as AnyField[])) {
        if (field.type !== 'date') continue
        const { displayFormat, timeFormat } = field.admin?.date ?? {}
        // Payload adds createdAt, updatedAt and the auth fields after the plugins: never shown as
        // pickers (hidden, or read through the admin's Spanish `dateFormat` in lists and meta).
        const pickerShown = !field.hidden && !field.admin?.hidden && !['createdAt', 'updatedAt'].includes(field.name ?? '')
        if (!displayFormat && !pickerShown) continue
        // Payload's defaults: «MMM d, yyy h:mm a», «MM/dd/yyyy», 12-hour «h:mm aa».
        if (!displayFormat || /\bMMM\b|\ba\b|MM\/dd/.test(displayFormat) || timeFormat !== 'HH:mm') english.push(`${entity.slug}.${field.name}`)
      }
    }
    expect(english).toEqual([])
  })

  it('every field a person sees in the admin has a label of our own (no English name made up from the field name)', () => {
    const config = ctx.payload.config
    const unlabelled = []
    for (const entity of [...config.collections.filter((c) => !c.admin.hidden), ...config.globals]) {
      for (const field of flatten(entity.fields as AnyField[])) {
        if (!field.name || field.hidden || field.admin?.hidden || field.type === 'ui' || ['id', 'createdAt', 'updatedAt', '_status'].includes(field.name)) continue
        // Payload's own fields (auth, uploads, versions) carry Spanish translations of their own.
        if (typeof field.label === 'function' || (field.label && typeof field.label === 'object')) continue
        if (!field.label) unlabelled.push(`${entity.slug}.${field.name}`)
      }
    }
    expect(unlabelled).toEqual([])
  })

  it('an enrolment is titled by its youth and course, and follows renames of either', async () => {
    const course = await openCourse(ctx, { title: 'Taller de serigrafía' })
    const [ana] = await youths(ctx, 1, { givenNames: 'Ana', surnames: 'López Ruiz' })
    expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: ana.token })).status).toBe(201)
    const titleOf = async () =>
      (await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: ana.id } }, depth: 0 })).docs[0].title
    expect(await titleOf()).toBe('Ana López Ruiz · Taller de serigrafía')

    await ctx.payload.update({ collection: 'youth', id: ana.id, data: { givenNames: 'Ana Sofía' } as never })
    expect(await titleOf()).toBe('Ana Sofía López Ruiz · Taller de serigrafía')
    await ctx.payload.update({ collection: 'courses', id: course.id, data: { title: 'Taller de serigrafía textil' } as never })
    expect(await titleOf()).toBe('Ana Sofía López Ruiz · Taller de serigrafía textil')

    // Staff editing attendance through Payload cannot overwrite it.
    const [enrolment] = (await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: ana.id } }, depth: 0 })).docs
    await ctx.payload.update({ collection: 'enrollments', id: enrolment.id, data: { title: 'otra cosa', completedAt: new Date().toISOString() } as never })
    expect(await titleOf()).toBe('Ana Sofía López Ruiz · Taller de serigrafía textil')
  })

  it('an attached file is titled by the requirement it answers; a review by folio and reviewer', async () => {
    const reviewer = await staffMember(ctx, 'reviewer')
    const call = await openCall(ctx, { reviewers: [reviewer.id], rubric: [{ name: 'Trayectoria', weight: 1, scaleMax: 10 }] })
    const [youth] = await youths(ctx, 1)
    const sent = await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: validAnswers(call), submit: true }, await requiredFiles(call)), token: youth.token })
    expect(sent.status, await sent.clone().text()).toBe(201)
    const { folio } = await sent.json()

    const { docs } = await ctx.payload.find({ collection: 'application-documents', where: { call: { equals: call.id } }, depth: 0, sort: 'id' })
    const { q, d } = idsOf(call)
    expect(docs.map((doc) => [doc.requirement, doc.requirementName])).toEqual([
      [d['Identificación oficial'], 'Identificación oficial'],
      [q['Comprobante de estudios'], 'Comprobante de estudios'],
    ])
    // The stored file name stays random (it is secondary, and must not be guessable).
    for (const doc of docs) expect(doc.filename).toMatch(/^[0-9a-f-]{36}\.(pdf|png)$/)

    const [application] = (await ctx.payload.find({ collection: 'applications', where: { call: { equals: call.id } }, depth: 0 })).docs
    const review = await ctx.rest('POST', '/reviews', { token: reviewer.token, body: { application: application.id } })
    expect(review.status, await review.clone().text()).toBe(201)
    const { name } = await ctx.payload.findByID({ collection: 'users', id: reviewer.id, depth: 0 })
    expect((await review.json()).doc.title).toBe(`${folio} · ${name}`)
  })
})
