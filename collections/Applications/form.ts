import type { PayloadRequest } from 'payload'

import { applyData, type ApplyData } from './schema'
import type { Question } from './validate-answers'
import { checkFile, maxUploadBytes, type CheckedFile } from './documents'

/**
 * Reading the multipart body of POST /api/calls/:id/apply: the `data` JSON part and the files,
 * each file part named by the id of the requested document or file question it answers.
 */

export type Slot = { id: string; label: string; required: boolean }
export type CallForm = {
  requiredDocuments?: { id?: string | null; name: string; required?: boolean | null }[] | null
  questions?: (Question & { id?: string | null })[] | null
}
export type Problem = { message: string; field?: string }
export type ReadForm = { ok: true; data: ApplyData; files: Map<string, CheckedFile> } | { ok: false; problems: Problem[] }

/** Everything a youth may attach to this call: its requested documents and its file questions. */
export function fileSlots(call: CallForm): Slot[] {
  const documents = (call.requiredDocuments ?? []).filter((d) => d.id).map((d) => ({ id: d.id!, label: d.name, required: d.required !== false }))
  const questions = (call.questions ?? []).filter((q) => q.id && q.type === 'file').map((q) => ({ id: q.id!, label: q.label, required: Boolean(q.required) }))
  return [...documents, ...questions]
}

export async function readApplyForm(req: PayloadRequest, slots: Slot[]): Promise<ReadForm> {
  // A body far larger than every allowed file together is refused before it is read into memory.
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > maxUploadBytes() * Math.max(slots.length, 1) + 1024 * 1024) {
    return { ok: false, problems: [{ message: `Los archivos pesan demasiado: el máximo es ${maxUploadBytes() / 1048576} MB por archivo.` }] }
  }
  const type = req.headers.get('content-type') ?? ''
  let raw: unknown = {}
  const files = new Map<string, CheckedFile>()
  const problems: Problem[] = []
  if (type.startsWith('multipart/form-data')) {
    let form: FormData
    try {
      form = await req.formData!()
    } catch {
      return { ok: false, problems: [{ message: 'No pudimos leer el formulario enviado: inténtalo de nuevo.' }] }
    }
    const data = form.get('data')
    try {
      raw = typeof data === 'string' && data ? JSON.parse(data) : {}
    } catch {
      return { ok: false, problems: [{ message: 'Las respuestas no llegaron en un formato válido.', field: 'data' }] }
    }
    for (const slot of slots) {
      const part = form.get(slot.id)
      if (!(part instanceof File)) continue
      const checked = await checkFile(part, slot.label)
      if ('problem' in checked) problems.push({ message: checked.problem, field: slot.id })
      else files.set(slot.id, checked.file)
    }
  } else if (type.startsWith('application/json')) {
    raw = await req.json!().catch(() => null)
  }
  const parsed = applyData.safeParse(raw)
  if (!parsed.success) return { ok: false, problems: [{ message: 'Las respuestas no llegaron en un formato válido.', field: 'data' }, ...problems] }
  return problems.length ? { ok: false, problems } : { ok: true, data: parsed.data, files }
}
