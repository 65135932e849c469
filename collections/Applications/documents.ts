import { randomUUID } from 'node:crypto'

import { fileTypeFromBuffer } from 'file-type'
import type { Access, CollectionBeforeChangeHook, CollectionConfig, FieldAccess } from 'payload'

import { readEnv } from '../../server/env'
import { anyOf, isAdmin, isAssignedReviewer, isYouth, ownedByYouth } from '../access'
import { uploadsDir } from '../uploads-dir'

/**
 * The files youths attach to applications. Private: no public URL exists; the only way to a file
 * is Payload's access-checked file route (/api/application-documents/file/:name), which answers
 * only the applicant, admins and the reviewers assigned to the call. Rows are created only by the
 * apply and reply endpoints.
 */

/** Set by the apply and withdraw endpoints on their own request: plain REST can never set it. */
export const APPLYING = 'applicationEndpoint'
export const viaApplyEndpoint: Access = ({ req }) => Boolean(req.context?.[APPLYING]) && isYouth(req.user)

const never: FieldAccess = () => false

export const ALLOWED_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

export const maxUploadBytes = () => Math.round(readEnv().maxUploadMb * 1024 * 1024)

export type CheckedFile = { data: Buffer; mimetype: string; name: string; size: number }

/**
 * The file's type from its content (magic bytes), never from its name or the browser's claim.
 * The stored name is random: the original may carry personal data and must not be guessable.
 */
export async function checkFile(file: File, label: string): Promise<{ file: CheckedFile } | { problem: string }> {
  const max = maxUploadBytes()
  if (file.size > max) {
    return { problem: `«${label}»: el archivo pesa ${(file.size / 1048576).toFixed(1)} MB; el máximo es ${readEnv().maxUploadMb} MB.` }
  }
  if (file.size === 0) return { problem: `«${label}»: el archivo está vacío.` }
  const data = Buffer.from(await file.arrayBuffer())
  const type = await fileTypeFromBuffer(data)
  const ext = type && ALLOWED_TYPES[type.mime]
  if (!type || !ext) return { problem: `«${label}»: solo se aceptan archivos PDF, JPG o PNG (revisamos el contenido, no solo el nombre).` }
  return { file: { data, mimetype: type.mime, name: `${randomUUID()}.${ext}`, size: data.length } }
}

/** The requirement id the reply endpoint files a reply's attachment under. */
export const REPLY_REQUIREMENT = 'respuesta'

/**
 * The name a person gave the requirement (a requested document or a file question of the call) as it
 * was when the file was attached: staff see «Comprobante de domicilio», not «3f9c…e1.pdf».
 */
const nameRequirement: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  if (data.requirement === REPLY_REQUIREMENT) return { ...data, requirementName: 'Respuesta a una solicitud de información' }
  const callId = typeof data.call === 'object' ? data.call?.id : data.call
  const call = callId
    ? await req.payload.findByID({ collection: 'calls', id: callId, depth: 0, select: { requiredDocuments: true, questions: true }, req, disableErrors: true })
    : null
  const requested = (call?.requiredDocuments ?? []).find((d) => d.id === data.requirement)?.name
  const question = (call?.questions ?? []).find((q) => q.id === data.requirement)?.label
  return { ...data, requirementName: requested ?? question ?? String(data.requirement ?? '') }
}

export const ApplicationDocuments: CollectionConfig = {
  slug: 'application-documents',
  labels: { singular: 'Documento de postulación', plural: 'Documentos de postulaciones' },
  admin: {
    group: 'Programas',
    // Listed by what they are; the stored file name (random on purpose) comes second.
    useAsTitle: 'requirementName',
    defaultColumns: ['requirementName', 'filename', 'youth', 'call', 'filesize', 'createdAt'],
    description: 'Archivos privados que las personas jóvenes adjuntan a sus postulaciones.',
  },
  access: {
    read: anyOf(isAssignedReviewer, ownedByYouth),
    create: viaApplyEndpoint,
    update: () => false,
    delete: isAdmin,
  },
  upload: {
    staticDir: uploadsDir('application-documents'),
    mimeTypes: Object.keys(ALLOWED_TYPES),
    // Served only through the access-checked file route; no thumbnails of people's documents.
    adminThumbnail: () => null,
  },
  fields: [
    { name: 'youth', type: 'relationship', relationTo: 'youth', label: 'Persona joven', required: true, index: true, access: { update: never } },
    { name: 'call', type: 'relationship', relationTo: 'calls', label: 'Convocatoria', required: true, index: true, access: { update: never } },
    { name: 'requirementName', type: 'text', label: 'Documento', access: { create: never, update: never }, admin: { readOnly: true } },
    { name: 'requirement', type: 'text', label: 'Clave del requisito', required: true, maxLength: 200, access: { update: never }, admin: { readOnly: true } },
  ],
  hooks: { beforeChange: [nameRequirement] },
}
