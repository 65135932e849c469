/** Courses and youths for the enrolment tests. */
import { signUp } from '../helpers/youth'
import type { TestContext } from '../helpers/payload'

const DAY = 86_400_000
let seq = 0

/** A published online course, enrolment open now, first session in a week. */
export async function openCourse(ctx: TestContext, data: Record<string, unknown> = {}) {
  seq++
  const start = Date.now() + 7 * DAY
  return ctx.payload.create({
    collection: 'courses',
    data: {
      title: `Taller de prueba ${seq} ${Date.now()}`,
      kind: 'workshop',
      modality: 'online',
      capacity: 30,
      _status: 'published',
      enrollment: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() }],
      ...data,
    } as never,
  })
}

/** Youths created below the API (fast) but logged in through it: tokens are real sessions. */
export async function youths(ctx: TestContext, count: number, overrides: Record<string, unknown> = {}) {
  const made: { id: number; email: string; token: string }[] = []
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async () => {
        const data = signUp(overrides)
        const doc = await ctx.payload.create({ collection: 'youth', data: { ...data, _verified: true } as never, disableVerificationEmail: true })
        const { token } = await ctx.payload.login({ collection: 'youth', data: { email: String(data.email), password: String(data.password) } })
        return { id: doc.id as number, email: String(data.email), token: token! }
      }),
    )
    made.push(...batch)
  }
  return made
}

export async function enrolmentsOf(ctx: TestContext, courseId: number) {
  const { docs } = await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: courseId } }, limit: 0, depth: 0, sort: 'id' })
  return docs
}

export const availability = async (ctx: TestContext, courseId: number) => (await ctx.rest('GET', `/courses/${courseId}/availability`)).json()
