/**
 * Incremental publishing: an edit re-renders only the edited item's own pages (and the listings);
 * every other page is carried over from the live build. Removals and shared content rebuild all.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { publishSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'
import { useTemporaryDataDir } from './content/fixtures'
import { seedSiteContent } from './site/fixtures'

describe('incremental publishing', () => {
  let ctx: TestContext
  let content: Awaited<ReturnType<typeof seedSiteContent>>
  let live: string
  const siteDir = tempSiteDir()
  const page = (file: string) => path.join(siteStaticDir(live), file)
  const read = (file: string) => fs.readFileSync(page(file), 'utf8')
  const publish = async () => {
    const result = await publishSite(ctx.payload, { root: siteDir })
    live = result.dir
    return result.plan
  }

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    content = await seedSiteContent(ctx.payload)
    live = (await publishSite(ctx.payload, { root: siteDir, full: true })).dir
  }, 300_000)
  afterAll(async () => {
    await ctx?.close()
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('an edited news item: its page and the listings change, other items are carried over untouched', async () => {
    const [edited, other] = content.news
    const otherPage = `noticias/${other.slug}/index.html`
    const before = { inode: fs.statSync(page(otherPage)).ino, html: read(otherPage), course: read(`cursos/${content.course.slug}/index.html`) }

    await ctx.payload.update({ collection: 'news', id: edited.id, data: { title: 'Titular corregido por comunicación' } })
    const plan = await publish()

    expect(plan).toEqual({ mode: 'incremental', only: { news: [edited.id] } })
    expect(read(`noticias/${edited.slug}/index.html`)).toContain('Titular corregido por comunicación')
    expect(read('noticias/index.html')).toContain('Titular corregido por comunicación')
    expect(read('index.html')).toContain('Titular corregido por comunicación')
    // Carried over, not re-rendered: the very same file (a hard link), same bytes.
    expect(fs.statSync(page(otherPage)).ino).toBe(before.inode)
    expect(read(otherPage)).toBe(before.html)
    expect(read(`cursos/${content.course.slug}/index.html`)).toBe(before.course)
    // Every page is still there, images and search included.
    expect(fs.existsSync(page(`cursos/${content.course.slug}/calendario.ics`))).toBe(true)
    expect(fs.readdirSync(page('imagenes')).length).toBeGreaterThan(0)
    expect(fs.existsSync(page('pagefind/pagefind-entry.json'))).toBe(true)
  })

  it('a news item taken off the site: a full build, and its page is gone', async () => {
    const removed = content.news[2]
    await ctx.payload.update({ collection: 'news', id: removed.id, data: { _status: 'draft' } })
    const plan = await publish()
    expect(plan.mode).toBe('full')
    expect(fs.existsSync(page(`noticias/${removed.slug}/index.html`))).toBe(false)
  })

  it('a renamed item: a full build, and the old address is gone', async () => {
    const renamed = content.news[3]
    await ctx.payload.update({ collection: 'news', id: renamed.id, data: { slug: 'noticia-con-nueva-direccion' } })
    const plan = await publish()
    expect(plan.mode).toBe('full')
    expect(fs.existsSync(page(`noticias/${renamed.slug}/index.html`))).toBe(false)
    expect(fs.existsSync(page('noticias/noticia-con-nueva-direccion/index.html'))).toBe(true)
  })

  it('a pillar edit shows on every page that names it: a full build', async () => {
    await ctx.payload.update({ collection: 'pillars', where: { slug: { equals: 'salud-bienestar' } }, data: { name: 'Salud y bienestar integral' } })
    const plan = await publish()
    expect(plan.mode).toBe('full')
    expect(read(`noticias/${content.news[0].slug}/index.html`)).toContain('Salud y bienestar integral')
  })
})
