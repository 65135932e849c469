import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { withLockedCourse } from './db'
import { queueEnrollmentEmails } from './emails'
import { enrollmentProblem } from './rules'
import { idParam } from './schema'
import { placeYouth } from './waitlist'

const notFound = () => errorResponse(404, 'No encontramos ese curso o taller.')

/**
 * `POST /api/courses/:id/enroll` (youth session) → 201 `{ status, position? }`.
 *
 * Idempotency: a youth has at most one enrolment per course (unique index, and the check runs
 * inside the course lock, so parallel duplicates queue behind each other). A request for a
 * course the youth is already in changes nothing and answers 409 with the existing `status`
 * (and `position`) beside the error, so a retried request still learns where it stands.
 */
export const enrollEndpoint: Endpoint = {
  path: '/:id/enroll',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para inscribirte.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo una persona joven con su propia cuenta puede inscribirse.')
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()
    const courseId = id.data

    // Checks before the lock: they read nothing another enrolment can change.
    const course = await publishedCourse(req, courseId)
    if (!course) return notFound()
    // req.user is the youth's own record, just read by Payload's session check.
    const youth = req.user as typeof req.user & Parameters<typeof enrollmentProblem>[1]
    const problem = enrollmentProblem(course, youth)
    if (problem) return errorResponse(403, problem)

    const outcome = await withLockedCourse(req, courseId, async (db, capacity) => {
      const result = await placeYouth(db, courseId, Number(youth.id), capacity)
      await queueEnrollmentEmails(req, result.promoted.map((promotedId) => ({ id: promotedId, kind: 'promoted' as const })))
      return result
    })
    if (!outcome) return notFound()
    const { status, position } = outcome.placement
    const body = position ? { status, position } : { status }
    if (!outcome.created) {
      const message =
        status === 'confirmed' ? 'Ya estás inscrito(a) en este curso: tu lugar está confirmado.' : `Ya estás en la lista de espera de este curso, en el lugar ${position}.`
      return Response.json({ errors: [{ message }], ...body }, { status: 409 })
    }
    return Response.json(body, { status: 201 })
  },
}

/** The course as the public sees it: drafts and unknown ids are both "not found". */
async function publishedCourse(req: PayloadRequest, courseId: number) {
  const { docs } = await req.payload.find({
    collection: 'courses',
    where: { id: { equals: courseId } },
    select: { state: true, enrollment: true, ageRange: true },
    depth: 0,
    limit: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs[0] ?? null
}
