import type { PayloadRequest, TaskConfig } from 'payload'

import { emails } from '../../lib/email'
import { MAIL_QUEUE } from '../../lib/email/queue'
import { jobEmailKey, sendOnce } from '../../lib/email/send-once'
import type { EnrollmentEmailKind } from '../../lib/email/templates'
import { courseCalendar, placeOf } from '../../lib/course-calendar'
import { dbOf, rows, sql } from '../../lib/db'
import { firstSessionStart, mexicoCityMoment } from './rules'

/**
 * Enrolment emails are queued jobs: queued with `req` inside the enrolment's transaction (they
 * vanish if it rolls back) and sent by the job runner within seconds (the mail queue), never while
 * a course is locked. Each job sends its message once (lib/email/send-once.ts).
 */

const KINDS: EnrollmentEmailKind[] = ['confirmed', 'waitlisted', 'promoted', 'reminder']
export const ENROLLMENT_EMAIL_TASK = 'enrollmentEmail'

/**
 * The job rows for "you are confirmed / waitlisted" emails of the enrolments in `placed` (a
 * table expression with id and status), as SQL to run in the enrolment's own statement: queuing
 * through the Local API takes several round trips, each of them inside the course lock. Payload's
 * runner picks these rows up like any queued job (the email tests prove it).
 */
export const queueEmailFor = (placed: ReturnType<typeof sql>) =>
  sql`INSERT INTO payload_jobs (input, task_slug, queue, created_at, updated_at)
      SELECT jsonb_build_object('enrollment', id, 'kind', status), ${ENROLLMENT_EMAIL_TASK}::enum_payload_jobs_task_slug, ${MAIL_QUEUE}, now(), now()
      FROM ${placed}`

/** Answers to an action go to the mail queue; the scheduled reminders pass the default queue. */
export async function queueEnrollmentEmails(req: PayloadRequest, messages: { id: number; kind: EnrollmentEmailKind }[], queue = MAIL_QUEUE) {
  for (const { id, kind } of messages) {
    await req.payload.jobs.queue({ task: ENROLLMENT_EMAIL_TASK as never, input: { enrollment: id, kind } as never, queue, req })
  }
}

/** Which status an email still makes sense for when it is finally sent. */
const stillTrue = (kind: EnrollmentEmailKind, status: string) => (kind === 'waitlisted' ? status === 'waitlisted' : status === 'confirmed')

export const enrollmentEmailTask: TaskConfig<{ input: { enrollment: number; kind: EnrollmentEmailKind }; output: { sent: boolean } }> = {
  slug: ENROLLMENT_EMAIL_TASK,
  label: 'Correo de inscripción',
  retries: 3,
  inputSchema: [
    { name: 'enrollment', type: 'number', required: true },
    { name: 'kind', type: 'select', required: true, options: KINDS },
  ],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, job, req }) => {
    const enrollment = await req.payload.findByID({ collection: 'enrollments', id: input.enrollment, depth: 0, req, disableErrors: true })
    // A seat cancelled (or a line left) before the mail went out: tell nothing that is no longer true.
    if (!enrollment || !stillTrue(input.kind, enrollment.status)) return { output: { sent: false } }
    const [course, youth] = await Promise.all([
      req.payload.findByID({ collection: 'courses', id: idOf(enrollment.course), depth: 0, req }),
      req.payload.findByID({ collection: 'youth', id: idOf(enrollment.youth), depth: 0, req, select: { email: true, givenNames: true, anonymizedAt: true } }),
    ])
    if (!youth?.email || youth.anonymizedAt) return { output: { sent: false } }
    const site = req.payload.config.serverURL
    const courseUrl = `${site}/cursos/${course.slug}/`
    const first = firstSessionStart(course)
    const message = emails.enrollment({
      kind: input.kind,
      name: youth.givenNames ?? '',
      courseTitle: course.title,
      courseUrl,
      accountUrl: `${site}/cuenta/`,
      firstSession: first ? mexicoCityMoment(first) : undefined,
      place: placeOf(course),
      position: enrollment.position ?? undefined,
    })
    const ics = input.kind === 'waitlisted' ? null : courseCalendar(course, courseUrl)
    const sent = await sendOnce(req, jobEmailKey(ENROLLMENT_EMAIL_TASK, job), {
      to: youth.email,
      ...message,
      attachments: ics ? [{ filename: 'curso.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : undefined,
    })
    return { output: { sent } }
  },
}

/**
 * Every 15 minutes: confirmed people whose course starts within the next 24 hours and who have
 * not been reminded get one reminder (marked first, so two runners never send it twice).
 */
export const enrollmentRemindersTask: TaskConfig<{ input: object; output: { queued: number } }> = {
  slug: 'enrollmentReminders',
  label: 'Recordatorios de cursos (24 horas antes)',
  retries: 0,
  schedule: [{ cron: '0 */15 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const due = await rows(
      await dbOf(req),
      sql`UPDATE enrollments SET reminder_sent_at = now()
          WHERE status = 'confirmed' AND reminder_sent_at IS NULL AND course_id IN (
            SELECT _parent_id FROM courses_sessions GROUP BY _parent_id
            HAVING min(starts_at) > now() AND min(starts_at) <= now() + interval '24 hours')
          RETURNING id`,
    )
    await queueEnrollmentEmails(req, due.map((row) => ({ id: Number(row.id), kind: 'reminder' as const })), 'default')
    return { output: { queued: due.length } }
  },
}

const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)
