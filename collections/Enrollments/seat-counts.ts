import type { PayloadRequest } from 'payload'

import { dbOf, rows, sql } from '../../lib/db'

/**
 * Confirmed and waitlisted enrolments of a course: the one place that counts seats (the public
 * availability endpoint and the enrolment lock both use it). Counts only: no personal data.
 */
export async function seatCounts(req: PayloadRequest, courseId: number): Promise<{ confirmed: number; waitlisted: number }> {
  const [counts] = await rows(
    await dbOf(req),
    sql`SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
               count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted
        FROM enrollments WHERE course_id = ${courseId}`,
  )
  return { confirmed: Number(counts?.confirmed ?? 0), waitlisted: Number(counts?.waitlisted ?? 0) }
}
