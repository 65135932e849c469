/**
 * Serving the live build: its static files, then the on-demand routes (account pages, preview,
 * certificate check), then the site's 404 page. Mounted by the HTTP server (server/http.ts).
 */
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import sirv from 'sirv'

import { logLine } from '../lib/log'
import { currentSite, siteServerEntry, siteStaticDir } from './folders'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => Promise<void> | void

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

/**
 * The same cache policy as deploy/nginx.conf: pages and feeds are revalidated on every visit (ETag),
 * or a browser's heuristic freshness (no Cache-Control, an old Last-Modified) keeps showing a page
 * from before the last publish; hashed /_astro/ files never change; images and the search index for an hour.
 */
const CACHED_AN_HOUR = /\.(?:png|jpe?g|webp|avif|gif|svg|ico|woff2?|pdf|pf_meta|pf_fragment|pf_index|pagefind)$/i

function staticHeaders(res: http.ServerResponse, pathname: string) {
  const type = TEXT_TYPES[path.extname(pathname).toLowerCase()]
  if (type) res.setHeader('Content-Type', type)
  res.setHeader(
    'Cache-Control',
    pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable'
    : CACHED_AN_HOUR.test(pathname) ? 'public, max-age=3600'
    : 'no-cache',
  )
}

export function serveSite(siteDir: string) {
  const site = staticHandler(siteDir)
  const onDemand = onDemandHandler(siteDir, site.notFound)
  return (req: http.IncomingMessage, res: http.ServerResponse) => site.serve(req, res, () => onDemand(req, res))
}

/**
 * The on-demand routes (account pages, preview, certificate check) of the live build's code
 * version. Their code lives in a folder no content publish deletes (folders.ts,
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
function staticHandler(siteDir: string) {
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
    serveStatic = root ? sirv(root, { etag: true, extensions: ['html'], dotfiles: false, setHeaders: staticHeaders }) : undefined
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
