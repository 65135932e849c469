/**
 * Site benchmark at León scale: full build time and peak memory, publish-to-live latency over 20
 * mixed edits (from the moment the edit returns to the moment the served page has the new bytes),
 * and bytes per page type. A few publishes by the old path (a fresh `astro build` each,
 * PUBLISH_RUNS_OLD, default 3) give a same-run ratio on a shared machine. Run: `npx tsx bench/site-build.ts`.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { currentSite, publishSite, serveSite, SITE_QUEUE, siteStaticDir } from '../publishing'
import { freshPlatform, percentile, seconds, watchPeakMemory } from './lib'
import { generateLeonScale, LEON_SCALE } from './leon-dataset'

process.env.DISABLE_PAYLOAD_HMR = 'true'
const runs = Number(process.env.PUBLISH_RUNS || 20)
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

  // The live site served as `npm start` serves it; latency ends when it answers with the new bytes.
  const server = http.createServer(await serveSite(siteDir))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const latencies: number[] = []
  // A poll that meets a keep-alive socket the server is closing (ECONNRESET) just polls again.
  const served = (url: string) => fetch(url).then((r) => r.text(), () => '').catch(() => '')
  const first = async (collection: 'news' | 'courses' | 'calls', sort: string) =>
    (await platform.payload.find({ collection, limit: 1, sort, depth: 0 })).docs[0] as unknown as { id: number; slug: string; title: string }
  const news = await first('news', '-publishedAt')
  const course = await first('courses', 'title')
  const call = await first('calls', 'window.closes')
  // 20 mixed edits: news, course and call texts; a course title that moves it in the A–Z listing; one new news item.
  const edits: Array<() => Promise<{ url: string; marker: string }>> = Array.from({ length: runs }, (_, i) => async () => {
    const marker = `Edición ${i} ${Date.now()}`
    if (i === runs - 1) {
      const doc = await platform.payload.create({ collection: 'news', data: { title: marker, summary: marker, _status: 'published' } as never })
      return { url: `/noticias/${(doc as { slug: string }).slug}/`, marker }
    }
    if (i === Math.floor(runs / 2)) {
      // Moves it in the A–Z order of every listing that shows it (/cursos/ lists only upcoming
      // courses, which this one need not be): its own page is what is polled.
      await platform.payload.update({ collection: 'courses', id: course.id, data: { title: `Zz ${marker}` } as never })
      return { url: `/cursos/${course.slug}/`, marker: `Zz ${marker}` }
    }
    const [collection, doc, url] = [['news', news, `/noticias/${news.slug}/`], ['courses', course, `/cursos/${course.slug}/`], ['calls', call, `/convocatorias/${call.slug}/`]][i % 3] as [
      'news' | 'courses' | 'calls', { id: number }, string]
    await platform.payload.update({ collection, id: doc.id, data: { summary: marker } as never })
    return { url, marker }
  })
  // The old path in the same run, for a ratio on a shared machine: a fresh `astro build` per publish.
  const oldRuns = Number(process.env.PUBLISH_RUNS_OLD ?? 3)
  const oldLatencies: number[] = []
  for (let i = 0; i < oldRuns; i++) {
    process.env.SITE_WARM_RENDERER = '0'
    try {
      await platform.payload.update({ collection: 'news', id: news.id, data: { summary: `Ruta anterior ${i} ${Date.now()}` } as never })
      const marker = (await platform.payload.findByID({ collection: 'news', id: news.id, depth: 0 })).summary as string
      const edited = Date.now()
      let live = false
      const runner = (async () => {
        while (!live) {
          await platform.payload.jobs.run({ queue: SITE_QUEUE })
          await new Promise((resolve) => setTimeout(resolve, 1000))
        }
      })()
      while (!(await served(`${origin}/noticias/${news.slug}/`)).includes(marker)) await new Promise((resolve) => setTimeout(resolve, 50))
      oldLatencies.push(Date.now() - edited)
      live = true
      await runner
      console.log(`  ruta anterior (astro build por publicación) ${i + 1}: ${seconds(oldLatencies.at(-1)!)}`)
    } finally {
      delete process.env.SITE_WARM_RENDERER
    }
  }
  // A full build again, so the warm renderer starts from it as in `npm start` after a deploy.
  await publishSite(platform.payload, { root: siteDir, full: true })

  for (const [i, edit] of edits.entries()) {
    const { url, marker } = await edit()
    const edited = Date.now() // the editor's publish request has returned
    // What the runner inside npm start does: look at the `site` queue every second.
    let live = false
    const runner = (async () => {
      while (!live) {
        await platform.payload.jobs.run({ queue: SITE_QUEUE })
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    })()
    while (!(await served(`${origin}${url}`)).includes(marker)) await new Promise((resolve) => setTimeout(resolve, 50))
    latencies.push(Date.now() - edited)
    live = true
    await runner
    const [build] = (await platform.payload.find({ collection: 'site-builds', sort: '-createdAt', limit: 1 })).docs
    console.log(`  publicación ${i + 1} (${url}): ${seconds(latencies.at(-1)!)} (construcción ${build?.durationSeconds} s; ${build?.reason})`)
  }
  server.close()
  console.log(`Publicación a en línea: p50 ${seconds(percentile(latencies, 50))}, p95 ${seconds(percentile(latencies, 95))} (${runs} ediciones)`)
  const resident = watchPeakMemory(siteDir)
  await new Promise((resolve) => setTimeout(resolve, 500))
  console.log(`  memoria residente del renderizador en marcha: ${resident()} MiB`)
  if (oldLatencies.length) {
    const ratio = percentile(oldLatencies, 50) / percentile(latencies, 50)
    console.log(`  misma corrida, ruta anterior (astro build por publicación): p50 ${seconds(percentile(oldLatencies, 50))} (${oldLatencies.length} ediciones); ${ratio.toFixed(1)}× más lenta`)
  }
  console.log(`Carga de la máquina al terminar (uptime): ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`)

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
