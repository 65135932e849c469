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

import type { TestContext } from './payload'

/** Creates a youth through the public API, marks the email verified, and logs in. */
export async function verifiedYouth(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const data = signUp(overrides)
  const response = await ctx.rest('POST', '/youth', { body: data })
  if (response.status !== 201) throw new Error(`sign-up failed: ${await response.text()}`)
  const { doc } = await response.json()
  await ctx.payload.update({ collection: 'youth', id: doc.id, data: { _verified: true } })
  const token = await login(ctx, 'youth', String(data.email), String(data.password))
  return { id: doc.id as number, email: String(data.email), password: String(data.password), token }
}

export async function login(ctx: TestContext, collection: 'youth' | 'users', email: string, password: string): Promise<string> {
  const response = await ctx.rest('POST', `/${collection}/login`, { body: { email, password } })
  if (response.status !== 200) throw new Error(`login failed: ${await response.text()}`)
  return (await response.json()).token
}

export async function staffToken(ctx: TestContext, role: 'admin' | 'editor' | 'coordinator' | 'reviewer'): Promise<string> {
  const email = `${role}.${Date.now()}@imju.gob.mx`
  await ctx.payload.create({ collection: 'users', data: { email, password: 'clave-del-equipo-larga', name: role, roles: [role] } })
  return login(ctx, 'users', email, 'clave-del-equipo-larga')
}
