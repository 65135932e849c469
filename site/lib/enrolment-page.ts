/**
 * The no-JavaScript enrolment page (/cursos/[slug]/inscripcion): what it shows and what its forms
 * do, through the API as the visitor, so the endpoints' rules are the only rules.
 */
import { describeEnrollment, type EnrollmentStatus } from '../../collections/Enrollments/messages'
import { enrollResult } from '../../collections/Enrollments/schema'
import { apiGet, apiSend, currentYouth, type SessionYouth } from './live'

export const FLASH_COOKIE = 'vj_aviso'
export const enrolmentPath = (slug: string) => `/cursos/${slug}/inscripcion`

type Found<T> = { docs: T[] }
type CourseRef = { id: number; title: string; slug: string }
type Seats = { capacity: number; confirmed: number; seatsLeft: number; waitlisted: number }
export type MyEnrolment = { id: number; status: EnrollmentStatus; position?: number | null }
export type EnrolmentView = { course: CourseRef | null; youth: SessionYouth | null; enrolment: MyEnrolment | null; seats: Seats | null }

async function courseBySlug(request: Request, slug: string): Promise<CourseRef | null> {
  const query = `where[slug][equals]=${encodeURIComponent(slug)}&limit=1&depth=0&select[title]=true&select[slug]=true`
  const { data } = await apiGet<Found<CourseRef>>(request, `/courses?${query}`)
  return data?.docs[0] ?? null
}

async function myEnrolment(request: Request, courseId: number): Promise<MyEnrolment | null> {
  const { data } = await apiGet<Found<MyEnrolment>>(request, `/enrollments?where[course][equals]=${courseId}&limit=1&depth=0`)
  const found = data?.docs[0]
  return found && found.status !== 'cancelled' ? found : null
}

export async function enrolmentView(request: Request, slug: string): Promise<EnrolmentView> {
  const course = await courseBySlug(request, slug)
  if (!course) return { course: null, youth: null, enrolment: null, seats: null }
  const [youth, seats] = await Promise.all([currentYouth(request), apiGet<Seats>(request, `/courses/${course.id}/availability`)])
  return { course, youth, enrolment: youth ? await myEnrolment(request, course.id) : null, seats: seats.data }
}

/** Runs the form's action and returns the sentence to show after the redirect. */
export async function enrolmentAction(request: Request, slug: string, form: FormData): Promise<string> {
  const course = await courseBySlug(request, slug)
  if (!course) return 'No encontramos ese curso o taller.'
  if (form.get('accion') === 'cancelar') {
    const id = Number(form.get('inscripcion'))
    const cancelled = await apiSend(request, 'POST', `/enrollments/${Number.isSafeInteger(id) ? id : 0}/cancel`)
    return cancelled.ok ? 'Cancelaste tu inscripción; tu lugar pasa a la siguiente persona de la lista de espera.' : (cancelled.errors[0]?.message ?? 'No pudimos cancelar. Intenta de nuevo.')
  }
  const enrolled = await apiSend(request, 'POST', `/courses/${course.id}/enroll`)
  const result = enrollResult.safeParse(enrolled.data)
  if (enrolled.ok && result.success) return `¡Listo! ${describeEnrollment(result.data)} Te enviamos un correo con los detalles.`
  return enrolled.errors[0]?.message ?? 'No pudimos completar tu inscripción. Intenta de nuevo.'
}
