/**
 * All date formatting of the site, in one place: stored in UTC, shown as people in León read it
 * (es-MX, America/Mexico_City), whatever the time zone of the machine that builds.
 */
import { TIME_ZONE } from '../../lib/time'

export { TIME_ZONE }

const formats = {
  day: new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
  weekday: new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' }),
  short: new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: 'numeric', month: 'short' }),
  time: new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }),
}

type DateInput = string | Date | null | undefined

const toDate = (value: DateInput): Date | null => {
  if (!value) return null
  const date = value instanceof Date ? value : new Date(value)
  return isNaN(date.getTime()) ? null : date
}

/** "24 de noviembre de 2026" */
export const formatDay = (value: DateInput): string => (toDate(value) ? formats.day.format(toDate(value)!) : '')

/** "3 dic" for cards. */
export const formatShortDay = (value: DateInput): string => (toDate(value) ? formats.short.format(toDate(value)!) : '')

/** "24 de noviembre de 2026, 18:00 h" */
export const formatDateTime = (value: DateInput): string =>
  toDate(value) ? `${formats.day.format(toDate(value)!)}, ${formats.time.format(toDate(value)!)} h` : ''

/** "lunes, 1 de diciembre, de 17:00 a 19:00 h" */
export function formatSession(startsAt: DateInput, endsAt: DateInput): string {
  const start = toDate(startsAt)
  const end = toDate(endsAt)
  if (!start) return ''
  const day = formats.weekday.format(start)
  return end ? `${day}, de ${formats.time.format(start)} a ${formats.time.format(end)} h` : `${day}, ${formats.time.format(start)} h`
}

/** Machine-readable value for <time datetime> and JSON-LD. */
export const isoString = (value: DateInput): string => toDate(value)?.toISOString() ?? ''

export const isBefore = (value: DateInput, than: Date): boolean => (toDate(value)?.getTime() ?? Infinity) < than.getTime()
