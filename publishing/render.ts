/**
 * Rendering: `astro build` of the site into a new build folder, in a child process (the site's
 * pages are compiled and run there, never imported by the domain). An incremental build renders
 * only the pages its plan names and takes every other file from the live build.
 */
import fs from 'node:fs'
import path from 'node:path'

import { runBuild } from '../lib/build-process'
import { siteStaticDir, ROOT } from './folders'

export type Log = (line: string) => void

/** What an incremental build renders: per collection, the ids whose own pages changed. */
export type RenderOnly = Record<string, number[]>

/**
 * Where the site build finds its plan (site/lib/data.ts): a file beside the output folder, which
 * Astro empties when it starts.
 */
export const planFileFor = (outDir: string) => `${outDir}.plan.json`

export async function renderSite(outDir: string, log: Log, opts: { only?: RenderOnly; env?: Record<string, string> } = {}): Promise<void> {
  const planFile = planFileFor(outDir)
  if (opts.only) fs.writeFileSync(planFile, JSON.stringify({ only: opts.only }))
  try {
    await runBuild(ROOT, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], 'sitio', log, { ...opts.env, SITE_OUT_DIR: outDir })
  } finally {
    fs.rmSync(planFile, { force: true })
  }
}

/**
 * Hard-links every file of the earlier build that this build did not produce (a page Astro was
 * told to skip is unchanged by construction). The search index is always written afresh.
 */
export function reuseUnchanged(fromBuild: string, toBuild: string): number {
  const fromDir = siteStaticDir(fromBuild)
  const toDir = siteStaticDir(toBuild)
  let reused = 0
  for (const entry of fs.readdirSync(fromDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const from = path.join(entry.parentPath, entry.name)
    const relative = path.relative(fromDir, from)
    if (relative.startsWith(`pagefind${path.sep}`)) continue
    const to = path.join(toDir, relative)
    if (fs.existsSync(to)) continue
    fs.mkdirSync(path.dirname(to), { recursive: true })
    try {
      fs.linkSync(from, to)
    } catch {
      fs.copyFileSync(from, to)
    }
    reused++
  }
  return reused
}

