import { createHash, randomBytes } from 'node:crypto'

import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook, type CollectionBeforeValidateHook, type PayloadRequest } from 'payload'

import type { Youth } from '../../../payload-types'
import { emails } from '../../../lib/email'
import { calendarDay, dayToStoredDate } from '../../../lib/time'
import { staffOf } from '../../access'
import { normalizeCurp } from '../curp'
import { passwordProblem } from '../password-policy'
import { ANONYMIZING, isMinor } from '../rules'

export const GUARDIAN_LINK_DAYS = 7
export const VERIFY_LINK_DAYS = 7
const PENDING_MAIL = 'youthPendingMail'
/** Set by the endpoints that ask for a fresh verification or guardian link on purpose. */
export const RESEND_VERIFICATION = 'youthResendVerification'
export const RESEND_GUARDIAN_LINK = 'youthResendGuardianLink'

type Mail = { to: string; subject: string; html: string; text: string }
type LogEntry = NonNullable<Youth['consentLog']>[number]
type LogEvent = LogEntry['event']

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
/** A single-use link secret: only its hash is stored, with its expiry. */
const newLinkToken = (days: number) => {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token), expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() }
}
const siteLink = (req: PayloadRequest, page: string, token: string) =>
  `${req.payload.config.serverURL}/cuenta/${page}?token=${encodeURIComponent(token)}`
export const verifyLink = (req: PayloadRequest, token: string) => siteLink(req, 'verificar', token)
export const resetLink = (req: PayloadRequest, token: string) => siteLink(req, 'restablecer', token)

export const logEntry = (req: PayloadRequest, event: LogEvent, detail?: string): LogEntry => {
  const staff = staffOf(req.user) as { email?: string } | null
  return { event, at: new Date().toISOString(), by: staff?.email ?? (req.user ? 'la persona joven' : undefined), detail }
}

/** Password rule on sign-up, on change and on reset (Payload itself only asks for 3 characters). */
export const checkPassword: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (!['create', 'update', 'updateByID', 'resetPassword'].includes(operation)) return args
  const password = (args as { data?: { password?: unknown } }).data?.password
  if (password === undefined && operation !== 'create') return args
  const problem = passwordProblem(password)
  if (problem) throw new ValidationError({ collection: 'youth', errors: [{ path: 'password', message: problem }] }, req.t)
  return args
}

/** Tidies what people type, so validation, uniqueness and storage all see one form. */
export const normalizeInput: CollectionBeforeValidateHook = ({ data }) => {
  if (!data) return data
  for (const key of ['givenNames', 'surnames', 'municipality', 'colonia', 'occupation'] as const) {
    if (typeof data[key] === 'string') data[key] = data[key].trim().replace(/\s+/g, ' ')
  }
  if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase()
  if (typeof data.curp === 'string') data.curp = normalizeCurp(data.curp) || null
  if (data.guardian && typeof data.guardian.email === 'string') data.guardian.email = data.guardian.email.trim().toLowerCase()
  const day = calendarDay(data.birthDate)
  if (day) data.birthDate = dayToStoredDate(day)
  return data
}

/** Fields the platform sets itself: privacy acceptance, guardian consent state, the log, re-verification. */
export const prepareProfile: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const before = operation === 'update' ? originalDoc ?? {} : {}
  const merged = { ...before, ...data }
  const log: LogEntry[] = []
  const mail: Mail[] = []
  data.fullName = `${merged.givenNames ?? ''} ${merged.surnames ?? ''}`.trim()
  if (req.context[ANONYMIZING]) return data

  const version = data.privacy?.version
  // privacyVersionRule (a field rule, run after this hook) refuses anything but the current version.
  if (operation === 'create' || (version !== undefined && version !== before.privacy?.version)) {
    data.privacy = { version, acceptedAt: new Date().toISOString() }
    log.push(logEntry(req, 'privacy-accepted', `versión ${version}`))
  }

  const minor = isMinor(merged.birthDate)
  const consent = { ...before.guardianConsent, ...data.guardianConsent }
  if (!minor) consent.status = consent.status === 'given' ? 'given' : 'not-required'
  else if (consent.status !== 'given') consent.status = 'pending'
  if (consent.status === 'given' && before.guardianConsent?.status !== 'given') {
    consent.givenAt = new Date().toISOString()
    const staff = staffOf(req.user)
    consent.method = staff ? 'papel' : consent.method || 'email'
    consent.recordedBy = staff?.id ?? null
    log.push(logEntry(req, consent.method === 'papel' ? 'guardian-consent-paper' : 'guardian-consent-email'))
    data.guardianTokenHash = null
    data.guardianTokenExpiresAt = null
  }
  data.guardianConsent = consent

  const guardianEmail = merged.guardian?.email
  const guardianChanged = guardianEmail && guardianEmail !== before.guardian?.email
  if (minor && consent.status === 'pending' && guardianEmail && (guardianChanged || req.context[RESEND_GUARDIAN_LINK])) {
    const { token, hash, expiresAt } = newLinkToken(GUARDIAN_LINK_DAYS)
    data.guardianTokenHash = hash
    data.guardianTokenExpiresAt = expiresAt
    const message = emails.guardianConsent({
      guardianName: merged.guardian.name || 'persona tutora',
      youthName: merged.givenNames,
      url: siteLink(req, 'tutor', token),
      days: GUARDIAN_LINK_DAYS,
    })
    mail.push({ to: guardianEmail, ...message })
    log.push(logEntry(req, 'guardian-link-sent'))
  }

  // Our own verification (not Payload's `auth.verify`, which would also refuse the login):
  // an unverified youth can log in and browse, and eligibilityProblem keeps them from enrolling.
  if (operation === 'create') data._verified = data._verified === true
  const emailChanged = operation === 'update' && data.email && data.email !== before.email
  if (emailChanged) {
    data._verified = false
    log.push(logEntry(req, 'email-changed'))
  }
  const needsLink = operation === 'create' ? !data._verified : emailChanged || (req.context[RESEND_VERIFICATION] && !before._verified)
  if (needsLink) {
    const { token, hash, expiresAt } = newLinkToken(VERIFY_LINK_DAYS)
    data.emailTokenHash = hash
    data.emailTokenExpiresAt = expiresAt
    mail.push({ to: merged.email, ...emails.verifyEmail({ name: merged.givenNames, url: verifyLink(req, token) }) })
  }
  if (data._verified === true && !before._verified) {
    data.emailTokenHash = null
    data.emailTokenExpiresAt = null
  }

  if (log.length) data.consentLog = [...(before.consentLog ?? []), ...log]
  if (mail.length) req.context[PENDING_MAIL] = mail
  return data
}

/** Sends what prepareProfile queued once the row is written (inside its transaction). */
export const sendQueuedMail: CollectionAfterChangeHook = async ({ doc, req }) => {
  const mail = req.context[PENDING_MAIL] as Mail[] | undefined
  if (!mail?.length) return doc
  delete req.context[PENDING_MAIL]
  for (const message of mail) await req.payload.sendEmail(message)
  return doc
}
