/** Sign-up data for tests: valid by default, ages relative to today in León. */
import { curpCheckDigit } from '../../collections/Youth/curp'
import { dayInMexicoCity } from '../../lib/time'

/** A birth day that makes someone `age` years old today (their birthday was ~2 months ago). */
export function birthDayForAge(age: number): string {
  const [y, m, d] = dayInMexicoCity().split('-').map(Number)
  const date = new Date(Date.UTC(y - age, m - 1, Math.min(d, 28)))
  date.setUTCMonth(date.getUTCMonth() - 2)
  return date.toISOString().slice(0, 10)
}

/** A CURP with a correct check digit for someone born on `day`. */
export function curpFor(day: string, letters = 'HEGG'): string {
  const [y, m, d] = day.split('-')
  const first17 = `${letters}${y.slice(2)}${m}${d}MGTRRL${Number(y) >= 2000 ? 'A' : '0'}`
  return first17 + curpCheckDigit(first17)
}

let counter = 0
export function signUp(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    email: `joven${counter}.${Date.now()}@ejemplo.mx`,
    password: 'un paseo por el malecón',
    givenNames: 'María José',
    surnames: 'Hernández López',
    birthDate: birthDayForAge(20),
    municipality: 'León',
    colonia: 'Centro',
    occupation: 'Universidad de Guanajuato',
    howHeard: 'redes-sociales',
    privacy: { version: '1' },
    ...overrides,
  }
}
