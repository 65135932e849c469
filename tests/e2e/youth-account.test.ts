/**
 * A 16-year-old signs up on a phone, confirms the email, the guardian consents, then the youth
 * downloads their data and deletes the account: all with JavaScript turned off (the forms are
 * plain HTML), and with zero WCAG 2.1 AA violations on every account page on the way.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { linkIn, outboxAt } from '../helpers/outbox'
import { birthDayForAge } from '../helpers/youth'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))

const stamp = Date.now()
const youth = { email: `sofia.${stamp}@ejemplo.mx`, password: 'mi bici azul de domingo' }
const guardianEmail = `mama.sofia.${stamp}@ejemplo.mx`

/** The link of the newest message to `to`, on this app's origin (the session cookie lives there). */
async function mailedLink(to: string, page: string): Promise<string> {
  for (let i = 0; i < 50 && !outbox.to(to).length; i++) await new Promise((r) => setTimeout(r, 100))
  const link = linkIn(outbox.latestTo(to), page)
  return `${base}${link.pathname}${link.search}`
}

describe('a minor’s account from sign-up to deletion, without JavaScript', () => {
  let browser: Browser
  let context: BrowserContext
  let checker: BrowserContext
  let page: Page
  const problems: string[] = []

  /**
   * axe needs JavaScript, the flow runs without it: the page exactly as the no-JS browser got it
   * (error states of a POST included) is replayed at its own URL in a JS-enabled tab and checked.
   */
  async function checkA11y(of: Page = page) {
    const html = await of.content()
    const url = of.url()
    const tab = await checker.newPage()
    await tab.route((u) => u.href === url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
    await tab.goto(url, { waitUntil: 'load' })
    for (const violation of await a11yViolations(tab)) problems.push(`${new URL(url).pathname}: ${violation}`)
    await tab.close()
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX', javaScriptEnabled: false, acceptDownloads: true })
    checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
    await checker?.close()
    await browser?.close()
  })

  it('signs up as a 16-year-old and sees the "verify your email" state', async () => {
    const first = await page.goto(`${base}/cuenta/registro/`)
    expect(first?.headers()['cache-control']).toBe('private, no-store')
    await checkA11y()

    // A first try without accepting the privacy notice: the error sits next to the checkbox.
    await page.getByLabel('Nombre(s)').fill('Sofía')
    await page.getByLabel('Apellidos').fill('Ramírez Ortiz')
    await page.getByLabel('Fecha de nacimiento').fill(birthDayForAge(16))
    await page.getByLabel('Correo electrónico').fill(youth.email)
    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByLabel('Colonia').fill('San Juan de Dios')
    await page.getByLabel('Nombre de tu madre, padre o tutor(a)').fill('Laura Ortiz')
    await page.getByLabel('Correo de tu madre, padre o tutor(a)').fill(guardianEmail)
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click()
    await expect.poll(() => page.locator('#f-privacy-error').textContent()).toMatch(/aceptar el aviso de privacidad/)
    expect(await page.getByLabel('Nombre(s)').inputValue(), 'what was typed is kept').toBe('Sofía')
    await checkA11y()

    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByLabel(/Leí y acepto el aviso de privacidad/).check()
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click()
    await page.waitForURL(/\/cuenta\/\?aviso=bienvenida/)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('verify-email')
    expect(await page.getByRole('heading', { name: 'Verifica tu correo' }).isVisible()).toBe(true)
    await checkA11y()
  })

  it('confirms the email from the outbox and waits for the guardian', async () => {
    await page.goto(await mailedLink(youth.email, '/cuenta/verificar'))
    await page.waitForURL(/aviso=correo-confirmado/)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('guardian')
    expect(await page.getByRole('heading', { name: 'Esperando a tu tutor(a)' }).isVisible()).toBe(true)
    await checkA11y()
  })

  it('lets the guardian consent from the emailed link, and the account is ready', async () => {
    // The guardian opens the link on their own device: no session.
    const guardianContext = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX', javaScriptEnabled: false })
    const guardianPage = await guardianContext.newPage()
    await guardianPage.goto(await mailedLink(guardianEmail, '/cuenta/tutor'))
    expect(await guardianPage.locator('main').textContent()).toContain('Sofía creó una cuenta')
    await checkA11y(guardianPage)
    await guardianPage.getByRole('button', { name: 'Autorizo a Sofía' }).click()
    await expect.poll(() => guardianPage.getByRole('status').textContent()).toMatch(/Sofía ya puede inscribirse/)
    await guardianContext.close()

    await page.goto(`${base}/cuenta/`)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('ready')
    expect(await page.getByRole('heading', { name: 'Tu cuenta está lista' }).isVisible()).toBe(true)
  })

  it('shows the profile and downloads all my data as JSON', async () => {
    await page.goto(`${base}/cuenta/perfil/`)
    expect(await page.getByLabel('Colonia').inputValue()).toBe('San Juan de Dios')
    await checkA11y()

    const response = await page.goto(`${base}/cuenta/privacidad/`)
    expect(response?.headers()['cache-control']).toBe('private, no-store')
    await checkA11y()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Descargar mis datos/ }).click()])
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
    expect(data.profile).toMatchObject({ email: youth.email, givenNames: 'Sofía', guardianConsent: { status: 'given' } })
    expect(JSON.stringify(data)).not.toMatch(/"(hash|salt|password|emailTokenHash|guardianTokenHash)"/)
  })

  it('deletes the account only with the typed confirmation, and logs out', async () => {
    await page.getByLabel('Para confirmar, escribe ELIMINAR').fill('eliminar?')
    await page.getByRole('button', { name: 'Eliminar mi cuenta para siempre' }).click()
    await expect.poll(() => page.locator('#f-confirmation-error').textContent()).toMatch(/escribe ELIMINAR/)
    await checkA11y()

    await page.getByLabel('Para confirmar, escribe ELIMINAR').fill('ELIMINAR')
    await page.getByRole('button', { name: 'Eliminar mi cuenta para siempre' }).click()
    await page.waitForURL(/aviso=cuenta-eliminada/)
    expect(await page.getByRole('status').textContent()).toMatch(/Tu cuenta se eliminó/)
    expect(await page.locator('[data-state]').count(), 'logged out').toBe(0)
    expect((await context.cookies()).find((c) => c.name === 'payload-token')).toBeUndefined()

    const login = await fetch(`${base}/api/youth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(youth),
    })
    expect(login.status).toBe(401)

    await page.goto(`${base}/cuenta/ingresar/`)
    await checkA11y()
    expect(problems).toEqual([])
  })
})
