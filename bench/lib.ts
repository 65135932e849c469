/** Shared by the benchmarks: a throw-away embedded PostgreSQL with the schema migrated, and stats. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { closePayload } from '../server/close-payload'
import { startDatabase } from '../server/database'
import { applyMigrations } from '../server/runtime'

export async function freshPlatform(): Promise<{ payload: Payload; dir: string; stop: () => Promise<void> }> {
  // The site build runs in production mode, which requires a real secret.
  process.env.PAYLOAD_SECRET ||= 'benchmark-secret-0123456789abcdef0123456789'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-bench-'))
  fs.chmodSync(dir, 0o755)
  const db = await startDatabase({ dir: path.join(dir, 'postgres'), log: () => {} })
  process.env.DATABASE_URL = db.url
  const { getPayload } = await import('payload')
  const config = (await import('../payload.config')).default
  const payload = await getPayload({ config, key: 'bench' })
  await applyMigrations(payload)
  return {
    payload,
    dir,
    stop: async () => {
      await closePayload(payload)
      await db.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** Peak resident memory (MiB) of the processes whose command line or environment contains `marker`, sampled every 100 ms. */
export function watchPeakMemory(marker: string): () => number {
  let peak = 0
  const timer = setInterval(() => {
    let total = 0
    for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const identity = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') + fs.readFileSync(`/proc/${pid}/environ`, 'utf8')
        if (!identity.includes(marker) || Number(pid) === process.pid) continue
        const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
        total += rss ? Number(rss[1]) : 0
      } catch {
        // gone
      }
    }
    peak = Math.max(peak, total)
  }, 100)
  return () => {
    clearInterval(timer)
    return Math.round(peak / 1024)
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
