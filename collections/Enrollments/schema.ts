import { z } from 'zod'

/**
 * The enrolment vocabulary shared by the endpoints, the site's island and its no-JavaScript
 * form. Imports nothing from Payload so it can reach a browser bundle.
 */

export const ENROLLMENT_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]

export const STATUS_LABELS: Record<EnrollmentStatus, string> = {
  confirmed: 'Confirmada',
  waitlisted: 'En lista de espera',
  cancelled: 'Cancelada',
}

/** Path parameter of /api/courses/:id/enroll and /api/enrollments/:id/cancel. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647)

/** What POST /api/courses/:id/enroll answers (201, or 409 with the existing enrolment). */
export const enrollResult = z.object({
  id: z.number().int().positive(),
  status: z.enum(['confirmed', 'waitlisted']),
  position: z.number().int().positive().optional(),
})
export type EnrollResult = z.infer<typeof enrollResult>

/** What a person reads about their own enrolment, e.g. "En lista de espera (lugar 3)". */
export function describeEnrollment(result: { status: EnrollmentStatus; position?: number | null }): string {
  if (result.status === 'confirmed') return 'Tienes un lugar confirmado.'
  if (result.status === 'waitlisted') return `Estás en la lista de espera, en el lugar ${result.position ?? '—'}.`
  return 'Tu inscripción está cancelada.'
}
