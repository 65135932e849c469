/**
 * The public site built from the demo content (seed/demo): every published item gets its page,
 * and the whole build passes the same checks as any site must (links, lang, title, h1, no JS, weight).
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'
import { useTemporaryDataDir } from './content/fixtures'
import { brokenLinks, metaProblems, pagesOverBudget, pagesWithScripts, pagesWithStyleInBody, pagesWithTagsAfterHtml, readBuiltSite, type BuiltSite } from './site/checks'

const ROUTES = { news: 'noticias', courses: 'cursos', calls: 'convocatorias', organizations: 'organizaciones', pillars: 'pilares' } as const

describe('public site from the demo content', () => {
  let ctx: TestContext
  let site: BuiltSite
  const siteDir = tempSiteDir()

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga', demo: true })
    site = readBuiltSite(siteStaticDir(await buildSite(siteDir, () => {})))
  }, 300_000)
  afterAll(async () => {
    await ctx?.close()
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('has a page for every item the public can read, and none for the rest', async () => {
    const missing: string[] = []
    for (const [collection, route] of Object.entries(ROUTES) as [keyof typeof ROUTES, string][]) {
      const { docs } = await ctx.payload.find({ collection, overrideAccess: false, pagination: false, depth: 0 })
      expect(docs.length, collection).toBeGreaterThan(0)
      for (const doc of docs) {
        if (!site.files.includes(`${route}/${doc.slug}/index.html`)) missing.push(`${route}/${doc.slug}/`)
      }
    }
    expect(missing).toEqual([])
    const { docs: drafts } = await ctx.payload.find({ collection: 'news', where: { _status: { equals: 'draft' } }, draft: true, pagination: false })
    for (const draft of drafts) expect(site.files).not.toContain(`noticias/${draft.slug}/index.html`)
  })

  it('passes the checks every built site must pass', () => {
    expect(brokenLinks(site)).toEqual([])
    expect(metaProblems(site)).toEqual([])
    expect(pagesWithScripts(site)).toEqual([])
    expect(pagesWithStyleInBody(site)).toEqual([])
    expect(pagesWithTagsAfterHtml(site)).toEqual([])
  })

  it('keeps every page within 30 KB compressed, images aside (phones on prepaid data)', () => {
    expect(pagesOverBudget(site, 30 * 1024)).toEqual([])
  })
})
