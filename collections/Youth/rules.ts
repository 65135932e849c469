import type { PayloadRequest, Validate } from 'payload'

import { currentPrivacyVersion } from '../../globals/PrivacyNotice'
import { ageOn, calendarDay, dayInMexicoCity } from '../../lib/time'
import { curpProblem, normalizeCurp } from './curp'

/**
 * Validation of a youth profile. Messages are Spanish and do not repeat the field's label:
 * the error formatter prefixes it ("Apellidos: …").
 */

export const MIN_AGE = 12
export const MAX_AGE = 29
export const ADULT_AGE = 18
/** The word a person types to delete their account (the site's form and the endpoint agree on it). */
export const DELETE_CONFIRMATION = 'ELIMINAR'

const NAME = /^[\p{L}\p{M}]+(?:[ '’.-]+[\p{L}\p{M}]*)*$/u
const HTML_TAG = /<\s*[a-z!/?]/i
export const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}$/i

/** Set while a profile is being anonymised: the rules for a living profile no longer apply. */
export const ANONYMIZING = 'youthAnonymizing'
const anonymizing = (req: PayloadRequest) => Boolean(req.context?.[ANONYMIZING])

export const ageOfYouth = (birthDate: unknown, at: Date = new Date()): number | null => {
  const day = calendarDay(birthDate)
  return day ? ageOn(day, dayInMexicoCity(at)) : null
}
export const isMinor = (birthDate: unknown, at?: Date): boolean => {
  const age = ageOfYouth(birthDate, at)
  return age !== null && age < ADULT_AGE
}

type TextRule = { max: number; required?: boolean; name?: boolean }

export const textRule =
  ({ max, required, name }: TextRule): Validate =>
  (value) => {
    if (value === undefined || value === null || value === '') return required ? 'este dato es obligatorio.' : true
    if (typeof value !== 'string') return 'debe ser texto.'
    const text = value.trim()
    if (required && !text) return 'este dato es obligatorio.'
    if (text.length > max) return `es demasiado largo: usa como máximo ${max} caracteres.`
    if (name && text && !NAME.test(text)) return 'usa solo letras, espacios, guiones o apóstrofos (sin números, símbolos ni HTML).'
    if (HTML_TAG.test(text)) return 'no puede contener etiquetas HTML.'
    return true
  }

export const birthDateRule: Validate = (value, { operation, previousValue, req }) => {
  if (value === undefined || value === null || value === '') return 'este dato es obligatorio.'
  const day = calendarDay(value)
  if (!day) return 'no es una fecha válida: usa el formato AAAA-MM-DD.'
  if (anonymizing(req)) return true
  const today = dayInMexicoCity()
  if (day > today) return 'no puede estar en el futuro.'
  // The age window applies on sign-up (and to a correction): a member who turns 30 keeps the account.
  if (operation === 'update' && calendarDay(previousValue) === day) return true
  const age = ageOn(day, today)
  if (age < MIN_AGE || age > MAX_AGE) {
    return `Viaje Joven es para personas de ${MIN_AGE} a ${MAX_AGE} años; con esta fecha tendrías ${age < 0 ? 0 : age}.`
  }
  return true
}

export const emailRule: Validate = async (value, { id, req }) => {
  if (typeof value !== 'string' || !value.trim()) return 'este dato es obligatorio.'
  const email = value.trim().toLowerCase()
  if (email.length > 254 || !EMAIL.test(email)) return 'no es un correo electrónico válido.'
  const taken = await req.payload.count({
    collection: 'youth',
    where: { and: [{ email: { equals: email } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
    overrideAccess: true,
    req,
  })
  return taken.totalDocs > 0 ? 'ya existe una cuenta con este correo. Si es tuya, inicia sesión o recupera tu contraseña.' : true
}

export const curpRule: Validate = async (value, { id, data, req }) => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string') return 'debe ser texto.'
  const curp = normalizeCurp(value)
  const problem = curpProblem(curp, calendarDay(data?.birthDate) ?? undefined)
  if (problem === 'format') return 'no tiene el formato de una CURP (18 letras y números, por ejemplo HEGG560427MVZRRL04).'
  if (problem === 'checkDigit') return 'el último dígito no corresponde: revisa que la hayas copiado bien.'
  if (problem === 'birthDate') return 'la fecha de nacimiento de la CURP no coincide con la que escribiste.'
  const taken = await req.payload.count({
    collection: 'youth',
    where: { and: [{ curp: { equals: curp } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
    overrideAccess: true,
    req,
  })
  return taken.totalDocs > 0 ? 'ya está registrada en otra cuenta.' : true
}

/** Guardian data: required for minors, optional (and ignored) for adults. */
export const guardianRule =
  (kind: 'name' | 'email'): Validate =>
  (value, { data, req }) => {
    if (anonymizing(req)) return true
    const minor = isMinor(data?.birthDate)
    if (value === undefined || value === null || value === '') {
      return minor ? 'es obligatorio para menores de 18 años.' : true
    }
    if (kind === 'name') return textRule({ max: 120, name: true })(value, {} as never)
    if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value.trim())) return 'no es un correo electrónico válido.'
    if (value.trim().toLowerCase() === String(data?.email ?? '').trim().toLowerCase()) {
      return 'debe ser el correo de tu madre, padre o tutor(a), no el tuyo.'
    }
    return true
  }

/**
 * The privacy notice accepted on sign-up (and on a new acceptance) must be the current version.
 * A field rule, not a hook, so a sign-up form gets this error together with every other one.
 */
export const privacyVersionRule: Validate = async (value, { operation, previousValue, req }) => {
  if (anonymizing(req)) return true
  if (operation !== 'create' && (value === undefined || value === previousValue)) return true
  const current = await currentPrivacyVersion(req)
  return value === current ? true : `acepta la versión vigente (${current}) del aviso de privacidad para continuar.`
}
