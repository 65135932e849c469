/**
 * The no-JavaScript enrolment page's logic (site/lib/enrolment-page.ts) against the real API: the
 * page calls Payload over HTTP with the visitor's cookie, exactly as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { enrolmentAction, enrolmentView } from '../../site/lib/enrolment-page'
import { canCancel, myEnrolments, sessionsInOrder, statusLabel } from '../../site/lib/my-enrolments'
import { apiBridge } from '../helpers/api-bridge'
import { setupPayload, type TestContext } from '../helpers/payload'
import { openCourse, youths } from './enrollment-fixtures'

describe('enrolment without JavaScript', () => {
  let ctx: TestContext
  let bridge: { close: () => void }
  let people: { token: string }[]

  /** What the browser sends: the session cookie and nothing else. */
  const visitor = (token?: string) => new Request('http://localhost/cursos/x/inscripcion', { headers: token ? { cookie: `payload-token=${token}` } : {} })
  const form = (fields: Record<string, string>) => {
    const data = new FormData()
    for (const [key, value] of Object.entries(fields)) data.set(key, value)
    return data
  }

  beforeAll(async () => {
    ctx = await setupPayload()
    bridge = await apiBridge(ctx)
    people = await youths(ctx, 2)
  })
  afterAll(async () => {
    bridge.close()
    await ctx.close()
  })

  it('an anonymous visitor sees the seats and is asked to log in; an unknown slug is not found', async () => {
    const course = await openCourse(ctx, { capacity: 12 })
    const view = await enrolmentView(visitor(), course.slug!)
    expect(view).toMatchObject({ course: { id: course.id, title: course.title }, youth: null, enrolment: null })
    expect(view.seats).toEqual({ capacity: 12, confirmed: 0, seatsLeft: 12, waitlisted: 0 })
    expect((await enrolmentView(visitor(), 'no-existe-este-curso')).course).toBeNull()
    expect(await enrolmentAction(visitor(), course.slug!, form({ accion: 'inscribirme' }))).toBe('Inicia sesión con tu cuenta de Viaje Joven para inscribirte.')
  })

  it('enrol, see confirmed, enrol again (told so), cancel, see the seat return', async () => {
    const course = await openCourse(ctx, { capacity: 1 })
    const me = visitor(people[0].token)
    expect(await enrolmentAction(me, course.slug!, form({ accion: 'inscribirme' }))).toBe(
      '¡Listo! Tienes un lugar confirmado. Te enviamos un correo con los detalles.',
    )
    const enrolled = await enrolmentView(me, course.slug!)
    expect(enrolled.enrolment).toMatchObject({ status: 'confirmed' })
    expect(enrolled.seats).toMatchObject({ seatsLeft: 0 })
    expect(await enrolmentAction(me, course.slug!, form({ accion: 'inscribirme' }))).toBe('Ya estás inscrito(a) en este curso: tu lugar está confirmado.')

    expect(await enrolmentAction(visitor(people[1].token), course.slug!, form({ accion: 'inscribirme' }))).toBe(
      '¡Listo! Estás en la lista de espera, en el lugar 1. Te enviamos un correo con los detalles.',
    )
    // Someone else's enrolment id in a crafted form changes nothing.
    expect(await enrolmentAction(visitor(people[1].token), course.slug!, form({ accion: 'cancelar', inscripcion: String(enrolled.enrolment!.id) }))).toBe(
      'No encontramos esa inscripción.',
    )

    expect(await enrolmentAction(me, course.slug!, form({ accion: 'cancelar', inscripcion: String(enrolled.enrolment!.id) }))).toMatch(/^Cancelaste tu inscripción/)
    const after = await enrolmentView(me, course.slug!)
    expect(after.enrolment).toBeNull()
    expect(after.seats).toEqual({ capacity: 1, confirmed: 1, seatsLeft: 0, waitlisted: 0 })
    expect((await enrolmentView(visitor(people[1].token), course.slug!)).enrolment).toMatchObject({ status: 'confirmed' })
  })

  it('Mi cuenta lists all my enrolments, active first, then finished, then cancelled, with their courses and sessions', async () => {
    const [me, other] = await youths(ctx, 2)
    const first = await openCourse(ctx, { title: 'Taller de guitarra' })
    const second = await openCourse(ctx, { title: 'Curso de primeros auxilios', capacity: 1 })
    const third = await openCourse(ctx, { title: 'Taller de cerámica' })
    const fourth = await openCourse(ctx, { title: 'Taller de bordado' })
    await enrolmentAction(visitor(other.token), second.slug!, form({ accion: 'inscribirme' }))
    for (const course of [first, second, third, fourth]) await enrolmentAction(visitor(me.token), course.slug!, form({ accion: 'inscribirme' }))
    const dropped = (await enrolmentView(visitor(me.token), third.slug!)).enrolment!
    await enrolmentAction(visitor(me.token), third.slug!, form({ accion: 'cancelar', inscripcion: String(dropped.id) }))
    const finished = (await enrolmentView(visitor(me.token), fourth.slug!)).enrolment!
    await ctx.payload.update({ collection: 'enrollments', id: finished.id, data: { completedAt: new Date().toISOString() } })

    const list = await myEnrolments(visitor(me.token))
    expect(list.map((e) => [e.course.title, statusLabel(e), canCancel(e)])).toEqual([
      ['Curso de primeros auxilios', 'En lista de espera #1', true],
      ['Taller de guitarra', 'Confirmada', true],
      ['Taller de bordado', 'Concluida', false],
      ['Taller de cerámica', 'Cancelada', false],
    ])
    expect(list[2].certificateCode).toMatch(/^VJ-/)
    expect(list.filter((e) => e.certificateCode)).toHaveLength(1)
    expect(sessionsInOrder(list[1].course).map((s) => s.startsAt)).toEqual(first.sessions!.map((s) => s.startsAt))
    // Only what the list needs travels: no youth record, no course body.
    expect(Object.keys(list[1]).sort()).toEqual(['certificateCode', 'completedAt', 'course', 'id', 'position', 'status'].filter((k) => k in list[1]).sort())
    expect(list[1]).not.toHaveProperty('youth')
    expect(list[1].course).not.toHaveProperty('body')

    expect(await myEnrolments(visitor(other.token))).toHaveLength(1)
    expect(await myEnrolments(visitor())).toEqual([])
  })

  it('once the first session has started, the list offers no online cancel', async () => {
    const [me] = await youths(ctx, 1)
    const course = await openCourse(ctx, { title: 'Taller que ya empezó' })
    await enrolmentAction(visitor(me.token), course.slug!, form({ accion: 'inscribirme' }))
    const [listed] = await myEnrolments(visitor(me.token))
    expect(canCancel(listed)).toBe(true)
    const started = new Date(new Date(course.sessions![0].startsAt!).getTime() + 60_000)
    expect(canCancel(listed, started)).toBe(false)
  })
})
