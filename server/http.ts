import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import next from 'next'
import sirv from 'sirv'

import { logLine } from '../lib/log'
import { currentSite, siteServerEntry, siteStaticDir } from './builds'
import { readEnv } from './env'
import { launcherFastApi } from './fast-api'
import { ROOT } from './project'
import { requestGuard } from './request-guard'

/** Paths that belong to Payload's Next app; everything else is the site. */
const CMS_PATH = /^\/(admin|api|_next)(\/|\?|$)/

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void

/**
 * `production`: what the person asked for (`npm run serve`), not NODE_ENV, which the launcher sets to
 * production for Next in every mode (start.ts): production-only headers (upgrade-insecure-requests)
 * otherwise reached a plain `npm start` on http.
 */
export async function createAppServer(opts: { siteDir: string; hostname: string; port: number; production: boolean }) {
  const app = next({ dev: false, dir: path.join(ROOT, 'cms'), hostname: opts.hostname, port: opts.port, customServer: true })
  await app.prepare()
  const handleCms = app.getRequestHandler()
  const site = siteHandler(opts.siteDir)
  const onDemand = onDemandHandler(opts.siteDir, site.notFound)
  const guard = requestGuard({ ...readEnv(), production: opts.production })
  // The enrolment rush skips Next (server/fast-api.ts); every other /api request still goes there.
  const fastApi = await launcherFastApi()

  const server = http.createServer((req, res) => {
    if (!guard(req, res)) return
    if (fastApi(req, res)) return
    if (CMS_PATH.test(req.url ?? '/')) {
      handleCms(req, res).catch((error) => {
        logLine('error', 'Error en la ruta del CMS', { err: error })
        if (!res.headersSent) res.writeHead(500).end()
      })
      return
    }
    site.serve(req, res, () => onDemand(req, res))
  })
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

/**
 * The site's text files are UTF-8, but sirv names the charset for HTML only: a calendar app or a
 * spreadsheet may guess another one for «á» (HTTP/1.1 of RFC 2616 defaulted text/* without a charset to ISO-8859-1).
 */
const TEXT_TYPES: Record<string, string> = {
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

function declareCharset(res: http.ServerResponse, pathname: string) {
  const type = TEXT_TYPES[path.extname(pathname).toLowerCase()]
  if (type) res.setHeader('Content-Type', type)
}

/**
 * The on-demand routes (account pages, preview, certificate check) of the live build's code
 * version. Their code lives in a folder no content publish deletes (server/builds.ts,
 * keepServerCode); it is looked up again when `current` moves, and loaded once per code version.
 */
function onDemandHandler(siteDir: string, notFound: (res: http.ServerResponse) => void) {
  const loaded = new Map<string, Promise<Handler>>()
  let checkedAt = 0
  let entry: string | undefined
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (Date.now() - checkedAt > 1000) {
      checkedAt = Date.now()
      const build = currentSite(siteDir)
      entry = build && siteServerEntry(build)
    }
    if (!entry) return notFound(res)
    if (!loaded.has(entry)) loaded.set(entry, import(pathToFileURL(entry).href).then((module: { handler: Handler }) => module.handler))
    const from = entry
    loaded
      .get(from)!
      .then((handler) => handler(req, res, () => notFound(res)))
      .catch((error) => {
        loaded.delete(from) // a later request tries again
        logLine('error', 'No se pudo cargar el código de las páginas bajo demanda', { path: (req.url ?? '/').split('?')[0], entry: from, err: error })
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Error interno. Intenta de nuevo en unos minutos.\n')
      })
  }
}

/**
 * Serves the folder `current` points to. The link is re-read at most once a second,
 * so a finished rebuild (from this or another instance) goes live without a restart.
 */
function siteHandler(siteDir: string) {
  let checkedAt = 0
  let dir: string | undefined
  let serveStatic: ReturnType<typeof sirv> | undefined
  let notFoundPage: Buffer | undefined

  const refresh = () => {
    const now = Date.now()
    if (now - checkedAt < 1000) return
    checkedAt = now
    const latest = currentSite(siteDir)
    if (latest === dir) return
    dir = latest
    const root = dir && siteStaticDir(dir)
    serveStatic = root ? sirv(root, { etag: true, extensions: ['html'], dotfiles: false, setHeaders: declareCharset }) : undefined
    const page = root && path.join(root, '404.html')
    notFoundPage = page && fs.existsSync(page) ? fs.readFileSync(page) : undefined
  }

  return {
    serve(req: http.IncomingMessage, res: http.ServerResponse, fallthrough: () => void) {
      refresh()
      if (!serveStatic) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' })
        res.end('El sitio se está construyendo. Intenta de nuevo en unos segundos.\n')
        return
      }
      serveStatic(req, res, fallthrough)
    },
    notFound(res: http.ServerResponse) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(notFoundPage ?? '<!doctype html><html lang="es"><title>No encontrado</title><h1>Página no encontrada</h1></html>')
    },
  }
}
