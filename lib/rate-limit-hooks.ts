import {
  APIError,
  AuthenticationError,
  type CollectionAfterErrorHook,
  type CollectionAfterLoginHook,
  type CollectionBeforeOperationHook,
  type Endpoint,
  type PayloadRequest,
  type Plugin,
} from 'payload'

import { clientIpOfRequest } from './client-ip'
import { checkLogin, recordLoginFailure, recordLoginSuccess, type LoginKeys } from './login-throttle'
import { consumeRateLimit, tooManyRequestsResponse, type RateLimitKeys, type RateLimitVerdict } from './rate-limiter'
import type { RateLimitAction } from './rate-limits'

/**
 * Where the rate limits meet Payload: custom endpoints are wrapped; Payload's own login,
 * forgot-password and sign-up (create) are checked in a beforeOperation hook. Only requests that
 * came over HTTP count: the Local API (seed, jobs, the site build) is the platform itself.
 */

/** 429 thrown from inside an operation; its name survives minification, for `loggingLevels`. */
export class TooManyRequests extends APIError {
  constructor(message: string) {
    super(message, 429, null, true)
    this.name = 'TooManyRequests'
  }
}

/** For Payload's `loggingLevels`: a refused attempt is routine, not an error with a stack. */
export const rateLimitLogLevels: Record<string, 'info'> = { TooManyRequests: 'info' }

const overHttp = (req: PayloadRequest) => req.payloadAPI === 'REST' || req.payloadAPI === 'GraphQL'

const accountOf = (req: PayloadRequest) => (req.user ? `${req.user.collection}:${req.user.id}` : undefined)

/** Wraps a custom endpoint: one attempt per call, by address and (when logged in) by account. */
export function rateLimitedEndpoint(action: RateLimitAction, endpoint: Endpoint): Endpoint {
  return {
    ...endpoint,
    handler: async (req) => {
      const verdict = await consumeRateLimit(req.payload, action, { ip: clientIpOfRequest(req), account: accountOf(req) })
      return verdict.allowed ? endpoint.handler(req) : tooManyRequestsResponse(verdict)
    },
  }
}

const loginKeys = (collection: string, req: PayloadRequest, data: unknown): RateLimitKeys => {
  const email = (data as { email?: unknown } | undefined)?.email
  return { ip: clientIpOfRequest(req), account: typeof email === 'string' ? `${collection}:${email.trim()}` : undefined }
}

/** Login, forgot-password and (for collections that allow it) public sign-up over REST. */
export const authRateLimits =
  (opts: { signup?: boolean } = {}): CollectionBeforeOperationHook =>
  async ({ args, operation, req, collection }) => {
    if (!overHttp(req)) return args
    const data = (args as { data?: unknown }).data
    let action: RateLimitAction | undefined
    let keys: RateLimitKeys | undefined
    if (operation === 'login') {
      const login = loginKeys(collection.slug, req, data)
      if (!login.account) return args
      // Remembered for the afterError/afterLogin hooks below, which count the outcome.
      req.context[LOGIN_ATTEMPT] = login
      refuseIfTooMany(req, await checkLogin(req.payload, login as LoginKeys))
      return args
    }
    if (operation === 'forgotPassword') [action, keys] = ['forgot', loginKeys(collection.slug, req, data)]
    else if (operation === 'create' && opts.signup && req.user?.collection !== 'users') [action, keys] = ['signup', { ip: clientIpOfRequest(req) }]
    if (!action || !keys) return args
    refuseIfTooMany(req, await consumeRateLimit(req.payload, action, keys))
    return args
  }

const LOGIN_ATTEMPT = 'rateLimitLoginAttempt'

function refuseIfTooMany(req: PayloadRequest, verdict: RateLimitVerdict): void {
  if (verdict.allowed) return
  req.responseHeaders = new Headers(req.responseHeaders)
  req.responseHeaders.set('Retry-After', String(verdict.retryAfterSeconds))
  throw new TooManyRequests(verdict.message)
}

/** After a successful login over HTTP, this account's failures from this address no longer count. */
export const forgiveLoginAttempts: CollectionAfterLoginHook = async ({ req }) => {
  const attempt = req.context[LOGIN_ATTEMPT] as LoginKeys | undefined
  if (attempt) await recordLoginSuccess(req.payload, attempt)
}

/** A login refused for a wrong email or password counts as one failure (lib/login-throttle.ts). */
export const countFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  const attempt = req.context?.[LOGIN_ATTEMPT] as LoginKeys | undefined
  if (attempt && error instanceof AuthenticationError) await recordLoginFailure(req.payload, attempt)
}

/** Which custom endpoints count against which action: collection slug, endpoint path, action. */
const LIMITED_ENDPOINTS: [string, string, RateLimitAction][] = [
  ['courses', '/:id/enroll', 'enroll'],
  ['calls', '/:id/apply', 'apply'],
  ['youth', '/resend-verification', 'resend'],
  ['youth', '/resend-guardian-link', 'resend'],
]

/**
 * Wires every limit in one place, without touching the collections: hooks on the two auth
 * collections, wrappers around the listed endpoints. A listed endpoint that no longer exists
 * stops the start-up, so renaming one cannot silently drop its limit.
 */
export const rateLimitsPlugin = (): Plugin => (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => {
    let next = collection
    if (collection.slug === 'users' || collection.slug === 'youth') {
      const hooks = collection.hooks ?? {}
      next = {
        ...next,
        hooks: {
          ...hooks,
          beforeOperation: [authRateLimits({ signup: collection.slug === 'youth' }), ...(hooks.beforeOperation ?? [])],
          afterLogin: [...(hooks.afterLogin ?? []), forgiveLoginAttempts],
          afterError: [countFailedLogin, ...(hooks.afterError ?? [])],
        },
      }
    }
    const limited = LIMITED_ENDPOINTS.filter(([slug]) => slug === collection.slug)
    if (!limited.length) return next
    const endpoints = next.endpoints || []
    for (const [, path, action] of limited) {
      if (!endpoints.some((e) => e.path === path && e.method === 'post')) {
        throw new Error(`rateLimitsPlugin: no existe el endpoint POST /api/${collection.slug}${path} (lib/rate-limit-hooks.ts)`)
      }
    }
    return {
      ...next,
      endpoints: endpoints.map((e) => {
        const match = limited.find(([, path]) => e.path === path && e.method === 'post')
        return match ? rateLimitedEndpoint(match[2], e) : e
      }),
    }
  }),
})
