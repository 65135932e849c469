import { createEvents, type EventAttributes } from 'ics'

/**
 * A course's sessions as iCalendar: the same file for the site's "Agregar al calendario" link and
 * for the enrolment emails' attachment. Times stay in UTC; calendars show them in local time.
 */
export type CourseForCalendar = {
  id: number | string
  title: string
  summary?: string | null
  modality?: string | null
  state?: string | null
  venue?: { name?: string | null; address?: string | null; colonia?: string | null; lat?: number | null; lng?: number | null } | null
  sessions?: { id?: string | null; startsAt?: string | null; endsAt?: string | null }[] | null
}

/** Where a course happens, as one line for emails and calendars. */
export const placeOf = (course: CourseForCalendar): string =>
  course.modality === 'online'
    ? 'En línea'
    : [course.venue?.name, course.venue?.address, course.venue?.colonia && `Col. ${course.venue.colonia}`, 'León, Gto.'].filter(Boolean).join(', ')

/** One event per session, or null when the course has no complete session yet. */
export function courseCalendar(course: CourseForCalendar, courseUrl: string): string | null {
  const sessions = (course.sessions ?? [])
    .filter((s) => s.startsAt && s.endsAt)
    .sort((a, b) => new Date(a.startsAt!).getTime() - new Date(b.startsAt!).getTime())
  if (!sessions.length) return null
  const { lat, lng } = course.venue ?? {}
  const events: EventAttributes[] = sessions.map((session, i) => ({
    uid: `curso-${course.id}-sesion-${session.id ?? i}@viajejoven`,
    title: sessions.length > 1 ? `${course.title} (sesión ${i + 1} de ${sessions.length})` : course.title,
    description: course.summary ?? undefined,
    start: new Date(session.startsAt!).getTime(),
    end: new Date(session.endsAt!).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    location: placeOf(course),
    ...(typeof lat === 'number' && typeof lng === 'number' ? { geo: { lat, lon: lng } } : {}),
    url: courseUrl,
    status: course.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'viajejoven/imju-leon',
    calName: 'Viaje Joven',
  }))
  const { error, value } = createEvents(events)
  if (error || !value) throw error ?? new Error(`No se pudo generar el calendario del curso ${course.id}`)
  return value
}
