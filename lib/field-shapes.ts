import { ValidationError, type CollectionBeforeOperationHook, type FlattenedField } from 'payload'

/**
 * Values of the wrong JSON type for a field (an object for an email, a word for a relationship, `{}`
 * for a list) crash Payload's own hooks or the database adapter before any validation runs: a 500
 * for a person's mistake (found by tests/int/builtin-routes-fuzz.test.ts). Every collection refuses
 * them first, as ordinary field errors (400, one entry per field, lib/api-errors.ts). Only the
 * JSON type is checked here; what a value means stays with the fields' own rules.
 */

type Problem = { path: string; message: string }

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v)
const isId = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && /^\d{1,15}$/.test(v))
/** A relationship value: an id, a populated document, or `{ relationTo, value }` for several collections. */
const isRelation = (v: unknown, polymorphic: boolean) =>
  polymorphic ? isObject(v) && typeof v.relationTo === 'string' && (isId(v.value) || (isObject(v.value) && isId(v.value.id))) : isId(v) || (isObject(v) && isId(v.id))

function scalarProblem(field: FlattenedField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'radio':
    case 'date':
      return typeof value === 'string' ? undefined : 'debe ser texto.'
    case 'select':
      return typeof value === 'string' ? undefined : 'debe ser una de las opciones.'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'debe ser un número.'
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'debe ser verdadero o falso.'
    case 'relationship':
    case 'upload':
      return isRelation(value, Array.isArray(field.relationTo)) ? undefined : 'debe ser el identificador de un registro.'
    case 'point':
      return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number') ? undefined : 'debe ser un par de coordenadas.'
    default:
      return undefined
  }
}

function check(fields: FlattenedField[], data: Record<string, unknown>, prefix: string, out: Problem[]): void {
  for (const field of fields) {
    if (!('name' in field) || !(field.name in data)) continue
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (value === undefined || field.type === 'join' || field.type === 'json' || field.type === 'richText') continue
    if (field.type === 'group') {
      if (!isObject(value)) out.push({ path, message: 'no tiene la forma esperada.' })
      else if (field.flattenedFields) check(field.flattenedFields, value, `${path}.`, out)
      continue
    }
    if (value === null) continue
    if (field.type === 'array' || field.type === 'blocks') {
      if (!Array.isArray(value) || !value.every(isObject)) out.push({ path, message: 'debe ser una lista.' })
      else if (field.type === 'array') value.forEach((row, i) => check(field.flattenedFields, row as Record<string, unknown>, `${path}.${i}.`, out))
      continue
    }
    const many = 'hasMany' in field && field.hasMany
    if (many) {
      if (!Array.isArray(value)) out.push({ path, message: 'debe ser una lista.' })
      else if (value.some((item) => scalarProblem(field, item))) out.push({ path, message: scalarProblem(field, value.find((item) => scalarProblem(field, item)))! })
      continue
    }
    const problem = scalarProblem(field, value)
    if (problem) out.push({ path, message: problem })
  }
}

export const refuseWrongShapes: CollectionBeforeOperationHook = ({ args, operation, collection, req }) => {
  // Only what came over HTTP: the Local API (seed, jobs, endpoints) is the platform itself and may pass Dates.
  if ((operation !== 'create' && operation !== 'update') || req.payloadAPI !== 'REST') return args
  const data = (args as { data?: unknown }).data
  if (data === undefined) return args
  const problems: Problem[] = []
  if (!isObject(data)) problems.push({ path: 'data', message: 'debe ser un objeto con los datos.' })
  else {
    check(collection.flattenedFields, data, '', problems)
    if ('password' in data && data.password !== undefined && typeof data.password !== 'string') problems.push({ path: 'password', message: 'debe ser texto.' })
  }
  if (problems.length) throw new ValidationError({ collection: collection.slug, errors: problems }, req.t)
  return args
}
