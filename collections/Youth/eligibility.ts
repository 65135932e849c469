import { isMinor } from './rules'

/**
 * Why this youth may not enrol in a course or apply to a call yet, or null when they may.
 * Enrolment and calls answer 403 with `message`; `code` lets a page pick what to show next.
 */
export type EligibilityProblem = { message: string; code: 'account-deleted' | 'email-unverified' | 'guardian-consent-missing' }

type YouthLike = {
  _verified?: boolean | null
  birthDate?: string | null
  anonymizedAt?: string | null
  guardianConsent?: { status?: string | null } | null
}

export function eligibilityProblem(youth: YouthLike, at: Date = new Date()): EligibilityProblem | null {
  if (youth.anonymizedAt) return { code: 'account-deleted', message: 'Esta cuenta fue eliminada.' }
  if (!youth._verified) {
    return {
      code: 'email-unverified',
      message: 'Confirma tu correo electrónico para poder inscribirte: abre el enlace que te enviamos al registrarte.',
    }
  }
  if (isMinor(youth.birthDate, at) && youth.guardianConsent?.status !== 'given') {
    return {
      code: 'guardian-consent-missing',
      message: 'Falta la autorización de tu madre, padre o tutor(a): le enviamos un enlace por correo para darla.',
    }
  }
  return null
}
