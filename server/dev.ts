/**
 * `npm run dev`: the same database, migrations and seed as `npm start`, then Next (admin, API)
 * and Astro (site) in development mode with reload, each on an internal port. PORT is served by
 * the same request pipeline as `npm start` (server/http.ts: guard with security headers and body
 * limits, the enrolment fast path, then Next or the site), so what works in development works
 * the same way in production; the two dev servers sit behind it as a plain proxy.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'

import { freePort } from './database'
import { loadProjectEnv, ROOT } from './project'

loadProjectEnv(true)
const { boot } = await import('./boot')
const rt = await import('./runtime')
const { proxyTo } = await import('./dev-proxy')
const { requestPipeline } = await import('./http')

const platform = await boot({ wantsProduction: false })
const [cmsPort, sitePort] = [await freePort(), await freePort()]
const cmsUrl = `http://127.0.0.1:${cmsPort}`
const siteUrl = `http://127.0.0.1:${sitePort}`
const { port, host } = platform.env
// On-demand pages read the API through the front door, as under `npm start` (start.ts).
process.env.INTERNAL_API_URL ??= `http://127.0.0.1:${port}`
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', CMS_DEV_URL: cmsUrl, ASTRO_DEV_BACKGROUND: '0', NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1' }

const children: ChildProcess[] = [
  launch('admin', ['node_modules/next/dist/bin/next', 'dev', 'cms', '--port', String(cmsPort), '--hostname', '127.0.0.1']),
  launch('sitio', ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(sitePort), '--host', '127.0.0.1']),
]
platform.onStop(async () => {
  for (const child of children) child.kill('SIGTERM')
})

const cms = proxyTo(cmsUrl)
const site = proxyTo(siteUrl)
const server = http.createServer(await requestPipeline({ production: false, dev: true, cms: cms.request, site: site.request }))
// Hot reload: Next's and Vite's websockets, to whichever dev server the path belongs to.
server.on('upgrade', (req, socket, head) => (/^\/(admin|api|_next)(\/|\?|$)/.test(req.url ?? '/') ? cms : site).upgrade(req, socket, head))
platform.onStop(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
)
await new Promise<void>((resolve, reject) => {
  server.once('error', reject)
  server.listen(port, host, resolve)
})
console.log(`\n✔ Modo desarrollo: abre http://localhost:${port}/ (administración en /admin). Ctrl-C para detener.\n`)

function launch(label: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) rt.info(`[${label}] ${line}`)
  }
  child.stdout?.on('data', forward)
  child.stderr?.on('data', forward)
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') {
      rt.info(`[${label}] terminó (código ${code}); deteniendo todo.`)
      void platform.stop().then(() => process.exit(code ?? 1))
    }
  })
  return child
}
