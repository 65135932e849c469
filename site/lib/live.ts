/**
 * Request-time data for on-demand pages (`prerender = false`). They read Payload's REST API with
 * the visitor's own session cookie, so Payload's access rules decide what each person may see and
 * no page can show more than the API would give that person.
 */

const apiOrigin = () => process.env.INTERNAL_API_URL || process.env.CMS_DEV_URL || `http://127.0.0.1:${process.env.PORT || 3000}`

const TOKEN_COOKIE = 'payload-token'

/** The visitor's session token, read from their cookie. */
export function sessionToken(request: Request): string | null {
  const cookie = request.headers.get('cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${TOKEN_COOKIE}=([^;]+)`).exec(cookie)
  return match ? decodeURIComponent(match[1]) : null
}

/**
 * The visitor's session travels as `Authorization: JWT …`: a server-to-server call has no Origin or
 * Sec-Fetch-Site header, which Payload's cookie check would refuse once `csrf` is configured.
 */
function sessionHeaders(request: Request): Record<string, string> {
  const token = sessionToken(request)
  return token ? { authorization: `JWT ${token}` } : {}
}

export async function apiGet<T>(request: Request, path: string): Promise<{ status: number; data: T | null }> {
  const response = await fetch(`${apiOrigin()}/api${path}`, {
    headers: { ...sessionHeaders(request), accept: 'application/json' },
  })
  const data = response.ok ? ((await response.json()) as T) : null
  return { status: response.status, data }
}

export type ApiError = { message: string; field?: string }
export type ApiResult<T> = { status: number; ok: boolean; data: T | null; errors: ApiError[]; setCookies: string[] }

/**
 * A write for the visitor (a form they posted). Answers Payload's body, its `{ errors }` and the
 * `Set-Cookie` headers (login, logout, reset) for the page to relay to the browser.
 */
export async function apiSend<T = Record<string, unknown>>(
  request: Request,
  method: 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  // A FormData body (documents) travels as multipart; fetch then sets its own boundary.
  const multipart = body instanceof FormData
  const response = await fetch(`${apiOrigin()}/api${path}`, {
    method,
    headers: { ...sessionHeaders(request), accept: 'application/json', ...(multipart ? {} : { 'content-type': 'application/json' }) },
    body: multipart ? body : JSON.stringify(body ?? {}),
  })
  const json = (await response.json().catch(() => null)) as (T & { errors?: ApiError[] }) | null
  const errors = response.ok ? [] : (json?.errors ?? [{ message: 'No pudimos completar la operación. Intenta de nuevo en unos minutos.' }])
  return { status: response.status, ok: response.ok, data: json, errors, setCookies: response.headers.getSetCookie() }
}

export type SessionYouth = {
  id: number | string
  givenNames?: string
  surnames?: string
  email?: string
  _verified?: boolean | null
  birthDate?: string
  anonymizedAt?: string | null
  guardian?: { name?: string | null; email?: string | null } | null
  guardianConsent?: { status?: string | null } | null
  [field: string]: unknown
}

/** The logged-in youth, or null for anonymous visitors (and for staff sessions, which are not youth accounts). */
export async function currentYouth(request: Request): Promise<SessionYouth | null> {
  if (!sessionToken(request)) return null
  const { data } = await apiGet<{ user: (SessionYouth & { collection?: string }) | null }>(request, '/youth/me?depth=0')
  return data?.user && data.user.collection !== 'users' ? data.user : null
}
