/**
 * The promise of enrolment: a popular workshop opens, hundreds press the button at once, and the
 * course never holds more confirmed people than seats; the line is numbered without gaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { availability, crowd as makeCrowd, enrolmentsOf, openCourse } from './enrollment-fixtures'

describe('enrolment under concurrency', () => {
  let ctx: TestContext
  let crowd: { id: number; token: string }[]

  beforeAll(async () => {
    ctx = await setupPayload()
    crowd = await makeCrowd(ctx, 200)
  }, 300_000)
  afterAll(() => ctx.close())

  for (const round of [1, 2, 3]) {
    it(`200 youths at once for 30 seats: 30 confirmed, 170 waitlisted 1..170 (round ${round})`, async () => {
      const course = await openCourse(ctx, { capacity: 30 })
      const started = Date.now()
      const responses = await Promise.all(crowd.map((y) => ctx.rest('POST', `/courses/${course.id}/enroll`, { token: y.token })))
      const elapsed = Date.now() - started
      const bodies = await Promise.all(responses.map((r) => r.json()))

      expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([])
      expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(30)
      const positions = bodies.filter((b) => b.status === 'waitlisted').map((b) => b.position).sort((a, b) => a - b)
      expect(positions).toEqual(Array.from({ length: 170 }, (_, i) => i + 1))

      const stored = await enrolmentsOf(ctx, course.id)
      expect(stored).toHaveLength(200)
      expect(new Set(stored.map((e) => e.youth)).size).toBe(200)
      expect(stored.filter((e) => e.status === 'confirmed')).toHaveLength(30)
      expect(await availability(ctx, course.id)).toEqual({ capacity: 30, confirmed: 30, seatsLeft: 0, waitlisted: 170 })
      console.log(`round ${round}: 200 concurrent enrolments in ${elapsed} ms`)
    })
  }

  for (const round of [1, 2, 3]) {
    it(`one youth sending 20 requests at once gets one enrolment (round ${round})`, async () => {
      const course = await openCourse(ctx, { capacity: 5 })
      const [someone] = crowd.slice(round * 7)
      const responses = await Promise.all(Array.from({ length: 20 }, () => ctx.rest('POST', `/courses/${course.id}/enroll`, { token: someone.token })))
      const statuses = responses.map((r) => r.status).sort()
      expect(statuses).toEqual([201, ...Array(19).fill(409)])
      for (const response of responses.filter((r) => r.status === 409)) {
        expect(await response.json()).toMatchObject({ status: 'confirmed', errors: [{ message: expect.stringContaining('Ya estás inscrito') }] })
      }
      expect(await enrolmentsOf(ctx, course.id)).toHaveLength(1)
      expect(await availability(ctx, course.id)).toEqual({ capacity: 5, confirmed: 1, seatsLeft: 4, waitlisted: 0 })
    })
  }
})
