import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed'
import { PILLARS } from '../../seed/pillars'
import { setupPayload, type TestContext } from '../helpers/payload'

describe('seed', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(() => ctx.close())

  it('creates the six pillars with their fixed slugs and a first admin', async () => {
    const report = await seed(ctx.payload, { adminEmail: 'Jefa@IMJU.gob.mx', adminPassword: 'una-contraseña-larga' })
    expect(report.pillarsCreated).toBe(6)
    expect(report.admin).toEqual({ email: 'jefa@imju.gob.mx', password: undefined })

    const { docs } = await ctx.payload.find({ collection: 'pillars', sort: 'order', limit: 10 })
    expect(docs.map((p) => [p.slug, p.name])).toEqual(PILLARS.map((p) => [p.slug, p.name]))
    const admin = await ctx.payload.login({ collection: 'users', data: { email: 'jefa@imju.gob.mx', password: 'una-contraseña-larga' } })
    expect(admin.user?.roles).toEqual(['admin'])
  })

  it('is idempotent: a second run creates nothing and keeps edits', async () => {
    const { docs } = await ctx.payload.find({ collection: 'pillars', where: { slug: { equals: 'salud-bienestar' } } })
    await ctx.payload.update({ collection: 'pillars', id: docs[0].id, data: { description: 'Editado por el equipo' } })

    const report = await seed(ctx.payload, {})
    expect(report).toEqual({ pillarsCreated: 0 })
    expect((await ctx.payload.count({ collection: 'pillars' })).totalDocs).toBe(6)
    expect((await ctx.payload.count({ collection: 'users' })).totalDocs).toBe(1)
    const again = await ctx.payload.findByID({ collection: 'pillars', id: docs[0].id })
    expect(again.description).toBe('Editado por el equipo')
  })

  it('generates and reports a password when none is configured', async () => {
    await ctx.payload.delete({ collection: 'users', where: { id: { exists: true } } })
    const report = await seed(ctx.payload, {})
    expect(report.admin?.email).toBe('admin@viajejoven.local')
    expect(report.admin?.password).toMatch(/^[\w-]{16,}$/)
  })
})
