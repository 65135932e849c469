import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { buildSite, currentSite, siteBuildIsCurrent, siteRoot } from '../../server/builds'
import { planBuild, snapshotContent, type BuildPlan, type ContentSnapshot } from './plan'

const SNAPSHOT_FILE = '.content.json'

/**
 * Builds the public site from the database and puts it live: incrementally when the previous
 * build came from the same code and only own-page documents changed, in full otherwise.
 */
export async function publishSite(
  payload: Payload,
  opts: { log?: (line: string) => void; full?: boolean; root?: string } = {},
): Promise<{ dir: string; plan: BuildPlan }> {
  const root = opts.root ?? siteRoot()
  const log = opts.log ?? (() => {})
  // Taken before the build reads anything: an edit made while it runs differs from it and rebuilds next time.
  const snapshot = await snapshotContent(payload)
  const previous = currentSite(root)
  const plan: BuildPlan =
    opts.full || !previous ? { mode: 'full', why: 'construcción completa' }
    : !siteBuildIsCurrent(root) ? { mode: 'full', why: 'el código del sitio cambió' }
    : planBuild(readSnapshot(previous), snapshot)
  log(`  [sitio] ${describePlan(plan)}`)
  const files = { [SNAPSHOT_FILE]: JSON.stringify(snapshot) }
  const dir = await buildSite(
    root,
    log,
    plan.mode === 'incremental' ? { env: { SITE_ONLY: JSON.stringify(plan.only) }, reuseFrom: previous, files } : { files },
  )
  return { dir, plan }
}

export function describePlan(plan: BuildPlan): string {
  if (plan.mode === 'full') return `completa (${plan.why})`
  const parts = Object.entries(plan.only).map(([collection, ids]) => `${ids.length} ${collection}`)
  return `parcial: ${parts.length ? parts.join(', ') : 'solo listados'}`
}

function readSnapshot(buildDir: string): ContentSnapshot | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(buildDir, SNAPSHOT_FILE), 'utf8'))
  } catch {
    return undefined
  }
}
