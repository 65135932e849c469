import type { PayloadRequest } from 'payload'

import { ageOn, calendarDay, dayInMexicoCity } from '../../lib/time'
import { hasRole, organizationOf } from '../access'
import { STATUS_LABELS, type EnrollmentStatus } from './messages'
import { idParam } from './schema'

/**
 * A course's enrolment list for the staff who run it (admins; coordinators, only their own
 * organization's courses when they have one): the confirmed people, then the waitlist in order.
 * One source for the CSV export (export.ts) and the admin's per-course view (admin/CourseRoster).
 */

export type RosterRow = {
  enrollmentId: number
  name: string
  age: number | null
  colonia: string
  email: string
  status: EnrollmentStatus
  statusLabel: string
  position: number | null
  /** Sessions attended, or lessons done for a self-paced course. */
  progress: { done: number; of: number; unit: 'sessions' | 'lessons' }
  completed: boolean
}
export type Roster = {
  course: { id: number; title: string; slug: string | null; capacity: number }
  confirmed: RosterRow[]
  waitlist: RosterRow[]
}
export type RosterRefusal = { status: 401 | 403 | 404; message: string }

type Youth = { fullName?: string; birthDate?: string; colonia?: string; email?: string } | null

export async function courseRoster(req: PayloadRequest, rawCourseId: unknown): Promise<Roster | RosterRefusal> {
  if (!req.user) return { status: 401, message: 'Inicia sesión con tu cuenta del equipo para ver la lista de inscripción.' }
  if (!hasRole(req.user, 'admin', 'coordinator')) return { status: 403, message: 'Solo la coordinación y la administración ven las listas de inscripción.' }
  const id = idParam.safeParse(rawCourseId)
  const course = id.success
    ? await req.payload.findByID({ collection: 'courses', id: id.data, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
    : null
  if (!course) return { status: 404, message: 'No encontramos ese curso o taller.' }
  const org = organizationOf(req.user)
  const courseOrg = typeof course.organization === 'object' ? course.organization?.id : course.organization
  if (!hasRole(req.user, 'admin') && org !== null && courseOrg !== org) {
    return { status: 403, message: 'Este curso es de otra organización: solo su coordinación ve la lista.' }
  }

  const { docs } = await req.payload.find({
    collection: 'enrollments',
    where: { course: { equals: course.id }, status: { not_equals: 'cancelled' } },
    depth: 1,
    limit: 0,
    sort: 'createdAt',
    user: req.user,
    overrideAccess: false,
    req,
  })
  const selfPaced = course.selfPaced === true && (course.lessons?.length ?? 0) > 0
  const lessonIds = new Set((course.lessons ?? []).map((lesson) => lesson.id))
  const today = dayInMexicoCity()
  const rows: RosterRow[] = docs.map((e) => {
    const youth = (typeof e.youth === 'object' ? e.youth : null) as Youth
    const birth = calendarDay(youth?.birthDate)
    const status = e.status as EnrollmentStatus
    const progress = selfPaced
      ? { done: (e.lessonsDone ?? []).filter((d) => lessonIds.has(d.lesson)).length, of: lessonIds.size, unit: 'lessons' as const }
      : { done: (e.attendance ?? []).filter((a) => a.present).length, of: course.sessions?.length ?? 0, unit: 'sessions' as const }
    return {
      enrollmentId: e.id,
      name: youth?.fullName ?? '',
      age: birth ? ageOn(birth, today) : null,
      colonia: youth?.colonia ?? '',
      email: youth?.email ?? '',
      status,
      statusLabel: STATUS_LABELS[status],
      position: status === 'waitlisted' ? Number(e.position ?? 0) : null,
      progress,
      completed: Boolean(e.completedAt),
    }
  })
  return {
    course: { id: course.id, title: course.title, slug: course.slug ?? null, capacity: course.capacity },
    confirmed: rows.filter((r) => r.status === 'confirmed'),
    waitlist: rows.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
  }
}

export const isRefusal = (roster: Roster | RosterRefusal): roster is RosterRefusal => 'message' in roster
