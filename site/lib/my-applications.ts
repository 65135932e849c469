/**
 * "Mis postulaciones" in Mi cuenta: the visitor's applications with their status history, and the
 * two things they may do (withdraw before the deadline, answer a request for information once),
 * through the API as the visitor, so the endpoints' rules are the only rules.
 */
import { WITHDRAWABLE, type ApplicationStatus } from '../../collections/Applications/schema'
import { ACCEPTED_FILES } from './apply-page'
import { apiGet, apiSend, type ApiError } from './live'

export const MY_APPLICATIONS_PATH = '/cuenta/postulaciones/'
export const REPLY_FIELD = 'respuesta'
export const REPLY_FILE_FIELD = 'documento'
export { ACCEPTED_FILES }

/** Errors of the reply endpoint that belong next to a field of the reply form. */
export const isReplyField = (field: string | undefined) => field === 'text' || field === 'document'

type Found<T> = { docs: T[] }
type CallRef = { id: number; title: string; slug?: string | null; window?: { closes?: string | null } | null }
export type HistoryEntry = { id?: string; status: ApplicationStatus; at: string; note?: string | null }
export type MyListedApplication = {
  id: number
  call: CallRef | null
  status: ApplicationStatus
  folio?: string | null
  submittedAt?: string | null
  history: HistoryEntry[]
  replies: { id?: string; text: string; at: string }[]
  /** Whether "Retirar mi postulación" is offered: a withdrawable status and the deadline not passed. */
  canWithdraw: boolean
}

/** After a redirect, chosen by `?aviso=`: the URL never carries free text. */
export const APPLICATION_NOTICES: Record<string, string> = {
  retirada: 'Retiraste tu postulación.',
  respondida: 'Enviamos tu respuesta. El equipo revisará tu postulación con la información nueva.',
}

const idOf = (value: unknown): number | null =>
  typeof value === 'number' ? value : value && typeof value === 'object' && 'id' in value ? Number((value as { id: unknown }).id) : null

/** The visitor's applications, newest first, each with its call (title, page, deadline). */
export async function myApplications(request: Request, at = new Date()): Promise<MyListedApplication[]> {
  const { data } = await apiGet<Found<Record<string, unknown>>>(request, '/applications?sort=-createdAt&limit=100&depth=0')
  const docs = data?.docs ?? []
  const callIds = [...new Set(docs.map((d) => idOf(d.call)).filter((id): id is number => id !== null))]
  const calls = new Map<number, CallRef>()
  if (callIds.length) {
    const query = `where[id][in]=${callIds.join(',')}&limit=${callIds.length}&depth=0&select[title]=true&select[slug]=true&select[window]=true`
    for (const call of (await apiGet<Found<CallRef>>(request, `/calls?${query}`)).data?.docs ?? []) calls.set(call.id, call)
  }
  return docs.map((doc) => {
    const call = calls.get(idOf(doc.call) ?? -1) ?? null
    const status = doc.status as ApplicationStatus
    const closes = call?.window?.closes ? new Date(call.window.closes) : null
    return {
      id: Number(doc.id),
      call,
      status,
      folio: (doc.folio as string | null) ?? null,
      submittedAt: (doc.submittedAt as string | null) ?? null,
      // Who made each change is not shown: for staff it is an account id, nothing for the youth.
      history: ((doc.history ?? []) as HistoryEntry[]).map(({ id, status, at, note }) => ({ id, status, at, note })),
      replies: ((doc.replies ?? []) as MyListedApplication['replies']).map(({ id, text, at }) => ({ id, text, at })),
      canWithdraw: WITHDRAWABLE.includes(status) && Boolean(call) && (!closes || closes > at),
    }
  })
}

export type ApplicationActionResult = { ok: true; notice: keyof typeof APPLICATION_NOTICES } | { ok: false; status: number; errors: ApiError[]; application: number; text: string }

/** Runs a posted form of the list: `accion` = retirar | responder, `postulacion` = the id. */
export async function applicationAction(request: Request, form: FormData): Promise<ApplicationActionResult> {
  const raw = Number(form.get('postulacion'))
  const id = Number.isSafeInteger(raw) && raw > 0 ? raw : 0
  if (form.get('accion') === 'retirar') {
    const withdrawn = await apiSend(request, 'POST', `/applications/${id}/withdraw`)
    return withdrawn.ok ? { ok: true, notice: 'retirada' } : { ok: false, status: withdrawn.status, errors: withdrawn.errors, application: id, text: '' }
  }
  const text = typeof form.get(REPLY_FIELD) === 'string' ? (form.get(REPLY_FIELD) as string) : ''
  const body = new FormData()
  body.set('data', JSON.stringify({ text }))
  const file = form.get(REPLY_FILE_FIELD)
  // An untouched file input still sends an empty, nameless part: that is "no file".
  if (file instanceof File && (file.size > 0 || file.name)) body.set('document', file, file.name)
  const replied = await apiSend(request, 'POST', `/applications/${id}/reply`, body)
  return replied.ok ? { ok: true, notice: 'respondida' } : { ok: false, status: replied.status, errors: replied.errors, application: id, text }
}
