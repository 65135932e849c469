/**
 * CURP (Clave Única de Registro de Población) checks, pure and dependency-free: the format of
 * RENAPO's instructivo normativo and its check digit (position 18).
 */

const STATES =
  'AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE'
const FORMAT = new RegExp(
  `^[A-Z][AEIOUX][A-Z]{2}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])[HMX](?:${STATES})[B-DF-HJ-NP-TV-Z]{3}[A-Z\\d]\\d$`,
)
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ'

export const normalizeCurp = (value: string): string => value.trim().toUpperCase()

/** The official check digit of the first 17 characters. */
export function curpCheckDigit(first17: string): number {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHECK_ALPHABET.indexOf(first17[i]) * (18 - i)
  return (10 - (sum % 10)) % 10
}

/**
 * The birth day encoded in a CURP. Position 17 tells the century: a digit for people born
 * before 2000, a letter from 2000 on.
 */
export function curpBirthDay(curp: string): string {
  const century = /\d/.test(curp[16]) ? '19' : '20'
  return `${century}${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`
}

export type CurpProblem = 'format' | 'checkDigit' | 'birthDate'

/** Why a (normalised) CURP is unacceptable for someone born on `birthDay`, or null when it is fine. */
export function curpProblem(curp: string, birthDay?: string): CurpProblem | null {
  if (!FORMAT.test(curp)) return 'format'
  if (curpCheckDigit(curp) !== Number(curp[17])) return 'checkDigit'
  if (birthDay && curpBirthDay(curp) !== birthDay) return 'birthDate'
  return null
}
