/**
 * `npm run dev` answers through the same request pipeline as `npm start` (server/http.ts): the
 * guard's security headers and body limits, and the enrolment fast path, before anything reaches
 * Next's or Astro's dev server. (In int/, not e2e/: it starts its own `npm run dev` and needs no built admin or site.)
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startApp, stopApp, tempDataDir, tempSiteDir, type AppProcess } from '../helpers/app-process'

const dataDir = tempDataDir()
const siteDir = tempSiteDir()
let app: AppProcess

beforeAll(async () => {
  app = await startApp({ dataDir, siteDir, nodeArgs: ['--import', 'tsx', 'server/dev.ts'], readyLine: 'Modo desarrollo' })
})

afterAll(async () => {
  if (app) expect(await stopApp(app)).toBe(0)
  for (const dir of [dataDir, siteDir]) fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm run dev goes through the request pipeline of npm start', () => {
  it('refuses an oversize body before Next sees it, in the one error shape', async () => {
    const body = JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) })
    const response = await fetch(`${app.url}/api/youth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(413)
    const json = (await response.json()) as { errors: { message: string }[] }
    expect(json).toEqual({ errors: [{ message: 'La solicitud es demasiado grande: el máximo es 1 MB.' }] })
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('sets the security headers of each area before the dev servers see the request', async () => {
    // Refused by the guard (no dev server compiles anything for it), with the headers of the path's area.
    const big = 'x'.repeat(1024 * 1024 + 10)
    const site = await fetch(`${app.url}/cursos/`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big })
    const admin = await fetch(`${app.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big })
    for (const response of [site, admin]) {
      expect(response.status).toBe(413)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('permissions-policy')).toContain('camera=()')
    }
    expect(site.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'")
    expect(admin.headers.get('content-security-policy')).toMatch(/'nonce-[A-Za-z0-9+/=]+'/)
    // Development only: React and Vite evaluate code.
    expect(admin.headers.get('content-security-policy')).toContain("'unsafe-eval'")
  })

  it('serves the enrolment fast path itself', async () => {
    const response = await fetch(`${app.url}/api/courses/999999/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(response.status).toBe(401)
    const json = (await response.json()) as { errors: { message: string }[] }
    expect(json.errors[0].message).toContain('Inicia sesión')
  })
})
