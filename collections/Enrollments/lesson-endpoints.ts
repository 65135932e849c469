import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { dbOf, sql, withTransaction } from '../../lib/db'
import { isSelfPacedCourse, progressOf, type Lesson, type LessonDone } from './lessons'
import { idParam } from './schema'

/**
 * The lessons of a self-paced course, for the youth enrolled in it (owner only):
 * - `GET  /api/enrollments/:id/lessons`              → titles with done / open, and the next one
 * - `GET  /api/enrollments/:id/lessons/:n`           → lesson n (1-based) with its contents, once 1..n-1 are done
 * - `POST /api/enrollments/:id/lessons/:n/complete`  → marks it done; the last one completes the course
 * Someone else's enrolment is "not found", as in cancel.ts.
 */

const lessonNumber = z.coerce.number().int().positive().max(10_000)
const notFound = () => errorResponse(404, 'No encontramos esa inscripción.')

type EnrollmentDoc = { id: number; status: string; completedAt?: string | null; certificateCode?: string | null; lessonsDone?: LessonDone[] | null }
type CourseDoc = { id: number; title: string; slug?: string | null; lessons: (Lesson & { content?: unknown; videoUrl?: string | null })[] }
type Taking = { enrollment: EnrollmentDoc; course: CourseDoc }

/** The caller's own confirmed enrolment in a self-paced course, or the error to answer. */
async function ownLessons(req: PayloadRequest): Promise<Taking | Response> {
  if (!req.user) return errorResponse(401, 'Inicia sesión para tomar las lecciones de tu curso.')
  const id = idParam.safeParse(req.routeParams?.id)
  if (!id.success) return notFound()
  // Read access decides visibility: a youth finds only their own enrolments.
  const { docs } = await req.payload.find({ collection: 'enrollments', where: { id: { equals: id.data } }, depth: 0, limit: 1, user: req.user, overrideAccess: false, req })
  const enrollment = docs[0] as unknown as EnrollmentDoc | undefined
  if (!enrollment) return notFound()
  if (!isYouth(req.user)) return errorResponse(403, 'Solo la persona inscrita toma las lecciones; su avance se ve en la inscripción.')
  if (enrollment.status === 'waitlisted') return errorResponse(403, 'Estás en la lista de espera: las lecciones se abren cuando tengas un lugar confirmado.')
  if (enrollment.status !== 'confirmed') return errorResponse(403, 'Tu inscripción está cancelada: vuelve a inscribirte para tomar las lecciones.')
  const courseId = typeof docs[0].course === 'object' ? docs[0].course.id : docs[0].course
  // System read: lesson contents are staff-only fields, and this person holds a confirmed seat.
  const course = await req.payload.findByID({
    collection: 'courses',
    id: courseId,
    depth: 0,
    select: { title: true, slug: true, modality: true, selfPaced: true, lessons: true },
    req,
    disableErrors: true,
  })
  if (!course || !isSelfPacedCourse(course)) return errorResponse(404, 'Este curso no tiene lecciones en línea.')
  return { enrollment, course: course as unknown as CourseDoc }
}

/** Lesson n from the path (as a 0-based index `i`) of the caller's own course, or the error to answer. */
async function ownLesson(req: PayloadRequest): Promise<(Taking & { i: number }) | Response> {
  const taking = await ownLessons(req)
  if (taking instanceof Response) return taking
  const { course } = taking
  const n = lessonNumber.safeParse(req.routeParams?.n)
  if (!n.success) return errorResponse(422, 'El número de lección debe ser un entero mayor que cero.')
  if (n.data > course.lessons.length) return errorResponse(404, `Este curso tiene ${course.lessons.length} lecciones; no existe la lección ${n.data}.`)
  return { ...taking, i: n.data - 1 }
}

const lockedLesson = (course: CourseDoc, first: number) =>
  errorResponse(409, `Las lecciones se toman en orden: primero termina la lección ${first + 1}, «${course.lessons[first].title}».`)

/** What the site shows about a youth's way through the course. */
function summary({ enrollment, course }: Taking) {
  const progress = progressOf(course.lessons, enrollment.lessonsDone)
  return {
    enrollment: { id: enrollment.id, completedAt: enrollment.completedAt ?? null, certificateCode: enrollment.certificateCode ?? null },
    course: { id: course.id, title: course.title, slug: course.slug ?? null },
    lessons: course.lessons.map((lesson, i) => ({ n: i + 1, title: lesson.title, done: progress.isDone[i], open: progress.isOpen(i) })),
    done: progress.doneCount,
    total: progress.total,
    next: progress.next === null ? null : progress.next + 1,
  }
}

const noStore = { headers: { 'Cache-Control': 'private, no-store' } }

const overviewEndpoint: Endpoint = {
  path: '/:id/lessons',
  method: 'get',
  handler: async (req) => {
    const taking = await ownLessons(req)
    return taking instanceof Response ? taking : Response.json(summary(taking), noStore)
  },
}

const lessonEndpoint: Endpoint = {
  path: '/:id/lessons/:n',
  method: 'get',
  handler: async (req) => {
    const lesson = await ownLesson(req)
    if (lesson instanceof Response) return lesson
    const { course, enrollment, i } = lesson
    const progress = progressOf(course.lessons, enrollment.lessonsDone)
    if (!progress.isOpen(i)) return lockedLesson(course, progress.next!)
    const { title, content, videoUrl } = course.lessons[i]
    return Response.json({ ...summary({ enrollment, course }), lesson: { n: i + 1, title, content: content ?? null, videoUrl: videoUrl ?? null, done: progress.isDone[i] } }, noStore)
  },
}

const completeEndpoint: Endpoint = {
  path: '/:id/lessons/:n/complete',
  method: 'post',
  handler: async (req) => {
    const lesson = await ownLesson(req)
    if (lesson instanceof Response) return lesson
    const { course, i } = lesson
    const id = lesson.enrollment.id

    // The enrolment row is locked so a double click cannot record a lesson twice.
    return withTransaction(req, async () => {
      await (await dbOf(req)).execute(sql`SELECT id FROM enrollments WHERE id = ${id} FOR UPDATE`)
      let enrollment = (await req.payload.findByID({ collection: 'enrollments', id, depth: 0, req })) as unknown as EnrollmentDoc
      const progress = progressOf(course.lessons, enrollment.lessonsDone)
      if (!progress.isOpen(i)) return lockedLesson(course, progress.next!)
      if (!progress.isDone[i]) {
        // System write: youths cannot update enrolments; ownership and order were checked above.
        // The hooks complete the course after its last lesson and issue the constancia (completion.ts).
        const lessonsDone = [...(enrollment.lessonsDone ?? []), { lesson: course.lessons[i].id!, doneAt: new Date().toISOString() }]
        const data = { lessonsDone } as { lessonsDone: { lesson: string; doneAt: string }[] }
        enrollment = (await req.payload.update({ collection: 'enrollments', id, data, depth: 0, req })) as unknown as EnrollmentDoc
      }
      return Response.json({ ...summary({ enrollment, course }), lesson: i + 1 }, noStore)
    })
  },
}

export const lessonEndpoints = [overviewEndpoint, lessonEndpoint, completeEndpoint]
