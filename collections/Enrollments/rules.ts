import { TIME_ZONE } from '../../lib/time'
import { eligibilityProblem } from '../Youth/eligibility'
import { ageOfYouth } from '../Youth/rules'

/**
 * Whether a youth may enrol in a course right now, as the Spanish sentence the 403 carries.
 * The youth's own conditions (verified email, guardian consent) come from Youth/eligibility.
 */

type CourseLike = {
  state?: string | null
  enrollment?: { opens?: string | null; closes?: string | null } | null
  ageRange?: { min?: number | null; max?: number | null } | null
  sessions?: { startsAt?: string | null }[] | null
}
type YouthLike = Parameters<typeof eligibilityProblem>[0]

const day = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' })
const time = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** "3 de diciembre de 2026, 18:00 (hora del centro de México)": 24-hour clock, no a.m./p.m. ambiguity. */
export const mexicoCityMoment = (value: string | Date): string =>
  `${day.format(new Date(value))}, ${time.format(new Date(value))} (hora del centro de México)`

export function enrollmentProblem(course: CourseLike, youth: YouthLike, at: Date = new Date(), opts: { ignoreWindow?: boolean } = {}): string | null {
  const problem = eligibilityProblem(youth, at)
  if (problem) return problem.message
  if (course.state === 'cancelled') return 'Este curso fue cancelado y ya no recibe inscripciones.'
  if (course.state === 'finished') return 'Este curso ya concluyó y no recibe inscripciones.'
  const { opens, closes }: NonNullable<CourseLike['enrollment']> = opts.ignoreWindow ? {} : (course.enrollment ?? {})
  if (opens && new Date(opens) > at) return `Las inscripciones todavía no abren: abren el ${mexicoCityMoment(opens)}.`
  if (closes && new Date(closes) <= at) return `Las inscripciones ya cerraron: cerraron el ${mexicoCityMoment(closes)}.`
  const age = ageOfYouth(youth.birthDate, at)
  const min = course.ageRange?.min ?? null
  const max = course.ageRange?.max ?? null
  if (age !== null && ((min !== null && age < min) || (max !== null && age > max))) {
    return `Este curso es para personas de ${min ?? 12} a ${max ?? 29} años, y tú tienes ${age}.`
  }
  return null
}

/** The first session's start: a youth may cancel until then (staff at any time). */
export function firstSessionStart(course: CourseLike): Date | null {
  const starts = (course.sessions ?? []).map((s) => (s.startsAt ? new Date(s.startsAt).getTime() : NaN)).filter((t) => !isNaN(t))
  return starts.length ? new Date(Math.min(...starts)) : null
}
