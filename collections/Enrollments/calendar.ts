import { createEvents, type EventAttributes } from 'ics'

type CourseForCalendar = {
  id: number | string
  title: string
  modality?: string | null
  venue?: { name?: string | null; address?: string | null; colonia?: string | null } | null
  sessions?: { id?: string | null; startsAt?: string | null; endsAt?: string | null }[] | null
}

/** Where a course happens, as one line for emails and calendars. */
export const placeOf = (course: CourseForCalendar): string =>
  course.modality === 'online'
    ? 'En línea'
    : [course.venue?.name, course.venue?.address, course.venue?.colonia && `Col. ${course.venue.colonia}`, 'León, Gto.'].filter(Boolean).join(', ')

/** The course's sessions as an .ics attachment (UTC times; calendars show them in local time). */
export function enrollmentCalendar(course: CourseForCalendar, courseUrl: string): string | null {
  const sessions = (course.sessions ?? [])
    .filter((s) => s.startsAt && s.endsAt)
    .sort((a, b) => new Date(a.startsAt!).getTime() - new Date(b.startsAt!).getTime())
  if (!sessions.length) return null
  const events: EventAttributes[] = sessions.map((session, i) => ({
    uid: `curso-${course.id}-sesion-${session.id ?? i}@viajejoven`,
    title: sessions.length > 1 ? `${course.title} (sesión ${i + 1} de ${sessions.length})` : course.title,
    start: new Date(session.startsAt!).getTime(),
    end: new Date(session.endsAt!).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    location: placeOf(course),
    url: courseUrl,
    productId: 'viajejoven/imju-leon',
  }))
  const { error, value } = createEvents(events)
  if (error || !value) throw error ?? new Error(`calendar for course ${course.id} failed`)
  return value
}
