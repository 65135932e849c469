/**
 * Structured logs: one JSON line per event on stdout, for Payload's logger (pino, configured
 * here) and for our own lines (server/request-log.ts). Nothing personal or secret survives:
 * sensitive keys are replaced whole, and emails, CURPs and tokens are masked wherever they
 * appear in a value (a database error's `detail` quotes the row it refused, for one).
 * People see Spanish messages; stack traces live only here.
 */
import { knownErrorAnswer } from './api-errors'

const REDACTED = '[oculto]'

/** Keys whose value is never logged, at any depth (compared without case, dashes or underscores). */
const SECRET_KEYS = new Set(
  ['authorization', 'cookie', 'setcookie', 'password', 'confirmpassword', 'token', 'resetpasswordtoken', 'apikey', 'secret',
    'salt', 'hash', 'email', 'curp', 'phone', 'telefono', 'birthdate', 'givennames', 'surnames', 'fullname', 'name',
    'guardianemail', 'guardianname', 'address', 'jwt', 'refreshedtoken', 'emailtokenhash', 'guardiantokenhash'],
)
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''))

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
const CURP = /\b[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d\b/gi
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g
const BEARER = /\b(JWT|Bearer)\s+[\w.~+/-]+=*/gi
const TOKEN_PARAM = /([?&](?:token|code|key)=)[^&\s"]+/gi
/** A failed query's message lists the row's values after `params:` (names, emails, anything). */
const QUERY_PARAMS = /(\bparams: )[^\n]*/g

/** Masks personal data and credentials inside free text. */
export const scrubText = (text: string): string =>
  text
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(EMAIL, '[correo]')
    .replace(CURP, '[curp]')
    .replace(TOKEN_PARAM, `$1${REDACTED}`)
    .replace(QUERY_PARAMS, `$1${REDACTED}`)

/** A copy safe to log: errors become { type, message, stack, code, status } and every string is scrubbed. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 6) return '[…]'
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; status?: unknown; detail?: unknown; cause?: unknown }
    return scrub({ type: e.name, message: e.message, code: e.code, status: e.status, detail: e.detail, stack: e.stack, cause: e.cause }, depth + 1)
  }
  if (value instanceof Headers) return scrub(Object.fromEntries(value.entries()), depth + 1)
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrub(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue
    out[key] = isSecretKey(key) ? REDACTED : scrub(item, depth + 1)
  }
  return out
}

/** pino's numeric level for `error`. */
const ERROR_LEVEL = 50

/**
 * A 4xx is a person's mistake (a wrong password, a bad id, a form that does not validate), not a
 * fault: one info line with status, error type and message, no stack and no request data. Payload's
 * `loggingLevels` cannot say this: it keys on `err.name`, which is `APIError` both for a refusal and
 * for a real 500, and the minified build renames classes. So the status decides, here.
 * Returns the line to log instead, or null when the call is a real error (5xx, no status, or no `err`).
 */
export function personsMistake(arg: unknown): Record<string, unknown> | null {
  const err = (arg as { err?: unknown } | null)?.err as { status?: unknown; name?: unknown; message?: unknown } | undefined
  if (!err || typeof err !== 'object') return null
  // A database refusal of the sender's value (lib/api-errors.ts) has no status of its own: it becomes a 400.
  const status = err.status ?? knownErrorAnswer(err)?.status
  if (typeof status !== 'number' || status < 400 || status >= 500) return null
  return { msg: 'refused request', status, error: typeof err.name === 'string' ? err.name : 'Error', reason: scrubText(String(err.message ?? '')).slice(0, 200) }
}

/** Written through process.stdout at call time, so a test can capture it. */
const stdout = { write: (line: string) => process.stdout.write(line) }

/**
 * Payload's `logger` option: pino writing JSON lines. pino's own `redact` cannot see inside
 * strings, so a formatter scrubs each object and a hook scrubs each message.
 */
export function payloadLogger(level = process.env.LOG_LEVEL || 'info') {
  return {
    options: {
      level,
      base: undefined,
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: {
        level: (label: string) => ({ level: label }),
        log: (object: Record<string, unknown>) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(this: { info: (o: object) => void }, args: unknown[], method: (...a: unknown[]) => void, level: number) {
          const refused = level >= ERROR_LEVEL ? personsMistake(args[0]) : null
          if (refused) return this.info(refused)
          method.apply(this, args.map((arg) => scrub(arg)))
        },
      },
    },
    destination: stdout,
  }
}

/** One JSON line from our own code (same shape as Payload's). */
export function logLine(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: scrubText(msg), ...(scrub(fields) as object) })}\n`)
}
