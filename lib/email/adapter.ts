import path from 'node:path'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import type { EmailEnv } from '../../server/env'
import { outboxTransport } from './outbox-transport'
import { htmlToText } from './templates'

/**
 * Payload's email adapter: SMTP when configured, otherwise the outbox folder. Never the
 * adapter's own default (an ethereal.email test account, unreachable here).
 */
export function emailAdapter(env: EmailEnv, production: boolean) {
  const transport = env.smtp
    ? nodemailer.createTransport('url' in env.smtp ? env.smtp.url : smtpOptions(env.smtp))
    : nodemailer.createTransport(outboxTransport(path.resolve(env.outboxDir)))
  // Payload composes the verify and forgot-password messages as HTML only: add the text part.
  transport.use('compile', (mail, done) => {
    if (!mail.data.text && typeof mail.data.html === 'string') mail.data.text = htmlToText(mail.data.html)
    done()
  })
  return nodemailerAdapter({
    defaultFromAddress: env.fromAddress,
    defaultFromName: env.fromName,
    transport,
    // Verifying opens an SMTP connection at boot: worth it in production (a wrong password shows
    // up in the log at once), pointless for the outbox.
    skipVerify: !(env.smtp && production),
  })
}

function smtpOptions(smtp: Exclude<EmailEnv['smtp'], undefined | { url: string }>) {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
  }
}

/** Where development mail goes, for `npm start` to print (undefined when SMTP is configured). */
export const outboxLocation = (env: EmailEnv): string | undefined => (env.smtp ? undefined : path.resolve(env.outboxDir))
