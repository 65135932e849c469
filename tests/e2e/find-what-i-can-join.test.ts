/**
 * "¿A qué puedo inscribirme?" in a phone browser with JavaScript off: a youth reaches it from Mi
 * viaje, sees the open programs with their reasons, filters by type with the plain form, and the
 * page has zero WCAG 2.1 AA violations. Anonymous visitors are sent to log in first.
 */
import path from 'node:path'

import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { a11yOfPageAsServed, type E2EYouth, logInYouth, noScriptContext, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const PAGE = '/cuenta/puedo-inscribirme/'

let browser: Browser
let checker: BrowserContext
let youth: E2EYouth

beforeAll(async () => {
  browser = await launchBrowser()
  checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
  youth = await verifiedYouth(base, outbox)
})
afterAll(async () => {
  await checker?.close()
  await browser?.close()
})

describe('¿A qué puedo inscribirme?', () => {
  it('anonymous visitors are sent to log in and come back to the page', async () => {
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await page.goto(`${base}${PAGE}`)
    const login = new URL(page.url())
    expect(login.pathname).toBe('/cuenta/ingresar/')
    expect(login.searchParams.get('siguiente')).toBe(PAGE)
    await logInYouth(page, base, youth, login.searchParams.get('siguiente')!)
    expect(new URL(page.url()).pathname).toBe(PAGE)
    await context.close()
  })

  it('lists the open catalogue from Mi viaje, filters by type without JavaScript, and is accessible', async () => {
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await logInYouth(page, base, youth, '/cuenta/viaje/')
    // The page's own link (the site's footer has one too).
    await page.getByRole('main').getByRole('link', { name: /¿A qué puedo inscribirme\?/ }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(PAGE)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('¿A qué puedo inscribirme?')

    // The demo content has open courses for a 20-year-old from León.
    const items = page.locator('ul.opportunities > li')
    const all = await items.count()
    expect(all).toBeGreaterThan(0)
    expect(await page.getByRole('status').textContent()).toContain(`${all} opci`)
    expect(await items.first().textContent()).toMatch(/porque te interesa|para explorar un pilar nuevo|abierto ahora/)
    expect(await a11yOfPageAsServed(checker, page)).toEqual([])

    await page.getByLabel('Tipo').selectOption('cursos')
    await page.getByRole('button', { name: 'Filtrar' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('tipo')).toBe('cursos')
    const courses = await items.allTextContents()
    expect(courses.length).toBeGreaterThan(0)
    for (const text of courses) expect(text).toContain('(curso o taller)')
    expect(await page.getByRole('status').textContent()).toContain(`(de ${all})`)
    expect(await page.getByLabel('Tipo').inputValue(), 'the form keeps the chosen filter').toBe('cursos')

    await page.getByRole('link', { name: 'Quitar filtros' }).click()
    await expect.poll(() => items.count()).toBe(all)
    await context.close()
  })
})
