import { rows, sql, type Db } from './db'
import { queueEmailFor } from './emails'

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

/** One enrolment row and the course's counts, read in one statement (a round trip less inside the lock). */
async function courseState(db: Db, courseId: number, youthId: number) {
  const [state] = await rows(
    db,
    sql`SELECT (SELECT json_build_object('id', id, 'status', status, 'position', position)
                FROM enrollments WHERE course_id = ${courseId} AND youth_id = ${youthId}) AS existing,
               count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
               count(*) FILTER (WHERE status = 'waitlisted') AS waiting,
               COALESCE(max(position) FILTER (WHERE status = 'waitlisted'), 0) AS last
        FROM enrollments WHERE course_id = ${courseId}`,
  )
  return {
    existing: state.existing as { id: number; status: string; position: number | null } | null,
    confirmed: Number(state.confirmed),
    waiting: Number(state.waiting),
    last: Number(state.last),
  }
}

/**
 * Confirms the youth when a seat is free, otherwise puts them at the end of the line, and queues
 * the matching email in the same statement. An active enrolment is returned as it is
 * (`created: false`); a cancelled one is reused (one row per youth and course).
 */
export async function placeYouth(
  db: Db,
  courseId: number,
  youthId: number,
  capacity: number,
): Promise<{ placement: Placement; created: boolean; promoted: number[] }> {
  let state = await courseState(db, courseId, youthId)
  const { existing } = state
  if (existing && existing.status !== 'cancelled') return { placement: toPlacement(existing), created: false, promoted: [] }

  // Free seats while people wait (e.g. a capacity raised in a draft, then published): the line goes first.
  let promoted: number[] = []
  if (state.confirmed < capacity && state.waiting > 0) {
    promoted = await fillSeats(db, courseId, capacity)
    state = await courseState(db, courseId, youthId)
  }
  const confirmed = state.confirmed < capacity
  const status = confirmed ? 'confirmed' : 'waitlisted'
  const position = confirmed ? null : state.last + 1
  const confirmedAt = confirmed ? new Date().toISOString() : null
  const placed = existing
    ? sql`UPDATE enrollments SET status = ${status}, position = ${position}, confirmed_at = ${confirmedAt},
            cancelled_at = NULL, reminder_sent_at = NULL, updated_at = now()
          WHERE id = ${existing.id} RETURNING id, status, position`
    : sql`INSERT INTO enrollments (course_id, youth_id, status, position, confirmed_at, created_at, updated_at)
          VALUES (${courseId}, ${youthId}, ${status}, ${position}, ${confirmedAt}, now(), now())
          RETURNING id, status, position`
  const [row] = await rows(db, sql`WITH placed AS (${placed}), mail AS (${queueEmailFor(sql`placed`)}) SELECT * FROM placed`)
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
