import { createHmac } from 'node:crypto'

import type { Pool } from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

import { currentRateLimits, type Limit, type RateLimitAction, type RateLimitKind } from './rate-limits'

/**
 * The one rate-limit check, shared by Payload's routes (lib/rate-limit-hooks.ts) and any fast path
 * in server/http.ts. Counters live in PostgreSQL (table `rate_limits`, created by a migration), so
 * every app instance on the same database sees the same counts. Keys are HMACs: the table never
 * holds an email or an address.
 */

export const RATE_LIMIT_TABLE = 'rate_limits'

/** What a check needs from Payload: its secret and its adapter's pool (`payload` itself fits). */
export type RateLimitStore = { secret: string; db: object }
export const poolOf = (store: RateLimitStore) => (store.db as { pool?: Pool }).pool
export type RateLimitKeys = { ip: string; account?: string }
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string }

const limiters = new WeakMap<Pool, Map<string, RateLimiterPostgres>>()

export function limiterFor(pool: Pool, name: string, limit: Limit): RateLimiterPostgres {
  let byName = limiters.get(pool)
  if (!byName) limiters.set(pool, (byName = new Map()))
  const id = `${name}:${limit.points}/${limit.seconds}`
  let limiter = byName.get(id)
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: id,
      points: limit.points,
      duration: limit.seconds,
      // One sweeper of expired rows per pool is enough: they share the table.
      clearExpiredByTimeout: byName.size === 0,
      // Database unreachable: count in memory rather than refuse everybody (the request then meets
      // the same outage further on and gets its 503 there).
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: id, points: limit.points, duration: limit.seconds }),
    })
    byName.set(id, limiter)
  }
  return limiter
}

export const hashKey = (secret: string, kind: RateLimitKind, value: string) =>
  createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url')

/** The key of one rule: the account counter is per account AND address, so nobody can lock a stranger out. */
function ruleKeys(action: RateLimitAction, keys: RateLimitKeys) {
  const rules = currentRateLimits()
  if (!rules.enabled) return []
  const limits = rules.limits[action]
  const out: { name: string; limit: Limit; kind: RateLimitKind; value: string }[] = []
  if (limits.ip) out.push({ name: `${action}.ip`, limit: limits.ip, kind: 'ip', value: keys.ip })
  if (limits.account && keys.account) {
    out.push({ name: `${action}.account`, limit: limits.account, kind: 'account', value: `${keys.account.toLowerCase()}|${keys.ip}` })
  }
  return out
}

/** Counts one attempt against every rule of `action`; refuses when any of them is spent. */
export async function consumeRateLimit(store: RateLimitStore, action: RateLimitAction, keys: RateLimitKeys): Promise<RateLimitVerdict> {
  const pool = poolOf(store)
  const rules = ruleKeys(action, keys)
  if (!pool || !rules.length) return { allowed: true }
  const results = await Promise.allSettled(
    rules.map((rule) => limiterFor(pool, rule.name, rule.limit).consume(hashKey(store.secret, rule.kind, rule.value))),
  )
  let waitMs = 0
  for (const result of results) {
    if (result.status === 'fulfilled') continue
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason
    waitMs = Math.max(waitMs, result.reason.msBeforeNext)
  }
  if (!waitMs) return { allowed: true }
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000))
  return { allowed: false, retryAfterSeconds, message: tooManyMessage(action, retryAfterSeconds) }
}

const WHAT: Record<RateLimitAction, string> = {
  login: 'Hubo demasiados intentos de inicio de sesión',
  signup: 'Se crearon demasiadas cuentas desde esta conexión',
  forgot: 'Se pidieron demasiados correos para restablecer la contraseña',
  resend: 'Se pidieron demasiados correos de confirmación',
  enroll: 'Hubo demasiadas solicitudes de inscripción seguidas',
  apply: 'Hubo demasiadas solicitudes de postulación seguidas',
}

export function tooManyMessage(action: RateLimitAction, seconds: number): string {
  const minutes = Math.ceil(seconds / 60)
  const wait = seconds === 1 ? '1 segundo' : seconds < 60 ? `${seconds} segundos` : minutes === 1 ? '1 minuto' : `${minutes} minutos`
  return `${WHAT[action]}. Por seguridad, espera ${wait} y vuelve a intentarlo.`
}

/** The 429 every limited route answers: the standard error body and Retry-After in seconds. */
export function tooManyRequestsResponse(verdict: { retryAfterSeconds: number; message: string }): Response {
  return Response.json({ errors: [{ message: verdict.message }] }, { status: 429, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } })
}
