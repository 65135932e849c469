import { getPayload, ValidationError, type AfterErrorHook, type CollectionAfterErrorHook, type Field, type SanitizedConfig } from 'payload'

import { requestBodyProblem } from './request-checks'

/**
 * The public error contract: every 4xx body is `{ errors: [{ message, field? }] }` with a
 * Spanish message a person can act on. Payload reports invalid fields as one error whose
 * `data.errors[]` hold path and message; we give each its own entry and name the field in
 * the message. `data` stays on the first entry because the admin's forms read it.
 */

export type ApiError = { message: string; field?: string }

export const errorResponse = (status: number, message: string, field?: string): Response =>
  Response.json({ errors: [field ? { message, field } : { message }] }, { status })

type FieldError = { path: string; message: string; label?: unknown }

export const spanishErrors: CollectionAfterErrorHook = ({ error, result, collection }) => {
  if (!(error instanceof ValidationError)) return
  const fieldErrors = ((error.data as { errors?: FieldError[] })?.errors ?? []).filter((e) => e?.path)
  if (!fieldErrors.length) return
  const labels = labelsByPath(collection?.fields ?? [], '', new Map([['password', 'Contraseña']]))
  const errors = fieldErrors.map((e, i) => {
    const label = labels.get(e.path) ?? (typeof e.label === 'string' ? e.label : e.path)
    const message = /^[a-záéíóúñ]/.test(e.message) ? `${label}: ${e.message}` : `${label}: ${lowerFirst(e.message)}`
    return i === 0 ? { message, field: e.path, data: error.data } : { message, field: e.path }
  })
  return { response: { ...(result as object), errors }, status: 400 }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

function labelsByPath(fields: Field[], prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const field of fields) {
    const named = 'name' in field && field.name ? `${prefix}${field.name}` : null
    if (named && 'label' in field && typeof field.label === 'string') into.set(named, field.label)
    if ('fields' in field && Array.isArray(field.fields)) labelsByPath(field.fields, named ? `${named}.` : prefix, into)
  }
  return into
}

/** Payload's own English messages that reach people (built-in routes), in Spanish. */
const PAYLOAD_MESSAGES: Record<string, string> = {
  'Invalid JSON': 'Lo que se envió no es JSON válido.',
  'Missing email.': 'Escribe tu correo electrónico.',
  'Missing required data.': 'Faltan datos en la solicitud.',
  'Not Found': 'No encontramos lo que buscas.',
  'Something went wrong.': 'Algo salió mal de nuestro lado. Intenta de nuevo en un momento.',
  'Token is either invalid or has expired.': 'El enlace no es válido o ya venció. Pide uno nuevo.',
  'Verification token is invalid.': 'El enlace no es válido o ya venció. Pide uno nuevo.',
  'Invalid filename.': 'El nombre del archivo no es válido.',
  'No User': 'No hay una sesión iniciada.',
  'Incorrect collection': 'Esta sesión no corresponde a este tipo de cuenta.',
  'An unknown error occurred.': 'Algo salió mal de nuestro lado. Intenta de nuevo en un momento.',
  'You are not allowed to perform this action.': 'No tienes permiso para realizar esta acción.',
  'Unauthorized, you must be logged in to make this request.': 'Inicia sesión para continuar.',
}

/** When a message is none of the above and not Spanish either: what its status means, in Spanish. */
const BY_STATUS: Record<number, string> = {
  400: 'La solicitud no es válida: revisa los datos enviados.',
  401: 'Inicia sesión para continuar.',
  403: 'No tienes permiso para realizar esta acción.',
  404: 'No encontramos lo que buscas.',
  405: 'Esta dirección no acepta ese tipo de solicitud.',
  409: 'La solicitud choca con el estado actual del registro: recarga e intenta de nuevo.',
  413: 'La solicitud es demasiado grande.',
  415: 'Envía los datos como JSON (encabezado Content-Type: application/json) o como formulario.',
  423: 'Alguien más está editando este documento en este momento. Intenta de nuevo en unos minutos.',
  429: 'Hiciste demasiadas solicitudes seguidas. Espera un momento y vuelve a intentarlo.',
}
const byStatus = (status: number) =>
  BY_STATUS[status] ?? (status >= 500 ? 'Algo salió mal de nuestro lado. Intenta de nuevo en un momento.' : BY_STATUS[400])

