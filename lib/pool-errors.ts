import type { Payload } from 'payload'

type EventSource = { on: (event: 'error', listener: (error: Error) => void) => void }

/**
 * pg's pool emits `error` when PostgreSQL drops an idle connection (a restart, a failover, an admin
 * terminating it). With no listener Node exits the whole app. Log it instead: the pool throws the
 * client away and opens a new one for the next query, so the app recovers by itself once the
 * database is back (requests meanwhile get a 503, lib/api-errors.ts).
 */
export function survivePoolErrors(payload: Payload): void {
  const pool = (payload.db as { pool?: EventSource }).pool
  pool?.on('error', (error) => payload.logger.warn({ msg: 'PostgreSQL cerró una conexión inactiva del pool', code: (error as { code?: string }).code }))
}
