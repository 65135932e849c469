import { rows, sql, type Db } from '../../lib/db'
import { queueEmailFor } from './emails'

/**
 * Seat bookkeeping inside the course lock (course-lock.ts withLockedCourse). The waitlist is kept
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

type Wanted = { course: number; youth: number }
type Row = { id: number; youth: number; status: string; position: number | null }
const key = ({ course, youth }: Wanted) => `${course}:${youth}`

/** Each course's counts and the rows of the wanted (course, youth) pairs, in one statement (round trips inside the lock are what wait). */
async function courseStates(db: Db, wanted: Wanted[]) {
  const courses = [...new Set(wanted.map((w) => w.course))]
  const found = await rows(
    db,
    sql`SELECT course_id,
               count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
               count(*) FILTER (WHERE status = 'waitlisted') AS waiting,
               COALESCE(max(position) FILTER (WHERE status = 'waitlisted'), 0) AS last,
               COALESCE(json_agg(json_build_object('id', id, 'youth', youth_id, 'status', status, 'position', position))
                 FILTER (WHERE (course_id, youth_id) IN (
                   SELECT * FROM unnest(${sql.param(wanted.map((w) => w.course))}::int[], ${sql.param(wanted.map((w) => w.youth))}::int[]))), '[]') AS existing
        FROM enrollments WHERE course_id = ANY(${sql.param(courses)}::int[]) GROUP BY course_id`,
  )
  const states = new Map(courses.map((course) => [course, { confirmed: 0, waiting: 0, last: 0, existing: new Map<number, Row>() }]))
  for (const row of found) {
    const existing = row.existing as Row[]
    states.set(Number(row.course_id), {
      confirmed: Number(row.confirmed),
      waiting: Number(row.waiting),
      last: Number(row.last),
      existing: new Map(existing.map((e) => [Number(e.youth), e])),
    })
  }
  return states
}

export type Placed = { placement: Placement; created: boolean }

/**
 * Places youths in arrival order, each in the course they asked for: a seat while one is free,
 * otherwise the end of that course's line; the matching emails are queued in the same statement
 * as the rows. An active enrolment is returned as it is (`created: false`, also for a pair listed
 * twice); a cancelled one is reused (one row per youth and course). Runs with every course row
 * concerned locked; one call serves a whole batch of requests (batches.ts).
 */
export async function placeYouths(db: Db, wanted: Wanted[], capacities: Map<number, number>): Promise<{ placed: Placed[]; promoted: number[] }> {
  let states = await courseStates(db, wanted)
  // Free seats while people wait (e.g. a capacity raised in a draft, then published): the line goes first.
  const promoted: number[] = []
  for (const [course, state] of states) {
    if (state.confirmed < capacities.get(course)! && state.waiting > 0) promoted.push(...(await fillSeats(db, course, capacities.get(course)!)))
  }
  if (promoted.length) states = await courseStates(db, wanted)

  const first = new Map<string, number>() // pair → index of its first request in this batch
  const fresh: (Wanted & { status: Placement['status']; position: number | null })[] = []
  const reused: (Wanted & { id: number; status: Placement['status']; position: number | null })[] = []
  const decided: (Placed | { sameAs: number })[] = wanted.map((pair, index) => {
    const earlier = first.get(key(pair))
    if (earlier !== undefined) return { sameAs: earlier }
    first.set(key(pair), index)
    const state = states.get(pair.course)!
    const existing = state.existing.get(pair.youth)
    if (existing && existing.status !== 'cancelled') return { placement: toPlacement(existing), created: false }
    const status = state.confirmed < capacities.get(pair.course)! ? 'confirmed' : 'waitlisted'
    const position = status === 'confirmed' ? (state.confirmed++, null) : ++state.last
    if (existing) reused.push({ ...pair, id: existing.id, status, position })
    else fresh.push({ ...pair, status, position })
    return { placement: { id: existing?.id ?? 0, status, ...(position ? { position } : {}) }, created: true }
  })

  const ids = new Map<string, number>()
  if (fresh.length) {
    const inserted = await rows(
      db,
      sql`WITH placed AS (
            INSERT INTO enrollments (course_id, youth_id, status, position, confirmed_at, created_at, updated_at)
            SELECT course, youth, status::enum_enrollments_status, position, CASE WHEN status = 'confirmed' THEN now() END, now(), now()
            FROM unnest(${sql.param(fresh.map((f) => f.course))}::int[], ${sql.param(fresh.map((f) => f.youth))}::int[],
                        ${sql.param(fresh.map((f) => f.status))}::text[], ${sql.param(fresh.map((f) => f.position))}::int[])
                 AS input(course, youth, status, position)
            RETURNING id, course_id, youth_id, status),
          mail AS (${queueEmailFor(sql`placed`)})
          SELECT id, course_id, youth_id FROM placed`,
    )
    for (const row of inserted) ids.set(key({ course: Number(row.course_id), youth: Number(row.youth_id) }), Number(row.id))
  }
  for (const { id, status, position, ...pair } of reused) {
    const confirmedAt = status === 'confirmed' ? new Date().toISOString() : null
    await db.execute(
      sql`WITH placed AS (
            UPDATE enrollments SET status = ${status}, position = ${position}, confirmed_at = ${confirmedAt},
              cancelled_at = NULL, reminder_sent_at = NULL, updated_at = now()
            WHERE id = ${id} RETURNING id, status),
          mail AS (${queueEmailFor(sql`placed`)})
          SELECT id FROM placed`,
    )
    ids.set(key(pair), id)
  }
  const own = (result: Placed, pair: Wanted): Placed =>
    result.created ? { created: true, placement: { ...result.placement, id: ids.get(key(pair))! } } : result
  // A repeated request in the same batch learns what the first one got, as a retry would.
  const placed = decided.map((result, index) =>
    'sameAs' in result ? { placement: own(decided[result.sameAs] as Placed, wanted[index]).placement, created: false } : own(result, wanted[index]),
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
