/**
 * `npm run payload -- <command>`: Payload's CLI (migrate:create, migrate:status, generate:importmap …)
 * with the database started for it, embedded unless DATABASE_URL is set.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { lockDir } from './dir-lock'
import { loadProjectEnv, ROOT } from './project'

loadProjectEnv()
const { readEnv } = await import('./env')
const { startDatabase } = await import('./database')
const rt = await import('./runtime')

try {
  const env = readEnv()
  const releaseLock = rt.acquireLock(env.dataDir)
  // Two migrate:create at once would both diff against the same snapshot: serialise them.
  const releaseMigrations = process.argv[2] === 'migrate:create' ? await lockDir(path.join(ROOT, 'migrations/.lock'), { timeoutMs: 120_000, what: 'migrate:create' }) : () => {}
  const db = await startDatabase({ url: env.databaseUrl, dir: path.join(env.dataDir, 'postgres'), log: console.log })
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/payload/bin.js'), ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: db.url, PAYLOAD_CONFIG_PATH: path.join(ROOT, 'payload.config.ts'), DISABLE_PAYLOAD_HMR: 'true' },
  })
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
  await db.stop()
  releaseMigrations()
  releaseLock()
  process.exit(code)
} catch (error) {
  rt.fail(error)
}
