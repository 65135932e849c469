/**
 * The demo content a fresh development database gets: realistic, public, current, and seeded once.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed'
import { setupPayload, type TestContext } from '../helpers/payload'
import { useTemporaryDataDir } from './content/fixtures'

describe('demo content seed', () => {
  let ctx: TestContext
  let dataDir: string
  let firstRunMs = 0

  beforeAll(async () => {
    dataDir = useTemporaryDataDir()
    ctx = await setupPayload()
    const started = Date.now()
    const report = await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga', demo: true })
    firstRunMs = Date.now() - started
    console.info(`demo seed: ${firstRunMs} ms`)
    expect(report.demo).toEqual({ organizations: 8, news: 12, courses: 12, calls: 6, images: 14 })
  })
  afterAll(() => ctx.close())

  const publicList = async (slug: string, query = '') => (await (await ctx.rest('GET', `/${slug}?limit=100&depth=1${query}`)).json()).docs

  it('is public: anonymous visitors see every item, with its cover image file on disk', async () => {
    expect(await publicList('news')).toHaveLength(12)
    expect(await publicList('courses')).toHaveLength(12)
    expect(await publicList('calls')).toHaveLength(6)
    const organizations = await publicList('organizations')
    expect(organizations).toHaveLength(8)
    expect(new Set(organizations.map((o: { kind: string }) => o.kind))).toEqual(
      new Set(['municipal-agency', 'educational-institution', 'private-company', 'civil-society']),
    )
    const [news] = await publicList('news')
    expect(news.cover.alt).toMatch(/^Portada del pilar/)
    for (const file of [news.cover.filename, news.cover.sizes.card.filename, news.cover.sizes.social.filename]) {
      expect(fs.existsSync(path.join(dataDir, 'uploads/media', file)), file).toBe(true)
    }
  })

  it('covers every pillar, both modalities, this week and the past', async () => {
    const courses = await publicList('courses')
    const pillars = new Set(courses.flatMap((c: { pillars: { slug: string }[] }) => c.pillars.map((p) => p.slug)))
    expect(pillars.size).toBe(6)
    expect(new Set(courses.map((c: { modality: string }) => c.modality))).toEqual(new Set(['in-person', 'online', 'hybrid']))
    const now = Date.now()
    const week = 7 * 24 * 60 * 60 * 1000
    const firstSession = (c: { sessions: { startsAt: string }[] }) => (c.sessions[0] ? Date.parse(c.sessions[0].startsAt) : NaN)
    expect(courses.some((c: never) => firstSession(c) > now && firstSession(c) < now + week)).toBe(true)
    expect(courses.some((c: never) => firstSession(c) < now)).toBe(true)
    expect(courses.filter((c: { venue?: { colonia?: string } }) => c.venue?.colonia).length).toBeGreaterThan(5)
  })

  it('has calls open, closing in three days, closed and upcoming', async () => {
    const calls: { window: { opens: string; closes: string } }[] = await publicList('calls')
    const now = Date.now()
    const day = 24 * 60 * 60 * 1000
    const open = calls.filter((c) => Date.parse(c.window.opens) < now && Date.parse(c.window.closes) > now)
    expect(open.length).toBeGreaterThanOrEqual(3)
    expect(open.some((c) => Date.parse(c.window.closes) - now < 4 * day)).toBe(true)
    expect(calls.some((c) => Date.parse(c.window.closes) < now)).toBe(true)
    expect(calls.some((c) => Date.parse(c.window.opens) > now)).toBe(true)
  })

  it('is skipped once content exists, keeping editors’ changes', async () => {
    const [first] = await publicList('news')
    await ctx.payload.update({ collection: 'news', id: first.id, data: { title: 'Editado por Comunicación' } })
    const again = await seed(ctx.payload, { demo: true })
    expect(again.demo).toBeNull()
    expect((await ctx.payload.count({ collection: 'news' })).totalDocs).toBe(12)
    expect((await ctx.payload.count({ collection: 'media' })).totalDocs).toBe(14)
    expect((await ctx.payload.findByID({ collection: 'news', id: first.id })).title).toBe('Editado por Comunicación')
  })
})
