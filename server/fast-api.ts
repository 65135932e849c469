import type http from 'node:http'

import { createLocalReq, headersWithCors, mergeHeaders, type Endpoint, type Payload, type PayloadRequest } from 'payload'

import { knownErrorAnswer } from '../lib/api-errors'
import { logLine } from '../lib/log'
import { authenticate, canCheckYouthSessions } from './fast-auth'

/**
 * The enrolment rush, served without Next: `POST /api/courses/:id/enroll` and
 * `GET /api/courses/:id/availability` go straight to the handlers Payload's REST route would run
 * (taken from the loaded config, so wrappers such as rate limits apply too): one implementation,
 * two ways in. What this skips is Next's routing and Payload's request set-up (about 1–2 ms of CPU
 * each, measured), and for youths the full account load of Payload's JWT strategy (fast-auth.ts).
 * Everything else under /api still goes to Next.
 */

type Route = { method: string; pattern: RegExp; collection: string; path: string }

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/courses\/([^/?#]+)\/enroll\/?(?:\?|$)/, collection: 'courses', path: '/:id/enroll' },
  { method: 'GET', pattern: /^\/api\/courses\/([^/?#]+)\/availability\/?(?:\?|$)/, collection: 'courses', path: '/:id/availability' },
]

/** Larger bodies are not what these endpoints take (staff send `{ "youth": id }`). */
const MAX_BODY_BYTES = 16 * 1024

/** Returns a request listener piece: true when it took the request, false to let Next have it. */
export async function createFastApi(payload: Payload): Promise<(req: http.IncomingMessage, res: http.ServerResponse) => boolean> {
  const routes = ROUTES.map((route) => {
    const collection = payload.collections[route.collection as keyof typeof payload.collections] as { config: { endpoints?: Endpoint[] | false } } | undefined
    const endpoints = collection?.config.endpoints || []
    const endpoint = endpoints.find((e) => e.path === route.path && e.method === route.method.toLowerCase())
    if (!endpoint) throw new Error(`fast-api: no existe el endpoint ${route.method} /api/${route.collection}${route.path}`)
    return { ...route, handler: endpoint.handler }
  })
  const leanYouth = canCheckYouthSessions(payload)
  const { i18n } = await createLocalReq({}, payload)

  return (req, res) => {
    const url = req.url ?? '/'
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url))
    if (!route) return false
    serve(req, res, route.handler, { collection: route.collection, id: route.pattern.exec(url)![1] }).catch((error) => {
      // A database that does not answer is a 503 here too, as on Payload's own routes (lib/api-errors.ts).
      const known = knownErrorAnswer(error)
      // The stack goes to the structured log (scrubbed), never to the person.
      if (!known) logLine('error', 'Error en la ruta rápida de la API', { err: error })
      if (!res.headersSent) {
        const message = known?.message ?? 'Algo falló de nuestro lado. Intenta de nuevo en un momento.'
        res.writeHead(known?.status ?? 500, { 'content-type': 'application/json', ...(known?.status === 503 ? { 'retry-after': '5' } : {}) }).end(JSON.stringify({ errors: [{ message }] }))
      } else res.destroy()
    })
    return true
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, handler: Endpoint['handler'], routeParams: Record<string, string>) {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    const payloadReq = await createLocalReq(
      {
        req: {
          headers,
          url: `http://${req.headers.host ?? 'localhost'}${req.url}`,
          method: req.method,
          payloadAPI: 'REST',
          routeParams,
          i18n,
          json: async () => JSON.parse((await readBody(req)) || 'null'),
        } as unknown as PayloadRequest,
      },
      payload,
    )
    payloadReq.user = await authenticate(payload, payloadReq, leanYouth)
    const response = await handler(payloadReq)
    const out = headersWithCors({ headers: mergeHeaders(payloadReq.responseHeaders ?? new Headers(), response.headers), req: payloadReq })
    const body = Buffer.from(await response.arrayBuffer())
    const head: Record<string, string | string[]> = {}
    out.forEach((value, name) => (head[name] = value))
    const cookies = out.getSetCookie()
    if (cookies.length) head['set-cookie'] = cookies
    head['content-length'] = String(body.length)
    res.writeHead(response.status, head).end(body)
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) return reject(new SyntaxError('cuerpo demasiado grande'))
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The fast path on the launcher's Payload instance (server/boot.ts, key "launcher"), for server/http.ts. */
export async function launcherFastApi() {
  const { getPayload } = await import('payload')
  const config = (await import('../payload.config')).default
  return createFastApi(await getPayload({ config, key: 'launcher' }))
}
