/**
 * Never stale, never wrong (issue 15, item 4): random sequences of edits, publishes, unpublishes,
 * slug changes, pillar / organization / image edits and deletions. After every publish, every file
 * the incremental site serves is byte-identical to a fresh full build of the same data (declared
 * build stamps aside), and the search index finds a new title and no longer finds a
 * removed item. fast-check with a fixed seed; few short runs, as every step costs a full build.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { currentSite, publishSite, serveSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'
import { useTemporaryDataDir } from './content/fixtures'
import { paragraph, seedSiteContent } from './site/fixtures'

const RUNS = Number(process.env.PUBLISH_PROPERTY_RUNS || 2)
/** Run first, so every kind of change is met on every run of the suite; then RUNS random sequences. */
const TOUR: Op[] = [
  { op: 'newImage', pick: 0 },
  { op: 'unpublish', kind: 'courses', pick: 1 },
  { op: 'slug', kind: 'calls', pick: 0 },
  { op: 'edit', kind: 'courses', pick: 0, retitle: true },
  { op: 'delete', kind: 'news', pick: 3 },
  { op: 'organization' },
]
const SEED = 20261203

/**
 * Declared build stamps: the only bytes that may differ between two builds of the same data. A
 * course's calendar carries the time it was generated (iCalendar's DTSTAMP, set by the `ics` package).
 */
const BUILD_STAMPS: { file: RegExp; stamp: RegExp }[] = [{ file: /\.ics$/, stamp: /^DTSTAMP:\d{8}T\d{6}Z\r?$/gm }]
const withoutStamps = (file: string, bytes: Buffer): Buffer =>
  BUILD_STAMPS.filter((s) => s.file.test(file)).reduce((b, s) => Buffer.from(b.toString('utf8').replace(s.stamp, 'DTSTAMP:<construcción>')), bytes)

type Kind = 'news' | 'courses' | 'calls'
const URL_PREFIX: Record<Kind, string> = { news: 'noticias', courses: 'cursos', calls: 'convocatorias' }

type Op =
  | { op: 'edit'; kind: Kind; pick: number; retitle: boolean }
  | { op: 'create'; kind: 'news' | 'calls'; published: boolean }
  | { op: 'publishDraft'; pick: number }
  | { op: 'unpublish'; kind: Kind; pick: number }
  | { op: 'slug'; kind: Kind; pick: number }
  | { op: 'delete'; kind: 'news' | 'calls'; pick: number }
  | { op: 'pillar'; pick: number }
  | { op: 'organization' }
  | { op: 'imageAlt' }
  | { op: 'newImage'; pick: number }

const pick = fc.nat({ max: 1000 })
const kind = fc.constantFrom<Kind>('news', 'courses', 'calls')
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  // Edits that only touch own pages and listings (the warm, incremental path) are the common case.
  { weight: 6, arbitrary: fc.record({ op: fc.constant('edit' as const), kind, pick, retitle: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), kind: fc.constantFrom('news' as const, 'calls' as const), published: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('publishDraft' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('newImage' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unpublish' as const), kind, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('slug' as const), kind, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), kind: fc.constantFrom('news' as const, 'calls' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pillar' as const), pick }) },
  { weight: 1, arbitrary: fc.constant({ op: 'organization' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'imageAlt' as const }) },
)

type Doc = { id: number; slug: string; title: string }

