import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { closePayload } from '../../server/close-payload'
import { applyMigrations } from '../../server/runtime'
import { createTestDatabase } from '../helpers/payload'

describe('migrations', () => {
  let databaseUrl: string

  it('apply on an empty database and create every collection table', async () => {
    databaseUrl = await createTestDatabase(false)
    process.env.DATABASE_URL = databaseUrl
    const { getPayload } = await import('payload')
    const config = (await import('../../payload.config')).default
    const payload = await getPayload({ config, key: 'empty-db' })
    const { migrations } = await import('../../migrations')
    await applyMigrations(payload)

    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    )
    const { rows: applied } = await client.query<{ name: string }>('select name from payload_migrations')
    await client.end()
    await closePayload(payload)

    const tables = rows.map((row) => row.table_name)
    for (const collection of (await config).collections) {
      expect(tables, `table for ${collection.slug}`).toContain(collection.slug.replace(/-/g, '_'))
    }
    expect(applied.map((row) => row.name).sort()).toEqual(migrations.map((m) => m.name).sort())
  })
})
