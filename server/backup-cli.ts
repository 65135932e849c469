/**
 * `npm run backup` and `npm run restore -- FILE [--force]` (server/backup.ts does the work).
 * The database is DATABASE_URL, or the embedded one in DATA_DIR/postgres: used in place while the
 * app runs (backup only), started for the command otherwise.
 */
import fs from 'node:fs'
import path from 'node:path'

import { loadProjectEnv } from './project'

loadProjectEnv()
const { readEnv, ConfigError } = await import('./env')
const { startDatabase, isAlive } = await import('./database')
const { backup, restore, BackupRefused } = await import('./backup')
const rt = await import('./runtime')

const [command, ...args] = process.argv.slice(2)
const log = (line: string) => console.log(line)
// pg_dump/pg_restore of the server's major live in Debian's /usr/lib/postgresql/<major>/bin; PG_BIN_DIR points elsewhere.
const binDir = process.env.PG_BIN_DIR?.trim() || undefined

try {
  const env = readEnv()
  const db = await openDatabase(env.dataDir, env.databaseUrl, command === 'restore')
  try {
    if (command === 'backup') {
      await backup({ databaseUrl: db.url, dataDir: env.dataDir, binDir, log })
    } else if (command === 'restore') {
      const archive = args.find((arg) => !arg.startsWith('--'))
      if (!archive) throw new ConfigError('Indica el respaldo: npm run restore -- .data/backups/viaje-joven-….tar.gz [--force]')
      await restore({
        archive: path.resolve(archive),
        databaseUrl: db.url,
        dataDir: env.dataDir,
        force: args.includes('--force'),
        knownMigrations: (await import('../migrations')).migrations.map((m) => m.name),
        binDir,
        log,
      })
    } else {
      throw new ConfigError(`Orden desconocida "${command ?? ''}": usa backup o restore.`)
    }
  } finally {
    await db.stop()
  }
  process.exit(0)
} catch (error) {
  if (error instanceof BackupRefused) rt.fail(new ConfigError(error.message))
  rt.fail(error)
}

async function openDatabase(dataDir: string, url: string | undefined, restoring: boolean) {
  if (url) return startDatabase({ url, dir: '', log })
  const appPid = readPid(path.join(dataDir, 'app.pid'))
  if (appPid && isAlive(appPid)) {
    if (restoring) throw new ConfigError(`Viaje Joven está corriendo con ${dataDir} (pid ${appPid}): detenlo antes de restaurar.`)
    // Back up the running app's embedded server in place: its port is in postmaster.pid.
    const lines = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')
    const { password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres.json'), 'utf8'))
    return { url: `postgres://viaje:${encodeURIComponent(password)}@127.0.0.1:${lines[3].trim()}/viajejoven`, stop: async () => {} }
  }
  return startDatabase({ dir: path.join(dataDir, 'postgres'), log })
}

function readPid(file: string): number | undefined {
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) || undefined : undefined
}
