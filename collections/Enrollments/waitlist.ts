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

/** The course's counts and the rows of `youthIds` in it, read in one statement (a round trip less inside the lock). */
async function courseState(db: Db, courseId: number, youthIds: number[]) {
  const [state] = await rows(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
               count(*) FILTER (WHERE status = 'waitlisted') AS waiting,
               COALESCE(max(position) FILTER (WHERE status = 'waitlisted'), 0) AS last,
               COALESCE(json_agg(json_build_object('id', id, 'youth', youth_id, 'status', status, 'position', position))
                 FILTER (WHERE youth_id = ANY(${sql.param(youthIds)}::int[])), '[]') AS existing
        FROM enrollments WHERE course_id = ${courseId}`,
  )
  const existing = state.existing as { id: number; youth: number; status: string; position: number | null }[]
  return {
    existing: new Map(existing.map((row) => [Number(row.youth), row])),
    confirmed: Number(state.confirmed),
    waiting: Number(state.waiting),
    last: Number(state.last),
  }
}

export type Placed = { placement: Placement; created: boolean }

/**
 * Places youths in arrival order: a seat while one is free, otherwise the end of the line; the
 * matching emails are queued in the same statement as the rows. An active enrolment is returned
 * as it is (`created: false`, also for a youth listed twice); a cancelled one is reused (one row
 * per youth and course). Runs inside the course lock; one call serves a whole batch of requests.
 */
export async function placeYouths(
  db: Db,
  courseId: number,
  youthIds: number[],
  capacity: number,
): Promise<{ placed: Placed[]; promoted: number[] }> {
  let state = await courseState(db, courseId, youthIds)
  // Free seats while people wait (e.g. a capacity raised in a draft, then published): the line goes first.
  let promoted: number[] = []
  if (state.confirmed < capacity && state.waiting > 0) {
    promoted = await fillSeats(db, courseId, capacity)
    state = await courseState(db, courseId, youthIds)
  }
  let { confirmed, last } = state
  const firstRequest = new Map<number, number>() // youth → index of their first request in this batch
  const fresh: { youth: number; status: Placement['status']; position: number | null }[] = []
  const reused: { id: number; youth: number; status: Placement['status']; position: number | null }[] = []
  const decided: (Placed | { sameAs: number })[] = youthIds.map((youth, index) => {
    const earlier = firstRequest.get(youth)
    if (earlier !== undefined) return { sameAs: earlier }
    firstRequest.set(youth, index)
    const existing = state.existing.get(youth)
    if (existing && existing.status !== 'cancelled') return { placement: toPlacement(existing), created: false }
    const status = confirmed < capacity ? 'confirmed' : 'waitlisted'
    const position = status === 'confirmed' ? (confirmed++, null) : ++last
    if (existing) reused.push({ id: existing.id, youth, status, position })
    else fresh.push({ youth, status, position })
    return { placement: { id: existing?.id ?? 0, status, ...(position ? { position } : {}) }, created: true }
  })
  const ids = new Map<number, number>()
  if (fresh.length) {
    const inserted = await rows(
      db,
      sql`WITH placed AS (
            INSERT INTO enrollments (course_id, youth_id, status, position, confirmed_at, created_at, updated_at)
            SELECT ${courseId}, youth, status::enum_enrollments_status, position, CASE WHEN status = 'confirmed' THEN now() END, now(), now()
            FROM unnest(${sql.param(fresh.map((f) => f.youth))}::int[], ${sql.param(fresh.map((f) => f.status))}::text[],
                        ${sql.param(fresh.map((f) => f.position))}::int[]) AS input(youth, status, position)
            RETURNING id, youth_id, status),
          mail AS (${queueEmailFor(sql`placed`)})
          SELECT id, youth_id FROM placed`,
    )
    for (const row of inserted) ids.set(Number(row.youth_id), Number(row.id))
  }
  for (const { id, youth, status, position } of reused) {
    const confirmedAt = status === 'confirmed' ? new Date().toISOString() : null
    await db.execute(
      sql`WITH placed AS (
            UPDATE enrollments SET status = ${status}, position = ${position}, confirmed_at = ${confirmedAt},
              cancelled_at = NULL, reminder_sent_at = NULL, updated_at = now()
            WHERE id = ${id} RETURNING id, status),
          mail AS (${queueEmailFor(sql`placed`)})
          SELECT id FROM placed`,
    )
    ids.set(youth, id)
  }
  const own = (result: Placed, youth: number): Placed =>
    result.created ? { created: true, placement: { ...result.placement, id: ids.get(youth)! } } : result
  // A repeated request in the same batch learns what the first one got, as a retry would.
  const placed = decided.map((result, index) =>
    'sameAs' in result ? { placement: own(decided[result.sameAs] as Placed, youthIds[index]).placement, created: false } : own(result, youthIds[index]),
  )
  return { placed, promoted }
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
