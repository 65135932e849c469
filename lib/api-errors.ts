import { ValidationError, type AfterErrorHook, type CollectionAfterErrorHook, type Field } from 'payload'

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
}

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

/**
 * Wraps Payload's REST handlers (cms/app/(payload)/api, tests/helpers/payload.ts), for what people
 * see of an error that never reaches the error hooks:
 * - `?where=` or `?data=` that is not JSON would crash Payload's parser (a 500): a Spanish 400 first;
 * - an unknown route (404, in English, echoing the path) and the job endpoints' refusal (401) reply
 *   `{ message }`: they get the one error shape, in Spanish.
 * Successful answers pass untouched.
 */
export const withPublicErrors =
  <Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>) =>
  async (request: Request, ...args: Args): Promise<Response> => {
    if (malformedQuery(request)) return errorResponse(400, 'La búsqueda no es válida: revisa los filtros de la dirección.')
    const response = await handler(request, ...args)
    if (response.status < 400 || !response.headers.get('content-type')?.includes('application/json')) return response
    const body = (await response.clone().json().catch(() => null)) as { message?: unknown; errors?: unknown } | null
    if (!body || typeof body.message !== 'string' || 'errors' in body) return response
    const message = spanishPayloadMessage(body.message) ?? (response.status === 404 ? PAYLOAD_MESSAGES['Not Found'] : body.message)
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    return Response.json({ errors: [{ message }] }, { status: response.status, headers })
  }

/** PostgreSQL down or restarting: refused or dropped connections, "shutting down", "starting up" (SQLSTATE 08xxx, 57P0x). */
function databaseUnreachable(error: unknown, code: unknown): boolean {
  if (typeof code === 'string' && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code) || /^(08|57P0)/.test(code))) return true
  const messages = [(error as Error)?.message, (error as { cause?: Error })?.cause?.message].filter(Boolean).join(' ')
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(messages)
}

/** The status and Spanish message for an error that is not a bug of ours (null: a real 500). Also used by server/fast-api.ts and lib/log.ts. */
export function knownErrorAnswer(error: unknown): { status: 400 | 503; message: string } | null {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code
  if (databaseUnreachable(error, code)) {
    return { status: 503, message: 'El servicio no está disponible por un momento (la base de datos no responde). Intenta de nuevo en unos segundos.' }
  }
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
export const publicErrors: AfterErrorHook = ({ error, result }) => {
  const known = knownErrorAnswer(error)
  if (known) return { response: { errors: [{ message: known.message }] }, status: known.status }
  const errors = (result as { errors?: { message?: string; field?: string }[] } | undefined)?.errors
  if (!errors?.some((e) => spanishPayloadMessage(e?.message))) return
  // A translated entry keeps only the contract's keys (a QueryError also carries its name and the queried paths).
  const translated = errors.map((e) => {
    const message = spanishPayloadMessage(e?.message)
    return message ? (e.field ? { message, field: e.field } : { message }) : e
  })
  return { response: { ...(result as object), errors: translated } }
}
