/**
 * `npm run payload -- <command>`: Payload's CLI (migrate:create, migrate:status, generate:importmap …)
 * with the database started for it, embedded unless DATABASE_URL is set.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { startDatabase } from './database'
import { loadProjectEnv, ROOT } from './project'

loadProjectEnv()
const { readEnv } = await import('./env')
const env = readEnv()
const db = await startDatabase({ url: env.databaseUrl, dir: path.join(env.dataDir, 'postgres'), log: console.log })
const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/payload/bin.js'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.url, PAYLOAD_CONFIG_PATH: path.join(ROOT, 'payload.config.ts'), DISABLE_PAYLOAD_HMR: 'true' },
})
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await db.stop()
process.exit(code)
