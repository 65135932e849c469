import http from 'node:http'
import path from 'node:path'

import next from 'next'

import { logLine } from '../lib/log'
import { serveSite } from '../publishing'
import { readEnv } from './env'
import { launcherFastApi } from './fast-api'
import { ROOT } from './project'
import { requestGuard } from './request-guard'

/** Paths that belong to Payload's Next app; everything else is the site. */
const CMS_PATH = /^\/(admin|api|_next)(\/|\?|$)/

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

/**
 * The one request pipeline of `npm start` and `npm run dev`: the guard (client address, security
 * headers, log line, body limits), then the enrolment fast path, then Payload's Next app for
 * /admin, /api and /_next, and the site for everything else. Only the last two differ: in
 * production mode the built admin and the live site build, in development Next's and Astro's dev
 * servers behind a proxy (server/dev.ts).
 */
export async function requestPipeline(opts: { production: boolean; dev?: boolean; cms: Handler; site: Handler }) {
  const guard = requestGuard({ ...readEnv(), production: opts.production, dev: opts.dev })
  // The enrolment rush skips Next (server/fast-api.ts); every other /api request still goes there.
  const fastApi = await launcherFastApi()
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!guard(req, res)) return
    if (fastApi(req, res)) return
    if (CMS_PATH.test(req.url ?? '/')) return opts.cms(req, res)
    opts.site(req, res)
  }
}

/**
 * `production`: what the person asked for (`npm run serve`), not NODE_ENV, which the launcher sets to
 * production for Next in every mode (start.ts): production-only headers (upgrade-insecure-requests)
 * otherwise reached a plain `npm start` on http.
 */
export async function createAppServer(opts: { siteDir: string; hostname: string; port: number; production: boolean }) {
  const app = next({ dev: false, dir: path.join(ROOT, 'cms'), hostname: opts.hostname, port: opts.port, customServer: true })
  await app.prepare()
  const handleCms = app.getRequestHandler()
  const site = await serveSite(opts.siteDir)
  const pipeline = await requestPipeline({
    production: opts.production,
    cms: (req, res) => {
      handleCms(req, res).catch((error) => {
        logLine('error', 'Error en la ruta del CMS', { err: error })
        if (!res.headersSent) res.writeHead(500).end()
      })
    },
    site,
  })
  const server = http.createServer(pipeline)
  server.keepAliveTimeout = 65_000
  return { server, close: () => app.close(), shutdown: (graceMs = SHUTDOWN_GRACE_MS) => closeGracefully(server, graceMs) }
}

/** Long enough for a slow phone download to end; below TimeoutStopSec=45 of deploy/viaje-joven.service. */
const SHUTDOWN_GRACE_MS = 30_000

/**
 * SIGTERM: stop accepting connections, let requests in flight finish (nginx sends new ones to the
 * other instances meanwhile), then drop whatever is still open after `graceMs`. Idle keep-alive
 * sockets are closed as they become idle, or `server.close` would wait for their 65 s timeout.
 */
function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100)
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearInterval(idle)
      clearTimeout(deadline)
      resolve()
    })
    server.closeIdleConnections()
  })
}
