/**
 * One publish, start to finish: decide what to render (plan.ts), render it into a new folder
 * (render.ts), index it for search (search-index.ts), switch it live and prune (folders.ts).
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { currentSite, goLive, keepServerCode, newBuildFolder, readText, siteBuildIsCurrent, siteRoot, siteSourceStamp, siteStaticDir } from './folders'
import { planBuild, snapshotContent, type BuildPlan } from './plan'
import { canRenderWarm, renderSite, renderWarm, reuseUnchanged, type Log, type RenderOnly } from './render'

const SNAPSHOT_FILE = '.content.json'

export type SiteBuildOptions = {
  /** Extra environment for the render (tests use it to make a build fail). */
  env?: Record<string, string>
  /** Render only these own pages and take every other file from `reuseFrom`. */
  only?: RenderOnly
  /** An earlier build whose files fill in every page this build did not render. */
  reuseFrom?: string
  /** Files written into the build folder (outside what is served) before it goes live. */
  files?: Record<string, string>
}

/**
 * Builds the site into a new folder and only then points `current` at it, so a failed build
 * leaves the live site untouched. Returns the new folder.
 *
 * An incremental build rendered by the warm renderer goes live in two steps: first its pages, with
 * the previous search index carried over; then, a moment later, the same pages with their new
 * search index (a second folder of hard links). Visitors get the new page without waiting for
 * Pagefind, which reads every page; the search index (cached an hour by browsers anyway) follows.
 */
export async function buildSite(root: string, log: Log, opts: SiteBuildOptions = {}): Promise<string> {
  const stamp = siteSourceStamp()
  const outDir = newBuildFolder(root)
  const warm = Boolean(opts.only && opts.reuseFrom && canRenderWarm(opts.env))
  try {
    let started = Date.now()
    if (warm) {
      fs.mkdirSync(path.join(outDir, 'client'), { recursive: true })
      const files = await renderWarm(outDir, opts.only!, opts.reuseFrom)
      log(`  [sitio] renderizador en marcha: ${files} archivos, ${seconds(started)}`)
    } else {
      await renderSite(outDir, log, { only: opts.only, env: opts.env })
      log(`  [sitio] astro build: ${seconds(started)}`)
    }
    keepServerCode(root, outDir, stamp)
    if (opts.reuseFrom) {
      started = Date.now()
      const reused = reuseUnchanged(opts.reuseFrom, outDir, { searchIndex: warm })
      log(`  [sitio] ${reused} archivos sin cambios tomados de la construcción anterior: ${seconds(started)}`)
    }
    writeFiles(outDir, opts.files)
    if (!warm) await indexForSearch(outDir, log)
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true })
    throw error
  }
  await goLive(root, outDir, stamp)
  if (!warm) return outDir

  log(`  [sitio] páginas en línea; sigue el índice de búsqueda`)
  const indexed = newBuildFolder(root)
  try {
    fs.mkdirSync(path.join(indexed, path.relative(outDir, siteStaticDir(outDir))), { recursive: true })
    reuseUnchanged(outDir, indexed)
    for (const name of fs.readdirSync(outDir)) {
      if (name !== 'client' && fs.statSync(path.join(outDir, name)).isFile()) fs.copyFileSync(path.join(outDir, name), path.join(indexed, name))
    }
    await indexForSearch(indexed, log)
  } catch (error) {
    fs.rmSync(indexed, { recursive: true, force: true })
    throw error
  }
  await goLive(root, indexed, stamp)
  return indexed
}

async function indexForSearch(outDir: string, log: Log) {
  const started = Date.now()
  // Loaded here, not at the top: only the process that builds needs pagefind's binary.
  const { buildSearchIndex } = await import('./search-index')
  const { pages } = await buildSearchIndex(siteStaticDir(outDir))
  log(`  [sitio] índice de búsqueda: ${pages} páginas, ${seconds(started)}`)
}

function writeFiles(outDir: string, files: Record<string, string> = {}) {
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), content)
}

/**
 * Builds the public site from the database and puts it live: incrementally when the previous
 * build came from the same code and only own-page documents changed, in full otherwise.
 */
export async function publishSite(
  payload: Payload,
  opts: { log?: Log; full?: boolean; root?: string } = {},
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
  const dir = await buildSite(root, log, plan.mode === 'incremental' ? { only: plan.only, reuseFrom: previous, files } : { files })
  return { dir, plan }
}

export function describePlan(plan: BuildPlan): string {
  if (plan.mode === 'full') return `completa (${plan.why})`
  const parts = Object.entries(plan.only).map(([collection, ids]) => `${ids.length} ${collection}`)
  return `parcial: ${parts.length ? parts.join(', ') : 'solo listados'}`
}

function readSnapshot(buildDir: string) {
  try {
    return JSON.parse(readText(path.join(buildDir, SNAPSHOT_FILE)) ?? '')
  } catch {
    return undefined
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`
