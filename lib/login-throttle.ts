import type { RateLimiterRes } from 'rate-limiter-flexible'

import { hashKey, limiterFor, poolOf, tooManyMessage, type RateLimitStore, type RateLimitVerdict } from './rate-limiter'
import { currentRateLimits, type Limit, type RateLimitKind } from './rate-limits'

/**
 * Login throttling after the OWASP Authentication Cheat Sheet ("Login Throttling", "Account
 * Lockout") and the Credential Stuffing Prevention Cheat Sheet:
 * - only failures count; a correct login spends nothing and clears its account+address counter;
 * - `account` (one account from one address): 5 free failures, then a doubling wait (1 s, 2 s, 4 s…,
 *   at most the window) for that pair only: the owner elsewhere is not affected;
 * - `target` (one account from anywhere): 20 free failures, then a doubling wait capped at
 *   TARGET_DELAY_CAP_SECONDS: an account under a distributed attack is slowed, never locked for long;
 * - `ip` (one address, all accounts): past 100 failures the address may still log into any account
 *   it has not failed on (a school's other students), but no longer retry the ones it failed on.
 * Payload's own lockout (`maxLoginAttempts`) is off: it let anyone lock anyone out from anywhere.
 */

export const TARGET_DELAY_CAP_SECONDS = 60

export type LoginKeys = { ip: string; account: string }

type Counter = { kind: RateLimitKind; limit: Limit; value: string }

function counters(keys: LoginKeys): Counter[] {
  const rules = currentRateLimits()
  if (!rules.enabled) return []
  const { account, target, ip } = rules.limits.login
  const email = keys.account.trim().toLowerCase()
  const out: Counter[] = []
  if (account) out.push({ kind: 'account', limit: account, value: `${email}|${keys.ip}` })
  if (target) out.push({ kind: 'target', limit: target, value: email })
  if (ip) out.push({ kind: 'ip', limit: ip, value: keys.ip })
  return out
}

const failures = (store: RateLimitStore, c: Counter) => limiterFor(poolOf(store)!, `login.fail.${c.kind}`, c.limit)
// A wait is a block on a one-point limiter: `block` stores points + 1 until the wait ends.
const waits = (store: RateLimitStore, c: Counter) => limiterFor(poolOf(store)!, `login.wait.${c.kind}`, { points: 1, seconds: c.limit.seconds })
const key = (store: RateLimitStore, c: Counter) => hashKey(store.secret, c.kind, c.value)
const blocked = (res: RateLimiterRes | null) => (res && res.consumedPoints > 1 && res.msBeforeNext > 0 ? res.msBeforeNext : 0)

const refuse = (ms: number): RateLimitVerdict => {
  const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000))
  return { allowed: false, retryAfterSeconds, message: tooManyMessage('login', retryAfterSeconds) }
}

/** Before the password is checked: is this account, from this address, waiting? Spends nothing. */
export async function checkLogin(store: RateLimitStore, keys: LoginKeys): Promise<RateLimitVerdict> {
  if (!poolOf(store)) return { allowed: true }
  const all = counters(keys)
  let waitMs = 0
  for (const c of all.filter((c) => c.kind !== 'ip')) waitMs = Math.max(waitMs, blocked(await waits(store, c).get(key(store, c))))
  const ip = all.find((c) => c.kind === 'ip')
  const pair = all.find((c) => c.kind === 'account')
  if (ip && pair) {
    const fromAddress = await failures(store, ip).get(key(store, ip))
    if (fromAddress && fromAddress.consumedPoints > ip.limit.points) {
      // Over its budget, an address keeps logging into accounts it never failed on.
      const failedHere = await failures(store, pair).get(key(store, pair))
      if (failedHere && failedHere.consumedPoints > 0) waitMs = Math.max(waitMs, fromAddress.msBeforeNext)
    }
  }
  return waitMs ? refuse(waitMs) : { allowed: true }
}

/** A wrong password (or an unknown account): count it, and start or double the wait where a budget is spent. */
export async function recordLoginFailure(store: RateLimitStore, keys: LoginKeys): Promise<void> {
  if (!poolOf(store)) return
  for (const c of counters(keys)) {
    const res = await failures(store, c).penalty(key(store, c), 1)
    const over = res.consumedPoints - c.limit.points
    if (over <= 0 || c.kind === 'ip') continue
    const cap = c.kind === 'target' ? TARGET_DELAY_CAP_SECONDS : c.limit.seconds
    await waits(store, c).block(key(store, c), Math.min(cap, 2 ** (over - 1)))
  }
}

/** A correct login clears this account+address pair; the account's and the address's failures stay. */
export async function recordLoginSuccess(store: RateLimitStore, keys: LoginKeys): Promise<void> {
  if (!poolOf(store)) return
  const pair = counters(keys).find((c) => c.kind === 'account')
  if (!pair) return
  await failures(store, pair).delete(key(store, pair))
  await waits(store, pair).delete(key(store, pair))
}
