import fs from 'node:fs'

import { afterAll, describe, expect, it } from 'vitest'

import { type AppProcess, startApp, stopApp, tempDataDir, tempSiteDir } from '../helpers/app-process'

/** The structured log lines (lib/log.ts) at level error or above, and anything that looks like an uncaught error. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.startsWith('{')) {
      try {
        const level = (JSON.parse(line) as { level?: unknown }).level
        return level === 'error' || level === 'fatal' || (typeof level === 'number' && level >= 50)
      } catch {
        // not a log line
      }
    }
    return /\b(TypeError|ReferenceError|Unhandled|uncaught)\b|Error in job queue/i.test(line)
  })
}

describe('npm start on an empty data folder', () => {
  const dataDir = tempDataDir()
  const siteDir = tempSiteDir()
  let app: AppProcess | undefined
  afterAll(async () => {
    if (app && app.child.exitCode === null) await stopApp(app, 'SIGTERM')
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('logs no error in its first minute (migrations, seed, first site build, the job crons ticking)', async () => {
    const started = Date.now()
    app = await startApp({ dataDir, siteDir })
    // At least one full minute from the first line, so every cron (the per-minute one too) has ticked.
    await new Promise((resolve) => setTimeout(resolve, Math.max(5_000, started + 62_000 - Date.now())))
    expect(app.child.exitCode, 'still running').toBeNull()
    expect(errorLines(app.output())).toEqual([])
    // A fresh folder builds the whole site first: minutes on a busy machine.
  }, 900_000)
})