describe('incremental publishing equals a full build (property)', () => {
  let ctx: TestContext
  const siteDir = tempSiteDir()
  const referenceDir = tempSiteDir()
  let origin = ''
  let server: http.Server
  let counter = 0

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    await seedSiteContent(ctx.payload)
    await publishSite(ctx.payload, { root: siteDir, full: true })
    server = http.createServer(await serveSite(siteDir))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 300_000)
  afterAll(async () => {
    server?.close()
    await ctx?.close()
    for (const dir of [siteDir, referenceDir]) fs.rmSync(dir, { recursive: true, force: true })
  })

  const published = async (collection: Kind): Promise<Doc[]> =>
    (await ctx.payload.find({ collection, where: { _status: { equals: 'published' } }, sort: 'id', pagination: false, depth: 0 })).docs as unknown as Doc[]
  const choose = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined)
  const token = () => `pf${++counter}x${Date.now() % 1000}z`

  /** Applies one change; returns what search must now find and must no longer find. */
  async function apply(op: Op): Promise<{ find?: { word: string; url: string }; gone?: { title: string; url: string } }> {
    const payload = ctx.payload
    const urlOf = (k: Kind, slug: string) => `/${URL_PREFIX[k]}/${slug}/`
    switch (op.op) {
      case 'edit': {
        const doc = choose(await published(op.kind), op.pick)
        if (!doc) return {}
        const word = token()
        const data = op.retitle ? { title: `${op.kind === 'courses' ? 'Aa' : 'Zz'} título ${word}` } : { summary: `Resumen cambiado ${word}` }
        await payload.update({ collection: op.kind, id: doc.id, data: data as never })
        return op.retitle ? { find: { word, url: urlOf(op.kind, doc.slug) } } : {}
      }
      case 'create': {
        const word = token()
        const status = op.published ? 'published' : 'draft'
        const data =
          op.kind === 'news'
            ? { _status: status, title: `Noticia nueva ${word}`, summary: `Resumen ${word}`, body: paragraph(`Cuerpo ${word}`) }
            : { _status: status, kind: 'other', title: `Convocatoria nueva ${word}`, window: { opens: new Date(Date.now() - 86_400_000).toISOString(), closes: '2031-01-31T12:00:00.000Z' } }
        const doc = (await payload.create({ collection: op.kind, draft: !op.published, data: data as never })) as unknown as Doc
        return op.published ? { find: { word, url: urlOf(op.kind, doc.slug) } } : {}
      }
      case 'publishDraft': {
        const { docs } = await payload.find({ collection: 'news', where: { _status: { equals: 'draft' } }, sort: 'id', depth: 0, draft: true })
        const doc = choose(docs as unknown as Doc[], op.pick)
        if (!doc) return {}
        const word = token()
        const updated = (await payload.update({ collection: 'news', id: doc.id, data: { _status: 'published', title: `Publicada ${word}` } as never })) as unknown as Doc
        return { find: { word, url: urlOf('news', updated.slug) } }
      }
      case 'unpublish': {
        const doc = choose(await published(op.kind), op.pick)
        if (!doc) return {}
        await payload.update({ collection: op.kind, id: doc.id, data: { _status: 'draft' } as never })
        return { gone: { title: doc.title, url: urlOf(op.kind, doc.slug) } }
      }
      case 'slug': {
        const doc = choose(await published(op.kind), op.pick)
        if (!doc) return {}
        const slug = `direccion-${token()}`
        await payload.update({ collection: op.kind, id: doc.id, data: { slug } as never })
        return { gone: { title: doc.title, url: urlOf(op.kind, doc.slug) } }
      }
      case 'delete': {
        const doc = choose(await published(op.kind), op.pick)
        if (!doc) return {}
        await payload.delete({ collection: op.kind, id: doc.id })
        return { gone: { title: doc.title, url: urlOf(op.kind, doc.slug) } }
      }
      case 'pillar': {
        const { docs } = await payload.find({ collection: 'pillars', sort: 'order', depth: 0 })
        const pillar = choose(docs, op.pick)!
        await payload.update({ collection: 'pillars', id: pillar.id, data: { name: `${pillar.name.split(' ·')[0]} · ${token()}` } })
        return {}
      }
      case 'organization': {
        const { docs } = await payload.find({ collection: 'organizations', limit: 1, depth: 0 })
        if (docs[0]) await payload.update({ collection: 'organizations', id: docs[0].id, data: { description: `Descripción ${token()}` } })
        return {}
      }
      case 'imageAlt': {
        const { docs } = await payload.find({ collection: 'media', limit: 1, depth: 0 })
        if (docs[0]) await payload.update({ collection: 'media', id: docs[0].id, data: { alt: `Texto alternativo ${token()}` } })
        return {}
      }
      case 'newImage': {
        const doc = choose(await published('news'), op.pick)
        if (!doc) return {}
        const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: `#${(counter * 7919 % 0xffffff).toString(16).padStart(6, '0')}` } })
          .png()
          .toBuffer()
        const media = await payload.create({
          collection: 'media',
          data: { alt: `Foto ${token()}` },
          file: { data: png, mimetype: 'image/png', name: `foto-${counter}.png`, size: png.length },
        })
        await payload.update({ collection: 'news', id: doc.id, data: { cover: media.id } as never })
        return {}
      }
    }
  }

  /** A full build of the same data, by the old path (a fresh `astro build`), into its own folder. */
  async function referenceBuild(): Promise<string> {
    const before = process.env.SITE_WARM_RENDERER
    process.env.SITE_WARM_RENDERER = '0'
    try {
      return siteStaticDir((await publishSite(ctx.payload, { root: referenceDir, full: true })).dir)
    } finally {
      if (before === undefined) delete process.env.SITE_WARM_RENDERER
      else process.env.SITE_WARM_RENDERER = before
    }
  }

  const filesOf = (dir: string) =>
    (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort()

  /** What /buscar/ finds for `query`: the URLs of the results, through the served Pagefind index. */
  async function search(query: string): Promise<string[]> {
    const copy = path.join(os.tmpdir(), `pagefind-${process.pid}-${++counter}.mjs`)
    fs.writeFileSync(copy, await (await fetch(`${origin}/pagefind/pagefind.js`)).text())
    try {
      const pagefind = await import(copy)
      await pagefind.options({ basePath: `${origin}/pagefind/` })
      const { results } = await pagefind.search(query)
      const urls = await Promise.all(results.slice(0, 30).map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url))
      await pagefind.destroy?.()
      return urls.map((url: string) => new URL(url, origin).pathname.replace(/index\.html$/, ''))
    } finally {
      fs.rmSync(copy, { force: true })
    }
  }

  it('after every publish the served site is the full build of the same data, and search follows', { timeout: 30 * 60_000 }, async () => {
    const log: string[] = []
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 4, maxLength: 5 }), async (ops) => {
        for (const op of ops) {
          const expected = await apply(op)
          const { plan } = await publishSite(ctx.payload, { root: siteDir })
          log.push(`${JSON.stringify(op)} → ${plan.mode}`)
          const live = siteStaticDir(currentSite(siteDir)!)
          const reference = await referenceBuild()

          const files = filesOf(live)
          expect(files, `same files after ${JSON.stringify(op)}`).toEqual(filesOf(reference))
          const bytes = (dir: string, file: string) => withoutStamps(file, fs.readFileSync(path.join(dir, file)))
          const differing = files.filter((file) => !bytes(live, file).equals(bytes(reference, file)))
          expect(differing, `byte-identical to a full build after ${JSON.stringify(op)} (${plan.mode})`).toEqual([])

          if (expected.find) {
            const found = await search(expected.find.word)
            expect(found, `search finds ${expected.find.word}: ${found.join(' ')}`).toContain(expected.find.url)
          }
          if (expected.gone) {
            const found = await search(expected.gone.title)
            expect(found, `search no longer finds ${expected.gone.url}`).not.toContain(expected.gone.url)
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: [[TOUR]] },
    )
    console.log(`publicaciones probadas:\n  ${log.join('\n  ')}`)
  })
})
