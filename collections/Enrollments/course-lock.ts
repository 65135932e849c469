import type { PayloadRequest } from 'payload'

import { dbOf, rows, sql, withTransaction, type Db } from '../../lib/db'

/**
 * Runs `work` in the request's transaction after locking the course row: everyone else changing
 * that course's enrolments waits here, so counting and inserting can never interleave.
 * Returns null when the course row does not exist.
 */
export async function withLockedCourse<T>(
  req: PayloadRequest,
  courseId: number,
  work: (db: Db, capacity: number) => Promise<T>,
): Promise<T | null> {
  return withTransaction(req, async () => {
    const db = await dbOf(req)
    const [course] = await rows(db, sql`SELECT capacity FROM courses WHERE id = ${courseId} FOR UPDATE`)
    return course ? await work(db, Number(course.capacity ?? 0)) : null
  })
}
