import type http from 'node:http'

import { createLocalReq, headersWithCors, mergeHeaders, type Endpoint, type Payload, type PayloadRequest } from 'payload'

import { errorResponse, knownErrorAnswer } from '../lib/api-errors'
import { logLine } from '../lib/log'
import { requestBodyProblem } from '../lib/request-checks'
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
export const MAX_FAST_BODY_BYTES = 16 * 1024

/** A body over MAX_FAST_BODY_BYTES: refused before it is read further. */
class BodyTooLarge extends Error {}

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
    const url = `http://${req.headers.host ?? 'localhost'}${req.url}`
    // The same body checks as every route behind Next (withPublicErrors): content type, UTF-8,
    // JSON that parses into an object, nesting; and this path's own size cap.
    let text = ''
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      let bytes: Buffer
      try {
        bytes = await readBody(req)
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error
        return send(res, errorResponse(413, `La solicitud es demasiado grande: el máximo aquí es ${MAX_FAST_BODY_BYTES / 1024} KB.`), true)
      }
      const problem = await requestBodyProblem(new Request(url, { method: req.method, headers, body: new Uint8Array(bytes) }))
      if (problem) return send(res, errorResponse(problem.status, problem.message, problem.field))
      text = bytes.toString('utf8')
    }
    const payloadReq = await createLocalReq(
      {
        req: {
          headers,
          url,
          method: req.method,
          payloadAPI: 'REST',
          routeParams,
          i18n,
          json: async () => JSON.parse(text || 'null'),
        } as unknown as PayloadRequest,
      },
      payload,
    )
    payloadReq.user = await authenticate(payload, payloadReq, leanYouth)
    const response = await handler(payloadReq)
    const out = headersWithCors({ headers: mergeHeaders(payloadReq.responseHeaders ?? new Headers(), response.headers), req: payloadReq })
    await send(res, new Response(response.body, { status: response.status, headers: out }))
  }
}

/** Writes a fetch Response to the Node response; `close` drops the connection (an unread body follows). */
async function send(res: http.ServerResponse, response: Response, close = false): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  const head: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => (head[name] = value))
  const cookies = response.headers.getSetCookie()
  if (cookies.length) head['set-cookie'] = cookies
  head['content-length'] = String(body.length)
  if (close) head.connection = 'close'
  res.writeHead(response.status, head).end(body)
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > MAX_FAST_BODY_BYTES) {
        refused = true
        return reject(new BodyTooLarge())
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The fast path on the process's one Payload instance (server/boot.ts), for server/http.ts. */
export async function launcherFastApi() {
  const { getPayload } = await import('payload')
  const config = (await import('../payload.config')).default
  return createFastApi(await getPayload({ config }))
}
