import { createHash } from 'node:crypto'

import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest, SendEmailOptions } from 'payload'

/**
 * Sends a job's email at most once per idempotency key, even when the job runs again (an
 * instance killed after the SMTP server accepted the message but before Payload marked the job
 * done; a retry after a later step of the job failed).
 *
 * The key is recorded in `email_deliveries` outside the job's own work, each write committed at
 * once: 'sending' before the SMTP transaction, 'sent' as soon as the server accepted the message.
 * A run that finds 'sent' does not send. What is left (SECURITY.md, «Correo una sola vez»): an
 * instance that dies in the few milliseconds between the server's acceptance and the 'sent'
 * write leaves 'sending'; the retry then sends again (a possible duplicate rather than a lost
 * password reset) and logs it. Both copies carry the same Message-ID, derived from the key, which
 * many mailboxes use to fold duplicates.
 */
export async function sendOnce(req: PayloadRequest, key: string, message: SendEmailOptions): Promise<boolean> {
  const db = (req.payload.db as unknown as PostgresAdapter).drizzle
  const { rows } = await db.execute(
    sql`INSERT INTO email_deliveries (key, state) VALUES (${key}, 'sending')
        ON CONFLICT (key) DO UPDATE SET attempts = email_deliveries.attempts + 1
        RETURNING state, attempts`,
  )
  const { state, attempts } = rows[0] as { state: string; attempts: number }
  if (state === 'sent') {
    req.payload.logger.info({ msg: 'Correo ya enviado: no se envía otra vez', key })
    return false
  }
  if (attempts > 1) req.payload.logger.warn({ msg: 'Un envío anterior de este correo se interrumpió: se envía de nuevo', key, attempts })
  try {
    await req.payload.sendEmail({ ...message, messageId: messageIdFor(key, req.payload.config.serverURL) })
  } catch (error) {
    // The server did not accept it: nothing was sent, the job's retry may send it.
    await db.execute(sql`DELETE FROM email_deliveries WHERE key = ${key} AND state = 'sending'`).catch(() => {})
    throw error
  }
  await db.execute(sql`UPDATE email_deliveries SET state = 'sent', sent_at = now() WHERE key = ${key}`)
  return true
}

/** The idempotency key of the email a job sends: the job is one message, its id never reused. */
export const jobEmailKey = (task: string, job: { id: number | string }) => `${task}:${job.id}`

const messageIdFor = (key: string, serverURL: string) => {
  const host = (() => {
    try {
      return new URL(serverURL).hostname || 'viajejoven.local'
    } catch {
      return 'viajejoven.local'
    }
  })()
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${host}>`
}
