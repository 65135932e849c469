import { createHmac } from 'node:crypto'
import type http from 'node:http'

import { CLIENT_IP_HEADER } from '../lib/client-ip'
import { logLine } from '../lib/log'

/**
 * One JSON line per request once its response is done: method, path without the query string
 * (where links carry their tokens), status, duration, and the client as a keyed hash, so abuse
 * from one address can be followed without the log holding the address itself.
 */
export function requestLogger(secret: string) {
  const clientTag = (ip: string) => createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 12)
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint()
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : 499 // 499: the client left first
      logLine(status >= 500 ? 'error' : 'info', 'request', {
        method: req.method,
        path: (req.url ?? '/').split('?')[0],
        status,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        client: clientTag(String(req.headers[CLIENT_IP_HEADER] ?? '')),
      })
    })
  }
}
