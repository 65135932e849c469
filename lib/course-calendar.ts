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
  return foldOctets(value)
}

const LINE_OCTETS = 75
const octets = (text: string) => Buffer.byteLength(text, 'utf8')

/**
 * RFC 5545 §3.1: a content line is at most 75 octets, continued on lines that start with one
 * space. `ics` folds at 75 characters, so a line with «á» or «ó» came out at 77 bytes; this unfolds
 * its output and folds it again by octets, never inside a UTF-8 sequence.
 */
export function foldOctets(calendar: string): string {
  return calendar
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = []
      let part = ''
      let size = 0
      for (const char of line) {
        // Continuation lines carry the leading space within their 75 octets.
        const limit = parts.length ? LINE_OCTETS - 1 : LINE_OCTETS
        if (size + octets(char) > limit) {
          parts.push(part)
          part = ''
          size = 0
        }
        part += char
        size += octets(char)
      }
      parts.push(part)
      return parts.join('\r\n ')
    })
    .join('\r\n')
}
