import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import next from 'next'
import sirv from 'sirv'

import { currentSite } from './builds'
import { ROOT } from './project'

/** Paths that belong to Payload's Next app; everything else is the static site. */
const CMS_PATH = /^\/(admin|api|_next)(\/|\?|$)/

export async function createAppServer(opts: { dataDir: string; hostname: string; port: number }) {
  const app = next({ dev: false, dir: path.join(ROOT, 'cms'), hostname: opts.hostname, port: opts.port, customServer: true })
  await app.prepare()
  const handleCms = app.getRequestHandler()
  const site = siteHandler(opts.dataDir)

  const server = http.createServer((req, res) => {
    if (CMS_PATH.test(req.url ?? '/')) {
      handleCms(req, res).catch((error) => {
        console.error('Error en la ruta del CMS', error)
        if (!res.headersSent) res.writeHead(500).end()
      })
      return
    }
    site(req, res)
  })
  server.keepAliveTimeout = 65_000
  return { server, close: () => app.close() }
}

/**
 * Serves the folder `current` points to. The link is re-read at most once a second,
 * so a finished rebuild (from this or another instance) goes live without a restart.
 */
function siteHandler(dataDir: string) {
  let checkedAt = 0
  let dir: string | undefined
  let serve: ReturnType<typeof sirv> | undefined
  let notFoundPage: Buffer | undefined

  const refresh = () => {
    const now = Date.now()
    if (now - checkedAt < 1000) return
    checkedAt = now
    const latest = currentSite(dataDir)
    if (latest === dir) return
    dir = latest
    serve = dir ? sirv(dir, { etag: true, extensions: ['html'], dotfiles: false }) : undefined
    notFoundPage = dir && fs.existsSync(path.join(dir, '404.html')) ? fs.readFileSync(path.join(dir, '404.html')) : undefined
  }

  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    refresh()
    if (!serve) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' })
      res.end('El sitio se está construyendo. Intenta de nuevo en unos segundos.\n')
      return
    }
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(notFoundPage ?? '<!doctype html><html lang="es"><title>No encontrado</title><h1>Página no encontrada</h1></html>')
    })
  }
}
