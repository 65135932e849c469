/** Calls, files and multipart requests for the application tests. */
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'

import type { TestContext } from '../helpers/payload'

const DAY = 86_400_000
let seq = 0

/** A published call open now, with one question of every kind and two requested documents. */
export async function openCall(ctx: TestContext, data: Record<string, unknown> = {}) {
  seq++
  return ctx.payload.create({
    collection: 'calls',
    data: {
      title: `Beca de prueba ${seq} ${Date.now()}`,
      kind: 'scholarship',
      _status: 'published',
      window: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() },
      eligibility: { ageRange: { min: 12, max: 29 }, mustLiveInMunicipality: true },
      requiredDocuments: [
        { name: 'Identificación oficial', required: true },
        { name: 'Carta de recomendación', required: false },
      ],
      questions: [
        { label: 'Nombre de tu escuela', type: 'short-text', required: true },
        { label: '¿Por qué quieres la beca?', type: 'long-text', required: true },
        { label: 'Turno', type: 'single-choice', options: ['Matutino', 'Vespertino'], required: true },
        { label: 'Intereses', type: 'multiple-choice', options: ['Arte', 'Ciencia', 'Deporte'], required: false },
        { label: 'Promedio', type: 'number', required: true },
        { label: 'Fecha de ingreso', type: 'date', required: false },
        { label: 'Comprobante de estudios', type: 'file', required: true },
      ],
      ...data,
    } as never,
  })
}

type Call = Awaited<ReturnType<typeof openCall>>

/** The call's question and document ids by label: the form's field names. */
export function idsOf(call: Call) {
  const q = Object.fromEntries((call.questions ?? []).map((x) => [x.label, x.id!]))
  const d = Object.fromEntries((call.requiredDocuments ?? []).map((x) => [x.name, x.id!]))
  return { q, d }
}

export function validAnswers(call: Call): Record<string, unknown> {
  const { q } = idsOf(call)
  return {
    [q['Nombre de tu escuela']]: 'Preparatoria Oficial de León',
    [q['¿Por qué quieres la beca?']]: 'Para terminar la prepa sin dejar de trabajar.',
    [q['Turno']]: 'Matutino',
    [q['Intereses']]: ['Arte', 'Ciencia'],
    [q['Promedio']]: 9.2,
    [q['Fecha de ingreso']]: '2024-08-19',
  }
}

let pdfCache: Buffer | undefined
export async function pdf(): Promise<Buffer> {
  if (!pdfCache) {
    const doc = await PDFDocument.create()
    doc.addPage([200, 200]).drawText('INE')
    pdfCache = Buffer.from(await doc.save({ useObjectStreams: false }))
  }
  return pdfCache
}
export const png = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#5b2a86' } }).png().toBuffer()
/** What a Windows program starts with: "MZ", then the PE header further on. */
export function exe(): Buffer {
  const buf = Buffer.alloc(1024)
  buf.write('MZ', 0, 'latin1')
  buf.writeUInt32LE(0x80, 0x3c)
  buf.write('PE\0\0', 0x80, 'latin1')
  return buf
}

export type Part = { name: string; content: Buffer; filename: string; type?: string }

/** The multipart body a browser form sends: `data` (JSON) plus one part per file. */
export function applyForm(data: { answers?: Record<string, unknown>; submit?: boolean }, files: Part[] = []): FormData {
  const form = new FormData()
  form.append('data', JSON.stringify(data))
  for (const f of files) form.append(f.name, new File([new Uint8Array(f.content)], f.filename, { type: f.type ?? 'application/pdf' }))
  return form
}

/** Every required file of `openCall`, as valid PDFs. */
export async function requiredFiles(call: Call): Promise<Part[]> {
  const { q, d } = idsOf(call)
  return [
    { name: d['Identificación oficial'], content: await pdf(), filename: 'ine.pdf' },
    { name: q['Comprobante de estudios'], content: await png(), filename: 'constancia.png', type: 'image/png' },
  ]
}

export async function applicationsOf(ctx: TestContext, callId: number) {
  const { docs } = await ctx.payload.find({ collection: 'applications', where: { call: { equals: callId } }, limit: 0, depth: 0, sort: 'id' })
  return docs
}
