import type { PayloadRequest, TaskConfig } from 'payload'

import { emails } from '../../lib/email'
import { MAIL_QUEUE } from '../../lib/email/queue'
import { jobEmailKey, sendOnce } from '../../lib/email/send-once'
import type { ApplicationResult } from '../../lib/email/templates'
import { mexicoCityMoment } from '../Enrollments/rules'
import { DECIDED, type ApplicationStatus } from './schema'

/**
 * Application emails are queued jobs: queued with `req` inside the write that causes them (they
 * vanish if it rolls back) and sent within seconds by the job runner (the mail queue), reading the
 * application as it is then. Each job sends its message once (lib/email/send-once.ts).
 */

export const APPLICATION_EMAIL_TASK = 'applicationEmail'
export type ApplicationEmailKind = 'submitted' | 'needs-info' | 'result'

export const queueApplicationEmail = (req: PayloadRequest, application: number, kind: ApplicationEmailKind) =>
  req.payload.jobs.queue({ task: APPLICATION_EMAIL_TASK as never, input: { application, kind } as never, queue: MAIL_QUEUE, req })

export const queueSubmittedEmail = (req: PayloadRequest, application: number) => queueApplicationEmail(req, application, 'submitted')

const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)
type History = { status: string; note?: string | null }[]

export const applicationEmailTask: TaskConfig<{ input: { application: number; kind?: ApplicationEmailKind }; output: { sent: boolean } }> = {
  slug: APPLICATION_EMAIL_TASK,
  label: 'Correo de postulación',
  retries: 3,
  inputSchema: [
    { name: 'application', type: 'number', required: true },
    { name: 'kind', type: 'text' },
  ],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, job, req }) => {
    const kind = input.kind ?? 'submitted'
    const application = await req.payload.findByID({ collection: 'applications', id: input.application, depth: 0, req, disableErrors: true })
    if (!application?.folio || !application.submittedAt) return { output: { sent: false } }
    const status = application.status as ApplicationStatus
    // A status that changed again before sending is not news any more; a decision is told once.
    if (kind === 'needs-info' && status !== 'needs-info') return { output: { sent: false } }
    if (kind === 'result' && (!DECIDED.includes(status) || application.notifiedStatus === status)) return { output: { sent: false } }
    const [call, youth] = await Promise.all([
      req.payload.findByID({ collection: 'calls', id: idOf(application.call), depth: 0, req, select: { title: true } }),
      req.payload.findByID({ collection: 'youth', id: idOf(application.youth), depth: 0, req, select: { email: true, givenNames: true, anonymizedAt: true } }),
    ])
    if (!youth?.email || youth.anonymizedAt) return { output: { sent: false } }
    const common = { name: youth.givenNames ?? '', callTitle: call.title, folio: application.folio, accountUrl: `${req.payload.config.serverURL}/cuenta/` }
    const latest = ((application.history ?? []) as History).filter((h) => h.status === status).at(-1)
    const message =
      kind === 'submitted'
        ? emails.applicationSubmitted({ ...common, submittedAt: mexicoCityMoment(application.submittedAt) })
        : kind === 'needs-info'
          ? emails.applicationNeedsInfo({ ...common, note: latest?.note ?? '' })
          : emails.applicationResult({ ...common, result: status as ApplicationResult, note: latest?.note })
    const sent = await sendOnce(req, jobEmailKey(APPLICATION_EMAIL_TASK, job), { to: youth.email, ...message })
    // Also when an earlier run sent it and died before this write.
    if (kind === 'result') {
      await req.payload.update({ collection: 'applications', id: application.id, data: { notifiedStatus: status } as never, depth: 0, req })
    }
    return { output: { sent } }
  },
}
