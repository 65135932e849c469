/**
 * `npm run serve` (NODE_ENV=production): refuses unsafe configuration and missing builds before it
 * touches a database, never builds or seeds demo content, sends the production-only security
 * headers (upgrade-insecure-requests, HSTS), and on SIGTERM lets a download in flight finish
 * before it closes the pool and exits 0.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { afterAll, describe, expect, inject, it } from 'vitest'

import { currentSite, siteStaticDir } from '../../publishing'
import { cspPolicies } from '../../server/security-headers'
import { type AppProcess, postgresProcessesFor, SERVE_ARGS, startApp, tempDataDir, tempSiteDir } from '../helpers/app-process'

const PRODUCTION = {
  NODE_ENV: 'production',
  PAYLOAD_SECRET: 'prueba-produccion-0123456789abcdef0123456789abcdef',
  PUBLIC_URL: 'https://viajejoven.example.mx',
  // Only because a test machine has no managed PostgreSQL and no TLS: both are refused without these.
  ALLOW_EMBEDDED_DB: '1',
  ALLOW_HTTP: '1',
}

describe('npm run serve', () => {
  const dataDirs: string[] = []
  const newDataDir = () => {
    const dir = tempDataDir()
    dataDirs.push(dir)
    return dir
  }
  afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

  it('refuses to start without a site build, telling to run npm run build, before starting a database', async () => {
    const emptySites = tempSiteDir()
    const dataDir = newDataDir()
    try {
      const started = startApp({ dataDir, siteDir: emptySites, env: PRODUCTION, nodeArgs: SERVE_ARGS })
      await expect(started).rejects.toThrow(/Falta la compilación del sitio público .*npm run build/)
      expect(fs.existsSync(path.join(dataDir, 'postgres'))).toBe(false)
    } finally {
      fs.rmSync(emptySites, { recursive: true, force: true })
    }
  })

  it('refuses a public address without https and the embedded database, one line each', async () => {
    const siteDir = inject('appSiteDir')
    const http_ = startApp({ dataDir: newDataDir(), siteDir, env: { ...PRODUCTION, ALLOW_HTTP: '', PUBLIC_URL: 'http://viajejoven.example.mx' }, nodeArgs: SERVE_ARGS })
    await expect(http_).rejects.toThrow(/✖ PUBLIC_URL debe ser la dirección pública con https/)
    const embedded = startApp({ dataDir: newDataDir(), siteDir, env: { ...PRODUCTION, ALLOW_EMBEDDED_DB: '' }, nodeArgs: SERVE_ARGS })
    await expect(embedded).rejects.toThrow(/✖ Falta DATABASE_URL: en producción usa un PostgreSQL administrado/)
  })

  it('serves the existing builds without building or seeding demo content, and finishes a download in flight on SIGTERM', async () => {
    const siteDir = inject('appSiteDir')
    const dataDir = newDataDir()
    // 48 MB: far more than the socket buffers, so the response stays in flight while we do not read.
    // Written before the start: the static handler lists the build's files once.
    const size = 48 * 1024 * 1024
    const big = path.join(siteStaticDir(currentSite(siteDir)!), 'zz-prueba-apagado.bin')
    fs.writeFileSync(big, Buffer.alloc(size, 7))
    let app: AppProcess | undefined
    try {
      app = await startApp({ dataDir, siteDir, env: PRODUCTION, nodeArgs: SERVE_ARGS })
      expect(app.output()).not.toMatch(/Compilando|Construyendo el sitio/)
      const news = await (await fetch(`${app.url}/api/news?limit=1`)).json()
      expect(news.totalDocs).toBe(0) // no demo content unless SEED_DEMO=1
      expect((await fetch(`${app.url}/`)).status).toBe(200)

      // The production-only policy, as `npm run serve` sends it: upgrade-insecure-requests in every
      // page's policy (static, on-demand, admin) and HSTS for the https address; `npm start` (the
      // shared test app) sends neither.
      const production = cspPolicies(true)
      for (const [path, policy] of [['/', production.site], ['/cursos/', production.site], ['/cuenta/ingresar', production.site], ['/api/health', production.api]] as const) {
        const response = await fetch(`${app.url}${path}`, { redirect: 'manual' })
        expect(response.headers.get('content-security-policy'), path).toBe(policy)
        expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains')
      }
      expect(production.site).toContain('upgrade-insecure-requests')
      const admin = await fetch(`${app.url}/admin/login`, { redirect: 'manual' })
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(admin.headers.get('content-security-policy') ?? '')
      expect(nonce).not.toBeNull()
      expect(admin.headers.get('content-security-policy')).toBe(production.admin.replace('{nonce}', nonce![1]))
      expect(production.admin).toContain('upgrade-insecure-requests')
      const development = await fetch(`${inject('appUrl')}/`)
      expect(development.headers.get('content-security-policy')).toBe(cspPolicies(false).site)
      expect(development.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests')
      expect(development.headers.get('strict-transport-security')).toBeNull()

      const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(`${app!.url}/zz-prueba-apagado.bin`, resolve).on('error', reject),
      )
      expect(response.statusCode).toBe(200)
      response.pause()
      await new Promise((resolve) => setTimeout(resolve, 300))

      app.child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(app.child.exitCode).toBeNull() // still waiting for our download
      // No new connections once shutting down: nginx moves on to the next instance.
      await expect(fetch(`${app.url}/api/health`)).rejects.toThrow()

      let received = 0
      response.on('data', (chunk: Buffer) => (received += chunk.length))
      const complete = new Promise((resolve) => response.on('end', resolve))
      response.resume()
      await complete
      expect(received).toBe(size)

      expect(await app.exited).toBe(0)
      expect(app.output()).toContain('SIGTERM: deteniendo Viaje Joven')
      expect(postgresProcessesFor(dataDir)).toEqual([])
    } finally {
      fs.rmSync(big, { force: true })
      // SIGTERM, not SIGKILL: killing tsx outright would orphan the app and its PostgreSQL.
      if (app && app.child.exitCode === null) {
        app.child.kill('SIGTERM')
        await app.exited
      }
    }
  })
})
