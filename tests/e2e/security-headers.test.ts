/**
 * The site and the admin work in Chromium under the Content-Security-Policy of
 * server/security-headers.ts: no violation is reported while a staff member logs in through the
 * admin's own form (which needs its scripts to run) and while the site's pages with inline
 * scripts and Pagefind's WebAssembly search load.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'

const base = inject('appUrl')

/** Every CSP violation the page reports, as "directive → blocked URI". */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = []
  await page.exposeFunction('__reportCsp', (line: string) => seen.push(line))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { __reportCsp: (l: string) => void }).__reportCsp(`${event.effectiveDirective} → ${event.blockedURI} (${location.pathname})`)
    })
  })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text())
  })
  return seen
}

describe('content security policy in the browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  it('the admin logs in and opens a list under its nonce policy, with no violation', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    const page = await context.newPage()
    const violations = await watchViolations(page)
    const response = await page.goto(`${base}/admin/login`)
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
    await page.fill('#field-email', E2E_ADMIN.email)
    await page.fill('#field-password', E2E_ADMIN.password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    await page.goto(`${base}/admin/collections/news`)
    await page.locator('.collection-list, table').first().waitFor({ timeout: 60_000 })
    expect(violations).toEqual([])
    await context.close()
  })

  it('the site pages with inline scripts and the search run with no violation', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    const page = await context.newPage()
    const violations = await watchViolations(page)
    for (const path of ['/', '/cursos/', '/convocatorias/', '/cuenta/registro']) {
      const response = await page.goto(`${base}${path}`)
      expect(response?.status(), path).toBeLessThan(400)
      expect(response?.headers()['x-frame-options'], path).toBe('DENY')
    }
    await page.goto(`${base}/buscar/`)
    const input = page.locator('.pagefind-ui__search-input')
    await input.waitFor({ timeout: 30_000 })
    await input.fill('taller')
    await page.locator('.pagefind-ui__results, .pagefind-ui__message').first().waitFor({ timeout: 30_000 })
    expect(violations).toEqual([])
    await context.close()
  })
})
