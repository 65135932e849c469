import { z } from 'zod'

/**
 * Validation shared by the enrolment endpoints and the site. Imports nothing from Payload; the
 * browser island imports ./messages only (no zod in a phone's download).
 */

export { ENROLLMENT_STATUSES, STATUS_LABELS, describeEnrollment, type EnrollmentStatus } from './messages'

/** Path parameter of /api/courses/:id/enroll and /api/enrollments/:id/cancel (and a youth id in a body). Not `true`: coercion would make it 1. */
export const idParam = z.union([z.number(), z.string()]).pipe(z.coerce.number<string | number>().int().positive().max(2_147_483_647))

/** What POST /api/courses/:id/enroll answers: 201, or 409 with the existing enrolment beside the error. */
export const enrollResult = z.object({
  status: z.enum(['confirmed', 'waitlisted']),
  position: z.number().int().positive().optional(),
})
export type EnrollResult = z.infer<typeof enrollResult>
