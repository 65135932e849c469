/**
 * Starts one throw-away embedded PostgreSQL for the whole run (never the developer's data),
 * migrates a template database once, and hands its address to the test files.
 * With TEST_DATABASE_URL (a throw-away server where that role may create databases, e.g. Debian's
 * PostgreSQL started by tests/with-debian-postgres.sh) the run uses that server instead.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { closePayload } from '../../server/close-payload'
import { startDatabase } from '../../server/database'
import { applyMigrations } from '../../server/runtime'
import { TEMPLATE_DB, withDatabase } from './database-url'

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL?.trim()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-test-'))
  fs.chmodSync(dir, 0o755)
  const db = external ? { url: external, stop: async () => {} } : await startDatabase({ dir: path.join(dir, 'postgres'), log: () => {} })
  const templateUrl = withDatabase(db.url, TEMPLATE_DB)
  await migrateTemplate(db.url, templateUrl)
  project.provide('databaseUrl', db.url)
  return async () => {
    await db.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function migrateTemplate(adminUrl: string, templateUrl: string) {
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  // An external server may still hold the template of an earlier run.
  await client.query(`drop database if exists ${TEMPLATE_DB}`)
  await client.query(`create database ${TEMPLATE_DB}`)
  await client.end()
  process.env.DATABASE_URL = templateUrl
  const { getPayload } = await import('payload')
  const config = (await import('../../payload.config')).default
  const payload = await getPayload({ config, key: 'template' })
  await applyMigrations(payload)
  await closePayload(payload)
  // Copies need the template idle: make sure no pooled connection lingers.
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [TEMPLATE_DB])
  await admin.end()
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}