const SPANISH_MARK = /[áéíóúñ¿¡]/i
const SPANISH_WORD = /\b(el|la|los|las|del|que|tu|tus|una|es|con|para|por|este|esta|ese|esa|debe|puede|intenta|vuelve|inicia|sesión)\b/i
const ENGLISH_WORD = /\b(the|is|are|not|found|invalid|must|cannot|following|unauthorized|forbidden|error|occurred|locked|you|your|please|required|already)\b/i
/** Our own messages are Spanish; a message that is not (one of Payload's, a library's) never reaches a person. */
const looksSpanish = (message: string) => SPANISH_MARK.test(message) || SPANISH_WORD.test(message) || !ENGLISH_WORD.test(message)

/** Payload's English messages that carry a detail (a path, a route), by their beginning. */
const PAYLOAD_MESSAGE_PREFIXES: [RegExp, string][] = [
  [/^The following paths? cannot be queried/, 'La búsqueda usa un campo que no existe o que no se puede consultar.'],
  [/^Route not found/, 'No encontramos lo que buscas.'],
]

/** The Spanish text for one of Payload's English messages, or undefined when it is not one. */
export function spanishPayloadMessage(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined
  return PAYLOAD_MESSAGES[message] ?? PAYLOAD_MESSAGE_PREFIXES.find(([pattern]) => pattern.test(message))?.[1]
}

/** Query parameters Payload reads with a bare JSON.parse (a string that is not JSON would be a 500). */
const JSON_PARAMS = ['where', 'data']

const malformedQuery = (request: Request): boolean => {
  const params = new URL(request.url).searchParams
  return JSON_PARAMS.some((name) =>
    params.getAll(name).some((value) => {
      if (!value) return false
      try {
        JSON.parse(value)
        return false
      } catch {
        return true
      }
    }),
  )
}

type PublicEntry = { message: string; field?: string; data?: unknown }

/** Any error answer of the API, in the one shape: `{ errors: [{ message, field? }] }`, Spanish, no class names, no stack. */
export async function publicErrorResponse(response: Response): Promise<Response> {
  // A collection without REST routes answers 501 "Cannot GET http://<bind address>/…": to a person it is a route that does not exist.
  const status = response.status === 501 ? 404 : response.status
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { message?: unknown; errors?: unknown } | null
  // An answer of ours that is not an error body (the health check's 503 with its checks) stays as it is.
  if (body && typeof body === 'object' && !('errors' in body) && !('message' in body)) return response
  const raw: unknown[] = Array.isArray(body?.errors) ? body.errors : body && typeof body.message === 'string' ? [{ message: body.message }] : []
  const errors: PublicEntry[] = raw.map((entry, i) => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as { message?: unknown; field?: unknown; data?: unknown }
    const original = typeof e.message === 'string' ? e.message : ''
    const message = spanishPayloadMessage(original) ?? (original && looksSpanish(original) ? original : byStatus(status))
    const out: PublicEntry = { message }
    if (typeof e.field === 'string') out.field = e.field
    // The admin's forms read the invalid fields from `data` of the first entry (paths and messages, nothing else).
    if (i === 0 && status === 400 && e.data && typeof e.data === 'object') out.data = e.data
    return out
  })
  if (!errors.length) errors.push({ message: byStatus(status) })
  // An endpoint's own facts beside the errors stay (a 409's `folio` and `status`); Payload's `message`, a stack or a class name do not.
  const extras = Object.fromEntries(Object.entries(body && Array.isArray(body.errors) ? body : {}).filter(([key]) => !['errors', 'message', 'stack', 'name'].includes(key)))
  const out = { ...extras, errors }
  if (status === response.status && JSON.stringify(body) === JSON.stringify(out)) return response
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.set('content-type', 'application/json; charset=utf-8')
  return Response.json(out, { status, headers })
}

