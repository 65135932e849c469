import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import pg from 'pg'
import type { Migration, Payload } from 'payload'

import { isAlive } from './database'
import { ConfigError } from './env'

/** Pieces shared by `npm start` and `npm run dev`. */

export const step = (text: string) => console.log(`\n▸ ${text}`)
export const info = (text: string) => console.log(`  ${text}`)

/** Outside production a fresh clone has no secret: make one and keep it with the data. */
export function ensureLocalSecret(dataDir: string): void {
  if (process.env.PAYLOAD_SECRET) return
  const file = path.resolve(dataDir, 'payload-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  process.env.PAYLOAD_SECRET = fs.readFileSync(file, 'utf8').trim()
}

export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`El puerto ${port} ya está en uso. Cierra el programa que lo ocupa o elige otro: PORT=${port + 1} npm start`)
          : error.code === 'EACCES'
            ? new ConfigError(`No hay permiso para usar el puerto ${port}. Usa uno mayor a 1024, por ejemplo PORT=3000.`)
            : error,
      ),
    )
    probe.listen(port, host, () => probe.close(() => resolve()))
  })
}

/** One app per data folder: a second one would fight over the embedded database. */
export function acquireLock(dataDir: string): () => void {
  const file = path.resolve(dataDir, 'app.pid')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new ConfigError(`Viaje Joven ya está corriendo con la carpeta ${dataDir} (pid ${pid}). Deténlo antes o usa otra DATA_DIR.`)
    }
  }
  fs.writeFileSync(file, String(process.pid))
  return () => fs.rmSync(file, { force: true })
}

/** Runs the committed migrations (the generated list's types are looser than Payload's `Migration`). */
export async function applyMigrations(payload: Payload): Promise<void> {
  const { migrations } = await import('../migrations')
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
}

/** Applies committed migrations; an advisory lock keeps two instances from migrating at once. */
export async function migrate(payload: Payload, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock(727001)')
    await applyMigrations(payload)
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => {})
    await client.end()
  }
}

export function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`\n✖ ${error.message}`)
  } else {
    console.error('\n✖ Error inesperado al iniciar Viaje Joven:', error)
  }
  process.exit(1)
}

/**
 * Ctrl-C reaches PostgreSQL too (same process group), so pooled connections die while we close
 * them; those "terminating connection" errors (57P01) are expected then and not worth printing.
 */
export function silenceShutdownNoise(): void {
  const original = console.error
  console.error = (...args: unknown[]) => {
    if (args.some((arg) => (arg as { code?: string })?.code === '57P01')) return
    original(...args)
  }
}
