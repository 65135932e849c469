/**
 * Self-paced online courses: a confirmed youth takes the lessons in order, progress is saved per
 * lesson, and the last one completes the course and issues the constancia. Contents stay private.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraphs } from '../../seed/demo/rich-text'
import { completeLesson, lesson as lessonPage, overview } from '../../site/lib/lessons-page'
import { myEnrolments } from '../../site/lib/my-enrolments'
import { apiBridge } from '../helpers/api-bridge'
import { setupPayload, type TestContext } from '../helpers/payload'
import { staffToken } from '../helpers/youth'
import { openCourse, youths } from './enrollment-fixtures'

const LESSONS = [
  { title: '¿Qué es violencia?', content: paragraphs(['El violentómetro en cinco minutos.']) },
  { title: 'Celos y control', content: paragraphs(['Revisar el celular no es amor.']), videoUrl: 'https://video.ejemplo.mx/celos' },
  { title: '¿Dónde pedir ayuda?', content: paragraphs(['Líneas de atención en León.']) },
]

describe('self-paced lessons', () => {
  let ctx: TestContext
  let bridge: { close: () => void }
  const enrol = (courseId: number, token: string) => ctx.rest('POST', `/courses/${courseId}/enroll`, { token })
  const complete = (id: number, n: number | string, token?: string) => ctx.rest('POST', `/enrollments/${id}/lessons/${n}/complete`, { token })
  const lesson = (id: number, n: number | string, token?: string) => ctx.rest('GET', `/enrollments/${id}/lessons/${n}`, { token })
  const stored = (id: number) => ctx.payload.findByID({ collection: 'enrollments', id, depth: 0 })
  const message = async (response: Response) => (await response.json()).errors[0].message as string

  const selfPacedCourse = (data: Record<string, unknown> = {}) =>
    openCourse(ctx, { selfPaced: true, sessions: [], lessons: LESSONS, estimatedHours: 3, title: 'Noviazgo sin violencia', ...data })

  /** A youth with a confirmed seat in a fresh self-paced course. */
  async function enrolled(data: Record<string, unknown> = {}) {
    const course = await selfPacedCourse(data)
    const [youth] = await youths(ctx, 1)
    expect((await enrol(course.id, youth.token)).status).toBe(201)
    const { docs } = await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: course.id }, youth: { equals: youth.id } }, depth: 0 })
    return { course, youth, enrollmentId: docs[0].id as number }
  }

  beforeAll(async () => {
    ctx = await setupPayload()
    bridge = await apiBridge(ctx)
  })
  afterAll(async () => {
    bridge.close()
    await ctx.close()
  })

  it('opens the lessons in order: lesson n+1 only after lesson n is done', async () => {
    const { youth, enrollmentId } = await enrolled()

    const overview = await ctx.rest('GET', `/enrollments/${enrollmentId}/lessons`, { token: youth.token })
    expect(overview.status).toBe(200)
    expect(await overview.json()).toMatchObject({
      done: 0,
      total: 3,
      next: 1,
      lessons: [
        { n: 1, title: '¿Qué es violencia?', done: false, open: true },
        { n: 2, title: 'Celos y control', done: false, open: false },
        { n: 3, title: '¿Dónde pedir ayuda?', done: false, open: false },
      ],
    })

    const first = await lesson(enrollmentId, 1, youth.token)
    expect(first.status).toBe(200)
    expect((await first.json()).lesson).toMatchObject({ n: 1, title: '¿Qué es violencia?', content: LESSONS[0].content, done: false })

    const early = await lesson(enrollmentId, 2, youth.token)
    expect(early.status).toBe(409)
    expect(await message(early)).toBe('Las lecciones se toman en orden: primero termina la lección 1, «¿Qué es violencia?».')
    const skipped = await complete(enrollmentId, 3, youth.token)
    expect(skipped.status).toBe(409)
    expect((await stored(enrollmentId)).lessonsDone).toEqual([])

    const done = await complete(enrollmentId, 1, youth.token)
    expect(done.status).toBe(200)
    expect(await done.json()).toMatchObject({ lesson: 1, done: 1, total: 3, next: 2, enrollment: { completedAt: null, certificateCode: null } })
    const second = await lesson(enrollmentId, 2, youth.token)
    expect(second.status).toBe(200)
    expect((await second.json()).lesson).toMatchObject({ n: 2, videoUrl: 'https://video.ejemplo.mx/celos' })
    expect((await lesson(enrollmentId, 3, youth.token)).status).toBe(409)
  })

  it('completes the course after the last lesson and issues the constancia once', async () => {
    const { course, youth, enrollmentId } = await enrolled()
    for (const n of [1, 2]) expect((await complete(enrollmentId, n, youth.token)).status).toBe(200)
    expect(await stored(enrollmentId)).toMatchObject({ completedAt: null, certificateCode: null })

    const last = await complete(enrollmentId, 3, youth.token)
    expect(last.status).toBe(200)
    const body = await last.json()
    expect(body).toMatchObject({ done: 3, total: 3, next: null })
    expect(body.enrollment.certificateCode).toMatch(/^VJ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const saved = await stored(enrollmentId)
    expect(saved.completedAt).toBeTruthy()
    expect(saved.certificateCode).toBe(body.enrollment.certificateCode)
    expect(saved.lessonsDone).toHaveLength(3)

    const certificate = await ctx.rest('GET', `/enrollments/certificate/${saved.certificateCode}`)
    expect(certificate.status).toBe(200)
    expect(await certificate.json()).toMatchObject({ course: course.title, hours: 3, name: 'María José Hernández López' })

    // Completing again (a reload, a double click) changes nothing: same lessons, same code.
    for (const n of [3, 1]) {
      const again = await complete(enrollmentId, n, youth.token)
      expect(again.status).toBe(200)
      expect((await again.json()).enrollment.certificateCode).toBe(saved.certificateCode)
    }
    const after = await stored(enrollmentId)
    expect(after).toMatchObject({ completedAt: saved.completedAt, certificateCode: saved.certificateCode })
    expect(after.lessonsDone).toEqual(saved.lessonsDone)
  })

  it('records a lesson once even when the same request arrives many times at once', async () => {
    const { youth, enrollmentId } = await enrolled()
    const responses = await Promise.all(Array.from({ length: 8 }, () => complete(enrollmentId, 1, youth.token)))
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect((await stored(enrollmentId)).lessonsDone).toHaveLength(1)
  })

  it('denies another youth’s enrolment, staff, anonymous visitors and people without a seat', async () => {
    const { youth, enrollmentId } = await enrolled()
    const [stranger] = await youths(ctx, 1)
    const admin = await staffToken(ctx, 'admin')

    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'Inicia sesión para tomar las lecciones de tu curso.'],
      [stranger.token, 404, 'No encontramos esa inscripción.'],
      [admin, 403, 'Solo la persona inscrita toma las lecciones; su avance se ve en la inscripción.'],
    ]
    for (const [token, status, text] of cases) {
      for (const response of [await complete(enrollmentId, 1, token), await lesson(enrollmentId, 1, token)]) {
        expect(response.status).toBe(status)
        expect(await message(response)).toBe(text)
      }
    }
    expect((await stored(enrollmentId)).lessonsDone).toEqual([])

    // Waitlisted: no seat, no lessons.
    const full = await selfPacedCourse({ capacity: 1 })
    const [seated, waiting] = await youths(ctx, 2)
    await enrol(full.id, seated.token)
    await enrol(full.id, waiting.token)
    const line = (await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: waiting.id } }, depth: 0 })).docs[0]
    const waitlisted = await complete(line.id, 1, waiting.token)
    expect(waitlisted.status).toBe(403)
    expect(await message(waitlisted)).toMatch(/^Estás en la lista de espera/)

    // Cancelled: the seat is gone, and so are the lessons.
    expect((await ctx.rest('POST', `/enrollments/${enrollmentId}/cancel`, { token: youth.token })).status).toBe(200)
    const cancelled = await complete(enrollmentId, 1, youth.token)
    expect(cancelled.status).toBe(403)
    expect(await message(cancelled)).toMatch(/^Tu inscripción está cancelada/)
  })

  it('answers 422 for a malformed lesson number and 404 for one past the end or a course without lessons', async () => {
    const { youth, enrollmentId } = await enrolled()
    const malformed = await complete(enrollmentId, 'primera', youth.token)
    expect(malformed.status).toBe(422)
    expect(await message(malformed)).toBe('El número de lección debe ser un entero mayor que cero.')
    const past = await lesson(enrollmentId, 4, youth.token)
    expect(past.status).toBe(404)
    expect(await message(past)).toBe('Este curso tiene 3 lecciones; no existe la lección 4.')

    const live = await openCourse(ctx) // online with live sessions: no lessons to take
    const [other] = await youths(ctx, 1)
    await enrol(live.id, other.token)
    const mine = (await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: other.id } }, depth: 0 })).docs[0]
    const none = await complete(mine.id, 1, other.token)
    expect(none.status).toBe(404)
    expect(await message(none)).toBe('Este curso no tiene lecciones en línea.')
  })

  it('keeps lesson contents out of public reads: titles only', async () => {
    const course = await selfPacedCourse()
    const [youth] = await youths(ctx, 1)
    for (const token of [undefined, youth.token]) {
      const response = await ctx.rest('GET', `/courses/${course.id}?depth=0`, { token })
      expect(response.status).toBe(200)
      const lessons = (await response.json()).lessons as Record<string, unknown>[]
      expect(lessons.map((l) => l.title)).toEqual(LESSONS.map((l) => l.title))
      for (const l of lessons) expect(l).not.toHaveProperty('content')
      expect(lessons[1]).not.toHaveProperty('videoUrl')
    }
  })

  it('refuses to publish a self-paced course without lessons or stated hours', async () => {
    const editor = await staffToken(ctx, 'editor')
    const response = await ctx.rest('POST', '/courses', {
      token: editor,
      body: { title: 'Curso vacío', kind: 'course', modality: 'online', selfPaced: true, capacity: 10, _status: 'published' },
    })
    expect(response.status).toBe(400)
    const invalid = (await response.json()).errors[0].data.errors
    expect(invalid).toContainEqual(expect.objectContaining({ path: 'lessons', message: 'Un curso a tu ritmo necesita al menos una lección.' }))
    expect(invalid).toContainEqual(expect.objectContaining({ path: 'estimatedHours', message: 'Indica cuántas horas dura el curso: aparecen en la constancia.' }))
  })

  it('Mi cuenta pages (no JavaScript): list, lesson, mark done and go on, out of order back to the list', async () => {
    const { youth, enrollmentId } = await enrolled()
    const visitor = (token?: string) => new Request('http://localhost/cuenta/cursos/', { headers: token ? { cookie: `payload-token=${token}` } : {} })
    const me = visitor(youth.token)
    const id = String(enrollmentId)

    // Mi cuenta's enrolment entry knows the course is self-paced, to link here.
    expect((await myEnrolments(me))[0].course.selfPaced).toBe(true)
    const list = await overview(me, id)
    expect(list.status).toBe(200)
    expect(list.data?.lessons.map((l) => l.open)).toEqual([true, false, false])
    expect((await lessonPage(me, id, '2')).status).toBe(409)
    expect(await completeLesson(me, id, '1')).toEqual({ ok: true, location: `/cuenta/cursos/${id}/leccion/2/` })
    expect((await lessonPage(me, id, '2')).data?.lesson.title).toBe('Celos y control')
    expect(await completeLesson(me, id, '3')).toMatchObject({ ok: false, status: 409 })
    await completeLesson(me, id, '2')
    expect(await completeLesson(me, id, '3')).toEqual({ ok: true, location: `/cuenta/cursos/${id}/?aviso=curso-concluido` })
    expect((await overview(me, id)).data?.enrollment.certificateCode).toMatch(/^VJ-/)

    // Nobody else's session, and no path tricks: a malformed id or number is simply not found.
    const [stranger] = await youths(ctx, 1)
    expect((await overview(visitor(stranger.token), id)).status).toBe(404)
    expect((await overview(visitor(), id)).status).toBe(401)
    expect((await lessonPage(me, '../../users', '1')).status).toBe(404)
    expect((await lessonPage(me, id, '1?depth=5')).status).toBe(422)
  })
})
