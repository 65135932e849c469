/**
 * Site benchmark at León scale: full build time and peak memory, publish-to-live latency for one
 * edited news item (10 runs), and bytes per page type. Run: `npx tsx bench/site-build.ts`.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import { SITE_QUEUE } from '../collections/SiteBuilds/rebuild-task'
import { publishSite } from '../collections/SiteBuilds/publish'
import { currentSite, siteStaticDir } from '../server/builds'
import { freshPlatform, percentile, seconds, watchPeakMemory } from './lib'
import { generateLeonScale, LEON_SCALE } from './leon-dataset'

process.env.DISABLE_PAYLOAD_HMR = 'true'
const runs = Number(process.env.PUBLISH_RUNS || 10)
const platform = await freshPlatform()
const siteDir = path.resolve('dist/bench-site')
fs.rmSync(siteDir, { recursive: true, force: true })
process.env.SITE_DIR = siteDir

try {
  let started = Date.now()
  console.log(`Generando datos a escala León (${JSON.stringify(LEON_SCALE)}) …`)
  await generateLeonScale(platform.payload, LEON_SCALE, (line) => console.log(`  ${line}`))
  console.log(`  datos listos en ${seconds(Date.now() - started)}`)

  started = Date.now()
  const peak = watchPeakMemory(siteDir)
  const { dir } = await publishSite(platform.payload, { root: siteDir, full: true })
  const buildMs = Date.now() - started
  const peakMiB = peak()
  const pages = fs.readdirSync(siteStaticDir(dir), { recursive: true }).filter((f) => String(f).endsWith('.html')).length
  console.log(`\nConstrucción completa: ${seconds(buildMs)}, ${pages} páginas, memoria pico ${peakMiB} MiB`)

  const latencies: number[] = []
  const { docs } = await platform.payload.find({ collection: 'news', limit: 1, sort: '-publishedAt', depth: 0 })
  for (let i = 0; i < runs; i++) {
    const before = currentSite(siteDir)
    const edited = Date.now()
    await platform.payload.update({ collection: 'news', id: docs[0].id, data: { summary: `Resumen editado ${i} ${edited}` } as never })
    // What the runner inside npm start does: poll the `site` queue once a second.
    while (currentSite(siteDir) === before) {
      await platform.payload.jobs.run({ queue: SITE_QUEUE })
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    latencies.push(Date.now() - edited)
    const [build] = (await platform.payload.find({ collection: 'site-builds', sort: '-createdAt', limit: 1 })).docs
    console.log(`  publicación ${i + 1}: ${seconds(latencies.at(-1)!)} (de ellos, construcción ${build?.durationSeconds} s; ${build?.reason})`)
  }
  console.log(`Publicación a en línea: p50 ${seconds(percentile(latencies, 50))}, p95 ${seconds(percentile(latencies, 95))} (${runs} ediciones)`)

  const live = siteStaticDir(currentSite(siteDir)!)
  const sample = (prefix: string) => {
    const dirs = fs.readdirSync(path.join(live, prefix), { withFileTypes: true }).filter((d) => d.isDirectory() && !/^\d+$/.test(d.name) && d.name !== 'pilar')
    return path.join(prefix, dirs[0]?.name ?? '', 'index.html')
  }
  console.log('\nBytes por tipo de página (HTML + CSS enlazado + JS; comprimido con brotli):')
  for (const [label, file] of [
    ['inicio', 'index.html'],
    ['noticia', sample('noticias')],
    ['curso', sample('cursos')],
    ['convocatoria', sample('convocatorias')],
  ]) {
    const html = fs.readFileSync(path.join(live, file))
    const assets = [...html.toString().matchAll(/(?:href|src)="(\/_astro\/[^"]+\.(css|js))"/g)]
    const size = (ext: string) => assets.filter((a) => a[2] === ext).reduce((sum, a) => sum + fs.statSync(path.join(live, a[1])).size, 0)
    const brotli = (buffer: Buffer) => zlib.brotliCompressSync(buffer).length
    const compressed = brotli(html) + assets.reduce((sum, a) => sum + brotli(fs.readFileSync(path.join(live, a[1]))), 0)
    const inlineScripts = (html.toString().match(/<script/g) ?? []).length
    console.log(
      `  ${label.padEnd(13)} HTML ${html.length} B, CSS ${size('css')} B, JS ${size('js')} B, <script> ${inlineScripts}; total comprimido ${compressed} B`,
    )
  }
} finally {
  await platform.stop()
}
