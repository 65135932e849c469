import { describe, expect, it } from 'vitest'

import { upcomingSessions, type ListedEnrolment } from '../../site/lib/my-enrolments'

const now = new Date('2026-12-03T18:00:00.000Z')
const course = (id: number, sessions: [string, string][]) => ({
  id,
  title: `Curso ${id}`,
  slug: `curso-${id}`,
  sessions: sessions.map(([startsAt, endsAt]) => ({ startsAt, endsAt })),
})
const enrolment = (id: number, status: ListedEnrolment['status'], c: ListedEnrolment['course'], completedAt?: string): ListedEnrolment => ({ id, status, course: c, completedAt })

describe('«Próximas sesiones» in Mi cuenta', () => {
  it('lists the sessions not over yet of confirmed seats only, soonest first, numbered within their course', () => {
    const list = [
      enrolment(1, 'confirmed', course(1, [['2026-12-10T16:00:00.000Z', '2026-12-10T20:00:00.000Z'], ['2026-12-01T16:00:00.000Z', '2026-12-01T20:00:00.000Z'], ['2026-12-03T17:00:00.000Z', '2026-12-03T19:00:00.000Z']])),
      enrolment(2, 'confirmed', course(2, [['2026-12-04T16:00:00.000Z', '2026-12-04T18:00:00.000Z']])),
      enrolment(3, 'waitlisted', course(3, [['2026-12-05T16:00:00.000Z', '2026-12-05T18:00:00.000Z']])),
      enrolment(4, 'cancelled', course(4, [['2026-12-05T16:00:00.000Z', '2026-12-05T18:00:00.000Z']])),
      enrolment(5, 'confirmed', course(5, [['2026-12-06T16:00:00.000Z', '2026-12-06T18:00:00.000Z']]), '2026-12-02T00:00:00.000Z'),
    ]
    expect(upcomingSessions(list, now).map((s) => [s.course.id, s.n, s.of, s.startsAt.slice(0, 10)])).toEqual([
      [1, 2, 3, '2026-12-03'], // under way now: still upcoming until it ends
      [2, 1, 1, '2026-12-04'],
      [1, 3, 3, '2026-12-10'],
    ])
  })

  it('is empty without a confirmed seat, and keeps at most `limit`', () => {
    expect(upcomingSessions([], now)).toEqual([])
    const many = course(9, Array.from({ length: 10 }, (_, i): [string, string] => [`2026-12-${10 + i}T16:00:00.000Z`, `2026-12-${10 + i}T18:00:00.000Z`]))
    expect(upcomingSessions([enrolment(9, 'confirmed', many)], now, 6)).toHaveLength(6)
  })
})
