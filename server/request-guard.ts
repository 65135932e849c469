import type http from 'node:http'

import { CLIENT_IP_HEADER, clientIpOfNodeRequest } from '../lib/client-ip'
import { bodyLimits, bodyRefusal, refuseBody } from './body-limit'
import type { Env } from './env'
import { requestLogger } from './request-log'
import { securityHeaders } from './security-headers'

/**
 * What server/http.ts runs first on every request (`npm start` and `npm run dev` alike), before the site, Astro or Next see it:
 * the client's address for rate limits (any copy a client sent is overwritten), the security
 * headers, the request log line, and the body-size refusal. Returns false when it already answered.
 */
export function requestGuard(env: Pick<Env, 'production' | 'publicUrl' | 'trustProxy' | 'maxUploadMb' | 'maxMediaMb' | 'payloadSecret'> & { dev?: boolean }) {
  const headers = securityHeaders({ production: env.production, https: env.publicUrl.startsWith('https://'), dev: env.dev })
  const log = requestLogger(env.payloadSecret)
  const limits = bodyLimits(env)
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    req.headers[CLIENT_IP_HEADER] = clientIpOfNodeRequest(req, env.trustProxy)
    headers(req, res)
    log(req, res)
    const refusal = bodyRefusal(req, limits)
    if (refusal) {
      refuseBody(res, refusal)
      return false
    }
    return true
  }
}
