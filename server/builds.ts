import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { publicUrl } from '../lib/public-url'
import { lockDir } from './dir-lock'
import { ROOT } from './project'

/**
 * The two build outputs the server needs: the admin (Next, in cms/.next) and the public
 * site (Astro, into a fresh folder per build, switched in atomically through a symlink).
 */

const ADMIN_STAMP = path.join(ROOT, 'cms/.next/viaje-fingerprint')
// lib/ and globals/ are compiled into both (endpoints, hooks, admin views such as /admin/impacto):
// without them a changed lib file kept serving the old admin and API.
const ADMIN_INPUTS = ['payload.config.ts', 'collections', 'globals', 'lib', 'cms', 'server/env.ts', 'package-lock.json']
const SITE_INPUTS = ['astro.config.mjs', 'site', 'payload.config.ts', 'collections', 'globals', 'lib', 'package-lock.json']

/**
 * Where site builds live (SITE_DIR, default dist/site). It must stay inside the project: the
 * on-demand handler of a build imports its packages from the project's node_modules.
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
 * code folder of the build's code version (see keepServerCode), never inside the build folder that
 * pruning deletes; builds made before that layout still carry their own server/.
 */
export function siteServerEntry(buildDir: string): string | undefined {
  const code = readStamp(path.join(buildDir, CODE_FILE))
  const entry = code
    ? path.join(path.dirname(path.dirname(buildDir)), 'code', code, 'server', 'entry.mjs')
    : path.join(buildDir, 'server', 'entry.mjs')
  return fs.existsSync(entry) ? entry : undefined
}

const CODE_FILE = '.code'

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

export function siteBuildIsCurrent(root = siteRoot()): boolean {
  const dir = currentSite(root)
  return Boolean(dir) && readStamp(path.join(dir!, '.fingerprint')) === fingerprint(SITE_INPUTS)
}

/** Two processes sharing this checkout (parallel test runs) wait for one admin build instead of colliding in cms/.next. */
export async function buildAdmin(log: Log): Promise<void> {
  const release = await lockDir(path.join(ROOT, 'cms/.next-build.lock'), { timeoutMs: 15 * 60_000, what: 'compilación del panel' })
  try {
    if (adminBuildIsCurrent()) return
    const stamp = fingerprint(ADMIN_INPUTS)
    await run(['node_modules/next/dist/bin/next', 'build', 'cms'], 'admin', log)
    fs.writeFileSync(ADMIN_STAMP, stamp)
  } finally {
    release()
  }
}

export type SiteBuildOptions = {
  /** Extra environment for `astro build` (e.g. SITE_ONLY for an incremental build). */
  env?: Record<string, string>
  /** An earlier build whose files fill in every page this build did not render. */
  reuseFrom?: string
  /** Files written into the build folder (outside what is served) before it goes live. */
  files?: Record<string, string>
}

/**
 * Builds the site into a new folder and only then points `current` at it, so a failed
 * build leaves the live site untouched. Returns the new folder.
 */
export async function buildSite(root: string, log: Log, opts: SiteBuildOptions = {}): Promise<string> {
  const builds = path.join(root, 'builds')
  fs.mkdirSync(builds, { recursive: true })
  const stamp = fingerprint(SITE_INPUTS)
  const outDir = path.join(builds, new Date().toISOString().replace(/[:.]/g, '-'))
  try {
    let started = Date.now()
    await run(['node_modules/astro/bin/astro.mjs', 'build', '--silent'], 'sitio', log, { ...opts.env, SITE_OUT_DIR: outDir })
    log(`  [sitio] astro build: ${seconds(started)}`)
    keepServerCode(root, outDir, codeVersion(stamp))
    if (opts.reuseFrom) {
      started = Date.now()
      const reused = reuseUnchanged(siteStaticDir(opts.reuseFrom), siteStaticDir(outDir))
      log(`  [sitio] ${reused} archivos sin cambios tomados de la construcción anterior: ${seconds(started)}`)
    }
    started = Date.now()
    // Loaded here, not at the top: only the process that builds needs pagefind's binary.
    const { buildSearchIndex } = await import('../site/lib/search-index')
    const { pages } = await buildSearchIndex(siteStaticDir(outDir))
    log(`  [sitio] índice de búsqueda: ${pages} páginas, ${seconds(started)}`)
    for (const [name, content] of Object.entries(opts.files ?? {})) fs.writeFileSync(path.join(outDir, name), content)
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true })
    throw error
  }
  fs.writeFileSync(path.join(outDir, '.fingerprint'), stamp)
  const link = path.join(root, 'current')
  const tmpLink = `${link}.${process.pid}.tmp`
  fs.rmSync(tmpLink, { force: true })
  fs.symlinkSync(path.relative(root, outDir), tmpLink)
  fs.renameSync(tmpLink, link) // rename(2) replaces the link atomically
  pruneOldBuilds(builds, outDir)
  pruneOldCode(root)
  return outDir
}

