/**
 * Where the site's builds live and how one goes live. Layout under the site root (SITE_DIR,
 * default dist/site):
 *   builds/<time>/client/    the static files of one build (what is served), plus .fingerprint,
 *                             .content.json (what it was built from) and .code (its code version)
 *   code/<version>/server/   the on-demand handler of one code version, shared by all its builds
 *   current -> builds/<time> the live build, switched atomically
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { publicUrl } from '../lib/public-url'
import { sourceFingerprint } from '../lib/source-fingerprint'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Sources compiled into the site: a change to any of them makes the next publish a full build. */
const SITE_INPUTS = ['astro.config.mjs', 'site', 'publishing', 'payload.config.ts', 'collections', 'globals', 'lib', 'package-lock.json']
const CODE_FILE = '.code'
const FINGERPRINT_FILE = '.fingerprint'

/**
 * Where site builds live (SITE_DIR, default dist/site). It must stay inside the project: the
 * on-demand handler imports its packages from the project's node_modules.
 */
export function siteRoot(): string {
  return path.resolve(ROOT, process.env.SITE_DIR || 'dist/site')
}

/** The build the server serves now, or undefined before the first build. */
export function currentSite(root = siteRoot()): string | undefined {
  try {
    return fs.realpathSync(path.join(root, 'current'))
  } catch {
    return undefined
  }
}

/** Where a build keeps its prerendered files (Astro's adapter layout puts them in client/). */
export function siteStaticDir(buildDir: string): string {
  const client = path.join(buildDir, 'client')
  return fs.existsSync(client) ? client : buildDir
}

/**
 * The on-demand request handler a build uses, when the site has on-demand routes. It lives in the
 * code folder of the build's code version (keepServerCode), never inside the build folder that
 * pruning deletes; builds made before that layout still carry their own server/.
 */
export function siteServerEntry(buildDir: string): string | undefined {
  const code = readText(path.join(buildDir, CODE_FILE))
  const entry = code
    ? path.join(path.dirname(path.dirname(buildDir)), 'code', code, 'server', 'entry.mjs')
    : path.join(buildDir, 'server', 'entry.mjs')
  return fs.existsSync(entry) ? entry : undefined
}

export const siteSourceStamp = () => sourceFingerprint(ROOT, SITE_INPUTS)

export function siteBuildIsCurrent(root = siteRoot()): boolean {
  const dir = currentSite(root)
  return Boolean(dir) && readText(path.join(dir!, FINGERPRINT_FILE)) === siteSourceStamp()
}

/** A fresh, empty build folder (named by time, so names sort by age). */
export function newBuildFolder(root: string): string {
  const builds = path.join(root, 'builds')
  fs.mkdirSync(builds, { recursive: true })
  return path.join(builds, new Date().toISOString().replace(/[:.]/g, '-'))
}

/**
 * The on-demand pages' code depends on the code and the site address, not on content: one folder
 * per code version (root/code/<version>/server), shared by every build of that version. A content
 * publish never deletes it, so a running server's handler, which imports page chunks lazily, keeps
 * working through any number of publishes and prunes; a new code version gets a new folder.
 */
export function keepServerCode(root: string, outDir: string, sourceStamp: string): void {
  const version = createHash('sha256').update(sourceStamp).update(publicUrl()).digest('hex').slice(0, 16)
  const built = path.join(outDir, 'server')
  const home = path.join(root, 'code', version)
  // A build rendered by the warm renderer has no server/ of its own: it uses its version's.
  if (!fs.existsSync(built)) {
    if (fs.existsSync(path.join(home, 'server', 'entry.mjs'))) fs.writeFileSync(path.join(outDir, CODE_FILE), version)
    return
  }
  if (!fs.existsSync(path.join(home, 'server', 'entry.mjs'))) {
    fs.mkdirSync(home, { recursive: true })
    // The adapter looks for prerendered error pages (404.html) in ../client: the live build's.
    if (!fs.existsSync(path.join(home, 'client'))) fs.symlinkSync(path.join('..', '..', 'current', 'client'), path.join(home, 'client'))
    try {
      fs.renameSync(built, path.join(home, 'server'))
    } catch (error) {
      // Another process placed the same version first: its copy is equivalent.
      if (!fs.existsSync(path.join(home, 'server', 'entry.mjs'))) throw error
    }
  }
  fs.rmSync(built, { recursive: true, force: true })
  fs.writeFileSync(path.join(outDir, CODE_FILE), version)
}

/**
 * Points `current` at a finished build in one rename(2), then prunes what no one needs any more,
 * asynchronously: deleting thousands of files must not hold up the server in the same process.
 */
export async function goLive(root: string, outDir: string, sourceStamp: string): Promise<void> {
  fs.writeFileSync(path.join(outDir, FINGERPRINT_FILE), sourceStamp)
  const link = path.join(root, 'current')
  const tmpLink = `${link}.${process.pid}.tmp`
  fs.rmSync(tmpLink, { force: true })
  fs.symlinkSync(path.relative(root, outDir), tmpLink)
  fs.renameSync(tmpLink, link)
  await pruneOldBuilds(path.join(root, 'builds'), outDir)
  pruneOldCode(root)
}

async function pruneOldBuilds(builds: string, keep: string, keepCount = 3): Promise<void> {
  // Folders only: a build in progress keeps its plan file (<folder>.plan.json) beside its folder.
  const dirs = fs
    .readdirSync(builds, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(builds, entry.name))
    .sort()
  for (const dir of dirs.slice(0, Math.max(0, dirs.length - keepCount))) {
    if (dir !== keep) await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

/**
 * Removes code folders that no kept build uses, sparing the newest few: an instance still running
 * older code during a deploy keeps its handler's files until it is restarted.
 */
function pruneOldCode(root: string, spare = 3): void {
  const codeDir = path.join(root, 'code')
  if (!fs.existsSync(codeDir)) return
  const builds = path.join(root, 'builds')
  const used = new Set(fs.readdirSync(builds).map((name) => readText(path.join(builds, name, CODE_FILE))))
  const versions = fs
    .readdirSync(codeDir)
    .map((name) => ({ name, at: fs.statSync(path.join(codeDir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
  for (const { name } of versions.slice(spare)) {
    if (!used.has(name)) fs.rmSync(path.join(codeDir, name), { recursive: true, force: true })
  }
}

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
