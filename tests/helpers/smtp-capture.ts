/**
 * A real SMTP server on 127.0.0.1 for a test (npm `smtp-server`): the app sends to it over SMTP
 * like to any mail relay, and the test sees every message the server accepted.
 */
import { SMTPServer } from 'smtp-server'

import { freePort } from '../../server/database'

export type Captured = { at: number; to: string; subject: string; messageId: string; raw: string }

export async function smtpCapture(onAccepted: (mail: Captured, all: Captured[]) => void = () => {}) {
  const accepted: Captured[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1].replace(/\r?\n[ \t]/g, ' ').trim() ?? ''
        const mail = { at: Date.now(), to: header('To'), subject: decodeWords(header('Subject')), messageId: header('Message-ID'), raw }
        // Accepted (250) first, as a real relay does; then the test may act on it.
        callback()
        accepted.push(mail)
        onAccepted(mail, accepted)
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `smtp://127.0.0.1:${port}`, accepted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=) as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
}
