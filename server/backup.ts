/**
 * Backup and restore of everything a restore needs: every table of the database and the uploads
 * folder (DATA_DIR/uploads), in one .tar.gz.
 *
 * Why not pg_dump: the embedded server is PostgreSQL 18 and no pg_dump 18 can be installed from the
 * registries these machines reach (Debian 12 ships 15, which refuses a newer server). The schema
 * comes only from our committed migrations, so a backup is: the list of applied migrations, plus
 * each table's rows in PostgreSQL's own COPY text format (lossless for every column type), read in
 * one REPEATABLE READ snapshot like pg_dump does. A restore replays those migrations on an empty
 * database, then loads the rows parent tables first and resets the id sequences.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'

export const BACKUP_FORMAT = 'viaje-joven-backup/1'

export type Manifest = {
  format: string
  createdAt: string
  postgres: string
  migrations: string[]
  tables: Record<string, number>
  uploads: { files: number; bytes: number }
}

type Log = (line: string) => void

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

/** Writes `<backupsDir>/viaje-joven-<stamp>.tar.gz` and returns its path. */
export async function backup(opts: { databaseUrl: string; dataDir: string; log: Log }): Promise<string> {
  const { log } = opts
  const backupsDir = path.resolve(opts.dataDir, 'backups')
  fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 })
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-backup-'))
  const client = await connect(opts.databaseUrl)
  try {
    // One snapshot for every table: rows that reference each other stay consistent while the app runs.
    await client.query('begin isolation level repeatable read read only')
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgres: (await client.query('show server_version')).rows[0].server_version,
      migrations: await appliedMigrations(client),
      tables: {},
      uploads: { files: 0, bytes: 0 },
    }
    const tables = await tablesOf(client)
    log(`Base de datos: ${tables.length} tablas, ${manifest.migrations.length} migraciones aplicadas.`)
    fs.mkdirSync(path.join(staging, 'database'))
    for (const [i, table] of tables.entries()) {
      const file = path.join(staging, 'database', `${table}.copy`)
      await pipeline(client.query(copyTo(`copy ${quote(table)} to stdout`)), fs.createWriteStream(file))
      manifest.tables[table] = (await client.query(`select count(*)::int as n from ${quote(table)}`)).rows[0].n
      log(`  [${i + 1}/${tables.length}] ${table}: ${manifest.tables[table]} filas`)
    }
    await client.query('commit')

    const uploads = path.resolve(opts.dataDir, 'uploads')
    const hasUploads = fs.existsSync(uploads)
    if (hasUploads) manifest.uploads = folderSize(uploads)
    log(`Archivos subidos: ${manifest.uploads.files} (${megabytes(manifest.uploads.bytes)})`)
    if (process.env.S3_BUCKET) log('Aviso: con S3 los archivos están en el bucket; respáldalo aparte (versionado del bucket).')
    fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2))

    const stamp = manifest.createdAt.replace(/[:.]/g, '-')
    const archive = path.join(backupsDir, `viaje-joven-${stamp}.tar.gz`)
    log('Comprimiendo …')
    const parts = ['-C', staging, 'manifest.json', 'database', ...(hasUploads ? ['-C', path.resolve(opts.dataDir), 'uploads'] : [])]
    execFileSync('tar', ['-czf', `${archive}.partial`, ...parts])
    // Backups hold minors' personal data: readable by the owner only. The rename makes a half-written file impossible.
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

export class RestoreRefused extends Error {}

/**
 * Restores `archive` into the database at `databaseUrl` and the uploads into `dataDir`. Refuses a
 * database that holds any row, or an uploads folder with files, unless `force` (then both are wiped).
 * `migrate` applies the named migrations of this code (the caller owns the Payload instance).
 */
