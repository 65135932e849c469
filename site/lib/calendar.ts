/** A course's sessions as an iCalendar file (one event per session, times in UTC). */
import { createEvents, type EventAttributes } from 'ics'

import type { Course } from './data'
import { sortedSessions } from './programs'

export function courseCalendar(course: Course, pageUrl: string): string {
  const venue = course.modality === 'online' ? 'En línea' : [course.venue?.name, course.venue?.address, course.venue?.colonia, 'León, Gto.'].filter(Boolean).join(', ')
  const lat = course.venue?.lat
  const lng = course.venue?.lng
  const events: EventAttributes[] = sortedSessions(course).map((session, i, all) => ({
    uid: `curso-${course.id}-sesion-${session.id ?? i}@viajejoven`,
    title: all.length > 1 ? `${course.title} (sesión ${i + 1} de ${all.length})` : course.title,
    description: course.summary ?? undefined,
    start: new Date(session.startsAt).getTime(),
    end: new Date(session.endsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    location: venue,
    ...(typeof lat === 'number' && typeof lng === 'number' ? { geo: { lat, lon: lng } } : {}),
    url: pageUrl,
    status: course.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'viajejoven/imju-leon',
    calName: 'Viaje Joven',
  }))
  const { error, value } = createEvents(events)
  if (error || !value) throw error ?? new Error(`No se pudo generar el calendario del curso ${course.slug}`)
  return value
}
