import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed'
import { setupPayload, type TestContext } from '../helpers/payload'

describe('GET /api/pillars', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
  })
  afterAll(() => ctx.close())

  it('is public and lists the six pillars in order', async () => {
    const response = await ctx.rest('GET', '/pillars?sort=order')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.totalDocs).toBe(6)
    expect(body.docs[0].slug).toBe('participacion-social')
  })

  it('refuses anonymous writes', async () => {
    const response = await ctx.rest('POST', '/pillars', { body: { name: 'Pilar falso', slug: 'falso', order: 9 } })
    expect(response.status).toBe(403)
    expect((await ctx.payload.count({ collection: 'pillars' })).totalDocs).toBe(6)
  })

  it('does not list staff accounts to anonymous visitors', async () => {
    const response = await ctx.rest('GET', '/users')
    expect(response.status).toBe(403)
  })
})
