/**
 * The warm renderer (see render.ts): a child process that runs one `astro build` of the site and
 * then stays alive holding what that build compiled — Astro's prerender app, with every page's code
 * already loaded, and the site's Payload instance. A later publish asks it to render only what its
 * plan names (changed own pages, every listing) into a new build folder: no Vite, no Payload start.
 * The pages, their code and the way each path becomes a file are the build's own, so a warm render
 * writes the very bytes a fresh `astro build` with the same plan would write.
 *
 * Messages from the parent: { type: 'render', id, outDir, only, skipIfIn }; answers
 * { type: 'rendered', id, files } or { type: 'failed', id, error }. The first message it sends is
 * { type: 'built' } or { type: 'failed' } for its own build. It exits when the parent goes away.
 */
import fs from 'node:fs'
import path from 'node:path'

const warm = {}
const STATUS_CODE_PAGES = new Set(['/404', '/500'])
/**
 * The `cacheKey` each path had when its file was written, with that file's identity (inode, size,
 * mtime): a later build that hard-links the very same file still holds what that key rendered.
 */
let keys = new Map()
const identity = (file) => {
  try {
    const stat = fs.statSync(file)
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`
  } catch {
    return undefined
  }
}
globalThis.__viajeJovenWarmRenderer = warm

const send = (message) => process.send?.(message)
process.on('disconnect', () => process.exit(0))

const tail = []
const keep = (chunk) => {
  for (const line of String(chunk).split('\n')) {
    if (!line.trim()) continue
    tail.push(line)
    if (tail.length > 40) tail.shift()
  }
}
// Astro logs through console and stdout: keep the last lines for an error message.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream)
  stream.write = (chunk, ...rest) => {
    keep(chunk)
    return write(chunk, ...rest)
  }
}

const failure = (error) => `${error?.stack ?? error}\n${tail.slice(-15).join('\n')}`

try {
  const { build } = await import('astro')
  await build({ root: process.cwd(), logLevel: 'error' })
  if (!warm.app) throw new Error('La construcción no dejó un renderizador reutilizable')
  warm.app.getOptions() // the app Astro generated with: it holds the build's options (throws otherwise)
  const { StaticPaths } = await import('astro/runtime/prerender/static-paths.js')
  warm.staticPaths = () => new StaticPaths(warm.app).getAll()
  // The keys of the paths this build rendered: its route cache and data are still the build's own.
  const client = path.join(process.env.SITE_OUT_DIR, 'client')
  for (const { pathname, route, cacheKey } of await warm.staticPaths()) {
    const file = cacheKey === undefined ? undefined : identity(path.join(client, outputFile(pathname, route)))
    if (file) keys.set(pathname, { cacheKey, file })
  }
  send({ type: 'built' })
} catch (error) {
  send({ type: 'failed', error: failure(error) })
  process.exit(1)
}

let queue = Promise.resolve()
process.on('message', (message) => {
  if (message?.type !== 'render') return
  queue = queue.then(async () => {
    try {
      send({ type: 'rendered', id: message.id, files: await render(message) })
    } catch (error) {
      send({ type: 'failed', id: message.id, error: failure(error) })
    }
  })
})

/**
 * Renders every path the site's getStaticPaths give under `only` (site/lib/data.ts reads it from
 * globalThis), exactly as Astro's static generation does, into `<outDir>/client/`. A path whose file
 * `skipIfIn` already holds and that `reusable` matches (generated images of unchanged uploads) is
 * left to be carried over.
 */
async function render({ outDir, only, skipIfIn, reusable }) {
  const { app } = warm
  const options = app.getOptions()
  const { config } = options.settings
  globalThis.__viajeJovenPlan = only
  globalThis.__viajeJovenForgetData?.()
  app.routeCache.clearAll()
  const reusableFile = reusable ? new RegExp(reusable) : undefined
  // A path whose cacheKey is unchanged and whose file in the build this one carries files over
  // from is the very file rendered with that key (site/lib/render-key.ts) is carried over.
  const next = new Map()
  try {
    const seen = new Set()
    let files = 0
    for (const { pathname, route, cacheKey } of await warm.staticPaths()) {
      if (route.type !== 'page' && route.type !== 'endpoint') continue
      const normalized = pathname.replace(/\/$/, '')
      if (seen.has(normalized)) continue
      seen.add(normalized)
      const file = outputFile(pathname, route)
      if (skipIfIn && reusableFile?.test(file) && fs.existsSync(path.join(skipIfIn, file))) continue
      const before = keys.get(pathname)
      if (cacheKey !== undefined && skipIfIn && before?.cacheKey === cacheKey && before.file === identity(path.join(skipIfIn, file))) {
        next.set(pathname, before)
        continue
      }
      const url = urlFor(pathname, route, options.origin, config)
      const response = await app.render(new Request(url), { routeData: route })
      if (response.status >= 300 && response.status < 400) throw new Error(`${pathname}: una redirección no se puede pre-renderizar aquí`)
      if (!response.body) continue
      const body = Buffer.from(await response.arrayBuffer())
      const target = path.join(outDir, 'client', file)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, body)
      if (cacheKey !== undefined) next.set(pathname, { cacheKey, file: identity(target) })
      files++
    }
    keys = next
    return files
  } finally {
    globalThis.__viajeJovenPlan = undefined
  }
}

/** Astro's file for a path with `build.format: 'directory'` (core/build/common.js getOutFolder/getOutFile). */
function outputFile(pathname, route) {
  const encoded = encodeURI(pathname)
  if (route.type === 'endpoint' || STATUS_CODE_PAGES.has(encoded)) {
    const name = path.posix.basename(encoded) + (route.type === 'endpoint' ? '' : '.html')
    return path.posix.join(path.posix.dirname(encoded), name).replace(/^\//, '')
  }
  return path.posix.join(encoded, 'index.html').replace(/^\//, '')
}

/** Astro's request URL for a path (core/build/generate.js getUrlForPath, directory format, base '/'). */
function urlFor(pathname, route, origin, config) {
  if (config.build.format !== 'directory' || config.base !== '/') throw new Error('El renderizador supone build.format "directory" y base "/"')
  let built
  if (pathname === '/' || pathname === '') built = '/'
  else if (route.type === 'endpoint') built = config.trailingSlash === 'never' ? pathname.replace(/\/$/, '') : pathname
  else built = `/${pathname.replace(/^\//, '').replace(/\/$/, '')}${config.trailingSlash === 'never' ? '' : '/'}`
  return new URL(built, origin)
}
