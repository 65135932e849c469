import { describe, expect, it } from 'vitest'

import { redirectTo } from '../../site/lib/account'
import { hintCorrection, hintFor, withSessionHint } from '../../site/lib/session-hint'

const withCookie = (cookie: string) => new Request('http://localhost/cuenta/', { headers: { cookie } })

describe('the signed-in hint of static pages', () => {
  it('follows the session cookie: same lifetime and flags, readable by the page, no identity in it', () => {
    const session = 'payload-token=eyJhbGciOi.x.y; Expires=Thu, 10 Dec 2026 10:00:00 GMT; HttpOnly; Path=/; SameSite=Lax; Secure'
    expect(hintFor(session)).toBe('vj-signed-in=1; Expires=Thu, 10 Dec 2026 10:00:00 GMT; Path=/; SameSite=Lax; Secure')
    // As Payload writes it.
    expect(hintFor('payload-token=abc; Expires=Thu, 10 Dec 2026 10:01:08 GMT; Path=/; HttpOnly=true; SameSite=Lax')).toBe(
      'vj-signed-in=1; Expires=Thu, 10 Dec 2026 10:01:08 GMT; Path=/; SameSite=Lax',
    )
  })

  it('is emptied when the session cookie is, and ignores other cookies', () => {
    expect(hintFor('payload-token=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0')).toBe('vj-signed-in=; Path=/; SameSite=Lax; Max-Age=0')
    expect(hintFor('other=1; Path=/')).toBeNull()
    expect(withSessionHint(['other=1; Path=/'])).toEqual(['other=1; Path=/'])
  })

  it('travels with every redirect that carries a session (log in, sign up, reset, log out)', () => {
    const response = redirectTo('/cuenta/', 'sesion-iniciada', ['payload-token=abc; Path=/; HttpOnly; SameSite=Lax'])
    expect(response.headers.getSetCookie()).toEqual(['payload-token=abc; Path=/; HttpOnly; SameSite=Lax', 'vj-signed-in=1; Path=/; SameSite=Lax'])
  })

  it('is corrected by a page that checked the real session, and left alone when it agrees', () => {
    expect(hintCorrection(withCookie('vj-signed-in=1'), false)).toMatch(/^vj-signed-in=; Path=\/; Max-Age=0/)
    expect(hintCorrection(withCookie('payload-token=abc'), true)).toMatch(/^vj-signed-in=1; Path=\/; Max-Age=604800/)
    expect(hintCorrection(withCookie('payload-token=abc; vj-signed-in=1'), true)).toBeNull()
    expect(hintCorrection(withCookie(''), false)).toBeNull()
  })
})
