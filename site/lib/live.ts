/**
 * Request-time data for on-demand pages (`prerender = false`). They read Payload's REST API with
 * the visitor's own session cookie, so Payload's access rules decide what each person may see and
 * no page can show more than the API would give that person.
 */

const apiOrigin = () => process.env.INTERNAL_API_URL || process.env.CMS_DEV_URL || `http://127.0.0.1:${process.env.PORT || 3000}`

export async function apiGet<T>(request: Request, path: string): Promise<{ status: number; data: T | null }> {
  const response = await fetch(`${apiOrigin()}/api${path}`, {
    headers: { cookie: request.headers.get('cookie') ?? '', accept: 'application/json' },
  })
  const data = response.ok ? ((await response.json()) as T) : null
  return { status: response.status, data }
}

export type SessionYouth = { id: number | string; firstName?: string; email?: string }

/** The logged-in youth, or null for anonymous visitors (and for staff sessions, which are not youth accounts). */
export async function currentYouth(request: Request): Promise<SessionYouth | null> {
  if (!request.headers.get('cookie')?.includes('payload-token')) return null
  const { data } = await apiGet<{ user: SessionYouth | null }>(request, '/youth/me')
  return data?.user ?? null
}
