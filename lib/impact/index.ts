import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { SENSITIVE_PILLARS } from '../journey/types'

import { dayInMexicoCity, mexicoCityDateTime } from '../time'
import { impactReport } from './queries'
import { ensureRollup } from './rollup'
import { protectSensitivePillars, suppressReport } from './suppress'
import type { ImpactReport } from './tables'

export * from './tables'
export { protectSensitivePillars, suppressReport, suppressTable, MIN_CELL } from './suppress'

/** The first day anything can have happened on the platform: the default start of a report. */
export const PLATFORM_START = '2026-01-01'

const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** The exact figures for a range of León calendar days (both included), before any suppression. */
export async function exactImpact(payload: Payload, from: string, to: string, { exact = false } = {}): Promise<ImpactReport> {
  const asOf = await ensureRollup(payload, { exact })
  const range = { from: mexicoCityDateTime(from, '00:00'), to: mexicoCityDateTime(nextDay(to), '00:00'), fromDay: from, toDay: to }
  return { from, to, asOf: asOf.toISOString(), ...(await impactReport(payload, range)) }
}

/** The ids (as the pillar rows' keys) of the pillars whose activity is sensitive. */
async function sensitivePillarKeys(payload: Payload): Promise<Set<string>> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle as unknown as { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: { id: unknown }[] }> }
  const slugs = sql.join(SENSITIVE_PILLARS.map((slug) => sql`${slug}`), sql`, `)
  const { rows } = await db.execute(sql`SELECT id FROM pillars WHERE slug IN (${slugs})`)
  return new Set(rows.map((r) => String(r.id)))
}

/**
 * The figures for staff (dashboard, GET /api/impact): exact, except the sensitive pillars' small
 * cells (see protectSensitivePillars). Read from the rollup (rollup.ts), which is rebuilt when
 * something that counts was written; `asOf` says when it was built. `exact` waits for a rebuild
 * if anything changed since; the dashboard may show figures up to STALE_MS old while a newer
 * rollup is built in the background.
 */
export async function staffImpact(payload: Payload, from: string, to: string, { exact = false } = {}): Promise<ImpactReport> {
  const [report, sensitive] = await Promise.all([exactImpact(payload, from, to, { exact }), sensitivePillarKeys(payload)])
  return protectSensitivePillars(report, sensitive)
}

/**
 * What the public may see (open data, /datos-abiertos/): the whole history, small cells suppressed.
 * The only entry point the site build has to these numbers: it never receives the exact report.
 */
export async function publicImpact(payload: Payload, today: string = dayInMexicoCity()): Promise<ImpactReport> {
  return suppressReport(await exactImpact(payload, PLATFORM_START, today, { exact: true }))
}