/**
 * Wraps Payload's REST handlers (cms/app/(payload)/api, tests/helpers/payload.ts): the one way every
 * API route, Payload's built-in ones included, meets a person's mistake.
 * - Before Payload: a body that is not UTF-8, not JSON (or a form), not an object, nested too deep,
 *   or (on the auth routes) without an email-shaped email is refused here (lib/request-checks.ts);
 *   so is a `?where=`/`?data=` that is not JSON (Payload's bare JSON.parse would be a 500).
 * - After: every 4xx/5xx answer is rewritten into `{ errors: [{ message, field? }] }` in Spanish
 *   (publicErrorResponse), whatever produced it: a hook, Payload's route table, a 501, plain text.
 * Successful answers pass untouched.
 */
export const withPublicErrors =
  <Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>, config?: Promise<SanitizedConfig> | SanitizedConfig) =>
  async (request: Request, ...args: Args): Promise<Response> => {
    if (malformedQuery(request)) return noStore(request, errorResponse(400, 'La búsqueda no es válida: revisa los filtros de la dirección.'))
    const problem = await requestBodyProblem(request)
    if (problem) return noStore(request, errorResponse(problem.status, problem.message, problem.field))
    if (config && versionsOfUnversioned(request, await config)) return noStore(request, errorResponse(404, PAYLOAD_MESSAGES['Not Found']))
    let response = await handler(request, ...args)
    if (config && (await sessionUnverifiable(request, response, config))) response = errorResponse(503, DATABASE_DOWN)
    return noStore(request, response.status < 400 ? response : await publicErrorResponse(response))
  }

/**
 * Payload mounts `/versions` routes on every collection and global, and one without versions answers
 * them with a 500 (the versions table does not exist): there is nothing there, a 404.
 */
function versionsOfUnversioned(request: Request, config: SanitizedConfig): boolean {
  const match = /^\/api\/(?:globals\/)?([\w-]+)\/versions(\/|$)/.exec(new URL(request.url).pathname)
  if (!match) return false
  const isGlobal = new URL(request.url).pathname.startsWith('/api/globals/')
  const target = isGlobal ? config.globals.find((g) => g.slug === match[1]) : config.collections.find((c) => c.slug === match[1])
  return Boolean(target && !target.versions)
}

/** Collections whose answers are about people or staff work: never stored by a browser or a proxy. */
const PRIVATE_ROUTE = /^\/api\/(youth|users|enrollments|applications|application-documents|arco-requests|reviews|site-builds|access|payload-[\w-]+)(\/|$|\?)/
const hasCredentials = (request: Request) => request.headers.has('authorization') || /(^|;\s*)payload-token=/.test(request.headers.get('cookie') ?? '')

/**
 * `Cache-Control: no-store` on every private answer (a session's answer, or any answer of a private
 * collection: /api/youth/me, /api/enrollments, /api/applications, private document files…), so a
 * shared computer's back button or a proxy never shows one person's data to another.
 */