/**
 * The on-demand pages' code depends on the code and the site address, not on content: one folder
 * per code version (root/code/<version>/server), shared by every build of that version. A content
 * publish never deletes it, so a running server's handler, which imports page chunks lazily, keeps
 * working through any number of publishes and prunes; a new code version gets a new folder.
 */
function keepServerCode(root: string, outDir: string, version: string): void {
  const built = path.join(outDir, 'server')
  if (!fs.existsSync(built)) return
  const home = path.join(root, 'code', version)
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

/** The code version of a build: its sources and the address baked into its links. */
function codeVersion(sourceStamp: string): string {
  return createHash('sha256').update(sourceStamp).update(publicUrl()).digest('hex').slice(0, 16)
}

/**
 * Removes code folders that no kept build uses, sparing the newest few: an instance still running
 * older code during a deploy keeps its handler's files until it is restarted.
 */
function pruneOldCode(root: string, spare = 3): void {
  const codeDir = path.join(root, 'code')
  if (!fs.existsSync(codeDir)) return
  const builds = path.join(root, 'builds')
  const used = new Set(fs.readdirSync(builds).map((name) => readStamp(path.join(builds, name, CODE_FILE))))
  const versions = fs
    .readdirSync(codeDir)
    .map((name) => ({ name, at: fs.statSync(path.join(codeDir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
  for (const { name } of versions.slice(spare)) {
    if (!used.has(name)) fs.rmSync(path.join(codeDir, name), { recursive: true, force: true })
  }
}

/**
 * Hard-links every file of the earlier build that this build did not produce (a page Astro was
 * told to skip is unchanged by construction). The search index is always written afresh.
 */
function reuseUnchanged(fromDir: string, toDir: string): number {
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

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`

function pruneOldBuilds(builds: string, keep: string, keepCount = 3): void {
  const dirs = fs.readdirSync(builds).sort().map((name) => path.join(builds, name))
  for (const dir of dirs.slice(0, Math.max(0, dirs.length - keepCount))) {
    if (dir !== keep) fs.rmSync(dir, { recursive: true, force: true })
  }
}

type Log = (line: string) => void

function run(args: string[], label: string, log: Log, extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1', DISABLE_PAYLOAD_HMR: 'true', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const tail: string[] = []
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue
        tail.push(line)
        if (tail.length > 40) tail.shift()
        log(`  [${label}] ${line}`)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`La compilación de ${label} falló (código ${code}).\n${tail.slice(-15).join('\n')}`)),
    )
  })
}

function readStamp(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** A hash of the sources a build depends on, so a changed checkout rebuilds and an unchanged one does not. */
function fingerprint(inputs: string[]): string {
  const hash = createHash('sha256')
  const walk = (target: string) => {
    const full = path.join(ROOT, target)
    if (!fs.existsSync(full)) return
    const stat = fs.statSync(full)
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) {
        // The admin build's own lock (cms/.next-build.lock) exists only while a build runs: not a source.
        if (name === '.next' || name === 'node_modules' || name === 'next-env.d.ts' || name.endsWith('.lock') || name.endsWith('.test.ts')) continue
        walk(path.join(target, name))
      }
    } else {
      hash.update(target).update(fs.readFileSync(full))
    }
  }
  inputs.forEach(walk)
  return hash.digest('hex')
}
