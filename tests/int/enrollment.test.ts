/**
 * Enrolling and cancelling as a youth, a coordinator and an admin would: each refusal gives its
 * status and Spanish reason and changes nothing; a freed seat goes to the first in line.
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, login, staffToken } from '../helpers/youth'
import { availability, enrolmentsOf, openCourse, youths } from './enrollment-fixtures'
import { MAIL_QUEUE } from '../../lib/email/queue'

const outbox = useOutbox()
const HOUR = 3_600_000

describe('enrolment', () => {
  let ctx: TestContext
  let people: { id: number; email: string; token: string }[]
  const enrol = (courseId: number | string, token?: string) => ctx.rest('POST', `/courses/${courseId}/enroll`, { token })
  const cancel = (enrollmentId: number | string, token?: string) => ctx.rest('POST', `/enrollments/${enrollmentId}/cancel`, { token })
  const errorOf = async (response: Response) => (await response.json()).errors?.[0]?.message as string
  const mine = async (courseId: number, youthId: number) => (await enrolmentsOf(ctx, courseId)).find((e) => e.youth === youthId)!

  beforeAll(async () => {
    ctx = await setupPayload()
    people = await youths(ctx, 6)
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  describe('refusals change nothing', () => {
    async function expectRefused(courseId: number, response: Response, status: number, message: RegExp) {
      expect(response.status).toBe(status)
      const body = await response.json()
      expect(body.errors).toHaveLength(1)
      expect(body.errors[0].message).toMatch(message)
      expect(await enrolmentsOf(ctx, courseId)).toEqual([])
    }

    it('anonymous: 401; an editor: 403; an admin who names nobody: 400 on the youth field', async () => {
      const course = await openCourse(ctx)
      await expectRefused(course.id, await enrol(course.id), 401, /^Inicia sesión/)
      await expectRefused(course.id, await enrol(course.id, await staffToken(ctx, 'editor')), 403, /persona joven/)
      const nobody = await enrol(course.id, await staffToken(ctx, 'admin'))
      expect(nobody.status).toBe(400)
      expect(await nobody.json()).toEqual({ errors: [{ message: 'Indica la cuenta de la persona joven que quieres inscribir.', field: 'youth' }] })
      expect(await enrolmentsOf(ctx, course.id)).toEqual([])
    })

    it('unknown, malformed and draft courses: 404', async () => {
      const draft = await openCourse(ctx, { _status: 'draft' })
      for (const id of ['999999', 'abc', '0', String(draft.id)]) {
        const response = await enrol(id, people[0].token)
        expect(response.status, id).toBe(404)
        expect(await response.json()).toEqual({ errors: [{ message: 'No encontramos ese curso o taller.' }] })
      }
      expect(await enrolmentsOf(ctx, draft.id)).toEqual([])
    })

    it('window closed or not yet open (times in León): 403', async () => {
      const closed = await openCourse(ctx, { enrollment: { opens: '2026-01-05T16:00:00.000Z', closes: '2026-01-10T18:00:00.000Z' } })
      await expectRefused(closed.id, await enrol(closed.id, people[0].token), 403, /^Las inscripciones ya cerraron: cerraron el 10 de enero de 2026, 12:00 \(hora del centro de México\)\.$/)
      const future = new Date(Date.now() + 48 * HOUR).toISOString()
      const early = await openCourse(ctx, { enrollment: { opens: future, closes: new Date(Date.now() + 96 * HOUR).toISOString() } })
      await expectRefused(early.id, await enrol(early.id, people[0].token), 403, /^Las inscripciones todavía no abren/)
    })

    it('age outside the course range: 403 naming the range', async () => {
      const course = await openCourse(ctx, { ageRange: { min: 12, max: 17 } })
      await expectRefused(course.id, await enrol(course.id, people[0].token), 403, /^Este curso es para personas de 12 a 17 años, y tú tienes 20\.$/)
    })

    it('unverified email and minors without guardian consent: 403', async () => {
      const course = await openCourse(ctx)
      const [unverified] = await youths(ctx, 1)
      await ctx.payload.update({ collection: 'youth', id: unverified.id, data: { _verified: false } as never })
      await expectRefused(course.id, await enrol(course.id, unverified.token), 403, /^Confirma tu correo electrónico/)
      const [minor] = await youths(ctx, 1, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: 'rosa@ejemplo.mx' } })
      await expectRefused(course.id, await enrol(course.id, minor.token), 403, /autorización de tu madre, padre o tutor/)
    })

    it('cancelled course: 403', async () => {
      const course = await openCourse(ctx, { state: 'cancelled' })
      await expectRefused(course.id, await enrol(course.id, people[0].token), 403, /fue cancelado/)
    })

    it('nobody creates or rewrites an enrolment through plain REST', async () => {
      const course = await openCourse(ctx)
      const created = await ctx.rest('POST', '/enrollments', { token: people[0].token, body: { course: course.id, youth: people[0].id, status: 'confirmed' } })
      expect(created.status).toBe(403)
      expect(await enrolmentsOf(ctx, course.id)).toEqual([])
      const seat = await enrol(course.id, people[0].token)
      expect(seat.status).toBe(201)
      const own = await mine(course.id, people[0].id)
      const patched = await ctx.rest('PATCH', `/enrollments/${own.id}`, { token: people[0].token, body: { status: 'cancelled' } })
      expect(patched.status).toBe(403)
      expect((await mine(course.id, people[0].id)).status).toBe('confirmed')
    })
  })

  it('confirms while seats last, then numbers the line; a second request is 409 with the status', async () => {
    const course = await openCourse(ctx, { capacity: 2 })
    const answers = []
    for (const youth of people.slice(0, 4)) answers.push([(await enrol(course.id, youth.token)).status, ...[]])
    expect(answers.flat()).toEqual([201, 201, 201, 201])
    const again = await enrol(course.id, people[3].token)
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({
      errors: [{ message: 'Ya estás en la lista de espera de este curso, en el lugar 2.' }],
      status: 'waitlisted',
      position: 2,
    })
    expect(await availability(ctx, course.id)).toEqual({ capacity: 2, confirmed: 2, seatsLeft: 0, waitlisted: 2 })
  })

  it('a youth sees only their own enrolments; another youth’s id is 404 and changes nothing', async () => {
    const course = await openCourse(ctx)
    await enrol(course.id, people[0].token)
    await enrol(course.id, people[1].token)
    const list = await (await ctx.rest('GET', `/enrollments?where[course][equals]=${course.id}`, { token: people[1].token })).json()
    expect(list.docs.map((e: { youth: { id: number } | number }) => (typeof e.youth === 'object' ? e.youth.id : e.youth))).toEqual([people[1].id])
    const theirs = await mine(course.id, people[0].id)
    const response = await cancel(theirs.id, people[1].token)
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toBe('No encontramos esa inscripción.')
    expect((await mine(course.id, people[0].id)).status).toBe('confirmed')
    expect(await availability(ctx, course.id)).toMatchObject({ confirmed: 2 })
  })

  it('cancelling gives the seat to the first in line, who is emailed; the line closes up', async () => {
    const course = await openCourse(ctx, { capacity: 2, title: 'Taller de serigrafía' })
    for (const youth of people.slice(0, 4)) await enrol(course.id, youth.token)
    const first = await mine(course.id, people[0].id)

    const response = await cancel(first.id, people[0].token)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'cancelled' })
    expect((await mine(course.id, people[0].id)).status).toBe('cancelled')
    expect(await mine(course.id, people[2].id)).toMatchObject({ status: 'confirmed', position: null })
    expect(await mine(course.id, people[3].id)).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(await availability(ctx, course.id)).toEqual({ capacity: 2, confirmed: 2, seatsLeft: 0, waitlisted: 1 })

    const twice = await cancel(first.id, people[0].token)
    expect(twice.status).toBe(409)
    expect(await errorOf(twice)).toBe('Esta inscripción ya estaba cancelada.')

    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })
    const about = (email: string) => outbox.to(email).filter((m) => m.subject.includes('«Taller de serigrafía»'))
    const promoted = about(people[2].email).find((m) => m.subject === '¡Se liberó un lugar! Ya tienes lugar en «Taller de serigrafía»')
    expect(fs.readFileSync(promoted!.file, 'utf8')).toMatch(/Content-Type: text\/calendar[\s\S]*filename=curso\.ics/)
    // Joined the line at place 2 (the email tells the place at sending time: 1 after the promotion).
    expect(about(people[3].email).map((m) => m.subject)).toEqual(['Estás en la lista de espera de «Taller de serigrafía»'])
    // Cancelled before the mail went out: no confirmation of a seat that is no longer theirs.
    expect(about(people[0].email)).toEqual([])

    // Coming back puts you at the end of the line, not back in your old seat.
    expect(await (await enrol(course.id, people[0].token)).json()).toEqual({ status: 'waitlisted', position: 2 })
    expect(await enrolmentsOf(ctx, course.id)).toHaveLength(4)
  })

  it('sends a confirmation with the course dates as .ics, and a reminder once, the day before', async () => {
    const startsAt = Date.now() + 20 * HOUR
    const course = await openCourse(ctx, {
      title: 'Taller de fotografía con celular',
      sessions: [{ startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString() }],
    })
    expect((await enrol(course.id, people[4].token)).status).toBe(201)
    await ctx.payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })
    const confirmation = outbox.latestTo(people[4].email)
    expect(confirmation.subject).toBe('Tienes lugar en «Taller de fotografía con celular»')
    expect(confirmation.text).toContain('(hora del centro de México)')
    expect(fs.readFileSync(confirmation.file, 'utf8')).toMatch(/filename=curso\.ics/)

    for (let run = 0; run < 2; run++) {
      await ctx.payload.jobs.queue({ task: 'enrollmentReminders' as never, input: {} as never })
      await ctx.payload.jobs.run({ queue: 'default', limit: 500 })
    }
    const reminders = outbox.to(people[4].email).filter((m) => m.subject.startsWith('Recordatorio'))
    expect(reminders.map((m) => m.subject)).toEqual(['Recordatorio: «Taller de fotografía con celular» empieza pronto'])
  })

  it('a youth cannot cancel online once the course has started; staff still can', async () => {
    const course = await openCourse(ctx)
    await enrol(course.id, people[5].token)
    await ctx.payload.update({
      collection: 'courses',
      id: course.id,
      data: { sessions: [{ startsAt: new Date(Date.now() - HOUR).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() }] } as never,
    })
    const own = await mine(course.id, people[5].id)
    const late = await cancel(own.id, people[5].token)
    expect(late.status).toBe(403)
    expect(await errorOf(late)).toMatch(/^Ya no puedes cancelar en línea: el curso empezó el /)
    expect((await mine(course.id, people[5].id)).status).toBe('confirmed')

    const byStaff = await cancel(own.id, await staffToken(ctx, 'admin'))
    expect(byStaff.status).toBe(200)
    expect(await availability(ctx, course.id)).toMatchObject({ confirmed: 0, seatsLeft: 30 })
  })

  it('a coordinator of another organization neither sees nor cancels the enrolment', async () => {
    const org = await ctx.payload.create({ collection: 'organizations', data: { name: `Otra org ${Date.now()}`, kind: 'civil-society' } as never })
    const email = `coord.${Date.now()}@imju.gob.mx`
    await ctx.payload.create({ collection: 'users', data: { email, password: 'clave-del-equipo-larga', name: 'Coordinación', roles: ['coordinator'], organization: org.id } as never })
    const token = await login(ctx, 'users', email, 'clave-del-equipo-larga')
    const course = await openCourse(ctx)
    await enrol(course.id, people[0].token)
    const own = await mine(course.id, people[0].id)
    expect((await (await ctx.rest('GET', `/enrollments?where[course][equals]=${course.id}`, { token })).json()).docs).toEqual([])
    expect((await cancel(own.id, token)).status).toBe(404)
    expect((await mine(course.id, people[0].id)).status).toBe('confirmed')
  })

  it('staff add someone by hand, even after the window closed; the youth’s own rules still hold', async () => {
    const course = await openCourse(ctx, { capacity: 1, enrollment: { opens: '2026-01-05T16:00:00.000Z', closes: '2026-01-10T18:00:00.000Z' } })
    const admin = await staffToken(ctx, 'admin')
    const add = (youth: unknown) => ctx.rest('POST', `/courses/${course.id}/enroll`, { token: admin, body: { youth } })
    expect(await (await add(people[0].id)).json()).toEqual({ status: 'confirmed' })
    expect(await (await add(people[1].id)).json()).toEqual({ status: 'waitlisted', position: 1 })
    const again = await add(people[1].id)
    expect(again.status).toBe(409)
    expect(await errorOf(again)).toBe('Esa persona ya está inscrita: está en la lista de espera, en el lugar 1.')
    const unknown = await add(999999)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ errors: [{ message: 'No encontramos esa cuenta de persona joven.', field: 'youth' }] })
    const [minor] = await youths(ctx, 1, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: 'rosa@ejemplo.mx' } })
    expect((await add(minor.id)).status).toBe(403)
    expect(await enrolmentsOf(ctx, course.id)).toHaveLength(2)
  })

  describe('capacity changes', () => {
    it('raising it promotes the first in line, in order', async () => {
      const course = await openCourse(ctx, { capacity: 1 })
      for (const youth of people.slice(0, 4)) await enrol(course.id, youth.token)
      const editor = await staffToken(ctx, 'editor')
      const response = await ctx.rest('PATCH', `/courses/${course.id}`, { token: editor, body: { capacity: 3 } })
      expect(response.status).toBe(200)
      expect((await mine(course.id, people[1].id)).status).toBe('confirmed')
      expect((await mine(course.id, people[2].id)).status).toBe('confirmed')
      expect(await mine(course.id, people[3].id)).toMatchObject({ status: 'waitlisted', position: 1 })
      expect(await availability(ctx, course.id)).toEqual({ capacity: 3, confirmed: 3, seatsLeft: 0, waitlisted: 1 })
    })

    it('lowering it below the confirmed people is refused on the capacity field, in Spanish', async () => {
      const course = await openCourse(ctx, { capacity: 3 })
      for (const youth of people.slice(0, 3)) await enrol(course.id, youth.token)
      const editor = await staffToken(ctx, 'editor')
      const response = await ctx.rest('PATCH', `/courses/${course.id}`, { token: editor, body: { capacity: 2 } })
      expect(response.status).toBe(400)
      const body = await response.json()
      expect(body.errors[0].data.errors).toContainEqual(
        expect.objectContaining({
          path: 'capacity',
          message: 'El cupo no puede ser menor que las 3 personas con lugar confirmado. Para reducirlo, primero cancela inscripciones.',
        }),
      )
      expect(await availability(ctx, course.id)).toEqual({ capacity: 3, confirmed: 3, seatsLeft: 0, waitlisted: 0 })
      expect((await ctx.rest('PATCH', `/courses/${course.id}`, { token: editor, body: { capacity: 3 } })).status).toBe(200)
    })
  })
})
