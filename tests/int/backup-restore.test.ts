/**
 * `npm run backup` then `npm run restore FILE` into an empty database and a new data folder, run
 * as the real commands: every table comes back row for row and every uploaded file byte for byte,
 * the dump inside is pg_dump's own custom format, and a missing or wrong pg_dump is named in Spanish.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed'
import { createTestDatabase, setupPayload, type TestContext } from '../helpers/payload'
import { applyForm, openCall, requiredFiles, validAnswers } from './applications-fixtures'
import { pdfBytes, useTemporaryDataDir } from './content/fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** Where each upload collection keeps its files under DATA_DIR/uploads. */
const UPLOAD_DIRS = { media: 'media', documents: 'documents', application_documents: 'application-documents' }

function run(command: 'backup' | 'restore', env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/backup-cli.ts', command, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** Each table's row count and a digest of its rows, as PostgreSQL prints them. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query(`select tablename from pg_tables where schemaname = current_schema()`)
    const prints: Record<string, string> = {}
    for (const { tablename } of tables) {
      const { rows } = await client.query(
        `select count(*) as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from "${tablename}" t`,
      )
      prints[tablename] = `${rows[0].n}:${rows[0].digest}`
    }
    return prints
  } finally {
    await client.end()
  }
}

/** Tables whose rows differ (empty when the two databases hold the same). */
const differing = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((table) => a[table] !== b[table]).map((table) => `${table} ${a[table]} ≠ ${b[table]}`)

function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  }
  return files
}

