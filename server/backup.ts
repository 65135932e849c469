/**
 * Backup and restore of everything a restore needs, in one .tar.gz: `database.dump` (pg_dump's custom
 * format, restorable by hand with pg_restore), the uploads folder (DATA_DIR/uploads) and `manifest.json`
 * (versions, applied migrations, each table's row count, checked again after a restore).
 *
 * pg_dump and pg_restore must be of the server's major (Debian: postgresql-client-<major>); the
 * embedded server is PostgreSQL 15 so that Debian 12's client can back it up.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

import pg from 'pg'

export const BACKUP_FORMAT = 'viaje-joven-backup/2'
const DUMP = 'database.dump'

export type Manifest = {
  format: string
  createdAt: string
  postgres: string
  pgDump: string
  migrations: string[]
  tables: Record<string, number>
  uploads: { files: number; bytes: number }
}

type Log = (line: string) => void

/** Every refusal the person can act on (wrong file, missing pg_dump, non-empty target): printed as one Spanish line. */
export class BackupRefused extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

async function tablesOf(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query(`select tablename from pg_tables where schemaname = current_schema() order by tablename`)
  return rows.map((row) => String(row.tablename))
}

async function serverMajor(client: pg.Client): Promise<number> {
  return Math.floor(Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10000)
}

/**
 * The pg_dump or pg_restore of `major`: PG_BIN_DIR if given, else Debian's /usr/lib/postgresql/<major>/bin,
 * else the one on PATH. Another major is refused: an older one cannot read the server, a newer one
 * writes dumps an older server cannot load.
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number, binDir?: string): { file: string; version: string } {
  const candidates = binDir ? [path.join(binDir, tool)] : [`/usr/lib/postgresql/${major}/bin/${tool}`, tool]
  const found: string[] = []
  for (const file of candidates) {
    let version: string
    try {
      version = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      continue
    }
    const number = version.match(/(\d+)(?:\.\d+)?/)?.[0] ?? '?'
    if (Number(number.split('.')[0]) === major) return { file, version: number }
    found.push(`${file} es de la versión ${number}`)
  }
  throw new BackupRefused(
    `Falta ${tool} de PostgreSQL ${major}, la versión del servidor${found.length ? ` (${found.join('; ')})` : ''}. ` +
      `Instálalo con: apt-get install -y postgresql-client-${major}` +
      `${binDir ? ` o corrige PG_BIN_DIR (${binDir})` : ' (o apunta PG_BIN_DIR a la carpeta donde esté)'}.`,
  )
}

/** Runs pg_dump/pg_restore with the password in the environment (never on a command line `ps` shows), turning its --verbose lines into progress. */
async function runPgTool(file: string, args: string[], databaseUrl: string, onLine: (line: string) => void): Promise<void> {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  const child = spawn(file, [...args, '--verbose', `--dbname=${url.toString()}`], {
    env: { ...process.env, PGPASSWORD: password, LC_ALL: 'C.UTF-8' },
    stdio: ['ignore', 'inherit', 'pipe'],
  })
  const output: string[] = []
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    output.push(line)
    onLine(line)
  })
  const code: number = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c) => resolve(c ?? 1))
  })
  if (code !== 0) {
    const errors = output.filter((line) => /error|FATAL|DETAIL|HINT/.test(line))
    throw new BackupRefused(`${path.basename(file)} falló (código ${code}):\n${(errors.length ? errors : output).slice(-8).join('\n')}`)
  }
}

