import type { Endpoint } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { withLockedCourse } from './course-lock'
import { queueEnrollmentEmails } from './emails'
import { firstSessionStart, mexicoCityMoment } from './rules'
import { idParam } from './schema'
import { cancelPlacement } from './waitlist'

const notFound = () => errorResponse(404, 'No encontramos esa inscripción.')

/**
 * `POST /api/enrollments/:id/cancel` by its youth (until the first session starts) or by enrolment
 * staff (any time). The seat goes to the first in line inside the same course lock as enrolling.
 * Someone else's enrolment is "not found": its existence is nobody else's business.
 */
export const cancelEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión para cancelar tu inscripción.')
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()
    // Read access decides who may cancel: the youth it belongs to, admins, the course's coordinators.
    const { docs } = await req.payload.find({
      collection: 'enrollments',
      where: { id: { equals: id.data } },
      depth: 0,
      limit: 1,
      user: req.user,
      overrideAccess: false,
      req,
    })
    const enrollment = docs[0]
    if (!enrollment) return notFound()
    if (enrollment.status === 'cancelled') return errorResponse(409, 'Esta inscripción ya estaba cancelada.')
    const courseId = typeof enrollment.course === 'object' ? enrollment.course.id : enrollment.course

    if (isYouth(req.user)) {
      // System read: only the dates are needed, and a since-unpublished course must still be cancellable.
      const course = await req.payload.findByID({ collection: 'courses', id: courseId, depth: 0, select: { sessions: true }, req })
      const deadline = firstSessionStart(course)
      if (deadline && deadline <= new Date()) {
        return errorResponse(
          403,
          `Ya no puedes cancelar en línea: el curso empezó el ${mexicoCityMoment(deadline)}. Escribe a la persona coordinadora del curso.`,
        )
      }
    }

    const outcome = await withLockedCourse(req, courseId, async (db, capacity) => {
      const result = await cancelPlacement(db, enrollment.id, capacity)
      if (result) await queueEnrollmentEmails(req, result.promoted.map((promotedId) => ({ id: promotedId, kind: 'promoted' as const })))
      return result
    })
    if (!outcome) return errorResponse(409, 'Esta inscripción ya estaba cancelada.')
    return Response.json({ status: 'cancelled' }, { status: 200 })
  },
}
