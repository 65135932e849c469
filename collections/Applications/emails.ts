import type { PayloadRequest, TaskConfig } from 'payload'

import { emails } from '../../lib/email'
import type { ApplicationResult } from '../../lib/email/templates'
import { mexicoCityMoment } from '../Enrollments/rules'
import { DECIDED, type ApplicationStatus } from './schema'

/**
 * Application emails are queued jobs: queued with `req` inside the write that causes them (they
 * vanish if it rolls back) and sent later by the job runner, reading the application as it is then.
 */

export const APPLICATION_EMAIL_TASK = 'applicationEmail'
export type ApplicationEmailKind = 'submitted' | 'needs-info' | 'result'

export const queueApplicationEmail = (req: PayloadRequest, application: number, kind: ApplicationEmailKind) =>
  req.payload.jobs.queue({ task: APPLICATION_EMAIL_TASK as never, input: { application, kind } as never, req })

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
  handler: async ({ input, req }) => {
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
    await req.payload.sendEmail({ to: youth.email, ...message })
    if (kind === 'result') {
      await req.payload.update({ collection: 'applications', id: application.id, data: { notifiedStatus: status } as never, depth: 0, req })
    }
    return { output: { sent: true } }
  },
}
