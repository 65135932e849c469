import type { Payload } from 'payload'

import { rows, sql, withOwnTransaction, type Db } from '../../lib/db'
import { queueEmailFor } from './emails'
import { enrollmentProblem } from './rules'
import { placeYouths, type Placed } from './waitlist'

/**
 * Enrolling, batched. Every enrolment holds its course row's lock until its commit, and a commit
 * waits for the disk (WAL flush): one transaction per request would cap a popular course at one
 * enrolment per flush, and every transaction costs the same few round trips. So requests that
 * arrive while a batch runs wait together and go into the next one: every course concerned is
 * locked (in id order, so two batches never deadlock), counted after the lock, and every row and
 * email job is committed before anybody gets an answer. Only the number of transactions shrinks.
 * Other instances (or processes) still serialise on the row locks.
 */

type Applicant = { youth: Parameters<typeof enrollmentProblem>[1] & { id: number | string }; ignoreWindow: boolean }
export type PlaceOutcome = { kind: 'not-found' } | { kind: 'refused'; message: string } | ({ kind: 'placed' } & Placed)

const DRAW_ONLY = 'Los lugares de este curso se asignan por sorteo: solicita tu lugar en la página del curso durante el periodo de solicitudes.'

type Request = { courseId: number; applicant: Applicant }
type Waiting = Request & { done: (outcome: PlaceOutcome) => void; failed: (error: unknown) => void }

/** Big enough to drain a crowd in a few transactions, small enough to keep each statement light. */
const MAX_BATCH = 250
/**
 * Batches in flight at once: while one waits for its commit's flush, the next is already counting
 * (the same course's rows wait for the lock, in order). More would only hold more connections.
 */
const IN_FLIGHT = 2

type Line = { waiting: Waiting[]; running: number }
const lines = new WeakMap<object, Line>()

/**
 * Places one youth in a course (published, eligibility checked under the lock), together with
 * whoever else is waiting to enrol in this process.
 */
export function placeInCourse(payload: Payload, courseId: number, applicant: Applicant): Promise<PlaceOutcome> {
  let line = lines.get(payload.db)
  if (!line) lines.set(payload.db, (line = { waiting: [], running: 0 }))
  const promise = new Promise<PlaceOutcome>((done, failed) => line.waiting.push({ courseId, applicant, done, failed }))
  if (line.running < IN_FLIGHT) void drain(payload, line)
  return promise
}

/** One transaction after another while requests keep arriving. */
async function drain(payload: Payload, line: Line) {
  line.running++
  while (line.waiting.length) {
    const batch = line.waiting.splice(0, MAX_BATCH)
    try {
      const outcomes = await withOwnTransaction(payload, (db) => placeBatch(db, batch))
      batch.forEach((waiting, i) => waiting.done(outcomes[i]))
    } catch (error) {
      batch.forEach((waiting) => waiting.failed(error))
    }
  }
  line.running--
}

async function placeBatch(db: Db, requests: Request[]): Promise<PlaceOutcome[]> {
  const courseIds = [...new Set(requests.map((r) => r.courseId))].sort((a, b) => a - b)
  // Drafts and unknown ids are both "not found"; the rows stay locked until the commit.
  const found = await rows(
    db,
    sql`SELECT id, capacity, state, allocation, enrollment_opens, enrollment_closes, age_range_min, age_range_max
        FROM courses WHERE id = ANY(${sql.param(courseIds)}::int[]) AND _status = 'published' ORDER BY id FOR UPDATE`,
  )
  const courses = new Map(found.map((course) => [Number(course.id), course]))
  const now = new Date()
  const verdicts = requests.map(({ courseId, applicant }) => {
    const course = courses.get(courseId)
    if (!course) return { kind: 'not-found' } as const
    const rules = {
      state: course.state as string | null,
      enrollment: { opens: course.enrollment_opens as string | null, closes: course.enrollment_closes as string | null },
      ageRange: { min: course.age_range_min as number | null, max: course.age_range_max as number | null },
    }
    // A course given «Por sorteo» takes requests for the draw instead (collections/DrawRequests); staff may still add someone.
    if (course.allocation === 'draw' && !applicant.ignoreWindow) return { kind: 'refused', message: DRAW_ONLY } as const
    const message = enrollmentProblem(rules, applicant.youth, now, { ignoreWindow: applicant.ignoreWindow })
    return message ? ({ kind: 'refused', message } as const) : null
  })
  const admitted = requests.filter((_, i) => !verdicts[i]).map((r) => ({ course: r.courseId, youth: Number(r.applicant.youth.id) }))
  const capacities = new Map([...courses].map(([id, course]) => [id, Number(course.capacity ?? 0)]))
  const { placed, promoted } = admitted.length ? await placeYouths(db, admitted, capacities) : { placed: [], promoted: [] }
  if (promoted.length) await db.execute(queueEmailFor(sql`(SELECT unnest(${sql.param(promoted)}::int[]) AS id, 'promoted' AS status) promoted`))
  let next = 0
  return verdicts.map((verdict) => verdict ?? { kind: 'placed', ...placed[next++] })
}
