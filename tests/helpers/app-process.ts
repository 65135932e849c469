/**
 * Runs the real `npm start` entry point (server/start.ts) as a child process, as a person would,
 * with its own data folder and port, and waits for it to say it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../server/database'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type AppProcess = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-app-'))
  fs.chmodSync(dir, 0o755) // the embedded PostgreSQL runs as the postgres user and must reach it
  return dir
}

/** How `npm start` and `npm run serve` run the app: tsx as a loader inside the one process, no CLI relaying signals. */
export const SERVE_ARGS = ['--import', 'tsx', 'server/start.ts']

export async function startApp(opts: {
  dataDir: string
  siteDir?: string
  port?: number
  env?: Record<string, string>
  /** Node arguments; by default those of `npm start`. */
  nodeArgs?: string[]
  /** The line that says the app is up; by default `npm start`'s. */
  readyLine?: string
}): Promise<AppProcess> {
  const port = opts.port ?? (await freePort())
  // The test run's own database, secret and mode must not leak into the app under test.
  const env = {
    ...process.env,
    DATABASE_URL: '',
    NODE_ENV: '',
    PAYLOAD_SECRET: '',
    DATA_DIR: opts.dataDir,
    SITE_DIR: opts.siteDir ?? tempSiteDir(),
    PORT: String(port),
    ...opts.env,
  } as unknown as NodeJS.ProcessEnv
  const child = spawn(process.execPath, opts.nodeArgs ?? SERVE_ARGS, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (log.includes(opts.readyLine ?? 'Viaje Joven listo')) {
          clearInterval(timer)
          resolve(true)
        }
      }, 200)
      void exited.then(() => clearInterval(timer))
    }),
    exited.then(() => false),
  ])
  if (!ready) throw new Error(`The app did not start (exit code ${child.exitCode}):\n${log.slice(-3000)}`)
  return { child, url: `http://localhost:${port}`, output: () => log, exited }
}

export async function stopApp(app: AppProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  app.child.kill(signal)
  return app.exited
}

/** PostgreSQL servers whose data folder is inside `dir` (to prove none is left behind). */
export function postgresProcessesFor(dir: string): number[] {
  const pids: number[] = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (cmd[0]?.endsWith('/postgres') && cmd.some((arg) => arg.startsWith(dir))) pids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return pids
}

/** A site-build folder for one test: inside the project (builds import its node_modules), git-ignored. */
export function tempSiteDir(): string {
  const base = path.join(ROOT, 'dist', 'test-sites')
  fs.mkdirSync(base, { recursive: true })
  return fs.mkdtempSync(path.join(base, 'site-'))
}