/** `pg_dump: dumping contents of table "public.x"` / `pg_restore: processing data for table "public.x"` → x */
const tableOfLine = (line: string) => line.match(/(?:dumping contents of|processing data for) table "(?:[^"]+\.)?([^"]+)"/)?.[1]

/** Writes `<backupsDir>/viaje-joven-<stamp>.tar.gz` and returns its path. */
export async function backup(opts: { databaseUrl: string; dataDir: string; binDir?: string; log: Log }): Promise<string> {
  const { log } = opts
  const client = await connect(opts.databaseUrl)
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-backup-'))
  try {
    const pgDump = findPgTool('pg_dump', await serverMajor(client), opts.binDir)
    // One snapshot shared with pg_dump: the counts in the manifest are those of the dumped rows, even while the app writes.
    await client.query('begin isolation level repeatable read read only')
    const snapshot = String((await client.query('select pg_export_snapshot() as s')).rows[0].s)
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgres: (await client.query('show server_version')).rows[0].server_version,
      pgDump: pgDump.version,
      migrations: await appliedMigrations(client),
      tables: {},
      uploads: { files: 0, bytes: 0 },
    }
    const tables = await tablesOf(client)
    for (const table of tables) manifest.tables[table] = (await client.query(`select count(*)::int as n from ${quote(table)}`)).rows[0].n
    log(`Base de datos (PostgreSQL ${manifest.postgres}): ${tables.length} tablas, ${manifest.migrations.length} migraciones aplicadas; pg_dump ${pgDump.version} (${pgDump.file}).`)
    let done = 0
    await runPgTool(pgDump.file, ['--format=custom', `--snapshot=${snapshot}`, `--file=${path.join(staging, DUMP)}`], opts.databaseUrl, (line) => {
      const table = tableOfLine(line)
      if (table) log(`  [${++done}/${tables.length}] ${table}: ${manifest.tables[table] ?? '?'} filas`)
    })
    await client.query('commit')

    const uploads = path.resolve(opts.dataDir, 'uploads')
    const hasUploads = fs.existsSync(uploads)
    if (hasUploads) manifest.uploads = folderSize(uploads)
    log(`Archivos subidos: ${manifest.uploads.files} (${megabytes(manifest.uploads.bytes)})`)
    if (process.env.S3_BUCKET) log('Aviso: con S3 los archivos están en el bucket; respáldalo aparte (versionado del bucket).')
    fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2))

    const backupsDir = path.resolve(opts.dataDir, 'backups')
    fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 })
    const stamp = manifest.createdAt.replace(/[:.]/g, '-')
    const archive = path.join(backupsDir, `viaje-joven-${stamp}.tar.gz`)
    log('Comprimiendo …')
    const parts = ['-C', staging, 'manifest.json', DUMP, ...(hasUploads ? ['-C', path.resolve(opts.dataDir), 'uploads'] : [])]
    // Backups hold minors' personal data: readable by the owner only, from the first byte. The rename makes a half-written file impossible.
    fs.writeFileSync(`${archive}.partial`, '', { mode: 0o600 })
    execFileSync('tar', ['-czf', `${archive}.partial`, ...parts])
    fs.chmodSync(`${archive}.partial`, 0o600)
    fs.renameSync(`${archive}.partial`, archive)
    log(`✔ Respaldo listo: ${archive} (${megabytes(fs.statSync(archive).size)})`)
    return archive
  } finally {
    await client.end().catch(() => {})
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  if (!(await client.query(`select to_regclass('payload_migrations') as t`)).rows[0].t) return []
  const { rows } = await client.query(`select name from payload_migrations where batch > 0 order by id`)
  return rows.map((row) => String(row.name))
}

/**
 * Restores `archive` into the database at `databaseUrl` and the uploads into `dataDir`. Refuses a
 * database that holds any row, or an uploads folder with files, unless `force` (then both are wiped).
 * `knownMigrations` are this code's: a backup made by newer code is refused.
 */
