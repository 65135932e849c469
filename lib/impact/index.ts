import type { Payload } from 'payload'

import { dayInMexicoCity, mexicoCityDateTime } from '../time'
import { impactReport } from './queries'
import { suppressReport } from './suppress'
import type { ImpactReport } from './tables'

export * from './tables'
export { suppressReport, suppressTable, MIN_CELL } from './suppress'

/** The first day anything can have happened on the platform: the default start of a report. */
export const PLATFORM_START = '2026-01-01'

const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Reports are kept for a few minutes per range: at León scale one takes seconds of database time
 * (220,000 steps), a dashboard is reloaded and filtered often, and figures minutes old are fine
 * for it. Concurrent requests for the same range share one computation.
 */
export const CACHE_MS = 5 * 60_000
const cache = new Map<string, { at: number; report: Promise<ImpactReport> }>()

/** The exact figures for a range of León calendar days (both included): staff only. */
export function staffImpact(payload: Payload, from: string, to: string, { fresh = false } = {}): Promise<ImpactReport> {
  const key = `${from}/${to}`
  const hit = cache.get(key)
  if (!fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.report
  const range = { from: mexicoCityDateTime(from, '00:00'), to: mexicoCityDateTime(nextDay(to), '00:00') }
  const report = impactReport(payload, range, to).then((figures) => ({ from, to, ...figures }))
  cache.set(key, { at: Date.now(), report })
  report.catch(() => cache.delete(key))
  return report
}

/**
 * What the public may see (open data, /datos-abiertos/): the whole history, small cells suppressed.
 * The only entry point the site build has to these numbers: it never receives the exact report.
 */
export async function publicImpact(payload: Payload, today: string = dayInMexicoCity()): Promise<ImpactReport> {
  return suppressReport(await staffImpact(payload, PLATFORM_START, today, { fresh: true }))
}