export async function restore(opts: {
  archive: string
  databaseUrl: string
  dataDir: string
  force: boolean
  migrate: (names: string[]) => Promise<void>
  log: Log
}): Promise<Manifest> {
  const { log } = opts
  if (!fs.existsSync(opts.archive)) throw new RestoreRefused(`No existe el archivo ${opts.archive}.`)
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-restore-'))
  try {
    log(`Descomprimiendo ${path.basename(opts.archive)} …`)
    try {
      execFileSync('tar', ['-xzf', opts.archive, '-C', staging], { stdio: 'pipe' })
    } catch {
      throw new RestoreRefused(`${opts.archive} no es un respaldo de Viaje Joven (no se pudo descomprimir).`)
    }
    const manifest = readManifest(staging, opts.archive)
    const uploads = path.resolve(opts.dataDir, 'uploads')
    await prepareTarget(opts.databaseUrl, uploads, opts.force, log)

    log(`Aplicando ${manifest.migrations.length} migraciones del respaldo …`)
    await opts.migrate(manifest.migrations)
    await loadRows(opts.databaseUrl, staging, manifest, log)

    if (fs.existsSync(path.join(staging, 'uploads'))) {
      fs.mkdirSync(uploads, { recursive: true })
      fs.cpSync(path.join(staging, 'uploads'), uploads, { recursive: true })
    }
    const restored = fs.existsSync(uploads) ? folderSize(uploads) : { files: 0, bytes: 0 }
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
  if (manifest?.format !== BACKUP_FORMAT) throw new RestoreRefused(`${archive} no es un respaldo de Viaje Joven (${BACKUP_FORMAT}).`)
  return manifest
}

async function prepareTarget(databaseUrl: string, uploads: string, force: boolean, log: Log): Promise<void> {
  const client = await connect(databaseUrl)
  try {
    const tables = await tablesOf(client)
    let rows = 0
    for (const table of tables) rows += (await client.query(`select count(*)::int as n from ${quote(table)}`)).rows[0].n
    const files = fs.existsSync(uploads) ? folderSize(uploads).files : 0
    if ((rows > 0 || files > 0) && !force) {
      throw new RestoreRefused(
        `La base de datos no está vacía (${tables.length} tablas, ${rows} filas) o ya hay ${files} archivos en ${uploads}. ` +
          'Restaura en una base vacía, o añade --force para BORRAR todo lo actual y reemplazarlo por el respaldo.',
      )
    }
    if (tables.length > 0) {
      log(force && rows > 0 ? 'Borrando la base actual (--force) …' : 'Quitando tablas vacías …')
      const schema = String((await client.query('select current_schema() as s')).rows[0].s)
      await client.query(`drop schema ${quote(schema)} cascade`)
      await client.query(`create schema ${quote(schema)}`)
    }
    if (files > 0) fs.rmSync(uploads, { recursive: true, force: true })
  } finally {
    await client.end()
  }
}

/** Replaces what the migrations inserted with the backup's rows, in one transaction. */
async function loadRows(databaseUrl: string, staging: string, manifest: Manifest, log: Log): Promise<void> {
  const client = await connect(databaseUrl)
  try {
    await client.query('begin')
    const tables = await tablesOf(client)
    const missing = Object.keys(manifest.tables).filter((table) => !tables.includes(table))
    if (missing.length) throw new RestoreRefused(`Las migraciones no crearon las tablas ${missing.join(', ')}: el respaldo no corresponde a esta versión.`)
    await client.query(`truncate ${tables.map(quote).join(', ')} restart identity cascade`)
    const order = await parentsFirst(client, Object.keys(manifest.tables))
    for (const [i, table] of order.entries()) {
      const file = path.join(staging, 'database', `${table}.copy`)
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`copy ${quote(table)} from stdin`)))
      log(`  [${i + 1}/${order.length}] ${table}: ${manifest.tables[table]} filas`)
    }
    await resetSequences(client)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    await client.end()
  }
}

/** Tables ordered so each one's foreign keys point at tables already loaded (a table may point at itself). */
async function parentsFirst(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = current_schema()`,
  )
  const unquote = (name: string) => name.replace(/^"|"$/g, '')
  const parents = new Map(tables.map((table) => [table, new Set<string>()]))
  for (const row of rows) {
    const child = unquote(row.child)
    const parent = unquote(row.parent)
    if (child !== parent) parents.get(child)?.add(parent)
  }
  const order: string[] = []
  const remaining = new Set(tables)
  while (remaining.size) {
    const ready = [...remaining].filter((table) => [...parents.get(table)!].every((p) => !remaining.has(p)))
    if (!ready.length) {
      // A cycle between tables: load the rest with foreign-key checks off (needs a superuser, as the embedded one is).
      await client.query('set local session_replication_role = replica')
      return [...order, ...remaining]
    }
    for (const table of ready) {
      order.push(table)
      remaining.delete(table)
    }
  }
  return order
}

async function resetSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query(
    `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
     from information_schema.columns where table_schema = current_schema()
     and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
  )
  for (const row of rows) {
    await client.query(
      `select setval($1, coalesce((select max(${quote(row.column_name)}) from ${quote(row.table_name)}), 0) + 1, false)`,
      [row.seq],
    )
  }
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