describe('backup and restore', () => {
  let ctx: TestContext
  let dataDir: string
  let archive: string
  /** The source database as the backup saw it. */
  let backedUp: Record<string, string>

  beforeAll(async () => {
    dataDir = useTemporaryDataDir()
    ctx = await setupPayload()
    // Content with images and PDFs, a youth enrolled, an application with its private documents.
    await seed(ctx.payload, { demo: true })
    const pdf = pdfBytes()
    await ctx.payload.create({ collection: 'documents', data: { title: 'Bases de la beca' }, file: { data: pdf, mimetype: 'application/pdf', name: 'bases.pdf', size: pdf.length } })
    const [youth] = await youths(ctx, 1)
    const course = await openCourse(ctx)
    expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: youth.token })).status).toBe(201)
    const call = await openCall(ctx)
    const form = applyForm({ answers: validAnswers(call), submit: true }, await requiredFiles(call))
    expect((await ctx.rest('POST', `/calls/${call.id}/apply`, { body: form, token: youth.token })).status).toBe(201)
  })
  afterAll(async () => {
    await ctx.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('npm run backup writes one archive under DATA_DIR/backups, reporting its progress', async () => {
    // Publishing queues site-rebuild jobs a moment later: back up once the database has settled.
    backedUp = await fingerprint(ctx.databaseUrl)
    for (let stable = 0; stable < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const now = await fingerprint(ctx.databaseUrl)
      stable = differing(now, backedUp).length ? 0 : stable + 1
      backedUp = now
    }
    const { status, output } = run('backup', { DATABASE_URL: ctx.databaseUrl, DATA_DIR: dataDir })
    expect(status, output).toBe(0)
    expect(output).toMatch(/\[\d+\/\d+\] enrollments: 1 filas/)
    expect(output).toMatch(/Archivos subidos: [1-9]\d* /)
    archive = output.match(/Respaldo listo: (\S+\.tar\.gz)/)![1]
    expect(path.dirname(archive)).toBe(path.join(dataDir, 'backups'))
    expect(fs.statSync(archive).mode & 0o077).toBe(0)
    expect(differing(await fingerprint(ctx.databaseUrl), backedUp), 'nothing changed while backing up').toEqual([])
  })

  it('the archive holds a pg_dump custom-format dump that pg_restore itself reads', () => {
    const unpacked = useTemporaryDataDir()
    try {
      execFileSync('tar', ['-xzf', archive, '-C', unpacked])
      const dump = path.join(unpacked, 'database.dump')
      expect(fs.readFileSync(dump).subarray(0, 5).toString('latin1')).toBe('PGDMP')
      const listing = execFileSync('/usr/lib/postgresql/15/bin/pg_restore', ['--list', dump], { encoding: 'utf8' })
      expect(listing).toMatch(/TABLE DATA public enrollments /)
      expect(listing).toMatch(/TABLE DATA public application_documents /)
      const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'))
      expect(manifest.format).toBe('viaje-joven-backup/2')
      expect(manifest.pgDump).toMatch(/^15\./)
      expect(manifest.tables.enrollments).toBe(1)
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true })
    }
  })

  it('npm run restore into an empty database brings back every row and every file', async () => {
    const emptyUrl = await createTestDatabase(false)
    const newDataDir = useTemporaryDataDir()
    try {
      const { status, output } = run('restore', { DATABASE_URL: emptyUrl, DATA_DIR: newDataDir }, archive)
      expect(status, output).toBe(0)

      const after = await fingerprint(emptyUrl)
      expect(differing(after, backedUp)).toEqual([])
      for (const table of ['media', 'documents', 'application_documents', 'applications', 'enrollments', 'youth', 'news', 'courses']) {
        expect(Number(after[table].split(':')[0]), table).toBeGreaterThan(0)
      }
      const files = filesOf(path.join(newDataDir, 'uploads'))
      expect(files).toEqual(filesOf(path.join(dataDir, 'uploads')))
      expect(Object.keys(files).some((file) => file.startsWith('application-documents'))).toBe(true)

      // Every document the restored database names is there, with the bytes the source had.
      const restored = new pg.Client({ connectionString: emptyUrl })
      await restored.connect()
      let named = 0
      for (const [table, dir] of Object.entries(UPLOAD_DIRS)) {
        const { rows } = await restored.query(`select filename from ${table} where filename is not null`)
        expect(rows.length, table).toBeGreaterThan(0)
        for (const { filename } of rows) {
          const file = path.join(dir, filename)
          expect(files[file], `${file} restored`).toBeDefined()
          expect(files[file], file).toBe(filesOf(path.join(dataDir, 'uploads'))[file])
          named++
        }
      }
      await restored.end()
      expect(named).toBeGreaterThan(3)

      // New rows get fresh ids: every sequence continues after the restored rows.
      const client = new pg.Client({ connectionString: emptyUrl })
      await client.connect()
      const { rows } = await client.query(`insert into pillars (name, slug, "order", updated_at, created_at)
        values ('Prueba', 'prueba', 99, now(), now()) returning id, (select max(id) from pillars where slug <> 'prueba') as before`)
      await client.end()
      expect(rows[0].id).toBeGreaterThan(rows[0].before)
    } finally {
      fs.rmSync(newDataDir, { recursive: true, force: true })
    }
  })

  it('refuses a database that holds data unless --force, which replaces it', async () => {
    const target = await createTestDatabase(true)
    const newDataDir = useTemporaryDataDir()
    try {
      const client = new pg.Client({ connectionString: target })
      await client.connect()
      await client.query(`insert into pillars (name, slug, "order", updated_at, created_at) values ('Existente', 'existente', 1, now(), now())`)
      await client.end()
      const refused = run('restore', { DATABASE_URL: target, DATA_DIR: newDataDir }, archive)
      expect(refused.status).toBe(1)
      expect(refused.output).toContain('La base de datos no está vacía')
      expect(refused.output).toContain('--force')
      expect((await fingerprint(target)).pillars.startsWith('1:')).toBe(true)

      const forced = run('restore', { DATABASE_URL: target, DATA_DIR: newDataDir }, archive, '--force')
      expect(forced.status, forced.output).toBe(0)
      expect(differing(await fingerprint(target), backedUp)).toEqual([])
    } finally {
      fs.rmSync(newDataDir, { recursive: true, force: true })
    }
  })

  it('refuses a file that is not a backup, or one of the old COPY format, in Spanish', async () => {
    const bogus = path.join(dataDir, 'no-es-respaldo.tar.gz')
    fs.writeFileSync(bogus, 'hola')
    const { status, output } = run('restore', { DATABASE_URL: await createTestDatabase(false), DATA_DIR: useTemporaryDataDir() }, bogus)
    expect(status).toBe(1)
    expect(output).toContain('no es un respaldo de Viaje Joven')

    const old = useTemporaryDataDir()
    fs.writeFileSync(path.join(old, 'manifest.json'), JSON.stringify({ format: 'viaje-joven-backup/1', migrations: [], tables: {} }))
    execFileSync('tar', ['-czf', path.join(old, 'viejo.tar.gz'), '-C', old, 'manifest.json'])
    const refused = run('restore', { DATABASE_URL: await createTestDatabase(false), DATA_DIR: useTemporaryDataDir() }, path.join(old, 'viejo.tar.gz'))
    expect(refused.status).toBe(1)
    expect(refused.output).toContain('es del formato anterior')
  })

  it('names the package to install when pg_dump or pg_restore is missing or of another major', async () => {
    const bin = useTemporaryDataDir()
    const missing = run('backup', { DATABASE_URL: ctx.databaseUrl, DATA_DIR: dataDir, PG_BIN_DIR: bin })
    expect(missing.status).toBe(1)
    expect(missing.output).toContain('Falta pg_dump de PostgreSQL 15')
    expect(missing.output).toContain('apt-get install -y postgresql-client-15')

    // A pg_dump of another major (what Debian 12 would have met with the PostgreSQL 18 this project used before).
    for (const tool of ['pg_dump', 'pg_restore']) {
      fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 13.4"\n`, { mode: 0o755 })
    }
    const wrong = run('backup', { DATABASE_URL: ctx.databaseUrl, DATA_DIR: dataDir, PG_BIN_DIR: bin })
    expect(wrong.status).toBe(1)
    expect(wrong.output).toContain(`${path.join(bin, 'pg_dump')} es de la versión 13.4`)
    expect(wrong.output).toContain('apt-get install -y postgresql-client-15')
    expect(wrong.output).not.toMatch(/\n\s+at /) // one Spanish line, no stack trace

    // pg_dump of the right major that fails half-way: its own error is shown and no archive is left behind.
    fs.writeFileSync(
      path.join(bin, 'pg_dump'),
      '#!/bin/sh\nif [ "$1" = --version ]; then echo "pg_dump (PostgreSQL) 15.18"; exit 0; fi\necho "pg_dump: error: disco lleno (simulado)" >&2\nexit 1\n',
      { mode: 0o755 },
    )
    const before = fs.readdirSync(path.join(dataDir, 'backups'))
    const failed = run('backup', { DATABASE_URL: ctx.databaseUrl, DATA_DIR: dataDir, PG_BIN_DIR: bin })
    expect(failed.status).toBe(1)
    expect(failed.output).toContain('pg_dump falló (código 1)')
    expect(failed.output).toContain('disco lleno (simulado)')
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual(before)

    const target = await createTestDatabase(false)
    const restoreWrong = run('restore', { DATABASE_URL: target, DATA_DIR: useTemporaryDataDir(), PG_BIN_DIR: bin }, archive)
    expect(restoreWrong.status).toBe(1)
    expect(restoreWrong.output).toContain('Falta pg_restore de PostgreSQL 15')
    expect(Object.keys(await fingerprint(target))).toEqual([]) // nothing touched
    fs.rmSync(bin, { recursive: true, force: true })
  })
})
