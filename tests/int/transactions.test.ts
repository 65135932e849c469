/**
 * withTransaction (lib/db), the one transaction wrapper of the endpoints: a
 * refusal (a non-2xx Response) or a throw leaves nothing behind; any other result commits; inside a
 * transaction someone else opened, the outer owner decides.
 */
import { createLocalReq, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withTransaction } from '../../lib/db'
import { errorResponse } from '../../lib/api-errors'
import { setupPayload, type TestContext } from '../helpers/payload'

let ctx: TestContext
beforeAll(async () => {
  ctx = await setupPayload()
})
afterAll(() => ctx?.close())

let n = 0
const addPillar = (req: PayloadRequest) => {
  n++
  return ctx.payload.create({ collection: 'pillars', data: { name: `Pilar ${n}`, slug: `pilar-transaccion-${n}`, order: n }, req })
}
const pillars = async () => (await ctx.payload.count({ collection: 'pillars', where: { slug: { like: 'pilar-transaccion-' } } })).totalDocs
const freshReq = () => createLocalReq({}, ctx.payload)

describe('withTransaction', () => {
  it('rolls back what a refusal wrote, and what came before a throw (which it rethrows)', async () => {
    const before = await pillars()
    const req = await freshReq()
    const refusal = await withTransaction(req, async () => {
      await addPillar(req)
      return errorResponse(409, 'Ya no se puede.')
    })
    expect(refusal.status).toBe(409)
    expect(await pillars()).toBe(before)

    const req2 = await freshReq()
    const thrown = await withTransaction(req2, async () => {
      await addPillar(req2)
      throw new Error('a mitad del trabajo')
    }).catch((error: Error) => error)
    expect((thrown as Error).message).toBe('a mitad del trabajo')
    expect(await pillars()).toBe(before)
  })

  it('commits a successful response and a plain value', async () => {
    const before = await pillars()
    const req = await freshReq()
    const ok = await withTransaction(req, async () => {
      await addPillar(req)
      return Response.json({ listo: true }, { status: 201 })
    })
    expect(ok.status).toBe(201)
    const req2 = await freshReq()
    expect(await withTransaction(req2, async () => (await addPillar(req2)).id)).toBeTypeOf('number')
    expect(await pillars()).toBe(before + 2)
  })

  it('leaves the decision to whoever opened the transaction first', async () => {
    const before = await pillars()
    const req = await freshReq()
    expect(await initTransaction(req)).toBe(true)
    // Inner work succeeds, but the outer owner rolls back: nothing stays.
    await withTransaction(req, async () => {
      await addPillar(req)
      return Response.json({ listo: true })
    })
    await killTransaction(req)
    expect(await pillars()).toBe(before)
  })
})
