import { ValidationError, type CollectionAfterErrorHook, type Field } from 'payload'

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
