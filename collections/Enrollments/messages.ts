/**
 * What people read about an enrolment, shared by the endpoints, the site's island (browser bundle:
 * this file imports nothing) and the no-JavaScript page.
 */

export const ENROLLMENT_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]

export const STATUS_LABELS: Record<EnrollmentStatus, string> = {
  confirmed: 'Confirmada',
  waitlisted: 'En lista de espera',
  cancelled: 'Cancelada',
}

/** "Tienes un lugar confirmado." / "Estás en la lista de espera, en el lugar 3." */
export function describeEnrollment(result: { status: EnrollmentStatus; position?: number | null }): string {
  if (result.status === 'confirmed') return 'Tienes un lugar confirmado.'
  if (result.status === 'waitlisted') return `Estás en la lista de espera, en el lugar ${result.position ?? '—'}.`
  return 'Tu inscripción está cancelada.'
}

/** Seats left as one sentence, for the island after an action. */
export function describeSeats(seats: { capacity: number; seatsLeft: number; waitlisted: number }): string {
  if (seats.seatsLeft > 0) return `Quedan ${seats.seatsLeft} de ${seats.capacity} lugares.`
  return seats.waitlisted > 0 ? `Cupo lleno; ${seats.waitlisted} en lista de espera.` : 'Cupo lleno.'
}
