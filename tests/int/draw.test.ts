/**
 * Fair places (issue 21, docs/draw.md) on real PostgreSQL: requests under concurrency, the draw run
 * twice, eligibility at draw time, the window, bad input, staff settings, and the published result.
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCourseDraw } from '../../collections/DrawRequests/run'
import { verifyDraw } from '../../lib/draw/algorithm'
import { checkPublishedDraw } from '../../lib/draw/published'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { crowd as makeCrowd, enrolmentsOf, openCourse, openDrawCourse, youths } from './enrollment-fixtures'

const DAY = 86_400_000
const outbox = useOutbox()
type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }

describe('draw for places', () => {
  let ctx: TestContext
  let db: Db
  let crowd: { id: number; email: string; token: string }[]

  beforeAll(async () => {
    ctx = await setupPayload()
    db = (ctx.payload.db as unknown as { drizzle: Db }).drizzle
    crowd = await makeCrowd(ctx, 500)
  }, 300_000)
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  const drawCourse = (data: Record<string, unknown> = {}, draw: Record<string, unknown> = {}) => openDrawCourse(ctx, data, draw)
  const request = (courseId: number, token?: string) => ctx.rest('POST', `/courses/${courseId}/draw-request`, { token })
  const requestsOf = async (courseId: number) => (await db.execute(sql`SELECT * FROM draw_requests WHERE course_id = ${courseId} ORDER BY id`)).rows
  /** The window closes (in the database: staff could not save it so), the draw is due: what the clock does by itself. */
  const closeWindow = (courseId: number) =>
    db.execute(sql`UPDATE courses SET draw_requests_close = now() - interval '2 minutes', draw_draw_at = now() - interval '1 minute' WHERE id = ${courseId}`)

  it('500 parallel requests: 500 stored, none twice, each its own folio; the draw then gives 30 places and a line of 470 in draw order', async () => {
    const course = await drawCourse({ capacity: 30 })
    const responses = await Promise.all(crowd.map((y) => request(course.id, y.token)))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s !== 201)).toEqual([])
    const bodies = await Promise.all(responses.map((r) => r.json()))
    expect(bodies.every((b) => /^S-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(b.folio) && b.status === 'requested')).toBe(true)
    const stored = await requestsOf(course.id)
    expect(stored).toHaveLength(500)
    expect(new Set(stored.map((r) => r.youth_id)).size).toBe(500)
    expect(new Set(stored.map((r) => r.folio)).size).toBe(500)

    // The same 50 again, in parallel: 409 with their folio, nothing new stored.
    const again = await Promise.all(crowd.slice(0, 50).map((y) => request(course.id, y.token)))
    expect(again.map((r) => r.status)).toEqual(Array(50).fill(409))
    expect(await again[0].json()).toMatchObject({ folio: bodies[0].folio, errors: [{ message: expect.stringContaining('Ya solicitaste') }] })
    expect(await requestsOf(course.id)).toHaveLength(500)

    // Public state before the draw: commitment shown, no secret, no result.
    const before = await (await ctx.rest('GET', `/courses/${course.id}/draw`)).json()
    expect(before).toMatchObject({ phase: 'open', requests: 500, result: null, mine: null })
    expect(before.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(before)).not.toMatch(/secret/)

    await closeWindow(course.id)
    const outcome = await runCourseDraw(ctx.payload, course.id)
    expect(outcome.kind).toBe('drawn')
    const enrolments = await enrolmentsOf(ctx, course.id)
    expect(enrolments.filter((e) => e.status === 'confirmed')).toHaveLength(30)
    expect(enrolments.filter((e) => e.status === 'waitlisted')).toHaveLength(470)
    // The waitlist follows the draw order.
    const result = outcome.kind === 'drawn' ? outcome.result : null
    const rankOfYouth = new Map((await requestsOf(course.id)).map((r) => [Number(r.youth_id), Number(r.rank)]))
    const line = enrolments.filter((e) => e.status === 'waitlisted').sort((a, b) => a.position! - b.position!)
    const ranks = line.map((e) => rankOfYouth.get(e.youth as number)!)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(verifyDraw(result!)).toEqual({ ok: true, problems: [] })

    // The public JSON: the secret revealed, the commitment unchanged, folios only (no names, no emails, no youth ids).
    const after = await (await ctx.rest('GET', `/courses/${course.id}/draw`)).json()
    expect(after.phase).toBe('drawn')
    expect(after.result.commitment).toBe(before.commitment)
    expect(after.result.entries).toHaveLength(500)
    expect(JSON.stringify(after)).not.toMatch(/@|youth|givenNames|surnames/)
    // What `npm run verify-draw` does with the API's answer: it matches.
    expect(checkPublishedDraw(after)).toMatchObject({ ok: true, lines: [expect.stringMatching(/^COINCIDE/), expect.any(String)] })
    // Each youth is told: one email job per enrolment (confirmed or waitlisted).
    const [{ n }] = (
      await db.execute(
        sql`SELECT count(*)::int AS n FROM payload_jobs WHERE task_slug = 'enrollmentEmail'
            AND (input->>'enrollment')::int IN (SELECT id FROM enrollments WHERE course_id = ${course.id})`,
      )
    ).rows
    expect(n).toBe(500)
    // Withdrawing after the window: refused, nothing changes.
    const late = await ctx.rest('POST', `/courses/${course.id}/draw-request/withdraw`, { token: crowd[0].token })
    expect(late.status).toBe(403)
    expect((await late.json()).errors[0].message).toMatch(/ya no puedes retirar/)
  }, 240_000)

  it('a draw triggered twice at once (two instances) gives one result; a third run later changes nothing', async () => {
    const course = await drawCourse({ capacity: 3 })
    for (const y of crowd.slice(0, 10)) expect((await request(course.id, y.token)).status).toBe(201)
    await closeWindow(course.id)
    const runs = await Promise.all([runCourseDraw(ctx.payload, course.id), runCourseDraw(ctx.payload, course.id)])
    expect(runs.map((r) => r.kind).sort()).toEqual(['already-drawn', 'drawn'])
    expect((await runCourseDraw(ctx.payload, course.id)).kind).toBe('already-drawn')
    const enrolments = await enrolmentsOf(ctx, course.id)
    expect(enrolments).toHaveLength(10)
    expect(enrolments.filter((e) => e.status === 'confirmed')).toHaveLength(3)
    const [{ n }] = (await db.execute(sql`SELECT count(*)::int AS n FROM course_draws WHERE course_id = ${course.id} AND drawn_at IS NOT NULL`)).rows
    expect(n).toBe(1)
  })

  it('the queued job runs the draw at its time', async () => {
    const course = await drawCourse({ capacity: 2 })
    for (const y of crowd.slice(20, 25)) expect((await request(course.id, y.token)).status).toBe(201)
    const [job] = (await db.execute(sql`SELECT id, wait_until FROM payload_jobs WHERE task_slug = 'courseDraw' AND (input->>'course')::int = ${course.id}`)).rows
    expect(new Date(job.wait_until as string).getTime()).toBe(new Date(course.draw!.drawAt as string).getTime())
    await closeWindow(course.id)
    await db.execute(sql`UPDATE payload_jobs SET wait_until = now() - interval '1 second' WHERE id = ${job.id}`)
    await ctx.payload.jobs.run({ queue: 'default', where: { id: { equals: job.id } } as never })
    const [drawn] = (await db.execute(sql`SELECT drawn_at FROM course_draws WHERE course_id = ${course.id}`)).rows
    expect(drawn.drawn_at).not.toBeNull()
    expect((await enrolmentsOf(ctx, course.id)).filter((e) => e.status === 'confirmed')).toHaveLength(2)
  })

  it('a youth who became ineligible before the draw is left out, with the reason; fewer requests than places: everyone else confirmed', async () => {
    const course = await drawCourse({ capacity: 10 })
    const [stays, unverified] = crowd.slice(30, 32)
    expect((await request(course.id, stays.token)).status).toBe(201)
    expect((await request(course.id, unverified.token)).status).toBe(201)
    await db.execute(sql`UPDATE youth SET _verified = false WHERE id = ${unverified.id}`)
    await closeWindow(course.id)
    const outcome = await runCourseDraw(ctx.payload, course.id)
    expect(outcome.kind).toBe('drawn')
    const rows = await requestsOf(course.id)
    expect(rows.find((r) => r.youth_id === unverified.id)).toMatchObject({ status: 'excluded', reason: expect.stringContaining('Confirma tu correo') })
    expect(rows.find((r) => r.youth_id === stays.id)).toMatchObject({ status: 'confirmed' })
    expect((await enrolmentsOf(ctx, course.id)).map((e) => e.youth)).toEqual([stays.id])
    if (outcome.kind === 'drawn') expect(outcome.result.excluded).toHaveLength(1)
    // The excluded youth is told why, by email (the mail queue); the confirmed one gets the enrolment's email.
    const excludedRequest = rows.find((r) => r.youth_id === unverified.id)!
    const [job] = (await db.execute(sql`SELECT id FROM payload_jobs WHERE task_slug = 'drawExcludedEmail' AND (input->>'request')::int = ${excludedRequest.id}`)).rows
    expect(job).toBeDefined()
    await ctx.payload.jobs.run({ queue: 'mail', where: { id: { equals: job.id } } as never })
    const mail = outbox.latestTo(unverified.email)
    expect(mail.subject).toMatch(/quedó fuera del sorteo/)
    expect(mail.text).toContain(String(excludedRequest.folio))
    expect(mail.text).toMatch(/Confirma tu correo/)
    await db.execute(sql`UPDATE youth SET _verified = true WHERE id = ${unverified.id}`)
  })

  it('zero requests: the draw runs, publishes an empty result that verifies', async () => {
    const course = await drawCourse()
    await closeWindow(course.id)
    const outcome = await runCourseDraw(ctx.payload, course.id)
    expect(outcome.kind).toBe('drawn')
    if (outcome.kind === 'drawn') expect(verifyDraw(outcome.result).ok).toBe(true)
  })

  it('priority groups get their share exactly: 10 places, 30 % for priority colonias', async () => {
    const course = await drawCourse({ capacity: 10 }, { groups: [{ label: 'Colonias prioritarias', rule: 'colonia', share: 30 }], colonias: 'Los Olivos\nSan Juan de Dios' })
    const olivos = await youths(ctx, 5, { colonia: 'los olivos' })
    for (const y of [...olivos, ...crowd.slice(40, 60)]) expect((await request(course.id, y.token)).status).toBe(201)
    await closeWindow(course.id)
    const outcome = await runCourseDraw(ctx.payload, course.id)
    if (outcome.kind !== 'drawn') throw new Error(outcome.kind)
    expect(outcome.result.requestsPerGroup).toEqual({ 'grupo-1': 5 })
    expect(outcome.result.entries.filter((e) => e.group === 'grupo-1')).toHaveLength(3)
    expect(outcome.result.entries.filter((e) => e.outcome === 'confirmed')).toHaveLength(10)
    const rows = await requestsOf(course.id)
    expect(rows.filter((r) => r.group === 'Colonias prioritarias')).toHaveLength(3)
  })

  it('requests follow the enrolment rules: anonymous 401, staff 403, too young 403, window not open 403, not a draw 409, unknown course 404, bad ids 404 — nothing stored', async () => {
    const course = await drawCourse({ ageRange: { min: 18, max: 29 } })
    const [minor] = await youths(ctx, 1, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: `tutora.${Date.now()}@ejemplo.mx` }, guardianConsent: { status: 'given' } })
    const [other] = await youths(ctx, 1)
    const cases: [string, Response, number, RegExp][] = [
      ['anonymous', await request(course.id), 401, /Inicia sesión/],
      ['staff', await request(course.id, await staffToken(ctx, 'admin')), 403, /persona joven/],
      ['too young', await request(course.id, minor.token), 403, /de 18 a 29 años/],
      ['not open yet', await request((await drawCourse({}, { requestsOpen: new Date(Date.now() + DAY).toISOString(), requestsClose: new Date(Date.now() + 2 * DAY).toISOString(), drawAt: new Date(Date.now() + 3 * DAY).toISOString() })).id, other.token), 403, /todavía no abren/],
      ['first come first served', await request((await openCourse(ctx)).id, other.token), 409, /no asigna sus lugares por sorteo/],
      ['unknown', await request(99_999_999, other.token), 404, /No encontramos/],
      ['text id', await ctx.rest('POST', '/courses/abc/draw-request', { token: other.token }), 404, /No encontramos/],
      ['negative id', await ctx.rest('POST', '/courses/-1/draw-request', { token: other.token }), 404, /No encontramos/],
      ['junk body', await ctx.rest('POST', `/courses/${course.id}/draw-request`, { token: other.token, body: '{"a":', headers: { 'Content-Type': 'application/json' } }), 400, /JSON/],
    ]
    for (const [name, response, status, message] of cases) {
      const body = await response.json()
      expect({ name, status: response.status }).toEqual({ name, status })
      expect(body.errors[0].message, name).toMatch(message)
    }
    const [{ n }] = (await db.execute(sql`SELECT count(*)::int AS n FROM draw_requests WHERE youth_id IN (${minor.id}, ${other.id})`)).rows
    expect(n).toBe(0)
  })

  it('enrolling directly in a course «Por sorteo» is refused: the place comes from the draw', async () => {
    const course = await drawCourse()
    const response = await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: crowd[80].token })
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toMatch(/por sorteo/)
    expect(await enrolmentsOf(ctx, course.id)).toHaveLength(0)
  })

  it('a youth withdraws during the window and may request again (same folio); after the window it is refused', async () => {
    const course = await drawCourse()
    const youth = crowd[90]
    const { folio } = await (await request(course.id, youth.token)).json()
    const withdraw = await ctx.rest('POST', `/courses/${course.id}/draw-request/withdraw`, { token: youth.token })
    expect(withdraw.status).toBe(200)
    expect(await withdraw.json()).toEqual({ folio, status: 'withdrawn' })
    expect((await ctx.rest('POST', `/courses/${course.id}/draw-request/withdraw`, { token: youth.token })).status).toBe(404)
    const back = await request(course.id, youth.token)
    expect(back.status).toBe(201)
    expect((await back.json()).folio).toBe(folio)
    const mine = await (await ctx.rest('GET', `/courses/${course.id}/draw`, { token: youth.token })).json()
    expect(mine.mine).toMatchObject({ folio, status: 'requested' })

    await db.execute(sql`UPDATE courses SET draw_requests_close = now() - interval '1 minute' WHERE id = ${course.id}`)
    const late = await ctx.rest('POST', `/courses/${course.id}/draw-request/withdraw`, { token: youth.token })
    expect(late.status).toBe(403)
    expect((await late.json()).errors[0].message).toMatch(/cerraron el .*ya no puedes retirar/)
    expect((await requestsOf(course.id))[0]).toMatchObject({ status: 'requested' })
  })

  it('staff: a draw time in the past is refused in Spanish; after the draw its settings cannot change', async () => {
    const token = await staffToken(ctx, 'admin')
    const past = await ctx.rest('POST', '/courses', {
      token,
      body: {
        title: `Sorteo pasado ${Date.now()}`,
        kind: 'workshop',
        modality: 'online',
        capacity: 10,
        allocation: 'draw',
        draw: { requestsOpen: new Date(Date.now() - 2 * DAY).toISOString(), requestsClose: new Date(Date.now() - DAY).toISOString(), drawAt: new Date(Date.now() - 3_600_000).toISOString() },
      },
    })
    expect(past.status).toBe(400)
    expect(JSON.stringify(await past.json())).toMatch(/La hora del sorteo ya pasó/)

    const course = await drawCourse({ capacity: 2 })
    await closeWindow(course.id)
    expect((await runCourseDraw(ctx.payload, course.id)).kind).toBe('drawn')
    const change = await ctx.rest('PATCH', `/courses/${course.id}`, { token, body: { allocation: 'arrival' } })
    expect(change.status).toBe(400)
    expect(JSON.stringify(await change.json())).toMatch(/ya se realizó/)
    // Other fields still change (the course runs as usual); the drawn settings stay.
    const rename = await ctx.rest('PATCH', `/courses/${course.id}`, { token, body: { summary: 'Resumen nuevo' } })
    expect(rename.status, await rename.clone().text()).toBe(200)
    // Nobody edits the draw or its requests through the API.
    const [draw] = (await db.execute(sql`SELECT id FROM course_draws WHERE course_id = ${course.id}`)).rows
    expect((await ctx.rest('PATCH', `/course-draws/${draw.id}`, { token, body: { commitment: 'x' } })).status).toBe(403)
    // Staff read the draw row, never its secret.
    const seen = await (await ctx.rest('GET', `/course-draws/${draw.id}`, { token })).json()
    expect(seen.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(seen).not.toHaveProperty('secret')
  })
})
