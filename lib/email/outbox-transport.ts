import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Transport } from 'nodemailer'
import type MailMessage from 'nodemailer/lib/mailer/mail-message'

export type OutboxInfo = { envelope: { from: string | false; to: string[] }; messageId: string; path: string }

/**
 * A nodemailer transport for development and tests: nodemailer composes the complete MIME
 * message exactly as it would for SMTP (what streamTransport with `buffer: true` does) and we
 * write it as one `.eml` file, so a developer can open it in a mail client and a test can read
 * the link in it. Names sort by time so "the latest message" is the last file.
 */
export function outboxTransport(dir: string): Transport<OutboxInfo> {
  return {
    name: 'viaje-joven-outbox',
    version: '1',
    send(mail: MailMessage<OutboxInfo>, done: (err: Error | null, info: OutboxInfo) => void) {
      mail.message.build(async (err, message) => {
        if (err) return done(err, undefined as never)
        try {
          await fs.mkdir(dir, { recursive: true })
          const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`)
          await fs.writeFile(file, message)
          done(null, { envelope: mail.message.getEnvelope(), messageId: mail.message.messageId(), path: file })
        } catch (writeError) {
          done(writeError as Error, undefined as never)
        }
      })
    },
  }
}
