import type { Payload } from 'payload'

import { inTransaction, rows, sql, type Db } from './db'
import { queueEmailFor } from './emails'
import { enrollmentProblem } from './rules'
import { placeYouths, type Placed } from './waitlist'

/**
 * Enrolling, batched per course. Every enrolment holds the course row's lock until its commit,
 * and a commit waits for the disk (WAL flush): one transaction per request would cap a popular
 * course at one enrolment per flush. So requests for a course that arrive while its transaction
 * runs wait together and go into the next one: same lock, counting after the lock, every row and
 * email job committed before anybody gets an answer; only the number of flushes shrinks.
 * Instances (or processes) still serialise on the row lock.
 */

type Applicant = { youth: Parameters<typeof enrollmentProblem>[1] & { id: number | string }; ignoreWindow: boolean }
export type PlaceOutcome = { kind: 'not-found' } | { kind: 'refused'; message: string } | ({ kind: 'placed' } & Placed)

type Waiting = { applicant: Applicant; done: (outcome: PlaceOutcome) => void; failed: (error: unknown) => void }

/** Big enough to drain a crowd in a few transactions, small enough to keep one statement light. */
const MAX_BATCH = 250

const lines = new WeakMap<object, Map<number, Waiting[]>>()

/**
 * Places one youth in a course (published, eligibility checked under the lock), together with
 * whoever else is waiting for the same course in this process.
 */
export function placeInCourse(payload: Payload, courseId: number, applicant: Applicant): Promise<PlaceOutcome> {
  let courses = lines.get(payload.db)
  if (!courses) lines.set(payload.db, (courses = new Map()))
  return new Promise((done, failed) => {
    const line = courses.get(courseId)
    if (line) return void line.push({ applicant, done, failed })
    const started: Waiting[] = [{ applicant, done, failed }]
    courses.set(courseId, started)
    void drain(payload, courseId, courses, started)
  })
}

/** One transaction after another while requests keep arriving for this course. */
async function drain(payload: Payload, courseId: number, courses: Map<number, Waiting[]>, line: Waiting[]) {
  while (line.length) {
    const batch = line.splice(0, MAX_BATCH)
    try {
      const outcomes = await inTransaction(payload, (db) => placeBatch(db, courseId, batch.map((w) => w.applicant)))
      batch.forEach((waiting, i) => waiting.done(outcomes[i]))
    } catch (error) {
      batch.forEach((waiting) => waiting.failed(error))
    }
  }
  courses.delete(courseId)
}

async function placeBatch(db: Db, courseId: number, applicants: Applicant[]): Promise<PlaceOutcome[]> {
  // Drafts and unknown ids are both "not found"; the row stays locked until the commit.
  const [course] = await rows(
    db,
    sql`SELECT capacity, state, enrollment_opens, enrollment_closes, age_range_min, age_range_max
        FROM courses WHERE id = ${courseId} AND _status = 'published' FOR UPDATE`,
  )
  if (!course) return applicants.map(() => ({ kind: 'not-found' }))
  const rules = {
    state: course.state as string | null,
    enrollment: { opens: course.enrollment_opens as string | null, closes: course.enrollment_closes as string | null },
    ageRange: { min: course.age_range_min as number | null, max: course.age_range_max as number | null },
  }
  const now = new Date()
  const problems = applicants.map(({ youth, ignoreWindow }) => enrollmentProblem(rules, youth, now, { ignoreWindow }))
  const admitted = applicants.filter((_, i) => !problems[i]).map(({ youth }) => Number(youth.id))
  const { placed, promoted } = admitted.length
    ? await placeYouths(db, courseId, admitted, Number(course.capacity ?? 0))
    : { placed: [], promoted: [] }
  if (promoted.length) await db.execute(queueEmailFor(sql`(SELECT unnest(${sql.param(promoted)}::int[]) AS id, 'promoted' AS status) promoted`))
  let next = 0
  return problems.map((message) => (message ? { kind: 'refused', message } : { kind: 'placed', ...placed[next++] }))
}
