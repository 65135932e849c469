/**
 * People in the browser tests, made and logged in the way a person does it: a youth signs up
 * through the public API and confirms the emailed link, then logs in with the site's form; staff
 * log in with the admin's form. Shared so every browser test signs people in one way.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { a11yViolations } from './browser'
import { E2E_ADMIN } from './e2e-setup'
import { linkIn, type outboxAt } from './outbox'
import { signUp } from './youth'

type Outbox = ReturnType<typeof outboxAt>
export type E2EYouth = { id: number; email: string; password: string; token: string }

/** The newest emailed link to `pagePath`, on the app's own origin (where the session cookie lives). */
export async function mailedLink(base: string, outbox: Outbox, to: string, pagePath: string): Promise<string> {
  for (let i = 0; i < 50 && !outbox.to(to).length; i++) await new Promise((r) => setTimeout(r, 100))
  const link = linkIn(outbox.latestTo(to), pagePath)
  return `${base}${link.pathname}${link.search}`
}

/** A verified youth (confirmed by the emailed link) and an API token of theirs. */
export async function verifiedYouth(base: string, outbox: Outbox, overrides: Record<string, unknown> = {}): Promise<E2EYouth> {
  const data = signUp(overrides)
  const created = await fetch(`${base}/api/youth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) })
  if (created.status !== 201) throw new Error(`sign-up failed (${created.status}): ${await created.text()}`)
  const { doc } = (await created.json()) as { doc: { id: number } }
  const email = String(data.email)
  const password = String(data.password)
  const confirmed = await fetch(await mailedLink(base, outbox, email, '/cuenta/verificar'))
  if (confirmed.status !== 200) throw new Error(`email confirmation answered ${confirmed.status}`)
  const login = await fetch(`${base}/api/youth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (login.status !== 200) throw new Error(`login failed (${login.status}): ${await login.text()}`)
  return { id: doc.id, email, password, token: ((await login.json()) as { token: string }).token }
}

/** Logs a youth in with the site's form (works with JavaScript off); lands on `next` when given. */
export async function logInYouth(page: Page, base: string, youth: { email: string; password: string }, next?: string) {
  await page.goto(`${base}/cuenta/ingresar/${next ? `?siguiente=${encodeURIComponent(next)}` : ''}`)
  await page.getByLabel('Correo electrónico').fill(youth.email)
  await page.getByLabel('Contraseña').fill(youth.password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/cuenta/ingresar'))
}

/** Logs staff in with the admin's own form (the e2e app's admin by default). */
export async function logInAdmin(page: Page, base: string, credentials: { email: string; password: string } = E2E_ADMIN) {
  await page.goto(`${base}/admin/login`)
  // The first admin page after a fresh build can take long on a loaded machine.
  await page.locator('#field-email').waitFor({ timeout: 120_000 })
  await page.fill('#field-email', credentials.email)
  await page.fill('#field-password', credentials.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/admin\/?$/)
}

/**
 * WCAG 2.1 AA problems of a page as its browser got it. axe needs JavaScript, so a page seen with
 * JavaScript off is replayed, byte for byte, at its own URL in a tab of `checker` (JavaScript on).
 */
export async function a11yOfPageAsServed(checker: BrowserContext, of: Page): Promise<string[]> {
  const html = await of.content()
  const url = of.url()
  const tab = await checker.newPage()
  await tab.route((u) => u.href === url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
  await tab.goto(url, { waitUntil: 'load' })
  const problems = (await a11yViolations(tab)).map((v) => `${new URL(url).pathname}: ${v}`)
  await tab.close()
  return problems
}

export const noScriptContext = (browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) =>
  browser.newContext({ locale: 'es-MX', javaScriptEnabled: false, ...options })
