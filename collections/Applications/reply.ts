import { ValidationError, type Endpoint, type PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { dbOf, sql, withTransaction } from '../../lib/db'
import { APPLYING, checkFile, maxUploadBytes, REPLY_REQUIREMENT, type CheckedFile } from './documents'
import { idParam, replyData, type ReplyData } from './schema'

const notFound = () => errorResponse(404, 'No encontramos esa postulación.')
type Problem = { message: string; field?: string }
type ReadReply = { ok: true; data: ReplyData; file: CheckedFile | null } | { ok: false; problems: Problem[] }

/** The file part's name in the multipart form. */
export const REPLY_DOCUMENT = 'document'

/**
 * `POST /api/applications/:id/reply` (the applicant, while staff request information): JSON
 * `{ text }`, or multipart with `data` = `{ text }` and an optional `document` file.
 * → 200 `{ folio, status: "in-review" }`. One answer per request: a second one is 409.
 */
export const replyEndpoint: Endpoint = {
  path: '/:id/reply',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para responder.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo la persona que se postuló puede responder.')
    const youthId = req.user.id
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()
    const form = await readReply(req)
    if (!form.ok) return Response.json({ errors: form.problems }, { status: 422 })

    req.context[APPLYING] = true
    // A refusal inside rolls back the document stored before it.
    return withTransaction(req, async () => {
      // Two replies at once: the second waits here and then finds the status already moved on.
      const db = await dbOf(req)
      await db.execute(sql`SELECT id FROM applications WHERE id = ${id.data} FOR UPDATE`)
      // Read access limits a youth to their own applications: someone else's is simply "not found".
      const application = await req.payload.findByID({ collection: 'applications', id: id.data, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
      if (!application) return notFound()
      if (application.status !== 'needs-info') {
        return errorResponse(409, 'No hay una solicitud de información pendiente en tu postulación: ya respondiste o no se te pidió nada.')
      }
      let document: number | null = null
      if (form.file) {
        const call = typeof application.call === 'object' ? application.call.id : application.call
        const doc = await req.payload.create({
          collection: 'application-documents',
          data: { youth: youthId, call, requirement: REPLY_REQUIREMENT },
          file: form.file,
          user: req.user,
          overrideAccess: false,
          req,
        }).catch((error) => {
          // Payload's own deeper check (e.g. a PDF header on a file that is not a whole PDF).
          if (error instanceof ValidationError) return null
          throw error
        })
        if (!doc) return Response.json({ errors: [{ message: 'El archivo está dañado o no es un PDF, JPG o PNG válido.', field: REPLY_DOCUMENT }] }, { status: 422 })
        document = doc.id as number
      }
      const replies = [...((application.replies ?? []) as object[]), { text: form.data.text, document, at: new Date().toISOString() }]
      const saved = await req.payload.update({
        collection: 'applications',
        id: application.id,
        data: { status: 'in-review', replies } as never,
        depth: 0,
        user: req.user,
        overrideAccess: false,
        req,
      })
      return Response.json({ folio: saved.folio ?? null, status: saved.status }, { status: 200 })
    })
  },
}

async function readReply(req: PayloadRequest): Promise<ReadReply> {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > maxUploadBytes() + 1024 * 1024) {
    return { ok: false, problems: [{ message: `El archivo pesa demasiado: el máximo es ${maxUploadBytes() / 1048576} MB.`, field: REPLY_DOCUMENT }] }
  }
  const type = req.headers.get('content-type') ?? ''
  let raw: unknown = null
  let file: CheckedFile | null = null
  const problems: Problem[] = []
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData!().catch(() => null)
    if (!form) return { ok: false, problems: [{ message: 'No pudimos leer el formulario enviado: inténtalo de nuevo.' }] }
    const data = form.get('data')
    try {
      raw = typeof data === 'string' && data ? JSON.parse(data) : { text: form.get('text') ?? undefined }
    } catch {
      raw = null
    }
    const part = form.get(REPLY_DOCUMENT)
    if (part instanceof File && part.size > 0) {
      const checked = await checkFile(part, 'Documento')
      if ('problem' in checked) problems.push({ message: checked.problem, field: REPLY_DOCUMENT })
      else file = checked.file
    }
  } else if (type.startsWith('application/json')) {
    raw = await req.json!().catch(() => null)
  }
  const parsed = replyData.safeParse(raw ?? {})
  if (!parsed.success) problems.unshift({ message: parsed.error.issues[0]?.message ?? 'Escribe tu respuesta.', field: 'text' })
  return problems.length || !parsed.success ? { ok: false, problems } : { ok: true, data: parsed.data, file }
}
