import { ValidationError, type Endpoint, type PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { dbOf, sql, withTransaction } from '../../lib/db'
import { APPLYING } from './documents'
import { queueSubmittedEmail } from './emails'
import { fileSlots, readApplyForm, type Problem } from './form'
import { applicationProblem } from './rules'
import { idParam } from './schema'
import { validateAnswers, type Question, type StoredAnswer } from './validate-answers'
import { folioFor } from './folio'

const notFound = () => errorResponse(404, 'No encontramos esa convocatoria.')
const unprocessable = (problems: Problem[]) => Response.json({ errors: problems }, { status: 422 })
const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)

/**
 * `POST /api/calls/:id/apply` (youth session, multipart: `data` = {answers, submit, publishNameConsent?} + files)
 * → 201 `{ folio, status }` (200 when a draft is saved again).
 *
 * One application per youth and call: the work runs under a transaction-scoped advisory lock on
 * (call, youth), and a unique index backs it, so parallel requests queue and the later ones find
 * the first. A draft may be saved again and submitted later; a submitted one answers 409.
 */
export const applyEndpoint: Endpoint = {
  path: '/:id/apply',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para postularte.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo una persona joven con su propia cuenta puede postularse.')
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()
    const call = await publishedCall(req, id.data)
    if (!call) return notFound()
    const youth = req.user as typeof req.user & Parameters<typeof applicationProblem>[1]
    const problem = applicationProblem(call, youth)
    if (problem) return errorResponse(403, problem)

    const slots = fileSlots(call)
    const form = await readApplyForm(req, slots)
    if (!form.ok) return unprocessable(form.problems)
    const { answers, submit, publishNameConsent } = form.data
    const questions = (call.questions ?? []) as Question[]
    const checked = validateAnswers(questions, answers, submit)
    if (checked.problems.length) return unprocessable(checked.problems)

    req.context[APPLYING] = true
    // A refusal inside rolls back the documents stored before it.
    return withTransaction(req, async () => {
      const db = await dbOf(req)
      await db.execute(sql`SELECT pg_advisory_xact_lock(${call.id}::int, ${Number(youth.id)}::int)`)
      const existing = await ownApplication(req, call.id)
      if (existing && existing.status !== 'draft') {
        const message = existing.status === 'withdrawn' ? 'Retiraste tu postulación a esta convocatoria.' : `Ya enviaste tu postulación a esta convocatoria: tu folio es ${existing.folio}.`
        return Response.json({ errors: [{ message }], folio: existing.folio ?? null, status: existing.status }, { status: 409 })
      }

      // Documents: new files replace earlier ones for the same request; the rest of a draft's stay.
      const earlier = (existing?.documents ?? []) as { id: number; requirement: string }[]
      const kept = earlier.filter((d) => !form.files.has(d.requirement))
      const replaced = earlier.filter((d) => form.files.has(d.requirement))
      const missing = submit ? slots.filter((s) => s.required && !form.files.has(s.id) && !kept.some((d) => d.requirement === s.id)) : []
      if (missing.length) return unprocessable(missing.map((s) => ({ message: `«${s.label}»: adjunta este documento; es obligatorio.`, field: s.id })))
      const stored = [...kept]
      for (const [requirement, file] of form.files) {
        const doc = await req.payload
          .create({ collection: 'application-documents', data: { youth: youth.id, call: call.id, requirement }, file, user: req.user, overrideAccess: false, req })
          .catch((error) => {
            // Payload's own deeper check (e.g. a PDF header on a file that is not a whole PDF).
            if (error instanceof ValidationError) return null
            throw error
          })
        const label = slots.find((s) => s.id === requirement)!.label
        if (!doc) return unprocessable([{ message: `«${label}»: el archivo está dañado o no es un PDF, JPG o PNG válido.`, field: requirement }])
        stored.push({ id: doc.id as number, requirement })
      }
      const fileAnswers: StoredAnswer[] = questions
        .filter((q) => q.type === 'file' && q.id && stored.some((d) => d.requirement === q.id))
        .map((q) => ({ question: q.id!, label: q.label, type: 'file', value: stored.find((d) => d.requirement === q.id)!.id }))

      const now = new Date().toISOString()
      const status = submit ? 'submitted' : 'draft'
      // The status history is appended by the collection's hook (history.ts).
      const data = {
        answers: [...checked.stored, ...fileAnswers],
        documents: stored.map((d) => d.id),
        status,
        ...(publishNameConsent === undefined ? {} : { publishNameConsent }),
      }
      const saved = existing
        ? await req.payload.update({ collection: 'applications', id: existing.id, data: data as never, depth: 0, user: req.user, overrideAccess: false, req })
        : await req.payload.create({ collection: 'applications', data: { ...data, call: call.id, youth: youth.id } as never, depth: 0, user: req.user, overrideAccess: false, req })
      let folio: string | null = saved.folio ?? null
      if (submit) {
        folio = folioFor(saved.id as number, new Date(now))
        await req.payload.update({ collection: 'applications', id: saved.id, data: { folio, submittedAt: now }, depth: 0, user: req.user, overrideAccess: false, req })
        await queueSubmittedEmail(req, saved.id as number)
      }
      // A draft's earlier file for a request that got a new one is referenced by nothing now: its row and
      // file go (only admins may delete documents, so this clean-up of the platform's own runs past access).
      for (const doc of replaced) await req.payload.delete({ collection: 'application-documents', id: doc.id, overrideAccess: true, req })
      return Response.json({ folio, status }, { status: existing && !submit ? 200 : 201 })
    })
  },
}

/** The call as the public sees it: drafts and unknown ids are both "not found". */
async function publishedCall(req: PayloadRequest, callId: number) {
  const { docs } = await req.payload.find({
    collection: 'calls',
    where: { id: { equals: callId } },
    // No `select`: with one, Payload 3.90 leaves out the questions' hasMany `options` (stored in calls_texts).
    depth: 0,
    limit: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs[0] ?? null
}

/** This youth's application to the call, with its documents' requirements. */
async function ownApplication(req: PayloadRequest, callId: number) {
  const { docs } = await req.payload.find({
    collection: 'applications',
    where: { call: { equals: callId }, youth: { equals: req.user!.id } },
    depth: 1,
    limit: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  const found = docs[0]
  if (!found) return null
  const documents = (found.documents ?? []).map((d) => (typeof d === 'object' ? { id: d.id, requirement: d.requirement } : { id: idOf(d), requirement: '' }))
  return { ...found, documents }
}
