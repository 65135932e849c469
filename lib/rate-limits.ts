/**
 * Every rate limit of the platform, in one table. Keys per action:
 * - `account`: one account (or the email typed into a login form) from one address, strict;
 * - `target`: one account from any address (logins only: an account under attack is slowed down);
 * - `ip`: one client address, generous, because schools, cybercafés and mobile carriers
 *   (carrier-grade NAT is the norm on prepaid data in Mexico) put many young people behind one address.
 *
 * Logins count only failures (OWASP Authentication Cheat Sheet, "Login Throttling"): a correct
 * password never spends anything, and past its free failures a key is slowed down with a doubling
 * wait instead of being locked (lib/rate-limiter.ts, SECURITY.md "Login throttling").
 *
 * RATE_LIMITS (env): unset or `on` = these values; `off` = no limits (benchmarks, the int tests);
 * or overrides such as `login.account=3/60,signup.ip=2/3600` (points per seconds) on top of these.
 */

export type RateLimitAction = 'login' | 'signup' | 'forgot' | 'resend' | 'enroll' | 'apply'
export type RateLimitKind = 'account' | 'target' | 'ip'
export type Limit = { points: number; seconds: number }
export type RateLimitTable = Record<RateLimitAction, Partial<Record<RateLimitKind, Limit>>>

const MINUTE = 60
const HOUR = 60 * MINUTE

export const DEFAULT_RATE_LIMITS: RateLimitTable = {
  // Staff (/api/users/login) and youth (/api/youth/login): FAILED attempts only. `account`: free failures
  // of one account from one address, then a doubling wait for that pair; `target`: of one account from
  // anywhere, then a doubling wait of at most TARGET_DELAY_CAP_SECONDS; `ip`: of one address over all
  // accounts, past which that address may still log into any account it has not failed on.
  login: { account: { points: 5, seconds: 15 * MINUTE }, target: { points: 20, seconds: 15 * MINUTE }, ip: { points: 100, seconds: 15 * MINUTE } },
  // Sign-up has no account yet: the address is the only key. A school registers its classes from one
  // address in one session (issue #16): 200 an hour, each account still has to confirm its email.
  signup: { ip: { points: 200, seconds: HOUR } },
  // Each request sends an email to the account: few per account, so nobody's inbox can be flooded.
  forgot: { account: { points: 5, seconds: HOUR }, ip: { points: 30, seconds: HOUR } },
  resend: { account: { points: 10, seconds: HOUR }, ip: { points: 60, seconds: HOUR } },
  enroll: { account: { points: 30, seconds: MINUTE }, ip: { points: 300, seconds: MINUTE } },
  apply: { account: { points: 30, seconds: MINUTE }, ip: { points: 300, seconds: MINUTE } },
}

export type RateLimitSettings = { enabled: false } | { enabled: true; limits: RateLimitTable }

/** Parses RATE_LIMITS; throws an Error with a Spanish message (server/env.ts turns it into a ConfigError). */
export function parseRateLimits(raw: string | undefined): RateLimitSettings {
  const value = raw?.trim() ?? ''
  if (value === 'off') return { enabled: false }
  if (value === '' || value === 'on') return { enabled: true, limits: DEFAULT_RATE_LIMITS }
  const limits = structuredClone(DEFAULT_RATE_LIMITS)
  for (const part of value.split(',')) {
    const match = /^\s*(\w+)\.(account|target|ip)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part)
    const action = match?.[1] as RateLimitAction | undefined
    if (!match || !action || !(action in limits) || Number(match[3]) < 1 || Number(match[4]) < 1) {
      throw new Error(
        `RATE_LIMITS="${value}" no es válido: usa "on", "off" o cambios como "login.account=10/900,signup.ip=20/3600" ` +
          `(acciones: ${Object.keys(limits).join(', ')}; tipos: account, target, ip; intentos/segundos).`,
      )
    }
    limits[action][match[2] as RateLimitKind] = { points: Number(match[3]), seconds: Number(match[4]) }
  }
  return { enabled: true, limits }
}

let cached: { raw: string | undefined; settings: RateLimitSettings } | undefined

/** The settings in force, re-read when RATE_LIMITS changes (tests switch it on for their own file). */
export function currentRateLimits(): RateLimitSettings {
  const raw = process.env.RATE_LIMITS
  if (!cached || cached.raw !== raw) cached = { raw, settings: parseRateLimits(raw) }
  return cached.settings
}
