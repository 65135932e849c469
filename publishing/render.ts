/**
 * Rendering: `astro build` of the site into a new build folder, in a child process (the site's
 * pages are compiled and run there, never imported by the domain). An incremental build renders
 * only the pages its plan names and takes every other file from the live build.
 *
 * The warm renderer: the child that ran the last `astro build` (render-worker.mjs) stays alive with
 * the compiled pages and its Payload instance; while the site's code, address and database are the
 * same, an incremental build is rendered by it in a fraction of a second instead of a new build.
 * SITE_WARM_RENDERER=0 turns it off (every build is a fresh `astro build`, as before).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { publicUrl } from '../lib/public-url'
import { runBuild } from '../lib/build-process'
import { siteSourceStamp, siteStaticDir, ROOT } from './folders'

export type Log = (line: string) => void

/** What an incremental build renders: per collection, the ids whose own pages changed. */
export type RenderOnly = Record<string, number[]>

/**
 * Where the site build finds its plan (site/lib/data.ts): a file beside the output folder, which
 * Astro empties when it starts.
 */
export const planFileFor = (outDir: string) => `${outDir}.plan.json`

/** A fresh `astro build` into `outDir`; with the warm renderer on, its process stays to render the next publishes. */
export async function renderSite(outDir: string, log: Log, opts: { only?: RenderOnly; env?: Record<string, string> } = {}): Promise<void> {
  const planFile = planFileFor(outDir)
  if (opts.only) fs.writeFileSync(planFile, JSON.stringify({ only: opts.only }))
  try {
    if (warmRendererEnabled()) await startWarmRenderer(outDir, log, opts.env ?? {})
    else await runBuild(ROOT, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], 'sitio', log, { ...opts.env, SITE_OUT_DIR: outDir })
  } finally {
    fs.rmSync(planFile, { force: true })
  }
}

export const warmRendererEnabled = () => process.env.SITE_WARM_RENDERER !== '0'

type Pending = { resolve: (files: number) => void; reject: (error: Error) => void }
type WarmRenderer = { child: ChildProcess; key: string; pending: Map<number, Pending>; next: number }
let warm: WarmRenderer | undefined

/** What the warm renderer's pages depend on besides content: a change to any of them needs a new build. */
const warmKey = (env: Record<string, string>) =>
  JSON.stringify([siteSourceStamp(), publicUrl(), process.env.DATABASE_URL ?? '', process.env.PAYLOAD_SECRET ?? '', env])

/** Whether an incremental build can be rendered by the warm renderer now. */
export const canRenderWarm = (env: Record<string, string> = {}) => warmRendererEnabled() && Boolean(warm) && warm!.key === warmKey(env)

/** Stops the warm renderer, if any (the next build is a fresh `astro build`). */
export function stopWarmRenderer(): void {
  const stopping = warm
  warm = undefined
  if (!stopping) return
  for (const { reject } of stopping.pending.values()) reject(new Error('El renderizador del sitio se detuvo'))
  stopping.child.kill()
}

function startWarmRenderer(outDir: string, log: Log, env: Record<string, string>): Promise<void> {
  stopWarmRenderer() // one per process: its memory is that of a whole site build
  const key = warmKey(env)
  // spawn with an IPC channel rather than fork: the admin's bundler resolves a fork's path as a
  // module to bundle, and this one is only known at run time (the same way lib/build-process.ts runs).
  const args = [path.join(ROOT, 'publishing', 'render-worker.mjs')]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', DISABLE_PAYLOAD_HMR: 'true', ...env, SITE_OUT_DIR: outDir },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(`  [sitio] ${line}`)
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const renderer: WarmRenderer = { child, key, pending: new Map(), next: 1 }
  return new Promise<void>((resolve, reject) => {
    let built = false
    child.on('message', (message: { type: string; id?: number; files?: number; error?: string }) => {
      if (!built) {
        if (message.type === 'built') {
          built = true
          warm = renderer
          idle(child)
          resolve()
        } else if (message.type === 'failed') reject(new Error(`La compilación de sitio falló.\n${message.error}`))
        return
      }
      const waiting = message.id === undefined ? undefined : renderer.pending.get(message.id)
      if (!waiting) return
      renderer.pending.delete(message.id!)
      if (!renderer.pending.size) idle(child)
      if (message.type === 'rendered') waiting.resolve(message.files ?? 0)
      else waiting.reject(new Error(`La compilación de sitio falló.\n${message.error}`))
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (warm === renderer) warm = undefined
      for (const { reject: fail } of renderer.pending.values()) fail(new Error(`El renderizador del sitio terminó (código ${code})`))
      renderer.pending.clear()
      if (!built) reject(new Error(`La compilación de sitio falló (código ${code}).`))
    })
  })
}

/** A warm renderer waiting for work does not keep this process alive; it exits with it. */
function idle(child: ChildProcess) {
  child.unref()
  ;(child.channel as { unref?: () => void } | undefined)?.unref?.()
  ;(child.stdout as { unref?: () => void } | null)?.unref?.()
  ;(child.stderr as { unref?: () => void } | null)?.unref?.()
}

/**
 * Renders an incremental build's pages (the own pages of `only`, every listing) into `outDir` with
 * the warm renderer. Generated images of uploads that `reuseFrom` already has are not made again.
 * Returns the number of files written.
 */
export function renderWarm(outDir: string, only: RenderOnly, reuseFrom: string | undefined): Promise<number> {
  const renderer = warm
  if (!renderer) return Promise.reject(new Error('No hay renderizador del sitio en marcha'))
  const id = renderer.next++
  renderer.child.ref()
  ;(renderer.child.channel as { ref?: () => void } | undefined)?.ref?.()
  return new Promise<number>((resolve, reject) => {
    renderer.pending.set(id, { resolve, reject })
    renderer.child.send({
      type: 'render',
      id,
      outDir,
      only,
      // An upload's generated sizes depend only on the upload, which a partial build never changes.
      skipIfIn: reuseFrom ? siteStaticDir(reuseFrom) : undefined,
      reusable: '^imagenes/',
    })
  })
}

/**
 * Hard-links every file of the earlier build that this build did not produce (a page Astro was
 * told to skip is unchanged by construction). The search index is written afresh, unless
 * `searchIndex` says to carry the earlier one over until the new one is ready.
 */
export function reuseUnchanged(fromBuild: string, toBuild: string, opts: { searchIndex?: boolean } = {}): number {
  const fromDir = siteStaticDir(fromBuild)
  const toDir = siteStaticDir(toBuild)
  let reused = 0
  // One directory at a time, one link(2) per file (an existing file is this build's own): a publish
  // carries thousands of files over, so no extra stat per file.
  const walk = (relative: string) => {
    const made = relative === '' || fs.existsSync(path.join(toDir, relative))
    if (!made) fs.mkdirSync(path.join(toDir, relative), { recursive: true })
    for (const entry of fs.readdirSync(path.join(fromDir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name)
      if (entry.isDirectory()) {
        if (relative === '' && entry.name === 'pagefind' && !opts.searchIndex) continue
        walk(name)
      } else if (entry.isFile()) {
        const from = path.join(fromDir, name)
        const to = path.join(toDir, name)
        try {
          fs.linkSync(from, to)
          reused++
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
          fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL)
          reused++
        }
      }
    }
  }
  walk('')
  return reused
}

