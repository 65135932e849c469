import type { Payload } from 'payload'

import { rollupSettled } from '../lib/impact/rollup'

type PgPool = { end: () => Promise<void>; ended?: boolean; _clients?: Array<{ release?: () => void }> }

/**
 * `payload.destroy()` stops crons but leaves the PostgreSQL pool open, and the adapter's
 * connect() keeps one client checked out for good, so `pool.end()` alone would wait forever.
 * Hand every client back first, then end the pool.
 */
export async function closePayload(payload: Payload): Promise<void> {
  await payload.destroy()
  await rollupSettled()
  const pool = (payload.db as unknown as { pool?: PgPool }).pool
  if (!pool || pool.ended) return
  for (const client of pool._clients ?? []) {
    try {
      client.release?.()
    } catch {
      // already idle
    }
  }
  await pool.end()
}
