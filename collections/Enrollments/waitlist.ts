import { rows, sql, type Db } from './db'

/**
 * Seat bookkeeping inside the course lock (db.ts withLockedCourse). The waitlist is kept
 * numbered 1..n in arrival order, so a stored position is always the person's place in line.
 */

export type Placement = { id: number; status: 'confirmed' | 'waitlisted'; position?: number }

const toPlacement = (row: Record<string, unknown>): Placement => ({
  id: Number(row.id),
  status: row.status as Placement['status'],
  ...(row.position === null || row.position === undefined ? {} : { position: Number(row.position) }),
})

/** Gives free seats to the first in line; returns the ids of the people promoted. */
export async function fillSeats(db: Db, courseId: number, capacity: number): Promise<number[]> {
  const promoted = await rows(
    db,
    sql`UPDATE enrollments SET status = 'confirmed', position = NULL, confirmed_at = now(), updated_at = now()
        WHERE id IN (
          SELECT id FROM enrollments WHERE course_id = ${courseId} AND status = 'waitlisted'
          ORDER BY position, id
          LIMIT GREATEST(0, ${capacity} - (SELECT count(*) FROM enrollments WHERE course_id = ${courseId} AND status = 'confirmed'))
        )
        RETURNING id`,
  )
  if (promoted.length) await renumberWaitlist(db, courseId)
  return promoted.map((row) => Number(row.id))
}

/** Closes the gaps someone leaving the line left behind. */
export async function renumberWaitlist(db: Db, courseId: number): Promise<void> {
  await db.execute(
    sql`UPDATE enrollments e SET position = line.place, updated_at = now()
        FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS place
              FROM enrollments WHERE course_id = ${courseId} AND status = 'waitlisted') line
        WHERE e.id = line.id AND e.position IS DISTINCT FROM line.place`,
  )
}

/**
 * Confirms the youth when a seat is free, otherwise puts them at the end of the line. An active
 * enrolment is returned as it is (`created: false`); a cancelled one is reused (one row per pair).
 */
export async function placeYouth(
  db: Db,
  courseId: number,
  youthId: number,
  capacity: number,
): Promise<{ placement: Placement; created: boolean; promoted: number[] }> {
  const [existing] = await rows(db, sql`SELECT id, status, position FROM enrollments WHERE course_id = ${courseId} AND youth_id = ${youthId}`)
  if (existing && existing.status !== 'cancelled') return { placement: toPlacement(existing), created: false, promoted: [] }

  // Seats freed without a promotion (e.g. a capacity raise saved as a draft, then published) go to the line first.
  const promoted = await fillSeats(db, courseId, capacity)
  const [counts] = await rows(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
               COALESCE(max(position) FILTER (WHERE status = 'waitlisted'), 0) AS last
        FROM enrollments WHERE course_id = ${courseId}`,
  )
  const confirmed = Number(counts.confirmed) < capacity
  const status = confirmed ? 'confirmed' : 'waitlisted'
  const position = confirmed ? null : Number(counts.last) + 1
  const confirmedAt = confirmed ? new Date().toISOString() : null
  const [row] = existing
    ? await rows(
        db,
        sql`UPDATE enrollments SET status = ${status}, position = ${position}, confirmed_at = ${confirmedAt},
              cancelled_at = NULL, reminder_sent_at = NULL, updated_at = now()
            WHERE id = ${Number(existing.id)} RETURNING id, status, position`,
      )
    : await rows(
        db,
        sql`INSERT INTO enrollments (course_id, youth_id, status, position, confirmed_at, created_at, updated_at)
            VALUES (${courseId}, ${youthId}, ${status}, ${position}, ${confirmedAt}, now(), now())
            RETURNING id, status, position`,
      )
  return { placement: toPlacement(row), created: true, promoted }
}

/** Cancels one enrolment and hands its seat (or its place in line) on. Null when it was already cancelled. */
export async function cancelPlacement(db: Db, enrollmentId: number, capacity: number): Promise<{ promoted: number[] } | null> {
  const [row] = await rows(db, sql`SELECT course_id, status FROM enrollments WHERE id = ${enrollmentId} FOR UPDATE`)
  if (!row || row.status === 'cancelled') return null
  await db.execute(
    sql`UPDATE enrollments SET status = 'cancelled', position = NULL, cancelled_at = now(), updated_at = now() WHERE id = ${enrollmentId}`,
  )
  const courseId = Number(row.course_id)
  if (row.status === 'waitlisted') {
    await renumberWaitlist(db, courseId)
    return { promoted: [] }
  }
  return { promoted: await fillSeats(db, courseId, capacity) }
}
