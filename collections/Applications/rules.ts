import { eligibilityProblem } from '../Youth/eligibility'
import { ageOfYouth } from '../Youth/rules'
import { mexicoCityMoment } from '../Enrollments/rules'

/**
 * Whether a youth may apply to (or withdraw from) a call right now, as the Spanish sentence the
 * 403 carries. The youth's own conditions (verified email, guardian consent) come from
 * Youth/eligibility; times are compared as instants, to the second, and shown in León's time.
 */

export type CallLike = {
  title?: string | null
  window?: { opens?: string | null; closes?: string | null } | null
  eligibility?: { ageRange?: { min?: number | null; max?: number | null } | null; mustLiveInMunicipality?: boolean | null } | null
}
type YouthLike = Parameters<typeof eligibilityProblem>[0] & { municipality?: string | null }

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
export const livesInLeon = (municipality: string | null | undefined) => folded(municipality ?? '') === 'leon'

export function windowProblem(call: CallLike, at: Date = new Date()): string | null {
  const { opens, closes } = call.window ?? {}
  if (opens && new Date(opens) > at) return `Esta convocatoria todavía no recibe postulaciones: abre el ${mexicoCityMoment(opens)}.`
  if (closes && new Date(closes) <= at) return `Esta convocatoria ya cerró: cerró el ${mexicoCityMoment(closes)}.`
  return null
}

export function applicationProblem(call: CallLike, youth: YouthLike, at: Date = new Date()): string | null {
  return accountProblem(youth, at) ?? windowProblem(call, at) ?? fitProblem(call, youth, at)
}

/** What the youth's account lacks to apply anywhere (verified email, guardian consent), or null. */
export function accountProblem(youth: YouthLike, at: Date = new Date()): string | null {
  const problem = eligibilityProblem(youth, at)
  if (!problem) return null
  return problem.code === 'email-unverified' ? 'Confirma tu correo electrónico para poder postularte: abre el enlace que te enviamos al registrarte.' : problem.message
}

/**
 * Whether this call is for this youth (age on the closing date, residency), or null. The apply
 * page says it before showing the form, so nobody fills it in only to be refused at the end.
 */
export function fitProblem(call: CallLike, youth: YouthLike, at: Date = new Date()): string | null {
  // The age that counts is the one on the closing date: someone turning 30 the week before is out.
  const closes = call.window?.closes ? new Date(call.window.closes) : at
  const age = ageOfYouth(youth.birthDate, closes)
  const min = call.eligibility?.ageRange?.min ?? null
  const max = call.eligibility?.ageRange?.max ?? null
  if (age !== null && ((min !== null && age < min) || (max !== null && age > max))) {
    return `Esta convocatoria es para personas de ${min ?? 12} a ${max ?? 29} años a la fecha de cierre, y tú tendrás ${age}.`
  }
  if (call.eligibility?.mustLiveInMunicipality && !livesInLeon(youth.municipality)) {
    return 'Esta convocatoria es solo para personas que viven en el municipio de León: revisa el municipio de tu perfil.'
  }
  return null
}
