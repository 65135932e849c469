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

let browser: Browser
let checker: BrowserContext
const problems: string[] = []

/**
 * axe needs JavaScript, the flows run without it: the page exactly as the no-JS browser got it
 * (error states of a POST included) is replayed at its own URL in a JS-enabled tab and checked.
 */
async function checkA11y(of: Page) {
  const html = await of.content()
  const url = of.url()
  const tab = await checker.newPage()
  await tab.route((u) => u.href === url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
  await tab.goto(url, { waitUntil: 'load' })
  for (const violation of await a11yViolations(tab)) problems.push(`${new URL(url).pathname}: ${violation}`)
  await tab.close()
}

const noScript = () => browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX', javaScriptEnabled: false, acceptDownloads: true })

beforeAll(async () => {
  browser = await launchBrowser()
  checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
})
afterAll(async () => {
  await checker?.close()
  await browser?.close()
})

describe('a minor’s account from sign-up to deletion, without JavaScript', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await noScript()
    page = await context.newPage()
  })
  afterAll(() => context?.close())

  it('signs up as a 16-year-old and sees the "verify your email" state', async () => {
    const first = await page.goto(`${base}/cuenta/registro/`)
    expect(first?.headers()['cache-control']).toBe('private, no-store')
    await checkA11y(page)

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
    await checkA11y(page)

    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByLabel(/Leí y acepto el aviso de privacidad/).check()
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click()
    await page.waitForURL(/\/cuenta\/\?aviso=bienvenida/)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('verify-email')
    expect(await page.getByRole('heading', { name: 'Verifica tu correo' }).isVisible()).toBe(true)
    await checkA11y(page)
  })

  it('confirms the email from the outbox and waits for the guardian', async () => {
    await page.goto(await mailedLink(youth.email, '/cuenta/verificar'))
    await page.waitForURL(/aviso=correo-confirmado/)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('guardian')
    expect(await page.getByRole('heading', { name: 'Esperando a tu tutor(a)' }).isVisible()).toBe(true)
    await checkA11y(page)
  })

  it('lets the guardian consent from the emailed link, and the account is ready', async () => {
    // The guardian opens the link on their own device: no session.
    const guardianContext = await noScript()
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
    await checkA11y(page)

    const response = await page.goto(`${base}/cuenta/privacidad/`)
    expect(response?.headers()['cache-control']).toBe('private, no-store')
    await checkA11y(page)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Descargar mis datos/ }).click()])
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
    expect(data.profile).toMatchObject({ email: youth.email, givenNames: 'Sofía', guardianConsent: { status: 'given' } })
    expect(JSON.stringify(data)).not.toMatch(/"(hash|salt|password|emailTokenHash|guardianTokenHash)"/)
  })

  it('deletes the account only with the typed confirmation, and logs out', async () => {
    await page.getByLabel('Para confirmar, escribe ELIMINAR').fill('eliminar?')
    await page.getByRole('button', { name: 'Eliminar mi cuenta para siempre' }).click()
    await expect.poll(() => page.locator('#f-confirmation-error').textContent()).toMatch(/escribe ELIMINAR/)
    await checkA11y(page)

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

  })
})

describe('logging in and out, fixing the profile and a forgotten password, without JavaScript', () => {
  const adult = { email: `diego.${stamp}@ejemplo.mx`, password: 'tacos de canasta al amanecer' }
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    const created = await fetch(`${base}/api/youth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...adult,
        givenNames: 'Diego',
        surnames: 'Hernández',
        birthDate: birthDayForAge(22),
        municipality: 'León',
        colonia: 'Centro',
        privacy: { version: '1' },
      }),
    })
    expect(created.status).toBe(201)
    context = await noScript()
    page = await context.newPage()
  })
  afterAll(() => context?.close())

  const submit = (name: string | RegExp) => page.getByRole('button', { name }).click()

  it('says why a login failed, then logs in an unverified account', async () => {
    await page.goto(`${base}/cuenta/ingresar/`)
    await page.getByLabel('Correo electrónico').fill(adult.email)
    await page.getByLabel('Contraseña').fill('no es mi contraseña')
    await submit('Entrar')
    expect(await page.getByRole('alert').textContent()).toMatch(/correo o la contraseña/i)
    await checkA11y(page)

    await page.getByLabel('Contraseña').fill(adult.password)
    await submit('Entrar')
    await page.waitForURL(/aviso=sesion-iniciada/)
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('verify-email')
    await submit('Enviarme el enlace otra vez')
    expect(await page.getByRole('alert').textContent(), 'a link was sent seconds ago').toMatch(/Espera un minuto/)
  })

  it('shows a profile error next to its field and saves the fix', async () => {
    await page.goto(`${base}/cuenta/perfil/`)
    await page.getByLabel('Colonia').fill('<b>Centro</b>')
    await submit('Guardar mis datos')
    const colonia = page.getByLabel('Colonia')
    expect(await colonia.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await colonia.getAttribute('aria-describedby')}`).textContent()).toMatch(/etiquetas HTML/)
    expect(await colonia.getAttribute('autofocus'), 'the field to fix takes the focus').not.toBeNull()
    await checkA11y(page)

    await colonia.fill('León Moderno')
    await submit('Guardar mis datos')
    await page.waitForURL(/aviso=perfil-guardado/)
    expect(await page.getByLabel('Colonia').inputValue()).toBe('León Moderno')
  })

  it('changes the password only with the current one', async () => {
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Cambiar mi contraseña' }) })
    await form.getByLabel('Contraseña actual').fill('otra cosa')
    await form.getByLabel('Contraseña nueva').fill('una frase nueva bastante larga')
    await submit('Cambiar mi contraseña')
    expect(await page.locator('#f-contrasena-current-error').textContent()).toMatch(/no es correcta/)
    await page.locator('#f-contrasena-current').fill(adult.password)
    await page.locator('#f-contrasena-password').fill('una frase nueva bastante larga')
    await submit('Cambiar mi contraseña')
    await page.waitForURL(/aviso=contrasena-cambiada/)
    adult.password = 'una frase nueva bastante larga'
  })

  it('logs out, and a forgotten password is reset by the emailed link', async () => {
    await submit('Cerrar sesión')
    await page.waitForURL(/\/cuenta\/ingresar\/\?aviso=sesion-cerrada/)
    await page.goto(`${base}/cuenta/`)
    expect(await page.locator('[data-state]').count()).toBe(0)

    await page.goto(`${base}/cuenta/olvide/`)
    await page.getByLabel('Correo electrónico').fill(adult.email)
    await submit('Enviarme el enlace')
    expect(await page.getByRole('status').textContent()).toMatch(/te enviamos un enlace/)
    await checkA11y(page)

    await page.goto(await mailedLink(adult.email, '/cuenta/restablecer'))
    await page.getByLabel('Contraseña nueva').fill('12345678')
    await submit('Guardar mi contraseña')
    expect(await page.locator('#f-password-error').textContent()).toMatch(/muy común/)
    await checkA11y(page)
    await page.getByLabel('Contraseña nueva').fill('el perro de mi abuela ladra')
    await submit('Guardar mi contraseña')
    await page.waitForURL(/aviso=contrasena-cambiada/)
    expect(await page.locator('[data-state]').getAttribute('data-state'), 'logged in by the reset').toBe('verify-email')
  })

  it('has zero WCAG 2.1 AA violations on every account page visited', () => {
    expect(problems).toEqual([])
  })
})
