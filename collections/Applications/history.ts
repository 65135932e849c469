import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import { staffOf } from '../access'
import { queueApplicationEmail } from './emails'
import { APPLICATION_STATUS_LABELS, DECIDED, STAFF_STATUSES, type ApplicationStatus } from './schema'

/**
 * Every status change of an application, whoever makes it (the apply, withdraw and reply
 * endpoints, staff in the admin or over REST), is appended to `history` here, in the same write:
 * no path can change the status without leaving who, when and why.
 */

const NOTE_MAX = 2000

const authorOf = (req: PayloadRequest) =>
  req.user ? { relationTo: req.user.collection === 'youth' ? 'youth' : 'users', value: req.user.id } : null

const refuse = (req: PayloadRequest, path: string, message: string) =>
  new ValidationError({ collection: 'applications', errors: [{ path, message }] }, req.t)

/** What staff may do to a status: decide on submitted applications, never act for the youth. */
function staffTransitionProblem(from: ApplicationStatus | undefined, to: ApplicationStatus, note: string | null): string | null {
  if (!STAFF_STATUSES.includes(to)) {
    return `El equipo no puede poner una postulación en «${APPLICATION_STATUS_LABELS[to]}»: elige En revisión, Requiere información, Aceptada, En lista de espera o Rechazada.`
  }
  if (from === 'draft' || from === 'withdrawn') {
    return `Esta postulación está en «${APPLICATION_STATUS_LABELS[from]}»: solo se evalúan postulaciones enviadas.`
  }
  if (to === 'needs-info' && !note) return 'Escribe en la nota qué información necesitas: la persona la recibe por correo.'
  return null
}

export const recordStatusChange: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  const rawNote = typeof data.statusNote === 'string' ? data.statusNote.trim() : ''
  // The note travels with one change only: it is stored in that history entry, never kept beside it.
  data.statusNote = null
  const note = rawNote ? rawNote.slice(0, NOTE_MAX) : null
  const previous = operation === 'create' ? undefined : (originalDoc?.status as ApplicationStatus | undefined)
  const status = (data.status ?? previous) as ApplicationStatus
  if (status === previous) {
    if (note && staffOf(req.user)) throw refuse(req, 'statusNote', 'La nota se guarda junto con un cambio de estado: elige también el nuevo estado.')
    return data
  }
  if (staffOf(req.user)) {
    const problem = staffTransitionProblem(previous, status, note)
    if (problem) throw refuse(req, status === 'needs-info' && !note ? 'statusNote' : 'status', problem)
  }
  const history = [...((originalDoc?.history ?? []) as object[])]
  history.push({ status, at: new Date().toISOString(), by: authorOf(req), note })
  data.history = history
  return data
}

/** The youth hears about a request for information and about each decision (queued, sent after commit). */
export const emailStatusChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.status === previousDoc?.status) return doc
  if (doc.status === 'needs-info') await queueApplicationEmail(req, doc.id, 'needs-info')
  if (DECIDED.includes(doc.status)) await queueApplicationEmail(req, doc.id, 'result')
  return doc
}
