import type { PayloadRequest, TaskConfig } from 'payload'

import { emails } from '../../lib/email'
import { mexicoCityMoment } from '../Enrollments/rules'

/**
 * Application emails are queued jobs: queued with `req` inside the apply transaction (they vanish
 * if it rolls back) and sent later by the job runner.
 */

export const APPLICATION_EMAIL_TASK = 'applicationEmail'

export const queueSubmittedEmail = (req: PayloadRequest, application: number) =>
  req.payload.jobs.queue({ task: APPLICATION_EMAIL_TASK as never, input: { application } as never, req })

const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)

export const applicationEmailTask: TaskConfig<{ input: { application: number }; output: { sent: boolean } }> = {
  slug: APPLICATION_EMAIL_TASK,
  label: 'Correo de postulación',
  retries: 3,
  inputSchema: [{ name: 'application', type: 'number', required: true }],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, req }) => {
    const application = await req.payload.findByID({ collection: 'applications', id: input.application, depth: 0, req, disableErrors: true })
    if (!application?.folio || !application.submittedAt) return { output: { sent: false } }
    const [call, youth] = await Promise.all([
      req.payload.findByID({ collection: 'calls', id: idOf(application.call), depth: 0, req, select: { title: true } }),
      req.payload.findByID({ collection: 'youth', id: idOf(application.youth), depth: 0, req, select: { email: true, givenNames: true, anonymizedAt: true } }),
    ])
    if (!youth?.email || youth.anonymizedAt) return { output: { sent: false } }
    const message = emails.applicationSubmitted({
      name: youth.givenNames ?? '',
      callTitle: call.title,
      folio: application.folio,
      submittedAt: mexicoCityMoment(application.submittedAt),
      accountUrl: `${req.payload.config.serverURL}/cuenta/`,
    })
    await req.payload.sendEmail({ to: youth.email, ...message })
    return { output: { sent: true } }
  },
}
