/**
 * The no-JavaScript apply form (/convocatorias/[slug]/postular): what it shows and what a posted
 * form becomes, through the API as the visitor, so the apply endpoint's rules are the only rules.
 */
import { accountProblem, fitProblem, windowProblem } from '../../collections/Applications/rules'
import { applyResult, type ApplicationStatus } from '../../collections/Applications/schema'
import type { Question } from '../../collections/Applications/validate-answers'
import { apiGet, apiSend, currentYouth, type ApiError, type SessionYouth } from './live'
import { urls } from './urls'

export const applyPath = urls.callApply

/** What the file inputs accept; the server checks the content again (magic bytes). */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'
export const CONSENT_FIELD = 'publicar-nombre'

type Found<T> = { docs: T[] }
export type FormQuestion = Question & { id: string; help?: string | null }
export type FormDocument = { id: string; name: string; description?: string | null; required?: boolean | null }
export type ApplyCall = {
  id: number
  title: string
  slug: string
  window?: { opens?: string | null; closes?: string | null } | null
  eligibility?: { ageRange?: { min?: number | null; max?: number | null } | null; mustLiveInMunicipality?: boolean | null } | null
  questions?: FormQuestion[] | null
  requiredDocuments?: FormDocument[] | null
}
export type MyApplication = {
  id: number
  status: ApplicationStatus
  folio?: string | null
  submittedAt?: string | null
  publishNameConsent?: boolean | null
  answers?: { question: string; value: unknown }[] | null
  documents?: ({ id: number; requirement?: string | null } | number)[] | null
}
/** What the person typed, by field name, to show again next to the errors. */
export type FormValues = Record<string, string | string[]>

export type ApplyView = {
  call: ApplyCall | null
  youth: SessionYouth | null
  application: MyApplication | null
  /** Why the form is not offered now (not open yet, closed), or null. */
  closed: string | null
  /**
   * Why this youth may not apply (unverified email, guardian consent, age on the closing date,
   * residency): the apply endpoint's own rules, told before the form instead of after it.
   */
  ineligible: string | null
}

/** The published call by slug. No `select`: with one, Payload leaves out the questions' options. */
async function callBySlug(request: Request, slug: string): Promise<ApplyCall | null> {
  const { data } = await apiGet<Found<ApplyCall>>(request, `/calls?where[slug][equals]=${encodeURIComponent(slug)}&limit=1&depth=0`)
  return data?.docs[0] ?? null
}

async function myApplication(request: Request, callId: number): Promise<MyApplication | null> {
  const { data } = await apiGet<Found<MyApplication>>(request, `/applications?where[call][equals]=${callId}&limit=1&depth=1`)
  return data?.docs[0] ?? null
}

export async function applyView(request: Request, slug: string, at = new Date()): Promise<ApplyView> {
  const call = await callBySlug(request, slug)
  if (!call) return { call: null, youth: null, application: null, closed: null, ineligible: null }
  const youth = await currentYouth(request)
  const application = youth ? await myApplication(request, call.id) : null
  const ineligible = youth ? (accountProblem(youth, at) ?? fitProblem(call, youth, at)) : null
  return { call, youth, application, closed: windowProblem(call, at), ineligible }
}

/** The answers of a saved draft, as form values. */
export function draftValues(application: MyApplication | null): FormValues {
  const values: FormValues = {}
  for (const answer of application?.answers ?? []) {
    const { value } = answer
    if (Array.isArray(value)) values[answer.question] = value.map(String)
    else if (value !== null && value !== undefined && typeof value !== 'object') values[answer.question] = String(value)
  }
  if (application?.publishNameConsent) values[CONSENT_FIELD] = 'si'
  return values
}

/** Requirements (document or file question ids) the application already has a file for. */
export const storedRequirements = (application: MyApplication | null): Set<string> =>
  new Set((application?.documents ?? []).flatMap((d) => (typeof d === 'object' && d.requirement ? [d.requirement] : [])))

/** Every file input of the form: the requested documents, then the file questions. */
export const fileFields = (call: ApplyCall): string[] => [
  ...(call.requiredDocuments ?? []).map((d) => d.id),
  ...(call.questions ?? []).filter((q) => q.type === 'file').map((q) => q.id),
]

/** The posted form's typed values (files are not values: a browser never sends them back). */
export function postedValues(call: ApplyCall, form: FormData): FormValues {
  const values: FormValues = {}
  for (const q of call.questions ?? []) {
    if (q.type === 'file') continue
    if (q.type === 'multiple-choice') values[q.id] = form.getAll(q.id).filter((v): v is string => typeof v === 'string')
    else if (typeof form.get(q.id) === 'string') values[q.id] = form.get(q.id) as string
  }
  if (form.get(CONSENT_FIELD)) values[CONSENT_FIELD] = 'si'
  return values
}

/** The multipart body of POST /api/calls/:id/apply: `data` as JSON plus one part per chosen file. */
export function apiForm(call: ApplyCall, form: FormData, submit: boolean): FormData {
  const values = postedValues(call, form)
  const answers: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) if (name !== CONSENT_FIELD) answers[name] = value
  const body = new FormData()
  body.set('data', JSON.stringify({ answers, submit, publishNameConsent: values[CONSENT_FIELD] === 'si' }))
  for (const name of fileFields(call)) {
    const file = form.get(name)
    // An input left empty still sends a nameless, empty part: that is "no file", not an empty file.
    if (file instanceof File && (file.size > 0 || file.name)) body.set(name, file, file.name)
  }
  return body
}

export type ApplyOutcome =
  | { ok: true; submitted: boolean; folio: string | null }
  | { ok: false; status: number; errors: ApiError[]; values: FormValues }

/** Forwards the posted form to the apply endpoint ("Guardar borrador" or "Enviar"). */
export async function applyAction(request: Request, call: ApplyCall, form: FormData): Promise<ApplyOutcome> {
  const submit = form.get('accion') !== 'borrador'
  const sent = await apiSend(request, 'POST', `/calls/${call.id}/apply`, apiForm(call, form, submit))
  const result = applyResult.safeParse(sent.data)
  if (sent.ok && result.success) return { ok: true, submitted: result.data.status === 'submitted', folio: result.data.folio }
  return { ok: false, status: sent.status, errors: sent.errors, values: postedValues(call, form) }
}
