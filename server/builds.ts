import fs from 'node:fs'
import path from 'node:path'

import { runBuild } from '../lib/build-process'
import { sourceFingerprint } from '../lib/source-fingerprint'
import { currentSite, siteBuildIsCurrent, siteRoot } from '../publishing'
import { lockDir } from './dir-lock'
import { ROOT } from './project'

/**
 * The admin's build (Next, in cms/.next), and the check `npm run serve` makes before it starts.
 * The public site's builds belong to the publishing pipeline (publishing/).
 */

const ADMIN_STAMP = path.join(ROOT, 'cms/.next/viaje-fingerprint')
// lib/, features/, globals/ and publishing/ are compiled into the admin (endpoints, hooks, admin views such as
// /admin/impacto): without them a changed lib file kept serving the old admin and API.
const ADMIN_INPUTS = ['payload.config.ts', 'collections', 'globals', 'features', 'lib', 'publishing', 'cms', 'server/env.ts', 'package-lock.json']

/**
 * Production never builds on start (`npm run build` does, before the switch). A missing build is
 * refused (one Spanish line); a build from other code is only reported: a restart by systemd at
 * 2 a.m. after an unbuilt checkout should keep serving rather than take the admin and API down.
 */
export function productionBuildCheck(root = siteRoot()): { missing?: string; outdated?: string } {
  const fix = 'ejecuta `npm run build` (producción nunca compila al iniciar).'
  if (!fs.existsSync(path.join(ROOT, 'cms/.next/BUILD_ID'))) return { missing: `Falta la compilación del panel de administración: ${fix}` }
  if (!currentSite(root)) return { missing: `Falta la compilación del sitio público en ${root}: ${fix}` }
  const stale = [!adminBuildIsCurrent() && 'del panel de administración', !siteBuildIsCurrent(root) && 'del sitio público'].filter(Boolean)
  return stale.length ? { outdated: `⚠ La compilación ${stale.join(' y ')} es de otra versión del código: ${fix}` } : {}
}

export function adminBuildIsCurrent(): boolean {
  return readStamp(ADMIN_STAMP) === fingerprint(ADMIN_INPUTS)
}

/** Two processes sharing this checkout (parallel test runs) wait for one admin build instead of colliding in cms/.next. */
export async function buildAdmin(log: Log): Promise<void> {
  const release = await lockDir(path.join(ROOT, 'cms/.next-build.lock'), { timeoutMs: 15 * 60_000, what: 'compilación del panel' })
  try {
    if (adminBuildIsCurrent()) return
    const stamp = fingerprint(ADMIN_INPUTS)
    await runBuild(ROOT, ['node_modules/next/dist/bin/next', 'build', 'cms'], 'admin', log)
    fs.writeFileSync(ADMIN_STAMP, stamp)
  } finally {
    release()
  }
}

type Log = (line: string) => void


function readStamp(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

const fingerprint = (inputs: string[]) => sourceFingerprint(ROOT, inputs)
