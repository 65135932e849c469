/**
 * What server/http.ts does to every request before the site, Astro or Next see it
 * (server/request-guard.ts): security headers, the client address handed to the rate limits,
 * request-body caps with a Spanish 413/411, and one JSON log line without the query string.
 * Run on a plain Node server: the guard is the same function, without needing the admin build.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_IP_HEADER } from '../../lib/client-ip'
import { requestGuard } from '../../server/request-guard'
import { captureStdout } from '../helpers/stdout'

type Seen = { clientIp?: string; requestCsp?: string; bodyBytes: number }

async function serve(env: Partial<Parameters<typeof requestGuard>[0]> = {}) {
  const guard = requestGuard({
    production: false,
    publicUrl: 'http://localhost:3000',
    trustProxy: 0,
    maxUploadMb: 1,
    maxMediaMb: 2,
    payloadSecret: 'x'.repeat(40),
    ...env,
  })
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    if (!guard(req, res)) return
    const entry: Seen = { clientIp: req.headers[CLIENT_IP_HEADER] as string, requestCsp: req.headers['content-security-policy'] as string, bodyBytes: 0 }
    seen.push(entry)
    req.on('data', (chunk: Buffer) => (entry.bodyBytes += chunk.length))
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return { url, seen, close }
}

describe('security headers', () => {
  let app: Awaited<ReturnType<typeof serve>>
  beforeAll(async () => (app = await serve()))
  afterAll(() => app.close())

  it('sends the common headers on site, admin, API and preview responses', async () => {
    for (const path of ['/', '/cursos/', '/cuenta/', '/admin', '/_next/static/x.js', '/api/news', '/vista-previa/news/1']) {
      const response = await fetch(app.url + path)
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      expect(response.headers.get('permissions-policy'), path).toMatch(/camera=\(\).*geolocation=\(\)/)
      expect(response.headers.get('content-security-policy'), path).toMatch(/frame-ancestors/)
      // Only in production over https: a laptop on http://localhost must not be told to refuse http for a year.
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
  })

  it('refuses framing everywhere except the preview page, which only the admin (same origin) may frame', async () => {
    const site = await fetch(`${app.url}/cursos/`)
    expect(site.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(site.headers.get('x-frame-options')).toBe('DENY')
    const preview = await fetch(`${app.url}/vista-previa/courses/3`)
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('lets no script or plugin from another origin run on the site, and nothing at all run from an API response', async () => {
    const site = (await fetch(`${app.url}/`)).headers.get('content-security-policy')!
    expect(site).toContain("default-src 'self'")
    expect(site).toContain("object-src 'none'")
    expect(site).toMatch(/script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'(;|$)/)
    expect(site).not.toContain('https:')
    const api = (await fetch(`${app.url}/api/media/file/foto.svg`)).headers.get('content-security-policy')!
    expect(api).toContain("default-src 'none'")
    expect(api).not.toContain('script-src')
    const admin = (await fetch(`${app.url}/admin/collections/news`)).headers.get('content-security-policy')!
    expect(admin).toContain("connect-src 'self'")
    expect(admin).toContain("frame-ancestors 'none'")
  })

  it("gives every admin page a fresh script nonce, and hands Next that policy (not a client's) in the request", async () => {
    const nonceOf = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1]
    const first = await fetch(`${app.url}/admin`, { headers: { 'content-security-policy': "script-src 'nonce-elegido-por-mi'" } })
    const second = await fetch(`${app.url}/admin/login`)
    const [a, b] = [nonceOf(first.headers.get('content-security-policy')), nonceOf(second.headers.get('content-security-policy'))]
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(b).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(a).not.toBe(b)
    expect(app.seen.at(-2)!.requestCsp).toBe(first.headers.get('content-security-policy'))
    expect(nonceOf((await fetch(`${app.url}/cursos/`)).headers.get('content-security-policy'))).toBeUndefined()
  })

  it('adds HSTS and upgrade-insecure-requests only in production with an https address', async () => {
    const production = await serve({ production: true, publicUrl: 'https://viajejoven.example.mx' })
    const httpOnly = await serve({ production: true, publicUrl: 'http://localhost:8080' })
    try {
      const secure = await fetch(`${production.url}/`)
      expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
      expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
      expect((await fetch(`${httpOnly.url}/`)).headers.get('strict-transport-security')).toBeNull()
    } finally {
      await production.close()
      await httpOnly.close()
    }
  })
})

describe('client address', () => {
  it('overwrites whatever a client claims, and trusts X-Forwarded-For only with TRUST_PROXY', async () => {
    const direct = await serve()
    const proxied = await serve({ trustProxy: 1 })
    try {
      const headers = { [CLIENT_IP_HEADER]: '1.2.3.4', 'x-forwarded-for': '203.0.113.7' }
      await fetch(`${direct.url}/`, { headers })
      expect(direct.seen[0].clientIp).toBe('127.0.0.1')
      await fetch(`${proxied.url}/`, { headers })
      expect(proxied.seen[0].clientIp).toBe('203.0.113.7')
    } finally {
      await direct.close()
      await proxied.close()
    }
  })
})

describe('request bodies', () => {
  let app: Awaited<ReturnType<typeof serve>>
  beforeAll(async () => (app = await serve()))
  afterAll(() => app.close())

  it('refuses JSON over 1 MB with 413 in the standard Spanish error shape, before reading it', async () => {
    const big = JSON.stringify({ text: 'a'.repeat(1024 * 1024 + 10) })
    const response = await fetch(`${app.url}/api/youth`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ errors: [{ message: 'La solicitud es demasiado grande: el máximo es 1 MB.' }] })
    expect(app.seen).toHaveLength(0)
    const small = await fetch(`${app.url}/api/youth`, { method: 'POST', body: JSON.stringify({ ok: 1 }), headers: { 'content-type': 'application/json' } })
    expect(small.status).toBe(200)
  })

  it('lets an upload through up to the multipart cap (ten documents of MAX_UPLOAD_MB), and refuses one above it', async () => {
    const form = (bytes: number) => {
      const data = new FormData()
      data.append('file', new Blob([new Uint8Array(bytes)]), 'doc.pdf')
      return data
    }
    const fits = await fetch(`${app.url}/api/calls/1/apply`, { method: 'POST', body: form(3 * 1024 * 1024) })
    expect(fits.status).toBe(200)
    const tooBig = await fetch(`${app.url}/api/calls/1/apply`, { method: 'POST', body: form(12 * 1024 * 1024) })
    expect(tooBig.status).toBe(413)
    expect((await tooBig.json()).errors[0].message).toMatch(/^Los archivos enviados pesan demasiado: el máximo por envío es 11 MB\.$/)
  })

  it('refuses a body of undeclared size (chunked) with 411', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${app.url}/api/youth`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.write('{"a":')
      req.end('1}')
    })
    expect(status).toBe(411)
  })
})

describe('request log', () => {
  it('writes one JSON line per request, without the query string (links carry tokens there) or the address', async () => {
    const app = await serve()
    const text = await captureStdout(async () => {
      await fetch(`${app.url}/cuenta/restablecer?token=abcdef0123456789secreto&email=ana@ejemplo.mx`)
    }).finally(() => app.close())
    const entries = text.split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/cuenta/restablecer', status: 200 })
    expect(typeof entries[0].ms).toBe('number')
    expect(text).not.toContain('abcdef0123456789secreto')
    expect(text).not.toContain('ana@ejemplo.mx')
    expect(text).not.toContain('127.0.0.1')
  })
})
