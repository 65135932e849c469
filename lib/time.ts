/**
 * The one place for time zones: stored in UTC, reasoned about in America/Mexico_City.
 * Calendar days are plain 'YYYY-MM-DD' strings so no conversion can shift them by a day.
 */

export const TIME_ZONE = 'America/Mexico_City'

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar day it is in León at this instant. */
export const dayInMexicoCity = (at: Date = new Date()): string => dayFormat.format(at)

/** 'YYYY-MM-DD' (optionally followed by a time) → the calendar day, or null when it is not a real date. */
export function calendarDay(value: unknown): string | null {
  const raw = value instanceof Date ? (isNaN(value.getTime()) ? '' : value.toISOString()) : value
  if (typeof raw !== 'string') return null
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(raw)
  if (!match) return null
  const [, y, m, d] = match.map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0].slice(0, 10) : null
}

/** Whole years between a birth day and a day, both 'YYYY-MM-DD' (a 29 Feb birthday counts on 1 Mar). */
export function ageOn(birthDay: string, day: string): number {
  const [by, bm, bd] = birthDay.split('-').map(Number)
  const [y, m, d] = day.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * A calendar day stored as a timestamp: noon UTC is the same date in every time zone of Mexico,
 * so the admin (which shows dates in the browser's zone) never displays the day before.
 */
export const dayToStoredDate = (day: string): string => `${day}T12:00:00.000Z`

/** `count` working days (Monday to Friday) after the day of `from` in León, as a stored date. */
export function addBusinessDays(from: Date, count: number): string {
  const date = new Date(`${dayInMexicoCity(from)}T12:00:00.000Z`)
  for (let added = 0; added < count; ) {
    date.setUTCDate(date.getUTCDate() + 1)
    const weekday = date.getUTCDay()
    if (weekday !== 0 && weekday !== 6) added++
  }
  return date.toISOString()
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })

/** Minutes León is ahead of UTC at an instant (negative: -360 for UTC-6). */
function offsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0
}

/** A wall-clock time in León ('YYYY-MM-DD', 'HH:MM') as the UTC instant to store. */
export function mexicoCityDateTime(day: string, time: string): Date {
  const asIfUtc = new Date(`${day}T${time}:00.000Z`)
  return new Date(asIfUtc.getTime() - offsetMinutes(asIfUtc) * 60_000)
}

/** The León calendar day `days` after (or before, if negative) the day of `from`. */
export function addDaysInMexicoCity(from: Date, days: number): string {
  const date = new Date(`${dayInMexicoCity(from)}T12:00:00.000Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
})

/**
 * An instant as a Date whose *local* fields (getHours, getDate…) are León's wall clock, whatever
 * the zone of the computer: what the admin's date picker and date-fns `format` display. (As with
 * Payload's own time-zone fields, a León time that does not exist in the computer's zone, inside
 * its daylight-saving jump, shows an hour off.)
 */
export function leonWallClock(instant: Date | string): Date {
  const at = instant instanceof Date ? instant : new Date(instant)
  const parts = Object.fromEntries(wallClockFormat.formatToParts(at).map((p) => [p.type, Number(p.value)]))
  return new Date(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, at.getMilliseconds())
}

/** The reverse of leonWallClock: a Date whose local fields were picked as León's wall clock → the instant. */
export function fromLeonWallClock(local: Date): Date {
  const asIfUtc = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds()))
  return new Date(asIfUtc.getTime() - offsetMinutes(asIfUtc) * 60_000)
}
