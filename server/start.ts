/**
 * `npm start`: database, migrations, seed, builds when missing or outdated, and one HTTP
 * server on one port for the admin, the REST API and the static site.
 */
import { loadProjectEnv } from './project'

loadProjectEnv()
const wantsProduction = process.env.NODE_ENV === 'production'
const started = Date.now()

const { boot } = await import('./boot')
const builds = await import('./builds')
const rt = await import('./runtime')

const platform = await boot({ wantsProduction })
const { env } = platform
try {
  // Next serves the prebuilt admin only in production mode; our own safety checks used `wantsProduction`.
  ;(process.env as Record<string, string>).NODE_ENV = 'production'
  if (!builds.adminBuildIsCurrent()) {
    rt.step('Compilando el panel de administración (la primera vez tarda cerca de un minuto) …')
    await builds.buildAdmin(rt.info)
  }
  if (!builds.siteBuildIsCurrent(env.dataDir)) {
    rt.step('Construyendo el sitio público …')
    await builds.buildSite(env.dataDir, rt.info)
  }

  rt.step('Iniciando el servidor …')
  const { createAppServer } = await import('./http')
  const app = await createAppServer({ dataDir: env.dataDir, hostname: env.host, port: env.port })
  platform.onStop(app.close)
  platform.onStop(() => new Promise((resolve) => app.server.close(resolve)))
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject)
    app.server.listen(env.port, env.host, resolve)
  })
  const url = `http://localhost:${env.port}`
  console.log(`\n✔ Viaje Joven listo en ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(`  Sitio:          ${url}/`)
  console.log(`  Administración: ${url}/admin`)
  console.log(`  API:            ${url}/api`)
  console.log(`  Correo de desarrollo: ${env.dataDir}/outbox (un archivo .eml por mensaje)`)
  console.log('  Ctrl-C para detener.\n')
} catch (error) {
  await platform.stop()
  rt.fail(error)
}
