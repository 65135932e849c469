/**
 * The fast way in (server/fast-api.ts): real HTTP to the same enrol and availability handlers,
 * without Next. It must answer exactly as Payload's route does, let in nobody Payload would
 * refuse (bad or revoked tokens, cross-site cookies), and keep the seat guarantees under a crowd.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createFastApi, MAX_FAST_BODY_BYTES } from '../../server/fast-api'
import { setupPayload, type TestContext } from '../helpers/payload'
import { staffToken } from '../helpers/youth'
import { crowd as makeCrowd, enrolmentsOf, openCourse, youths } from './enrollment-fixtures'

describe('enrolment and availability over the fast path', () => {
  let ctx: TestContext
  let server: http.Server
  let base: string
  let site: string

  const call = async (method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await fetch(`${base}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: response.status, body: await response.json(), headers: response.headers }
  }
  const jwt = (token: string) => ({ Authorization: `JWT ${token}` })

  beforeAll(async () => {
    ctx = await setupPayload()
    const fast = await createFastApi(ctx.payload)
    server = http.createServer((req, res) => {
      if (!fast(req, res)) res.writeHead(418).end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    site = ctx.payload.config.csrf[0]
  }, 300_000)
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await ctx.close()
  })

  it('takes only its two routes: every other request is left to Next', async () => {
    const course = await openCourse(ctx)
    expect((await call('GET', `/courses/${course.id}`)).status).toBe(418)
    expect((await call('GET', `/courses/${course.id}/enroll`)).status).toBe(418)
    expect((await call('POST', `/enrollments/${course.id}/cancel`)).status).toBe(418)
  })

  it('answers as Payload’s route does: 401, 404, 403, 201, 409, availability', async () => {
    const [someone, other] = await youths(ctx, 2)
    const [unverified] = await youths(ctx, 1)
    await ctx.payload.update({ collection: 'youth', id: unverified.id, data: { _verified: false } as never })
    const course = await openCourse(ctx, { capacity: 1 })
    const draft = await openCourse(ctx, { _status: 'draft' })
    const viaPayload = async (path: string, token?: string) => {
      const response = await ctx.rest('POST', path, { token })
      return { status: response.status, body: await response.json() }
    }

    for (const [path, token] of [
      [`/courses/${course.id}/enroll`, undefined],
      [`/courses/${course.id}/enroll`, 'not-a-token'],
      [`/courses/${draft.id}/enroll`, someone.token],
      ['/courses/abc/enroll', someone.token],
      [`/courses/${course.id}/enroll`, unverified.token],
    ] as const) {
      const fast = await call('POST', path, token ? jwt(token) : {})
      expect(fast.status, path).toBeGreaterThanOrEqual(400)
      expect({ status: fast.status, body: fast.body }, `${path} ${token}`).toEqual(await viaPayload(path, token))
    }
    expect(await enrolmentsOf(ctx, course.id)).toEqual([])

    expect(await call('POST', `/courses/${course.id}/enroll`, jwt(someone.token))).toMatchObject({ status: 201, body: { status: 'confirmed' } })
    expect(await call('POST', `/courses/${course.id}/enroll`, jwt(other.token))).toMatchObject({ status: 201, body: { status: 'waitlisted', position: 1 } })
    const again = await call('POST', `/courses/${course.id}/enroll`, jwt(other.token))
    expect({ status: again.status, body: again.body }).toEqual(await viaPayload(`/courses/${course.id}/enroll`, other.token))
    expect(again).toMatchObject({ status: 409, body: { status: 'waitlisted', position: 1 } })

    const seats = await call('GET', `/courses/${course.id}/availability`)
    expect(seats.body).toEqual({ capacity: 1, confirmed: 1, seatsLeft: 0, waitlisted: 1 })
    expect(seats.headers.get('cache-control')).toBe('no-store')
    expect((await call('GET', `/courses/${draft.id}/availability`)).status).toBe(404)
  })

  it('refuses a malformed body as Payload’s routes do (content type, UTF-8, JSON, nesting, size): 4xx in the one shape, in Spanish, nothing stored', async () => {
    const [someone] = await youths(ctx, 1)
    const course = await openCourse(ctx)
    const path = `/courses/${course.id}/enroll`
    const JSON_TYPE = { 'Content-Type': 'application/json' }
    const cases: { name: string; body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> }[] = [
      { name: 'text/xml', body: '<enroll><youth>1</youth></enroll>', headers: { 'Content-Type': 'text/xml' } },
      { name: 'text/plain', body: '{}', headers: { 'Content-Type': 'text/plain' } },
      { name: 'broken JSON', body: '{', headers: JSON_TYPE },
      { name: 'cut JSON', body: '{"youth":', headers: JSON_TYPE },
      { name: 'null', body: 'null', headers: JSON_TYPE },
      { name: 'array', body: '[]', headers: JSON_TYPE },
      { name: 'string', body: '"texto"', headers: JSON_TYPE },
      { name: 'number', body: '123', headers: JSON_TYPE },
      { name: 'deep nesting', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: JSON_TYPE },
      { name: 'invalid UTF-8', body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: JSON_TYPE },
    ]
    for (const { name, body, headers } of cases) {
      const response = await fetch(`${base}/api${path}`, { method: 'POST', headers: { ...headers, ...jwt(someone.token) }, body })
      const fast = { status: response.status, body: await response.json() }
      expect(fast.status, name).toBeGreaterThanOrEqual(400)
      expect(fast.status, name).toBeLessThan(500)
      expect(fast.body, name).toEqual({ errors: [{ message: expect.stringMatching(/[a-záéíóúñ]/) }] })
      const viaNext = await ctx.rest('POST', path, { token: someone.token, headers, body })
      expect(fast, name).toEqual({ status: viaNext.status, body: await viaNext.json() })
    }
    // Over this path's cap (far below the server's 1 MB): a 413 in the same shape.
    const big = await fetch(`${base}/api${path}`, { method: 'POST', headers: { ...JSON_TYPE, ...jwt(someone.token) }, body: JSON.stringify({ youth: someone.id, pad: 'x'.repeat(MAX_FAST_BODY_BYTES) }) })
    expect(big.status).toBe(413)
    expect(await big.json()).toEqual({ errors: [{ message: expect.stringMatching(/demasiado grande/) }] })
    expect(await enrolmentsOf(ctx, course.id)).toEqual([])
    // A well-formed (or empty) body still enrols.
    expect(await call('POST', path, { ...JSON_TYPE, ...jwt(someone.token) }, {})).toMatchObject({ status: 201, body: { status: 'confirmed' } })
  })

  it('a session cookie counts only from the site itself; a logged-out token is anonymous', async () => {
    const [someone] = await youths(ctx, 1)
    const course = await openCourse(ctx)
    const cookie = `payload-token=${someone.token}`
    const crossSite = await call('POST', `/courses/${course.id}/enroll`, { Cookie: cookie, Origin: 'https://otro-sitio.example' })
    expect(crossSite.status).toBe(401)
    const noOrigin = await call('POST', `/courses/${course.id}/enroll`, { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })
    expect(noOrigin.status).toBe(401)
    expect(await enrolmentsOf(ctx, course.id)).toEqual([])

    const db = (ctx.payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }).drizzle
    await db.execute(sql`DELETE FROM youth_sessions WHERE _parent_id = ${someone.id}`)
    expect((await call('POST', `/courses/${course.id}/enroll`, { Cookie: cookie, Origin: site })).status).toBe(401)

    const [fresh] = await youths(ctx, 1)
    const sameSite = await call('POST', `/courses/${course.id}/enroll`, { Cookie: `payload-token=${fresh.token}`, Origin: site })
    expect(sameSite).toMatchObject({ status: 201, body: { status: 'confirmed' } })
  })

  it('staff go through Payload’s own auth: a coordinator adds someone by id', async () => {
    const [someone] = await youths(ctx, 1)
    const course = await openCourse(ctx)
    const token = await staffToken(ctx, 'coordinator')
    const added = await call('POST', `/courses/${course.id}/enroll`, { ...jwt(token), 'Content-Type': 'application/json' }, { youth: someone.id })
    expect(added).toMatchObject({ status: 201, body: { status: 'confirmed' } })
    expect((await enrolmentsOf(ctx, course.id)).map((e) => e.youth)).toEqual([someone.id])
  })

  it('200 youths at once over HTTP for 30 seats: 30 confirmed, 170 in line 1..170, no duplicates', async () => {
    const people = await makeCrowd(ctx, 200)
    const course = await openCourse(ctx, { capacity: 30 })
    const answers = await Promise.all(people.map((p) => call('POST', `/courses/${course.id}/enroll`, jwt(p.token))))
    expect(answers.filter((a) => a.status !== 201)).toEqual([])
    expect(answers.filter((a) => a.body.status === 'confirmed')).toHaveLength(30)
    const positions = answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.position).sort((a, b) => a - b)
    expect(positions).toEqual(Array.from({ length: 170 }, (_, i) => i + 1))
    const stored = await enrolmentsOf(ctx, course.id)
    expect(new Set(stored.map((e) => e.youth)).size).toBe(200)
    expect(stored.filter((e) => e.status === 'confirmed')).toHaveLength(30)
    expect((await call('GET', `/courses/${course.id}/availability`)).body).toEqual({ capacity: 30, confirmed: 30, seatsLeft: 0, waitlisted: 170 })
  }, 120_000)

  it('a crowd across several courses at once (one of them a draft, one closed): each course fills exactly, refusals change nothing', async () => {
    const people = await makeCrowd(ctx, 150)
    const DAY = 86_400_000
    const open = await Promise.all([5, 10, 20].map((capacity) => openCourse(ctx, { capacity })))
    const draft = await openCourse(ctx, { _status: 'draft' })
    const closed = await openCourse(ctx, { enrollment: { opens: new Date(Date.now() - 2 * DAY).toISOString(), closes: new Date(Date.now() - DAY).toISOString() } })
    const targets = [...open, draft, closed]
    const answers = await Promise.all(people.map((p, i) => call('POST', `/courses/${targets[i % 5].id}/enroll`, jwt(p.token))))
    expect(answers.filter((_, i) => i % 5 === 3).map((a) => a.status)).toEqual(Array(30).fill(404))
    expect(answers.filter((_, i) => i % 5 === 4).every((a) => a.status === 403 && /ya cerraron/.test(a.body.errors[0].message))).toBe(true)
    for (const [k, course] of open.entries()) {
      const mine = answers.filter((_, i) => i % 5 === k)
      expect(mine.map((a) => a.status)).toEqual(Array(30).fill(201))
      expect(mine.filter((a) => a.body.status === 'confirmed')).toHaveLength(course.capacity as number)
      const line = mine.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.position).sort((a, b) => a - b)
      expect(line).toEqual(Array.from({ length: 30 - (course.capacity as number) }, (_, i) => i + 1))
    }
    expect(await enrolmentsOf(ctx, draft.id)).toEqual([])
    expect(await enrolmentsOf(ctx, closed.id)).toEqual([])
  }, 120_000)
})
