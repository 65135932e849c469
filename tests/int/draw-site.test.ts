/**
 * The draw's site side (site/lib/draw-page.ts) against the real API over HTTP, as the on-demand pages
 * call it: the no-JavaScript request page (request, «ya solicitaste», withdraw) and the public page's
 * data before and after the draw (folios only).
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCourseDraw } from '../../collections/DrawRequests/run'
import { describeMyDrawRequest, drawRequestAction, drawView, myDrawView } from '../../site/lib/draw-page'
import { myDrawRequests } from '../../site/lib/my-draw-requests'
import { checkPublishedDraw } from '../../lib/draw/published'
import { apiBridge } from '../helpers/api-bridge'
import { setupPayload, type TestContext } from '../helpers/payload'
import { openDrawCourse, youths } from './enrollment-fixtures'

type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }

describe('draw pages', () => {
  let ctx: TestContext
  let bridge: { close: () => void }
  let people: { id: number; token: string }[]

  const visitor = (token?: string) => new Request('http://localhost/cursos/x/solicitud', { headers: token ? { cookie: `payload-token=${token}` } : {} })
  const form = (accion: string) => {
    const data = new FormData()
    data.set('accion', accion)
    return data
  }

  beforeAll(async () => {
    ctx = await setupPayload()
    bridge = await apiBridge(ctx)
    people = await youths(ctx, 3)
  })
  afterAll(async () => {
    bridge.close()
    await ctx.close()
  })

  it('request without JavaScript, see «ya solicitaste», withdraw, request again; after the draw the result and the public page', async () => {
    const course = await openDrawCourse(ctx, { capacity: 1 })
    const anonymous = await myDrawView(visitor(), course.slug!)
    expect(anonymous).toMatchObject({ youth: null, draw: { phase: 'open', mine: null } })
    expect(await drawRequestAction(visitor(), course.slug!, form('solicitar'))).toMatch(/Inicia sesión/)

    const me = visitor(people[0].token)
    expect(await drawRequestAction(me, course.slug!, form('solicitar'))).toMatch(/^¡Listo! Registramos tu solicitud con el folio S-/)
    const mine = (await myDrawView(me, course.slug!)).draw!.mine!
    expect(describeMyDrawRequest(mine)).toMatch(/^Ya solicitaste un lugar: tu folio es S-/)
    expect(await drawRequestAction(me, course.slug!, form('solicitar'))).toMatch(/Ya solicitaste un lugar en este curso/)
    expect(await drawRequestAction(me, course.slug!, form('retirar'))).toBe('Retiraste tu solicitud.')
    expect(await drawRequestAction(me, course.slug!, form('solicitar'))).toContain(mine.folio)
    expect(await drawRequestAction(visitor(people[1].token), course.slug!, form('solicitar'))).toMatch(/^¡Listo!/)

    // Mi cuenta lists each youth's own pending request, nobody else's.
    expect((await myDrawRequests(me)).map((r) => [r.folio, r.status, r.course.slug])).toEqual([[mine.folio, 'requested', course.slug]])
    expect((await myDrawRequests(visitor(people[2].token))).length).toBe(0)

    const before = await drawView(visitor(), course.slug!)
    expect(before).toMatchObject({ status: 200, draw: { phase: 'open', requests: 2, result: null } })

    const db = (ctx.payload.db as unknown as { drizzle: Db }).drizzle
    await db.execute(sql`UPDATE courses SET draw_requests_close = now() - interval '2 minutes', draw_draw_at = now() - interval '1 minute' WHERE id = ${course.id}`)
    expect((await runCourseDraw(ctx.payload, course.id)).kind).toBe('drawn')

    const after = await drawView(visitor(), course.slug!)
    expect(after.draw!.phase).toBe('drawn')
    expect(checkPublishedDraw(after.draw).ok).toBe(true)
    const outcome = (await myDrawView(me, course.slug!)).draw!.mine!
    expect(describeMyDrawRequest(outcome)).toMatch(/Obtuviste lugar|lista de espera, en el lugar 1/)
    // Drawn: the request became an enrolment (Mis inscripciones) or, for the other youth, one too; none pending.
    expect(await myDrawRequests(me)).toEqual([])
    // The request form is gone after the window: a crafted post is refused in Spanish.
    expect(await drawRequestAction(me, course.slug!, form('retirar'))).toMatch(/ya no puedes retirar/)
  })

  it('a course that is not «Por sorteo» or does not exist has no draw page', async () => {
    expect(await drawView(visitor(), 'no-existe-este-curso')).toMatchObject({ course: null, status: 404 })
  })
})
