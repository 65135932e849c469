import { sql } from '../../lib/db'
import type { TaskConfig } from 'payload'

import { emails } from '../../lib/email'
import { MAIL_QUEUE } from '../../lib/email/queue'
import { jobEmailKey, sendOnce } from '../../lib/email/send-once'

/**
 * The draw's own email: a youth whose request was left out of the draw (no longer eligible at the
 * draw time) is told why. The confirmed and waitlisted hear through the enrolment emails, queued by
 * the enrolment code in the draw's transaction. Sent once per job (lib/email/send-once.ts).
 */

export const DRAW_EXCLUDED_EMAIL_TASK = 'drawExcludedEmail'

/** Job rows for the excluded requests in `excluded` (a table expression with `id`), inside the draw's transaction. */
export const queueExcludedEmailsFor = (excluded: ReturnType<typeof sql>) =>
  sql`INSERT INTO payload_jobs (input, task_slug, queue, created_at, updated_at)
      SELECT jsonb_build_object('request', id), ${DRAW_EXCLUDED_EMAIL_TASK}::enum_payload_jobs_task_slug, ${MAIL_QUEUE}, now(), now()
      FROM ${excluded}`

export const drawExcludedEmailTask: TaskConfig<{ input: { request: number }; output: { sent: boolean } }> = {
  slug: DRAW_EXCLUDED_EMAIL_TASK,
  label: 'Correo: solicitud fuera del sorteo',
  retries: 3,
  inputSchema: [{ name: 'request', type: 'number', required: true }],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, job, req }) => {
    const request = await req.payload.findByID({ collection: 'draw-requests', id: input.request, depth: 0, req, disableErrors: true })
    if (!request || request.status !== 'excluded') return { output: { sent: false } }
    const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)
    const [course, youth] = await Promise.all([
      req.payload.findByID({ collection: 'courses', id: idOf(request.course), depth: 0, req, select: { title: true, slug: true } }),
      req.payload.findByID({ collection: 'youth', id: idOf(request.youth), depth: 0, req, select: { email: true, givenNames: true, anonymizedAt: true } }),
    ])
    if (!youth?.email || youth.anonymizedAt) return { output: { sent: false } }
    const message = emails.drawExcluded({
      name: youth.givenNames ?? '',
      courseTitle: course.title,
      folio: request.folio,
      reason: request.reason ?? '',
      drawUrl: `${req.payload.config.serverURL}/cursos/${course.slug}/sorteo`,
    })
    return { output: { sent: await sendOnce(req, jobEmailKey(DRAW_EXCLUDED_EMAIL_TASK, job), { to: youth.email, ...message }) } }
  },
}
