/**
 * A newcomer's doors, in real Chromium on a 360 px phone: from the home page, by clicking only, a
 * youth reaches sign-up, log-in, Mi cuenta, Mi viaje, «¿A qué puedo inscribirme?» and the
 * catalogue. The header offers «Entrar»/«Crear cuenta» to visitors and «Mi cuenta» once logged in
 * (a readable hint cookie and an inline script decide it on static pages), and without JavaScript
 * «Entrar» still takes a logged-in youth to Mi cuenta.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { type E2EYouth, noScriptContext, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))

const header = (page: Page) => page.getByRole('banner')
const accountLinks = (page: Page) => page.getByRole('navigation', { name: 'Tu cuenta' })
const footer = (page: Page) => page.getByRole('contentinfo')
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
const pathname = (page: Page) => new URL(page.url()).pathname

/** What a person sees as the header's account links (hidden ones are not in the accessibility tree). */
async function shownAccountLinks(page: Page): Promise<string[]> {
  const links = accountLinks(page).locator('a')
  const names: string[] = []
  for (const link of await links.all()) if (await link.isVisible()) names.push((await link.textContent())!.trim())
  return names
}

async function goHome(page: Page) {
  await header(page).getByRole('link', { name: 'Viaje Joven' }).click()
  await expect.poll(() => pathname(page)).toBe('/')
}

describe('a newcomer finds every door from the home page', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let youth: E2EYouth

  beforeAll(async () => {
    browser = await launchBrowser()
    youth = await verifiedYouth(base, outbox, { givenNames: 'Renata' })
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
  })
  afterAll(() => browser?.close())

  it('offers «Entrar» and «Crear cuenta» to a visitor, and both lead to their forms', async () => {
    await page.goto(`${base}/`)
    expect(await shownAccountLinks(page)).toEqual(['Entrar', 'Crear cuenta'])

    await accountLinks(page).getByRole('link', { name: 'Crear cuenta' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/registro/')
    expect(await h1(page)).toBe('Crear mi cuenta')

    await goHome(page)
    await accountLinks(page).getByRole('link', { name: 'Entrar' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/ingresar/')
    expect(await h1(page)).toBe('Iniciar sesión')
  })

  it('logs in, and then every page header says «Mi cuenta» and leads there', async () => {
    await page.getByLabel('Correo electrónico').fill(youth.email)
    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/')

    await goHome(page) // a static page: the same bytes for everyone, the inline script picks the links
    expect(await shownAccountLinks(page)).toEqual(['Mi viaje', 'Mi cuenta'])
    await accountLinks(page).getByRole('link', { name: 'Mi cuenta' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/')
    expect(await h1(page)).toBe('Mi cuenta')
    expect(await page.getByText('Hola, Renata.').isVisible()).toBe(true)
  })

  it('reaches Mi viaje, «¿A qué puedo inscribirme?» and the catalogue by clicking', async () => {
    await goHome(page)
    await accountLinks(page).getByRole('link', { name: 'Mi viaje' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/viaje/')
    expect(await h1(page)).toBe('Mi viaje')

    await goHome(page)
    await footer(page).getByRole('link', { name: '¿A qué puedo inscribirme?' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/puedo-inscribirme/')
    expect(await h1(page)).toBe('¿A qué puedo inscribirme?')

    await goHome(page)
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Cursos y talleres' }).click()
    await expect.poll(() => pathname(page)).toBe('/cursos/')
    expect(await page.locator('[data-course-list] article.card').count()).toBeGreaterThan(0)

    await goHome(page)
    await footer(page).getByRole('link', { name: 'Mi viaje' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/viaje/')
  })

  it('has no horizontal scroll on the home page at 360 px, logged in or not', async () => {
    await page.goto(`${base}/`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
  })

  it('shows «Entrar» again after logging out', async () => {
    await page.goto(`${base}/cuenta/`)
    await page.getByRole('navigation', { name: 'Mi cuenta' }).getByRole('button', { name: 'Cerrar sesión' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/ingresar/')
    await goHome(page)
    expect(await shownAccountLinks(page)).toEqual(['Entrar', 'Crear cuenta'])
    expect((await context.cookies()).some((c) => c.name === 'vj-signed-in' && c.value === '1')).toBe(false)
  })

  it('keeps the hint honest: a stale «Mi cuenta» is corrected by Mi cuenta itself', async () => {
    await context.addCookies([{ name: 'vj-signed-in', value: '1', url: base }])
    await page.goto(`${base}/`)
    expect(await shownAccountLinks(page)).toEqual(['Mi viaje', 'Mi cuenta'])
    await accountLinks(page).getByRole('link', { name: 'Mi cuenta' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/')
    expect(await page.getByRole('link', { name: 'Iniciar sesión' }).isVisible()).toBe(true)
    await goHome(page)
    expect(await shownAccountLinks(page)).toEqual(['Entrar', 'Crear cuenta'])
  })
})

describe('without JavaScript the header still works', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  it('shows «Entrar», which takes a logged-in youth straight to Mi cuenta', async () => {
    const youth = await verifiedYouth(base, outbox, { givenNames: 'Iker' })
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    expect(await shownAccountLinks(page)).toEqual(['Entrar', 'Crear cuenta'])

    await accountLinks(page).getByRole('link', { name: 'Entrar' }).click()
    await page.getByLabel('Correo electrónico').fill(youth.email)
    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/')

    await goHome(page)
    expect(await shownAccountLinks(page), 'no script: the page cannot know, so it offers «Entrar»').toEqual(['Entrar', 'Crear cuenta'])
    await accountLinks(page).getByRole('link', { name: 'Entrar' }).click()
    await expect.poll(() => pathname(page)).toBe('/cuenta/')
    expect(await page.getByText('Hola, Iker.').isVisible()).toBe(true)
    await context.close()
  })
})
