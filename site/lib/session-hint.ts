/**
 * How a static page knows whether to offer «Mi cuenta» or «Entrar»: a readable hint cookie.
 *
 * The session itself (`payload-token`) is httpOnly, so page scripts cannot see it — on purpose.
 * Static pages are the same bytes for everyone (and may come from nginx or a CDN), so they learn
 * the state in the browser. Two ways were weighed:
 * - fetch `/api/youth/me` on every page: one request to the app (and a database read of the
 *   session) per page view of every visitor, prepaid data spent, and the link changes only after the
 *   answer arrives (it flickers);
 * - a non-httpOnly cookie `vj-signed-in=1`, set and cleared together with the session: no request,
 *   decided before the first paint by an inline script of about a hundred bytes.
 * The hint holds no identity (just "1"), proves nothing and grants nothing: the pages it points to
 * check the real session. It can only be stale (a session that expired or was replaced by a staff
 * login), and then «Mi cuenta» still leads to /cuenta/, which offers to log in and clears the hint.
 */

export const SIGNED_IN_COOKIE = 'vj-signed-in'

const SESSION_COOKIE = /^payload-token=([^;]*)/
/** A youth session's lifetime (`tokenExpiration` of collections/Youth): a corrected hint lasts no longer. */
const HINT_MAX_AGE = 7 * 24 * 60 * 60

/**
 * The hint that goes with each `Set-Cookie` of the session: the same lifetime, path and flags,
 * minus HttpOnly (the page's script must read it). An emptied session cookie empties the hint.
 */
export function hintFor(setCookie: string): string | null {
  const match = SESSION_COOKIE.exec(setCookie)
  if (!match) return null
  const attributes = setCookie
    .slice(match[0].length)
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !/^httponly(=|$)/i.test(part)) // Payload writes `HttpOnly=true`
  return [`${SIGNED_IN_COOKIE}=${match[1] ? '1' : ''}`, ...attributes].join('; ')
}

/** `setCookies` plus the hint of any session cookie among them. */
export const withSessionHint = (setCookies: string[]): string[] => [
  ...setCookies,
  ...setCookies.map(hintFor).filter((hint): hint is string => hint !== null),
]

export const hasSessionHint = (request: Request): boolean =>
  new RegExp(`(?:^|;\\s*)${SIGNED_IN_COOKIE}=1(?:;|$)`).test(request.headers.get('cookie') ?? '')

/**
 * An on-demand page that checked the real session brings the hint in line with it (a session from
 * before the hint existed, or one that expired): the cookie to set, or null when it already agrees.
 */
export function hintCorrection(request: Request, signedIn: boolean): string | null {
  if (hasSessionHint(request) === signedIn) return null
  return signedIn
    ? `${SIGNED_IN_COOKIE}=1; Path=/; Max-Age=${HINT_MAX_AGE}; SameSite=Lax`
    : `${SIGNED_IN_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
}
