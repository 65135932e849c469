/**
 * Fills deploy/nginx.conf's placeholders. As a command (prints the site file):
 *   npx tsx deploy/render-nginx.ts --server-name viajejoven.leon.gob.mx \
 *     --site-root /srv/viaje-joven/dist/site/current/client --app 127.0.0.1:3000 [--app 127.0.0.1:3001] [--listen 80]
 * The tests and the benchmark render the same template through `renderNginxSite`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { staticSiteHeaders } from '../server/security-headers'

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url))

export type NginxSite = {
  listen: string
  serverName: string
  /** The `client` folder of the current site build, through the `current` symlink. */
  siteRoot: string
  /** host:port of each app instance. */
  apps: string[]
  /** Folder with no-disponible.html (default: deploy/errores of this checkout). */
  errorsRoot?: string
}

export function renderNginxSite(site: NginxSite): string {
  if (!site.apps.length) throw new Error('Se necesita al menos una instancia de la aplicación (--app 127.0.0.1:3000).')
  const values: Record<string, string> = {
    LISTEN: site.listen,
    SERVER_NAME: site.serverName,
    SITE_ROOT: site.siteRoot,
    ERRORS_ROOT: site.errorsRoot ?? path.join(DEPLOY_DIR, 'errores'),
    UPSTREAM_SERVERS: site.apps.map((app) => `    server ${app};`).join('\n'),
    ...staticHeaders(),
  }
  const template = fs.readFileSync(path.join(DEPLOY_DIR, 'nginx.conf'), 'utf8')
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`Marcador desconocido en nginx.conf: ${whole}`)
    return values[name]
  })
}

function staticHeaders(): { STATIC_HEADER_MAPS: string; STATIC_HEADERS: string } {
  const headers = Object.entries(staticSiteHeaders())
  const variable = (name: string) => `$vj_${name.toLowerCase().replace(/-/g, '_')}`
  return {
    STATIC_HEADER_MAPS: headers.map(([name, value]) => `map $upstream_addr ${variable(name)} { "" "${value}"; default ""; }`).join('\n'),
    STATIC_HEADERS: headers.map(([name]) => `    add_header ${name} ${variable(name)} always;`).join('\n'),
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const all = (flag: string) => args.flatMap((arg, i) => (arg === flag && args[i + 1] ? [args[i + 1]] : []))
  const one = (flag: string, fallback?: string) => all(flag).at(-1) ?? fallback
  const siteRoot = one('--site-root')
  if (!siteRoot) {
    console.error('Uso: npx tsx deploy/render-nginx.ts --server-name DOMINIO --site-root RUTA/dist/site/current/client --app 127.0.0.1:3000')
    process.exit(1)
  }
  process.stdout.write(
    renderNginxSite({
      listen: one('--listen', '80')!,
      serverName: one('--server-name', '_')!,
      siteRoot,
      apps: all('--app').length ? all('--app') : ['127.0.0.1:3000'],
      errorsRoot: one('--errors-root'),
    }),
  )
}
