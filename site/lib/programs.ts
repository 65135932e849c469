/**
 * What the public pages say about courses and calls: labels, "upcoming", "open". Decided at build
 * time; anything that changes by the minute (seats, "closes in") is an island, not this.
 */
import type { Call, Course } from './data'

export const COURSE_KIND_LABELS: Record<Course['kind'], string> = { course: 'Curso', workshop: 'Taller' }
export const MODALITY_LABELS: Record<Course['modality'], string> = { 'in-person': 'Presencial', online: 'En línea', hybrid: 'Mixta' }
export const CALL_KIND_LABELS: Record<Call['kind'], string> = {
  scholarship: 'Beca',
  contest: 'Concurso',
  award: 'Premio',
  volunteering: 'Voluntariado',
  employment: 'Empleo',
  support: 'Apoyo',
  other: 'Otro',
}
export const ORGANIZATION_KIND_LABELS: Record<string, string> = {
  'municipal-agency': 'Dependencia municipal',
  'educational-institution': 'Institución educativa',
  'private-company': 'Iniciativa privada',
  'civil-society': 'Sociedad civil',
}

const time = (value: string | null | undefined) => (value ? new Date(value).getTime() : NaN)

export const sortedSessions = (course: Course) =>
  [...(course.sessions ?? [])].sort((a, b) => time(a.startsAt) - time(b.startsAt))

export const firstSession = (course: Course) => sortedSessions(course)[0]
export const lastSession = (course: Course) => sortedSessions(course).at(-1)

/** Active and not over yet (or without dates, e.g. an online course at your own pace). */
export function isUpcomingCourse(course: Course, now: Date): boolean {
  if (course.state !== 'active') return false
  const last = lastSession(course)
  return !last || time(last.endsAt) >= now.getTime()
}

/** Upcoming courses, soonest first; those without dates last. */
export function upcomingCourses(courses: Course[], now: Date): Course[] {
  const start = (course: Course) => time(firstSession(course)?.startsAt) || Infinity
  return courses.filter((course) => isUpcomingCourse(course, now)).sort((a, b) => start(a) - start(b))
}

export const isFree = (course: Course) => !course.cost

export const costLabel = (course: Course) =>
  isFree(course) ? 'Gratuito' : `$${course.cost!.toLocaleString('es-MX')} MXN`

export function ageLabel(range: { min?: number | null; max?: number | null } | null | undefined): string {
  const min = range?.min ?? 12
  const max = range?.max ?? 29
  return `De ${min} a ${max} años`
}

export type CallStatus = 'open' | 'upcoming' | 'closed'

export function callStatus(call: Call, now: Date): CallStatus {
  const opens = time(call.window?.opens)
  const closes = time(call.window?.closes)
  if (opens > now.getTime()) return 'upcoming'
  if (closes <= now.getTime()) return 'closed'
  return 'open'
}

/** Calls grouped by status: open ones closing soonest first, upcoming ones opening soonest, closed most recent. */
export function groupCalls(calls: Call[], now: Date): Record<CallStatus, Call[]> {
  const groups: Record<CallStatus, Call[]> = { open: [], upcoming: [], closed: [] }
  for (const call of calls) groups[callStatus(call, now)].push(call)
  // Missing dates sort last whichever the direction.
  const by = (key: 'opens' | 'closes', dir: 1 | -1 = 1) => (a: Call, b: Call) => {
    const [x, y] = [time(a.window?.[key]), time(b.window?.[key])]
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y))
    return dir * (x - y)
  }
  groups.open.sort(by('closes'))
  groups.upcoming.sort(by('opens'))
  groups.closed.sort(by('closes', -1))
  return groups
}

export const CALL_STATUS_LABELS: Record<CallStatus, string> = { open: 'Abierta', upcoming: 'Próximamente', closed: 'Cerrada' }
