import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, currentSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { PILLARS } from '../../seed/pillars'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'

describe('site build', () => {
  let ctx: TestContext
  const siteDir = tempSiteDir()

  beforeAll(async () => {
    ctx = await setupPayload() // points DATABASE_URL, which the build inherits, at this file's database
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    await ctx.payload.update({
      collection: 'pillars',
      where: { slug: { equals: 'salud-bienestar' } },
      data: { description: 'Texto que solo existe en esta base de prueba' },
    })
  })
  afterAll(async () => {
    await ctx.close()
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('renders the home page from Payload data, in Spanish, with the six pillars', async () => {
    const dir = await buildSite(siteDir, () => {})
    expect(currentSite(siteDir)).toBe(fs.realpathSync(dir))
    const html = fs.readFileSync(path.join(siteStaticDir(dir), 'index.html'), 'utf8')
    expect(html).toContain('<html lang="es"')
    for (const pillar of PILLARS) expect(html).toContain(pillar.name)
    // The home page shows the pillars as icon tiles; each one's description is on its own page.
    const pillarPage = fs.readFileSync(path.join(siteStaticDir(dir), 'pilares/salud-bienestar/index.html'), 'utf8')
    expect(pillarPage).toContain('Texto que solo existe en esta base de prueba')
    expect(fs.existsSync(path.join(siteStaticDir(dir), '404.html'))).toBe(true)
  })

  it('switches atomically: a failed build leaves the previous site in place', async () => {
    const before = currentSite(siteDir)
    await expect(buildSite(siteDir, () => {}, { env: { DATABASE_URL: 'postgres://nadie:nada@127.0.0.1:1/nada' } })).rejects.toThrow(
      /falló/,
    )
    expect(currentSite(siteDir)).toBe(before)
  })
})
