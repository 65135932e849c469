/**
 * `npm run dev`: the same database, migrations and seed as `npm start`, then Next (admin, API)
 * and Astro (site) in development mode with reload. Astro listens on PORT and forwards
 * /admin, /api and /_next to Next's internal port, so there is one URL to open.
 */
import { spawn, type ChildProcess } from 'node:child_process'

import { freePort } from './database'
import { loadProjectEnv, ROOT } from './project'

loadProjectEnv(true)
const { boot } = await import('./boot')
const rt = await import('./runtime')

const platform = await boot({ wantsProduction: false })
const cmsPort = await freePort()
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', CMS_DEV_URL: `http://127.0.0.1:${cmsPort}`, ASTRO_DEV_BACKGROUND: '0', NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1' }

const children: ChildProcess[] = [
  launch('admin', ['node_modules/next/dist/bin/next', 'dev', 'cms', '--port', String(cmsPort), '--hostname', '127.0.0.1']),
  launch('sitio', ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(platform.env.port), '--host', platform.env.host]),
]
platform.onStop(async () => {
  for (const child of children) child.kill('SIGTERM')
})
console.log(`\n✔ Modo desarrollo: abre http://localhost:${platform.env.port}/ (administración en /admin). Ctrl-C para detener.\n`)

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
