import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { currentSite, SITE_QUEUE, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('publish to live: queued, debounced site rebuilds', () => {
  let ctx: TestContext
  const siteDir = tempSiteDir()

  beforeAll(async () => {
    process.env.SITE_DIR = siteDir
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    await ctx.payload.delete({ collection: 'payload-jobs', where: { id: { exists: true } } })
  })
  afterAll(async () => {
    await ctx.close()
    delete process.env.SITE_DIR
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  const pendingRebuilds = async () =>
    (await ctx.payload.count({ collection: 'payload-jobs', where: { queue: { equals: SITE_QUEUE }, completedAt: { exists: false } } }))
      .totalDocs
  const editPillar = (description: string) =>
    ctx.payload.update({ collection: 'pillars', where: { slug: { equals: 'salud-bienestar' } }, data: { description } })
  const runRebuilds = async () => {
    await sleep(2200) // the debounce window
    await ctx.payload.jobs.run({ queue: SITE_QUEUE })
  }
  // The pillar's description is shown on its own page (the home page shows the pillars as icon tiles).
  const livePillarPage = () =>
    fs.readFileSync(path.join(siteStaticDir(currentSite(siteDir)!), 'pilares', 'salud-bienestar', 'index.html'), 'utf8')

  it('a burst of edits queues one rebuild, which publishes the latest content', async () => {
    await editPillar('Primera edición')
    await editPillar('Segunda edición')
    await editPillar('Versión final de la descripción')
    expect(await pendingRebuilds()).toBe(1)

    await runRebuilds()
    expect(await pendingRebuilds()).toBe(0)
    expect(livePillarPage()).toContain('Versión final de la descripción')

    const { docs } = await ctx.payload.find({ collection: 'site-builds', sort: '-createdAt' })
    expect(docs).toHaveLength(1)
    expect(docs[0].result).toBe('success')
    expect(docs[0].pages).toBeGreaterThanOrEqual(2)
    expect(docs[0].durationSeconds).toBeGreaterThan(0)
  })

  it('a failed build keeps the previous site live and tells staff why', async () => {
    const before = currentSite(siteDir)
    await editPillar('Este texto no debe llegar al sitio')
    const databaseUrl = process.env.DATABASE_URL
    process.env.DATABASE_URL = 'postgres://nadie:nada@127.0.0.1:1/nada' // the build's own connection fails
    try {
      await runRebuilds()
    } finally {
      process.env.DATABASE_URL = databaseUrl
    }
    expect(currentSite(siteDir)).toBe(before)
    expect(livePillarPage()).toContain('Versión final de la descripción')
    const { docs } = await ctx.payload.find({ collection: 'site-builds', sort: '-createdAt', limit: 1 })
    expect(docs[0].result).toBe('failed')
    expect(docs[0].error).toMatch(/falló/)
  })

  it('a build left "running" by an instance that died is closed as interrupted by the next build', async () => {
    const orphan = await ctx.payload.create({
      collection: 'site-builds',
      data: { label: 'huérfana', result: 'running', reason: 'instancia detenida', startedAt: new Date(Date.now() - 600_000).toISOString() },
    })
    await editPillar('Después de una caída')
    await runRebuilds()
    const closed = await ctx.payload.findByID({ collection: 'site-builds', id: orphan.id })
    expect(closed.result).toBe('failed')
    expect(closed.error).toMatch(/^Interrumpida/)
    const { docs } = await ctx.payload.find({ collection: 'site-builds', sort: '-createdAt', limit: 1 })
    expect(docs[0].result).toBe('success')
    expect(livePillarPage()).toContain('Después de una caída')
  })

  it('build history is for staff only', async () => {
    const response = await ctx.rest('GET', '/site-builds')
    expect(response.status).toBe(403)
  })
})
