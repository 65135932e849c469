/**
 * What `npm start` and `npm run dev` share: configuration checks, the database, migrations and
 * seed. Returns the running pieces and one `stop()` that closes them in reverse order.
 */
import path from 'node:path'

import type { Payload } from 'payload'

import { designateJobRunner } from '../lib/job-runner'
import { closePayload } from './close-payload'
import { startDatabase } from './database'
import { assertSafeForProduction, type Env, readEnv } from './env'
import * as rt from './runtime'

export type Platform = { env: Env; payload: Payload; stop: () => Promise<void>; onStop: (close: () => Promise<unknown>) => void }

export async function boot(opts: { wantsProduction: boolean; checkPort?: boolean }): Promise<Platform> {
  const closers: Array<() => Promise<unknown>> = []
  let releaseLock = () => {}
  const stop = async () => {
    rt.silenceShutdownNoise()
    for (const close of closers.reverse()) await close().catch(() => {})
    closers.length = 0
    releaseLock()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      rt.info(`${signal}: deteniendo Viaje Joven …`)
      await stop()
      process.exit(0)
    })
  }

  try {
    const env = readEnv()
    // https address, managed database: refused here, one line each, before anything starts.
    if (opts.wantsProduction) assertSafeForProduction()
    if (!opts.wantsProduction) rt.ensureLocalSecret(env.dataDir)
    if (opts.checkPort !== false) await rt.assertPortFree(env.port, env.host)
    releaseLock = rt.acquireLock(env.dataDir)

    rt.step(env.databaseUrl ? 'Conectando a PostgreSQL (DATABASE_URL) …' : 'Iniciando PostgreSQL integrado …')
    const db = await startDatabase({ url: env.databaseUrl, dir: path.join(env.dataDir, 'postgres'), log: rt.info })
    closers.push(db.stop)
    process.env.DATABASE_URL = db.url

    const { getPayload } = await import('payload')
    const config = (await import('../payload.config')).default
    const payload = await getPayload({ config, key: 'launcher', cron: true })
    closers.push(() => closePayload(payload))
    // This instance, and no other in the process, runs queued jobs; /api/health watches its crons.
    designateJobRunner(payload)

    rt.step('Aplicando migraciones …')
    await rt.migrate(payload, db.url)

    rt.step('Datos iniciales …')
    const { seed } = await import('../seed')
    const demo = !opts.wantsProduction || process.env.SEED_DEMO === '1'
    const report = await seed(payload, { adminEmail: env.adminEmail, adminPassword: env.adminPassword, demo })
    rt.info(report.pillarsCreated ? `${report.pillarsCreated} pilares creados.` : 'Los pilares ya existen.')
    if (report.admin) {
      rt.info(`Primera cuenta de administración: ${report.admin.email}`)
      if (report.admin.password) rt.info(`Contraseña generada (se muestra solo esta vez): ${report.admin.password}`)
    }
    return { env, payload, stop, onStop: (close) => closers.push(close) }
  } catch (error) {
    await stop()
    rt.fail(error)
  }
}
