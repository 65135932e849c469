/**
 * What every REST request body must be before Payload (or an endpoint of ours) does any work with
 * it: UTF-8 text, JSON (or a form) that parses, an object, not nested deeper than any form of ours,
 * and on the auth routes an email-shaped email. Payload's own handlers otherwise answer such a body
 * with an English message, a class name or a 500 (stack overflow, `text/xml`), or do the work first
 * (a reset email for a 5,000-character address). Called by `withPublicErrors` (lib/api-errors.ts).
 */

/** An email address as the platform accepts it (also collections/Youth/rules.ts). RFC 5321 caps a path at 254. */
export const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}$/i
export const MAX_EMAIL_LENGTH = 254
/** Deeper than any form of ours (a course with sessions and rich text stays well under it). */
export const MAX_JSON_DEPTH = 64
/** A password longer than this is not a password (hashing it is work an attacker chooses). */
const MAX_PASSWORD_LENGTH = 1024

export type RequestProblem = { status: 400 | 415; message: string; field?: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Depth of the deepest array/object of a JSON text, counted without parsing it (a parser could overflow first). */
function jsonDepth(text: string, limit: number): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (c === 125 || c === 93) depth--
  }
  return deepest
}

/** `/api/<auth collection>/<route>` whose body names an account: its email is checked before anything else. */
const AUTH_ROUTE = /^\/api\/(users|youth)\/(login|forgot-password|unlock|reset-password)\/?$/

function authProblem(route: string, body: Record<string, unknown>): RequestProblem | undefined {
  if (route !== 'reset-password') {
    const email = body.email
    if (typeof email !== 'string' || !email.trim()) return { status: 400, message: 'Correo electrónico: escribe tu correo electrónico.', field: 'email' }
    if (email.trim().length > MAX_EMAIL_LENGTH || !EMAIL.test(email.trim())) {
      return { status: 400, message: 'Correo electrónico: no es un correo electrónico válido.', field: 'email' }
    }
  }
  if (route === 'login' || route === 'reset-password') {
    const password = body.password
    if (typeof password !== 'string' || !password) return { status: 400, message: 'Contraseña: escribe tu contraseña.', field: 'password' }
    if (password.length > MAX_PASSWORD_LENGTH) return { status: 400, message: `Contraseña: es demasiado larga (máximo ${MAX_PASSWORD_LENGTH} caracteres).`, field: 'password' }
  }
  if (route === 'reset-password' && (typeof body.token !== 'string' || !body.token || body.token.length > 512)) {
    return { status: 400, message: 'El enlace no es válido o ya venció. Pide uno nuevo.', field: 'token' }
  }
  return undefined
}

/** The problem with a request's body, or undefined when Payload may have it. Reads a clone: the request stays unread. */
export async function requestBodyProblem(request: Request): Promise<RequestProblem | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return undefined
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  // Uploads: Payload's form parser and the endpoints' own checks (size, type, content) handle them.
  if (type.startsWith('multipart/form-data')) return undefined
  const bytes = new Uint8Array(await request.clone().arrayBuffer())
  if (!bytes.length) return undefined
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { status: 400, message: 'El texto enviado no está en UTF-8 válido: revisa la codificación de tu formulario o archivo.' }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return undefined
  const json = !type || /^application\/([\w.+-]*\+)?json\b/.test(type)
  if (!json) return { status: 415, message: 'Envía los datos como JSON (encabezado Content-Type: application/json) o como formulario.' }
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return { status: 400, message: 'Los datos enviados tienen demasiados niveles anidados.' }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { status: 400, message: 'Lo que se envió no es JSON válido.' }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { status: 400, message: 'Envía los datos como un objeto JSON, por ejemplo {"campo": "valor"}.' }
  }
  const auth = AUTH_ROUTE.exec(new URL(request.url).pathname)
  return auth ? authProblem(auth[2], body as Record<string, unknown>) : undefined
}