function noStore(request: Request, response: Response): Response {
  if (!hasCredentials(request) && !PRIVATE_ROUTE.test(new URL(request.url).pathname)) return response
  if (/no-store/.test(response.headers.get('cache-control') ?? '')) return response
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', 'private, no-store')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

const DATABASE_DOWN = 'El servicio no está disponible por un momento (la base de datos no responde). Intenta de nuevo en unos segundos.'

/**
 * Payload's session check swallows a database error and answers as if nobody were logged in (a 401,
 * a 403, or `/me` with `user: null`): with a session and the database down, that is a 503 instead,
 * so the site does not send a logged-in person to the login page.
 */
async function sessionUnverifiable(request: Request, response: Response, config: Promise<SanitizedConfig> | SanitizedConfig): Promise<boolean> {
  if (!hasCredentials(request)) return false
  const me = /\/me\/?$/.test(new URL(request.url).pathname) && response.status === 200
  if (!me && response.status !== 401 && response.status !== 403) return false
  if (me && (((await response.clone().json().catch(() => null)) as { user?: unknown } | null)?.user ?? null) !== null) return false
  try {
    const payload = await getPayload({ config: await config })
    await (payload.db as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool.query('select 1')
    return false
  } catch (error) {
    return Boolean(knownErrorAnswer(error))
  }
}

/** PostgreSQL down or restarting: refused or dropped connections, "shutting down", "starting up" (SQLSTATE 08xxx, 57P0x). */
function databaseUnreachable(error: unknown, code: unknown): boolean {
  if (typeof code === 'string' && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code) || /^(08|57P0)/.test(code))) return true
  const messages = [(error as Error)?.message, (error as { cause?: Error })?.cause?.message].filter(Boolean).join(' ')
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not currently accepting connections/i.test(messages)
}

/** The status and Spanish message for an error that is not a bug of ours (null: a real 500). Also used by server/fast-api.ts and lib/log.ts. */
export function knownErrorAnswer(error: unknown): { status: 400 | 503; message: string } | null {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code
  if (databaseUnreachable(error, code)) return { status: 503, message: DATABASE_DOWN }
  if (typeof code === 'string' && code.startsWith('22')) {
    return { status: 400, message: 'Algún dato enviado no es válido (caracteres no permitidos o un número fuera de rango).' }
  }
  // foreign_key_violation: a relationship to a record that does not exist (or, on a delete, one still in use).
  if (code === '23503') {
    return { status: 400, message: 'Algún dato enviado hace referencia a un registro que no existe o que todavía se usa en otro lado.' }
  }
  return null
}

/**
 * Every route's last word on an error (config `hooks.afterError`). A value PostgreSQL cannot hold
 * (SQLSTATE class 22: a NUL character, a number out of range, an impossible date) is the sender's
 * mistake, so a 400 instead of a 500; a database that does not answer is a 503 (the app recovers when
 * it is back: the pool opens new connections); and Payload's built-in English messages become Spanish.
 */
export const publicErrors: AfterErrorHook = (args) => {
  const { error, result } = args
  const known = knownErrorAnswer(error)
  if (known) return { response: { errors: [{ message: known.message }] }, status: known.status }
  // Invalid fields of any collection or global: one entry per field, named, with its `field`.
  const perField = spanishErrors({ ...args, collection: args.collection ?? ({ fields: [] } as never) } as never)
  if (perField) return perField as never
  const errors = (result as { errors?: { message?: string; field?: string }[] } | undefined)?.errors
  if (!errors?.some((e) => spanishPayloadMessage(e?.message))) return
  // A translated entry keeps only the contract's keys (a QueryError also carries its name and the queried paths).
  const translated = errors.map((e) => {
    const message = spanishPayloadMessage(e?.message)
    return message ? (e.field ? { message, field: e.field } : { message }) : e
  })
  return { response: { ...(result as object), errors: translated } }
}

/**
 * `HEAD` wherever `GET` answers (load balancers and uptime monitors use it): the GET handler's
 * status and headers, without the body. Payload's router has no HEAD of its own (it answered 404).
 */
export const headFromGet =
  <Args extends unknown[]>(get: (request: Request, ...args: Args) => Promise<Response>) =>
  async (request: Request, ...args: Args): Promise<Response> => {
    const response = await get(new Request(request.url, { method: 'GET', headers: request.headers }), ...args)
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    return new Response(null, { status: response.status, statusText: response.statusText, headers })
  }
