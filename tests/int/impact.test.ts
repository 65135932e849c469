/**
 * GET /api/impact and the open-data figures against a known set of enrolments and applications:
 * the aggregates match the raw rows, only the institute's staff read them, CSV downloads work, and
 * the public version hides every small group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { exactImpact, publicImpact, type ImpactReport } from '../../lib/impact'
import { OTHERS_LABEL } from '../../lib/impact/suppress'
import { dayInMexicoCity } from '../../lib/time'
import { seed } from '../../seed'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { submittedApplication } from './application-review-fixtures'
import { openCall } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const outbox = useOutbox()

describe('impact aggregates', () => {
  let ctx: TestContext
  let editor: string
  let report: ImpactReport
  let org: { id: number }
  let pillarIds: Record<string, number>
  const today = dayInMexicoCity()
  const byKey = (rows: { key: string }[], key: string) => rows.find((r) => r.key === key)

  beforeAll(async () => {
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    const { docs } = await ctx.payload.find({ collection: 'pillars', limit: 0, pagination: false })
    const pillar = Object.fromEntries(docs.map((p) => [p.slug, p.id as number]))
    pillarIds = pillar
    org = (await ctx.payload.create({ collection: 'organizations', data: { name: 'Universidad de León', kind: 'educational-institution' } as never })) as { id: number }

    // Eight youths: six in Centro (typed three ways), two in Obregón; five women of 20, three men of 26.
    const colonias = ['Centro', 'centro ', 'CENTRO', 'Centro', 'Centro', 'Centro', 'Obregón', 'Obregón']
    const people = []
    for (const [i, colonia] of colonias.entries()) {
      const [person] = await youths(ctx, 1, { colonia, gender: i < 5 ? 'mujer' : 'hombre', birthDate: birthDayForAge(i < 5 ? 20 : 26) })
      people.push(person)
    }
    const web = await openCourse(ctx, { title: 'Programación web', capacity: 10, pillars: [pillar['educacion-formacion']], organization: org.id })
    const care = await openCourse(ctx, { title: 'Autocuidado', capacity: 3, pillars: [pillar['salud-bienestar']] })
    const grant = await openCall(ctx, { title: 'Beca Emprende', pillars: [pillar['empleo-emprendimiento']] })
    for (const p of people) expect((await ctx.rest('POST', `/courses/${web.id}/enroll`, { token: p.token })).status).toBe(201)
    for (const p of people.slice(0, 5)) expect((await ctx.rest('POST', `/courses/${care.id}/enroll`, { token: p.token })).status).toBe(201) // 3 seats, 2 waitlisted
    const { docs: webEnrolments } = await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: web.id } }, sort: 'id', depth: 0 })
    for (const e of webEnrolments.slice(0, 2)) await ctx.payload.update({ collection: 'enrollments', id: e.id, data: { completedAt: new Date().toISOString() } })
    for (const p of people.slice(3, 7)) await submittedApplication(ctx, grant.id, p.id)
    await ctx.payload.create({ collection: 'applications', data: { call: grant.id, youth: people[7].id, status: 'draft', answers: [] } as never })

    editor = await staffToken(ctx, 'editor')
    const response = await ctx.rest('GET', `/impact?from=2026-01-01&to=${today}`, { token: editor })
    expect(response.status).toBe(200)
    report = await response.json()
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  it('only admins, editors and coordinators read it', async () => {
    expect((await ctx.rest('GET', '/impact')).status).toBe(401)
    const [youth] = await youths(ctx, 1)
    for (const token of [youth.token, await staffToken(ctx, 'reviewer')]) {
      const response = await ctx.rest('GET', '/impact', { token })
      expect(response.status).toBe(403)
      expect((await response.json()).errors[0].message).toMatch(/^Solo el equipo/)
    }
    for (const role of ['admin', 'coordinator'] as const) expect((await ctx.rest('GET', '/impact', { token: await staffToken(ctx, role) })).status).toBe(200)
  })

  it('totals match the raw rows: seats held, courses concluded, applications sent, distinct youths', async () => {
    const { docs: enrolments } = await ctx.payload.find({ collection: 'enrollments', limit: 0, pagination: false, depth: 0 })
    const { docs: applications } = await ctx.payload.find({ collection: 'applications', limit: 0, pagination: false, depth: 0 })
    const confirmed = enrolments.filter((e) => e.status === 'confirmed')
    const sent = applications.filter((a) => a.status !== 'draft')
    const people = new Set([...confirmed, ...sent].map((r) => r.youth))
    expect(report.totals).toEqual({
      youths: people.size,
      enrolments: confirmed.length,
      completions: enrolments.filter((e) => e.completedAt).length,
      applications: sent.length,
    })
    expect(report.totals).toEqual({ youths: 8, enrolments: 11, completions: 2, applications: 4 })
  })

  it('per pillar, age band, gender, colonia (typed any way), organization, month and capacity', () => {
    const t = report.tables
    expect(t.pillar.map((r) => [r.label, r.youths, r.enrolments, r.completions, r.applications])).toEqual([
      ['Educación y Formación Integral', 8, 8, 2, 0],
      ['Empleo Juvenil y Emprendimiento', 4, 0, 0, 4],
      // A sensitive pillar: 3 people could be singled out by crossing with the exact colonia or age tables.
      ['Salud y Bienestar', null, null, null, null],
    ])
    expect(t.age.map((r) => [r.key, r.youths])).toEqual([['18-24', 5], ['25-29', 3]])
    expect(byKey(t.gender, 'mujer')).toMatchObject({ label: 'Mujer', youths: 5, enrolments: 8 })
    expect(byKey(t.gender, 'hombre')).toMatchObject({ label: 'Hombre', youths: 3, enrolments: 3 })
    expect(t.colonia.map((r) => [r.label, r.youths])).toEqual([['Centro', 6], ['Obregón', 2]])
    expect(byKey(t.organization, String(org.id))).toMatchObject({ label: 'Universidad de León', youths: 8, enrolments: 8, completions: 2 })
    expect(byKey(t.organization, 'sin-organizacion')).toMatchObject({ youths: 7, enrolments: 3, applications: 4 })
    expect(t.month).toEqual([{ key: today.slice(0, 7), label: expect.stringMatching(/^[a-z]+ \d{4}$/), youths: 8, enrolments: 11, completions: 2, applications: 4 }])
    expect(t.capacity.map((r) => [r.label, r.courses, r.offered, r.used])).toEqual([
      ['Educación y Formación Integral', 1, 10, 8],
      ['Salud y Bienestar', 1, 3, null],
      ['Total', 2, 13, 11],
    ])
  })

  it('filters by date range (León days) and refuses a malformed one in Spanish', async () => {
    const empty = await (await ctx.rest('GET', '/impact?from=2026-01-01&to=2026-01-31', { token: editor })).json()
    expect(empty.totals).toEqual({ youths: 0, enrolments: 0, completions: 0, applications: 0 })
    const bad = await ctx.rest('GET', '/impact?from=25/11/2026', { token: editor })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ errors: [{ message: 'La fecha «desde» debe tener el formato AAAA-MM-DD.', field: 'from' }] })
    const reversed = await ctx.rest('GET', `/impact?from=${today}&to=2026-01-01`, { token: editor })
    expect(reversed.status).toBe(400)
  })

  it('downloads any table as CSV', async () => {
    const response = await ctx.rest('GET', `/impact?format=csv&table=colonia&to=${today}`, { token: editor })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="impacto-colonia-2026-01-01-a-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = (await response.text()).replace('\uFEFF', '').trim().split('\r\n')
    expect(lines).toEqual(['Grupo,Personas jóvenes atendidas,Inscripciones,Cursos concluidos,Postulaciones', 'Centro,6,9,2,3', 'Obregón,2,2,0,1'])
    const unknown = await ctx.rest('GET', '/impact?format=csv&table=youth', { token: editor })
    expect(unknown.status).toBe(400)
    expect((await unknown.json()).errors[0]).toMatchObject({ field: 'table', message: expect.stringMatching(/^La tabla debe ser una de/) })
  })

  it('the public version (open data) shows no group under 5 people and no personal data', async () => {
    const open = await publicImpact(ctx.payload, today)
    expect(open.totals).toEqual({ youths: 8, enrolments: 11, completions: null, applications: null }) // 2 and 4 are small
    expect(open.tables.pillar.find((r) => r.label === 'Salud y Bienestar')).toMatchObject({ youths: null, enrolments: null })
    expect(open.tables.colonia.map((r) => r.label)).toEqual(['Centro', OTHERS_LABEL])
    expect(open.tables.colonia[1].youths).toBeNull()
    const text = JSON.stringify(open)
    expect(text).not.toMatch(/@ejemplo\.mx|María|Hernández|Obregón/)
    for (const table of Object.values(open.tables)) {
      for (const row of table as Record<string, unknown>[]) {
        for (const column of ['youths', 'enrolments', 'completions', 'applications', 'used']) {
          const value = row[column]
          if (typeof value === 'number') expect(value === 0 || value >= 5, `${column} ${JSON.stringify(row)}`).toBe(true)
        }
      }
    }
  })

  it('hides from staff too a sensitive pillar\'s cells of 1 to 4 people; every other figure stays exact', async () => {
    // One youth of Obregón enrols in a health course today: exact colonia figures plus an exact
    // «1» in Salud y Bienestar would tell staff who it is.
    const prevention = await openCourse(ctx, { title: 'Prevención de violencia en el noviazgo', capacity: 5, pillars: [pillarIds['prevencion-violencia']] })
    const [person] = await youths(ctx, 1, { colonia: 'Obregón' })
    expect((await ctx.rest('POST', `/courses/${prevention.id}/enroll`, { token: person.token })).status).toBe(201)
    const exact = await exactImpact(ctx.payload, today, today)
    expect(exact.tables.pillar.find((r) => r.key === String(pillarIds['prevencion-violencia']))).toMatchObject({ youths: 1, enrolments: 1 })

    const staff = (await (await ctx.rest('GET', `/impact?from=${today}&to=${today}`, { token: editor })).json()) as ImpactReport
    const prevent = staff.tables.pillar.find((r) => r.key === String(pillarIds['prevencion-violencia']))!
    expect(prevent).toMatchObject({ label: 'Prevención de la Violencia', youths: null, enrolments: null, completions: null, applications: null })
    // Seats are counted by when enrolment opens (before today here): the whole history.
    const whole = (await (await ctx.rest('GET', `/impact?to=${today}`, { token: editor })).json()) as ImpactReport
    expect(whole.tables.capacity.find((r) => r.key === String(pillarIds['prevencion-violencia']))).toMatchObject({ offered: 5, used: null })
    expect(whole.tables.capacity.find((r) => r.label === 'Educación y Formación Integral')).toMatchObject({ used: 8 })
    // Not sensitive: exact, small or not, as before (staff need the real numbers).
    expect(staff.tables.pillar.find((r) => r.label === 'Empleo Juvenil y Emprendimiento')).toMatchObject({ youths: 4, applications: 4 })
    expect(staff.tables.colonia.find((r) => r.label === 'Obregón')!.youths).toBe(exact.tables.colonia.find((r) => r.label === 'Obregón')!.youths)
    expect(staff.totals).toEqual(exact.totals)
    const csv = await (await ctx.rest('GET', `/impact?format=csv&table=pillar&from=${today}&to=${today}`, { token: editor })).text()
    expect(csv).toContain('Prevención de la Violencia,,,,\r\n')
  })
})
