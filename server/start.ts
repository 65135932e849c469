/**
 * `npm start`: database, migrations, seed, builds when missing or outdated, and one HTTP
 * server on one port for the admin, the REST API and the static site.
 */
import path from 'node:path'

import { loadProjectEnv } from './project'

loadProjectEnv()
const wantsProduction = process.env.NODE_ENV === 'production'

const { readEnv } = await import('./env')
const { startDatabase } = await import('./database')
const builds = await import('./builds')
const rt = await import('./runtime')
const { closePayload } = await import('./close-payload')

const started = Date.now()
let closers: Array<() => Promise<unknown>> = []
let releaseLock = () => {}
const stopAll = async () => {
  rt.silenceShutdownNoise()
  for (const close of closers) await close().catch(() => {})
  releaseLock()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    rt.info(`${signal}: deteniendo Viaje Joven …`)
    await stopAll()
    process.exit(0)
  })
}

try {
  const env = readEnv()
  if (!wantsProduction) rt.ensureLocalSecret(env.dataDir)
  await rt.assertPortFree(env.port, env.host)
  releaseLock = rt.acquireLock(env.dataDir)

  rt.step(env.databaseUrl ? 'Conectando a PostgreSQL (DATABASE_URL) …' : 'Iniciando PostgreSQL integrado …')
  const db = await startDatabase({ url: env.databaseUrl, dir: path.join(env.dataDir, 'postgres'), log: rt.info })
  process.env.DATABASE_URL = db.url
  // Next serves the prebuilt admin only in production mode; our own safety checks read `wantsProduction`.
  ;(process.env as Record<string, string>).NODE_ENV = 'production'

  closers = [db.stop]

  const { getPayload } = await import('payload')
  const config = (await import('../payload.config')).default
  const payload = await getPayload({ config, key: 'launcher', cron: true })
  closers = [() => closePayload(payload), ...closers]

  rt.step('Aplicando migraciones …')
  await rt.migrate(payload, db.url)

  rt.step('Datos iniciales …')
  const { seed } = await import('../seed')
  const report = await seed(payload, { adminEmail: env.adminEmail, adminPassword: env.adminPassword })
  rt.info(report.pillarsCreated ? `${report.pillarsCreated} pilares creados.` : 'Ya existen; nada que sembrar.')
  if (report.admin) {
    rt.info(`Primera cuenta de administración: ${report.admin.email}`)
    if (report.admin.password) rt.info(`Contraseña generada (se muestra solo esta vez): ${report.admin.password}`)
  }

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
  closers = [() => new Promise((resolve) => app.server.close(resolve)), app.close, ...closers]
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject)
    app.server.listen(env.port, env.host, resolve)
  })
  const url = `http://localhost:${env.port}`
  console.log(`\n✔ Viaje Joven listo en ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(`  Sitio:          ${url}/`)
  console.log(`  Administración: ${url}/admin`)
  console.log(`  API:            ${url}/api`)
  console.log('  Ctrl-C para detener.\n')
} catch (error) {
  await stopAll()
  rt.fail(error)
}
