import { PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib'
import QRCode from 'qrcode'

import { TIME_ZONE } from '../../lib/time'

const longDate = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' })
const PURPLE = rgb(0.36, 0.16, 0.53)

/** The standard PDF fonts speak Windows-1252 (all of Spanish); anything else becomes "?" rather than failing. */
const printable = (font: PDFFont, text: string) => {
  const known = new Set(font.getCharacterSet())
  return [...text].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('')
}

/** What a certificate states (certificates.ts reads it from the enrolment); the PDF renders it. */
export type CertificateFacts = { code: string; name: string; course: string; hours: number; completedOn: string; organization: string }

/** A one-page, landscape constancia whose QR code opens its public verification page. */
export async function certificatePdf(facts: CertificateFacts, verifyUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`Constancia ${facts.code}`)
  doc.setLanguage('es-MX')
  const page = doc.addPage([842, 595])
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const centred = (text: string, y: number, size: number, font = regular) => {
    const safe = printable(font, text)
    page.drawText(safe, { x: (842 - font.widthOfTextAtSize(safe, size)) / 2, y, size, font, color: font === bold ? PURPLE : rgb(0.1, 0.1, 0.1) })
  }
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: PURPLE, borderWidth: 3 })
  centred('Instituto Municipal de la Juventud de León · Viaje Joven', 520, 14)
  centred('CONSTANCIA', 460, 36, bold)
  centred('Se hace constar que', 410, 16)
  centred(facts.name, 370, 28, bold)
  centred(`concluyó «${facts.course}»`, 325, 18)
  centred(`con una duración de ${facts.hours} horas, el ${longDate.format(new Date(facts.completedOn))}.`, 297, 16)
  centred(`Organiza: ${facts.organization}`, 260, 14)
  const qr = await doc.embedPng(await QRCode.toBuffer(verifyUrl, { margin: 1, width: 240 }))
  page.drawImage(qr, { x: 842 - 48 - 120, y: 48, width: 120, height: 120 })
  page.drawText(printable(regular, `Folio: ${facts.code}`), { x: 56, y: 80, size: 12, font: bold, color: PURPLE })
  page.drawText(printable(regular, `Verifica esta constancia en ${verifyUrl}`), { x: 56, y: 60, size: 10, font: regular })
  return doc.save()
}
