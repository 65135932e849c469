/**
 * "Mis inscripciones" in Mi cuenta: the visitor's enrolments read through the API with their own
 * session (access rules answer only their rows), and what each one lets them do next.
 */
import type { EnrollmentStatus } from '../../collections/Enrollments/messages'
import { apiGet } from './live'

type Session = { startsAt?: string | null; endsAt?: string | null }
export type ListedCourse = { id: number; title: string; slug: string; sessions?: Session[] | null; selfPaced?: boolean | null }
export type ListedEnrolment = {
  id: number
  status: EnrollmentStatus
  position?: number | null
  completedAt?: string | null
  certificateCode?: string | null
  course: ListedCourse
}

/** What the list shows: a finished course reads "Concluida" whatever its seat status was. */
export type ShownStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'completed'

export const shownStatus = (e: ListedEnrolment): ShownStatus => (e.completedAt ? 'completed' : e.status)

export function statusLabel(e: ListedEnrolment): string {
  switch (shownStatus(e)) {
    case 'completed':
      return 'Concluida'
    case 'confirmed':
      return 'Confirmada'
    case 'waitlisted':
      return `En lista de espera #${e.position ?? '—'}`
    default:
      return 'Cancelada'
  }
}

const startOf = (s: Session) => (s.startsAt ? new Date(s.startsAt).getTime() : NaN)

export const sessionsInOrder = (course: ListedCourse): Session[] =>
  (course.sessions ?? []).filter((s) => !isNaN(startOf(s))).sort((a, b) => startOf(a) - startOf(b))

/**
 * A youth cancels online until the first session starts (the cancel endpoint's rule); after that
 * the button would only lead to a refusal, so the list says whom to ask instead.
 */
export function canCancel(e: ListedEnrolment, now: Date = new Date()): boolean {
  if (shownStatus(e) !== 'confirmed' && shownStatus(e) !== 'waitlisted') return false
  const first = sessionsInOrder(e.course)[0]
  return !first || startOf(first) > now.getTime()
}

const ORDER: Record<ShownStatus, number> = { confirmed: 0, waitlisted: 0, completed: 1, cancelled: 2 }

const QUERY = [
  'sort=-createdAt',
  'limit=100',
  'depth=1',
  ...['course', 'status', 'position', 'completedAt', 'certificateCode'].map((field) => `select[${field}]=true`),
  ...['title', 'slug', 'sessions', 'selfPaced'].map((field) => `populate[courses][${field}]=true`),
].join('&')

/**
 * The visitor's enrolments: active ones first, then finished, then cancelled; newest first within
 * each. A course the visitor can no longer read (e.g. unpublished) has no page to link to and is left out.
 */
export async function myEnrolments(request: Request): Promise<ListedEnrolment[]> {
  const { data } = await apiGet<{ docs: (Omit<ListedEnrolment, 'course'> & { course: unknown })[] }>(request, `/enrollments?${QUERY}`)
  const listed = (data?.docs ?? []).filter((e): e is ListedEnrolment => typeof e.course === 'object' && !!(e.course as ListedCourse | null)?.slug)
  return listed.map((e, i) => ({ e, i })).sort((a, b) => ORDER[shownStatus(a.e)] - ORDER[shownStatus(b.e)] || a.i - b.i).map(({ e }) => e)
}

export type UpcomingSession = { course: ListedCourse; startsAt: string; endsAt?: string | null; n: number; of: number }

/**
 * «Próximas sesiones» in Mi cuenta: the sessions not over yet of the courses where the youth has
 * a confirmed seat, soonest first. A waitlisted youth has no seat to go to yet; a finished or
 * cancelled enrolment none at all.
 */
export function upcomingSessions(list: ListedEnrolment[], now: Date = new Date(), limit = 6): UpcomingSession[] {
  const upcoming: UpcomingSession[] = []
  for (const enrolment of list) {
    if (shownStatus(enrolment) !== 'confirmed') continue
    const sessions = sessionsInOrder(enrolment.course)
    sessions.forEach((session, i) => {
      const end = new Date(session.endsAt ?? session.startsAt!).getTime()
      if (end > now.getTime()) upcoming.push({ course: enrolment.course, startsAt: session.startsAt!, endsAt: session.endsAt, n: i + 1, of: sessions.length })
    })
  }
  return upcoming.sort((a, b) => startOf(a) - startOf(b)).slice(0, limit)
}
