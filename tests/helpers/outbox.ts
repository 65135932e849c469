/**
 * Reads the development outbox: one `.eml` file per message, written by lib/email's outbox
 * transport. Call `useOutbox()` before `setupPayload()` so the test file gets its own folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type Mail = { file: string; to: string; subject: string; text: string; html: string }

export function useOutbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-outbox-'))
  process.env.OUTBOX_DIR = dir
  return outboxAt(dir)
}

/** The outbox of a running app (e.g. `<appDataDir>/outbox` in browser tests). */
export function outboxAt(dir: string) {
  const all = (): Mail[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => parseEml(path.join(dir, f))) : []
  return {
    dir,
    all,
    to: (address: string): Mail[] => all().filter((m) => m.to.toLowerCase().includes(address.toLowerCase())),
    latestTo(address: string): Mail {
      const mine = this.to(address)
      if (!mine.length) throw new Error(`no message to ${address} in ${dir}`)
      return mine[mine.length - 1]
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** The first link in the message's text to a site page, e.g. linkIn(mail, '/cuenta/verificar'). */
export function linkIn(mail: Mail, pagePath: string): URL {
  const match = new RegExp(`https?://[^\\s"<>]*${pagePath.replace(/[?/]/g, '\\$&')}[^\\s"<>]*`).exec(mail.text)
  if (!match) throw new Error(`no ${pagePath} link in: ${mail.text}`)
  return new URL(match[0])
}

function parseEml(file: string): Mail {
  const raw = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n')
  const headerEnd = raw.indexOf('\n\n')
  const headers = raw.slice(0, headerEnd).replace(/\n[ \t]+/g, ' ')
  const header = (name: string) => decodeWords(new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '')
  return { file, to: header('To'), subject: header('Subject'), text: part(raw, 'text/plain'), html: part(raw, 'text/html') }
}

function part(raw: string, type: string): string {
  const start = raw.search(new RegExp(`^Content-Type: ${type}`, 'im'))
  if (start < 0) return ''
  const section = raw.slice(start)
  const bodyStart = section.indexOf('\n\n') + 2
  const boundary = section.slice(bodyStart).search(/^--/m)
  const body = boundary < 0 ? section.slice(bodyStart) : section.slice(bodyStart, bodyStart + boundary)
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(section.slice(0, bodyStart))?.[1]?.trim().toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body)
  return body
}

const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')

const decodeWords = (value: string) =>
  value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  )
