/**
 * The staff side of enrolment: the list as CSV for the course's coordinators only, completion,
 * and certificates that anyone can verify by code, showing only the allowed facts.
 */
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, login, staffToken } from '../helpers/youth'
import { openCourse, youths } from './enrollment-fixtures'

describe('enrolment, staff side', () => {
  let ctx: TestContext
  let admin: string
  const enrol = (courseId: number, token: string) => ctx.rest('POST', `/courses/${courseId}/enroll`, { token })
  const enrolmentOf = async (courseId: number, youthId: number) =>
    (await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: courseId }, youth: { equals: youthId } }, depth: 0 })).docs[0]

  async function coordinatorOf(organization: number | null) {
    const email = `coord.${Math.random().toString(36).slice(2)}@imju.gob.mx`
    await ctx.payload.create({ collection: 'users', data: { email, password: 'clave-del-equipo-larga', name: 'Coordinación', roles: ['coordinator'], organization } as never })
    return login(ctx, 'users', email, 'clave-del-equipo-larga')
  }

  beforeAll(async () => {
    ctx = await setupPayload()
    admin = await staffToken(ctx, 'admin')
  })
  afterAll(() => ctx.close())

  it('exports the list as CSV: seats first, then the line in order; formulas neutralised', async () => {
    const org = await ctx.payload.create({ collection: 'organizations', data: { name: `Casa de la Cultura ${Date.now()}`, kind: 'municipal-agency' } as never })
    const course = await openCourse(ctx, { capacity: 1, organization: org.id, slug: `serigrafia-${Date.now()}` })
    const [ana, beto] = await youths(ctx, 2, { birthDate: birthDayForAge(19), colonia: '=HIPERVINCULO("x")' })
    await enrol(course.id, ana.token)
    await enrol(course.id, beto.token)

    const response = await ctx.rest('GET', `/enrollments/export/${course.id}`, { token: await coordinatorOf(org.id) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="inscripciones-${course.slug}.csv"`)
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('"Nombre","Edad","Colonia","Correo","Estado","Lugar en lista de espera","Asistencias","Concluyó"')
    expect(lines.slice(1)).toEqual([
      `"María José Hernández López","19","'=HIPERVINCULO(""x"")","${ana.email}","Confirmada","","0 de 1","No"`,
      `"María José Hernández López","19","'=HIPERVINCULO(""x"")","${beto.email}","En lista de espera","1","0 de 1","No"`,
    ])
  })

  it('refuses the CSV to anonymous visitors, youths, editors and other organizations’ coordinators', async () => {
    const ours = await ctx.payload.create({ collection: 'organizations', data: { name: `Universidad ${Date.now()}`, kind: 'educational-institution' } as never })
    const theirs = await ctx.payload.create({ collection: 'organizations', data: { name: `Empresa ${Date.now()}`, kind: 'private-company' } as never })
    const course = await openCourse(ctx, { organization: ours.id })
    const [youth] = await youths(ctx, 1)
    const cases: [string | undefined, number, RegExp][] = [
      [undefined, 401, /^Inicia sesión/],
      [youth.token, 403, /^Solo la coordinación/],
      [await staffToken(ctx, 'editor'), 403, /^Solo la coordinación/],
      [await coordinatorOf(theirs.id), 403, /^Este curso es de otra organización/],
    ]
    for (const [token, status, message] of cases) {
      const response = await ctx.rest('GET', `/enrollments/export/${course.id}`, { token })
      expect(response.status).toBe(status)
      expect((await response.json()).errors[0].message).toMatch(message)
    }
    expect((await ctx.rest('GET', `/enrollments/export/${course.id}`, { token: await coordinatorOf(null) })).status).toBe(200)
  })

  it('completion issues a certificate anyone can verify, with only the allowed facts', async () => {
    const org = await ctx.payload.create({ collection: 'organizations', data: { name: 'Casa de la Cultura Diego Rivera', kind: 'municipal-agency' } as never })
    const start = Date.now() + 86_400_000
    const course = await openCourse(ctx, {
      title: 'Taller de fotografía',
      organization: org.id,
      sessions: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() },
        { startsAt: new Date(start + 86_400_000).toISOString(), endsAt: new Date(start + 86_400_000 + 90 * 60_000).toISOString() },
      ],
    })
    const [youth] = await youths(ctx, 1)
    await enrol(course.id, youth.token)
    const enrolment = await enrolmentOf(course.id, youth.id)

    const byYouth = await ctx.rest('PATCH', `/enrollments/${enrolment.id}`, { token: youth.token, body: { completedAt: new Date().toISOString() } })
    expect(byYouth.status).toBe(403)
    const completedAt = '2026-12-01T18:00:00.000Z'
    const byStaff = await ctx.rest('PATCH', `/enrollments/${enrolment.id}`, { token: admin, body: { completedAt, certificateCode: 'VJ-AAAA-AAAA-AAAA' } })
    expect(byStaff.status).toBe(200)
    const { certificateCode } = await enrolmentOf(course.id, youth.id)
    expect(certificateCode).toMatch(/^VJ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(certificateCode).not.toBe('VJ-AAAA-AAAA-AAAA')

    const verified = await ctx.rest('GET', `/enrollments/certificate/${certificateCode}`)
    expect(verified.status).toBe(200)
    expect(await verified.json()).toEqual({
      code: certificateCode,
      name: 'María José Hernández López',
      course: 'Taller de fotografía',
      hours: 3.5,
      completedOn: completedAt,
      organization: 'Casa de la Cultura Diego Rivera',
    })
    const pdf = await ctx.rest('GET', `/enrollments/certificate/${certificateCode}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const printed = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()))
    expect(printed.getPageCount()).toBe(1)
    expect(printed.getTitle()).toBe(`Constancia ${certificateCode}`)

    for (const forged of ['VJ-AAAA-AAAA-AAAA', 'nada', `${certificateCode}X`]) {
      for (const path of [`/enrollments/certificate/${forged}`, `/enrollments/certificate/${forged}/pdf`]) {
        const response = await ctx.rest('GET', path)
        expect(response.status, path).toBe(404)
        expect(await response.json()).toEqual({ errors: [{ message: 'No existe una constancia con ese folio.' }] })
      }
    }
  })

  it('only a confirmed enrolment can be marked completed', async () => {
    const course = await openCourse(ctx, { capacity: 1 })
    const [first, second] = await youths(ctx, 2)
    await enrol(course.id, first.token)
    await enrol(course.id, second.token)
    const waiting = await enrolmentOf(course.id, second.id)
    const response = await ctx.rest('PATCH', `/enrollments/${waiting.id}`, { token: admin, body: { completedAt: new Date().toISOString() } })
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].data.errors).toContainEqual(
      expect.objectContaining({ path: 'completedAt', message: 'Solo una inscripción confirmada puede marcarse como concluida.' }),
    )
    expect(await enrolmentOf(course.id, second.id)).toMatchObject({ completedAt: null, certificateCode: null })
  })

  it('recording attendance that reaches the course’s threshold completes it and issues the certificate', async () => {
    const start = Date.now() + 86_400_000
    const sessions = [0, 1, 2, 3].map((day) => ({
      startsAt: new Date(start + day * 86_400_000).toISOString(),
      endsAt: new Date(start + day * 86_400_000 + 3_600_000).toISOString(),
    }))
    const course = await openCourse(ctx, { sessions, attendanceToComplete: 75 })
    const [youth] = await youths(ctx, 1)
    await enrol(course.id, youth.token)
    const { id } = await enrolmentOf(course.id, youth.id)
    const record = (present: boolean[]) =>
      ctx.rest('PATCH', `/enrollments/${id}`, {
        token: admin,
        body: { attendance: sessions.map((s, i) => ({ sessionStartsAt: s.startsAt, present: present[i] })) },
      })

    expect((await record([true, true, false, false])).status).toBe(200)
    expect(await enrolmentOf(course.id, youth.id)).toMatchObject({ completedAt: null, certificateCode: null })
    expect((await record([true, true, true, false])).status).toBe(200)
    const done = await enrolmentOf(course.id, youth.id)
    expect(done.completedAt).toBeTruthy()
    expect(done.certificateCode).toMatch(/^VJ-/)
    expect((await ctx.rest('GET', `/enrollments/certificate/${done.certificateCode}`)).status).toBe(200)
  })
})
