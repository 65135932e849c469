import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'

describe('GET /api/courses/:id/availability', () => {
  let ctx: TestContext
  const course = (data: Record<string, unknown>) =>
    ctx.payload.create({
      collection: 'courses',
      data: { title: `Taller ${Math.random().toString(36).slice(2, 8)}`, kind: 'workshop', modality: 'online', ...data } as never,
    })

  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(() => ctx.close())

  it('is public, uncached and reflects the current capacity without a rebuild', async () => {
    const { id } = await course({ capacity: 25, _status: 'published' })
    const first = await ctx.rest('GET', `/courses/${id}/availability`)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(await first.json()).toEqual({ capacity: 25, confirmed: 0, seatsLeft: 25, waitlisted: 0 })

    await ctx.payload.update({ collection: 'courses', id, data: { capacity: 40 } as never })
    expect(await (await ctx.rest('GET', `/courses/${id}/availability`)).json()).toMatchObject({ capacity: 40, seatsLeft: 40 })
  })

  it('answers 404 in Spanish for drafts, unknown and malformed ids', async () => {
    const draft = await course({ capacity: 10, _status: 'draft' })
    for (const id of [String(draft.id), '999999', 'abc', '-1', '1e9999']) {
      const response = await ctx.rest('GET', `/courses/${id}/availability`)
      expect(response.status, id).toBe(404)
      expect(await response.json()).toEqual({ errors: [{ message: 'No encontramos ese curso o taller.' }] })
    }
  })
})
