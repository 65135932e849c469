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
const { ConfigError, assertSafeForProduction, readEnv } = await import('./env')
const { outboxLocation } = await import('../lib/email')
const publishing = await import('../publishing')

// Configuration mistakes come first: they say what to fix before anything else is looked at.
try {
  readEnv()
  if (wantsProduction) assertSafeForProduction()
} catch (error) {
  rt.fail(error)
}
// Production (`npm run serve`) serves what `npm run build` made, or refuses before touching the database.
const buildCheck = wantsProduction ? builds.productionBuildCheck() : {}
if (buildCheck.missing) rt.fail(new ConfigError(buildCheck.missing))
if (buildCheck.outdated) console.warn(buildCheck.outdated)

const platform = await boot({ wantsProduction })
const { env } = platform
try {
  // Next serves the prebuilt admin only in production mode; our own safety checks used `wantsProduction`.
  ;(process.env as Record<string, string>).NODE_ENV = 'production'
  if (!wantsProduction && !builds.adminBuildIsCurrent()) {
    rt.step('Compilando el panel de administración (la primera vez tarda cerca de un minuto) …')
    await builds.buildAdmin(rt.info)
  }
  const siteDir = publishing.siteRoot()
  if (!wantsProduction && !publishing.siteBuildIsCurrent(siteDir)) {
    rt.step('Construyendo el sitio público …')
    await publishing.publishSite(platform.payload, { log: rt.info, root: siteDir }).catch((error: Error) => {
      // With an earlier build in place the site stays up; staff can retry by publishing again.
      if (!publishing.currentSite(siteDir)) throw new ConfigError(`No se pudo construir el sitio público.\n${error.message}`)
      rt.info(`⚠ La construcción del sitio falló; se sigue sirviendo la anterior.\n${error.message}`)
    })
  }

  rt.step('Iniciando el servidor …')
  const { createAppServer } = await import('./http')
  process.env.INTERNAL_API_URL ??= `http://127.0.0.1:${env.port}`
  const app = await createAppServer({ siteDir, hostname: env.host, port: env.port, production: wantsProduction })
  platform.onStop(app.close)
  // Runs first on stop: in-flight requests finish before Next, the job runner and the pool close.
  platform.onStop(() => app.shutdown())
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject)
    app.server.listen(env.port, env.host, resolve)
  })
  const url = `http://localhost:${env.port}`
  console.log(`\n✔ Viaje Joven listo en ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(`  Sitio:          ${url}/`)
  console.log(`  Administración: ${url}/admin`)
  console.log(`  API:            ${url}/api`)
  const outbox = outboxLocation(env.email)
  console.log(outbox ? `  Correo saliente:  ${outbox} (un archivo .eml por mensaje)` : '  Correo saliente:  SMTP')
  console.log('  Ctrl-C para detener.\n')
} catch (error) {
  await platform.stop()
  rt.fail(error)
}