export async function restore(opts: {
  archive: string
  databaseUrl: string
  dataDir: string
  force: boolean
  knownMigrations: string[]
  binDir?: string
  log: Log
}): Promise<Manifest> {
  const { log } = opts
  if (!fs.existsSync(opts.archive)) throw new BackupRefused(`No existe el archivo ${opts.archive}.`)
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-restore-'))
  try {
    log(`Descomprimiendo ${path.basename(opts.archive)} …`)
    try {
      execFileSync('tar', ['-xzf', opts.archive, '-C', staging], { stdio: 'pipe' })
    } catch {
      throw new BackupRefused(`${opts.archive} no es un respaldo de Viaje Joven (no se pudo descomprimir).`)
    }
    const manifest = readManifest(staging, opts.archive)
    const unknown = manifest.migrations.filter((name) => !opts.knownMigrations.includes(name))
    if (unknown.length) {
      throw new BackupRefused(`El respaldo viene de una versión más nueva (migraciones ${unknown.join(', ')}): actualiza el código antes de restaurar.`)
    }
    const uploads = path.resolve(opts.dataDir, 'uploads')
    const client = await connect(opts.databaseUrl)
    try {
      const pgRestore = findPgTool('pg_restore', await serverMajor(client), opts.binDir)
      await prepareTarget(client, uploads, opts.force, log)
      log(`Restaurando la base (respaldo de PostgreSQL ${manifest.postgres}) con pg_restore ${pgRestore.version} …`)
      const tables = Object.keys(manifest.tables)
      let done = 0
      // One transaction: a failed restore leaves the (empty) database as it was.
      await runPgTool(pgRestore.file, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', path.join(staging, DUMP)], opts.databaseUrl, (line) => {
        const table = tableOfLine(line)
        if (table) log(`  [${++done}/${tables.length}] ${table}: ${manifest.tables[table] ?? '?'} filas`)
      })
      await checkCounts(client, manifest)
    } finally {
      await client.end().catch(() => {})
    }

    if (fs.existsSync(path.join(staging, 'uploads'))) {
      fs.mkdirSync(uploads, { recursive: true })
      fs.cpSync(path.join(staging, 'uploads'), uploads, { recursive: true })
    }
    const restored = fs.existsSync(uploads) ? folderSize(uploads) : { files: 0, bytes: 0 }
    if (restored.files !== manifest.uploads.files) {
      throw new Error(`Se restauraron ${restored.files} archivos subidos, pero el respaldo tiene ${manifest.uploads.files}.`)
    }
    log(`Archivos subidos restaurados: ${restored.files} (${megabytes(restored.bytes)})`)
    log(`✔ Restauración completa (respaldo del ${manifest.createdAt}).`)
    return manifest
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

function readManifest(staging: string, archive: string): Manifest {
  const file = path.join(staging, 'manifest.json')
  const manifest = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : undefined
  if (manifest?.format === 'viaje-joven-backup/1') {
    throw new BackupRefused(`${archive} es del formato anterior (tablas en COPY, de PostgreSQL 18): restáuralo con la versión del código que lo hizo.`)
  }
  if (manifest?.format !== BACKUP_FORMAT || !fs.existsSync(path.join(staging, DUMP))) {
    throw new BackupRefused(`${archive} no es un respaldo de Viaje Joven (${BACKUP_FORMAT}).`)
  }
  return manifest
}

async function prepareTarget(client: pg.Client, uploads: string, force: boolean, log: Log): Promise<void> {
  const tables = await tablesOf(client)
  let rows = 0
  for (const table of tables) rows += (await client.query(`select count(*)::int as n from ${quote(table)}`)).rows[0].n
  const files = fs.existsSync(uploads) ? folderSize(uploads).files : 0
  if ((rows > 0 || files > 0) && !force) {
    throw new BackupRefused(
      `La base de datos no está vacía (${tables.length} tablas, ${rows} filas) o ya hay ${files} archivos en ${uploads}. ` +
        'Restaura en una base vacía, o añade --force para BORRAR todo lo actual y reemplazarlo por el respaldo.',
    )
  }
  // The dump recreates every table, type and sequence: start from an empty schema (even empty tables would clash).
  const { rows: objects } = await client.query(`select count(*)::int as n from pg_class where relnamespace = (select oid from pg_namespace where nspname = current_schema())`)
  if (objects[0].n > 0) {
    log(force && rows > 0 ? 'Borrando la base actual (--force) …' : 'Quitando tablas vacías …')
    const schema = String((await client.query('select current_schema() as s')).rows[0].s)
    await client.query(`drop schema ${quote(schema)} cascade`)
    await client.query(`create schema ${quote(schema)}`)
  }
  if (files > 0) fs.rmSync(uploads, { recursive: true, force: true })
}

/** The restored database must hold exactly the rows the backup counted in its snapshot. */
async function checkCounts(client: pg.Client, manifest: Manifest): Promise<void> {
  const wrong: string[] = []
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const found = (await client.query(`select count(*)::int as n from ${quote(table)}`)).rows[0].n
    if (found !== expected) wrong.push(`${table}: ${found} de ${expected}`)
  }
  if (wrong.length) throw new Error(`La restauración no trajo todas las filas: ${wrong.join(', ')}`)
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    files++
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size
  }
  return { files, bytes }
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`
