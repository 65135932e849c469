/**
 * deploy/nginx.conf, rendered and run by Debian's nginx in front of the shared e2e app: the site
 * from disk with its cache and security headers, the API, the admin and the on-demand pages through
 * Node, the client address passed on, and the site still served when Node is down.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { siteStaticDir } from '../../publishing'
import { freePort } from '../../server/database'
import { PILLARS } from '../../seed/pillars'
import { cspPolicies, staticSiteHeaders } from '../../server/security-headers'
import { NGINX_BIN, type NginxProcess, startNginx } from '../helpers/nginx'

if (!NGINX_BIN) console.warn('⚠ nginx no está instalado: se omiten las pruebas de deploy/nginx.conf (apt-get install -y nginx).')

/** What nginx sends with the pages it serves itself: exactly what Node sends with the site. */
const SECURITY_HEADERS = staticSiteHeaders()

/** host:port of the shared app; 127.0.0.1 because it listens on IPv4 only (nginx would try ::1 first). */
const appHost = () => new URL(inject('appUrl')).host.replace('localhost', '127.0.0.1')

/** The client folder behind `current`, as nginx is told to serve it (through the symlink). */
const siteRoot = () => path.join(inject('appSiteDir'), 'current', 'client')

function anyAstroAsset(): string {
  const dir = path.join(siteStaticDir(fs.realpathSync(path.join(inject('appSiteDir'), 'current'))), '_astro')
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.css') || name.endsWith('.js'))
  if (!file) throw new Error(`no hashed asset in ${dir}`)
  return `/_astro/${file}`
}

describe.skipIf(!NGINX_BIN)('nginx in front of the app (deploy/nginx.conf)', () => {
  let nginx: NginxProcess
  beforeAll(async () => {
    nginx = await startNginx({ siteRoot: siteRoot(), apps: [appHost()] })
  })
  afterAll(async () => {
    await nginx?.stop()
  })

  it('serves the site compressed, with short cache for pages, long for hashed assets, and the security headers', async () => {
    const home = await fetch(`${nginx.url}/`, { headers: { 'accept-encoding': 'gzip' } })
    expect(home.status).toBe(200)
    expect(home.headers.get('content-encoding')).toBe('gzip')
    expect(home.headers.get('cache-control')).toBe('no-cache')
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(home.headers.get(name)).toBe(value)
    const html = await home.text()
    expect(html).toContain('<html lang="es"')
    for (const pillar of PILLARS) expect(html).toContain(pillar.name.replace(/&/g, '&amp;'))

    const listing = await fetch(`${nginx.url}/cursos`)
    expect(listing.status).toBe(200)
    expect(await listing.text()).toContain('<html lang="es"')

    const asset = await fetch(`${nginx.url}${anyAstroAsset()}`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves course calendars and open-data tables from disk as UTF-8 text (Debian\'s mime.types knows neither)', async () => {
    const found = await (await fetch(`${inject('appUrl')}/api/courses?where[title][equals]=${encodeURIComponent('Taller de serigrafía y diseño de playeras')}&depth=0&limit=1`)).json()
    const ics = await fetch(`${nginx.url}/cursos/${found.docs[0].slug}/calendario.ics`)
    expect(ics.status).toBe(200)
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(await ics.text()).toContain('BEGIN:VCALENDAR')
    const csv = await fetch(`${nginx.url}/datos-abiertos/${fs.readdirSync(path.join(siteRoot(), 'datos-abiertos')).find((f) => f.endsWith('.csv'))}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect((await fetch(`${nginx.url}/noticias/rss.xml`)).headers.get('content-type')).toMatch(/xml; charset=utf-8$/)
  })

  it('passes the API, the admin login page and the on-demand pages to Node', async () => {
    const pillars = await fetch(`${nginx.url}/api/pillars?limit=10`)
    expect(pillars.status).toBe(200)
    expect((await pillars.json()).totalDocs).toBe(6)
    expect(pillars.headers.get('x-content-type-options')).toBe('nosniff')
    // Node's own API policy, once: nginx adds its static-site headers only to what it serves itself.
    expect(pillars.headers.get('content-security-policy')).toBe(cspPolicies(false).api)

    const health = await fetch(`${nginx.url}/api/health`)
    expect(health.status).toBe(200)
    expect((await health.json()).checks.database.ok).toBe(true)

    const login = await fetch(`${nginx.url}/admin/login`)
    expect(login.status).toBe(200)
    expect(await login.text()).toMatch(/Iniciar sesión|Correo/i)

    // Rendered per request by Node; its own no-store passes through, nginx adds no second policy.
    const account = await fetch(`${nginx.url}/cuenta/`)
    expect(account.status).toBe(200)
    expect(account.headers.get('cache-control')).toContain('no-store')
    expect(account.headers.get('cache-control')).not.toContain('no-cache, no-cache')
    expect(await account.text()).toContain('<html lang="es"')

    const missing = await fetch(`${nginx.url}/no-existe`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('No encontramos esta página')
  })

  it('tells Node the client address, scheme and host (for rate limits and logs)', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const echo = http.createServer((req, res) => {
      if (req.url === '/api/eco') seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    const viaEcho = await startNginx({ siteRoot: siteRoot(), apps: [`127.0.0.1:${(echo.address() as AddressInfo).port}`] })
    try {
      const response = await fetch(`${viaEcho.url}/api/eco`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
      expect(response.status).toBe(200)
      expect(seen).toHaveLength(1)
      expect(seen[0]).toMatchObject({
        'x-real-ip': '127.0.0.1',
        'x-forwarded-for': '203.0.113.9, 127.0.0.1',
        'x-forwarded-proto': 'http',
        host: '127.0.0.1', // $host: the name the client asked for, without the port
      })
    } finally {
      await viaEcho.stop()
      echo.close()
    }
  })

  it('keeps serving the site when Node is down; only proxied routes fail, in Spanish', async () => {
    const deadPort = await freePort() // nothing listens there
    const orphan = await startNginx({ siteRoot: siteRoot(), apps: [`127.0.0.1:${deadPort}`] })
    try {
      const home = await fetch(`${orphan.url}/`)
      expect(home.status).toBe(200)
      expect(await home.text()).toContain(PILLARS[0].name.replace(/&/g, '&amp;'))
      expect((await fetch(`${orphan.url}/cursos`)).status).toBe(200)
      expect((await fetch(`${orphan.url}${anyAstroAsset()}`)).status).toBe(200)

      const api = await fetch(`${orphan.url}/api/pillars`)
      expect(api.status).toBe(503)
      expect((await api.json()).errors[0].message).toMatch(/no está disponible/)

      const account = await fetch(`${orphan.url}/cuenta/`)
      expect(account.status).toBe(502)
      expect(account.headers.get('cache-control')).toBe('no-store')
      const page = await account.text()
      expect(page).toContain('<html lang="es">')
      expect(page).toContain('no está disponible en este momento')

      expect((await fetch(`${orphan.url}/admin/login`)).status).toBe(502)
    } finally {
      await orphan.stop()
    }
  })
})
