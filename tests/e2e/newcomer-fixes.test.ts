/**
 * What a newcomer met on the site (issue «A newcomer's path», found on the site), in real Chromium
 * on the real app with its demo content, with JavaScript and without:
 * - logging in from a course page brings the person back to the course's enrol box, not to the no-JS page;
 * - a 17-year-old is told before the form that an 18–29 call is not for them (no form to fill in);
 * - «Próximas sesiones» in Mi cuenta lists the sessions of a confirmed seat, in León time;
 * - the sign-up form says the guardian's fields are required for minors (not «opcional»);
 * - the course calendar, feeds, sitemap and open-data tables are served as UTF-8 and well formed.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { a11yOfPageAsServed, logInYouth, noScriptContext, verifiedYouth, type E2EYouth } from '../helpers/e2e-people'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { outboxAt } from '../helpers/outbox'
import { readableText, spanishTypos } from '../helpers/spanish-typos'
import { birthDayForAge } from '../helpers/youth'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))

type Found = { id: number; slug: string; title: string }
const json = async (response: Response) => response.json()
async function byTitle(collection: 'courses' | 'calls', title: string): Promise<Found> {
  const found = await json(await fetch(`${base}/api/${collection}?where[title][equals]=${encodeURIComponent(title)}&depth=0&limit=1`))
  expect(found.docs, `demo ${collection} «${title}»`).toHaveLength(1)
  return found.docs[0]
}

let browser: Browser
let checker: BrowserContext
let adminToken: string
const problems: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
  adminToken = (await json(await fetch(`${base}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) }))).token
})
afterAll(async () => {
  await checker?.close()
  await browser?.close()
})

describe('logging in from a course page', () => {
  let course: Found
  beforeAll(async () => {
    // Sessions start in two days, 17:00–19:00 in León, eight weeks in a row.
    course = await byTitle('courses', 'Programación web desde cero')
  })

  it('with JavaScript: back on the course, at its enrol box, and enrolling there; Mi cuenta then lists the next sessions in León time', async () => {
    const youth = await verifiedYouth(base, outbox)
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    const page = await context.newPage()
    await page.goto(`${base}/cursos/${course.slug}/`, { waitUntil: 'networkidle' })
    const island = page.locator('[data-island="enrolment"]')
    await island.getByRole('link', { name: 'inicia sesión' }).click()
    await page.waitForURL(/\/cuenta\/ingresar\//)
    await page.getByLabel('Correo electrónico').fill(youth.email)
    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/cuenta/ingresar'))
    const landed = new URL(page.url())
    expect(landed.pathname).toBe(`/cursos/${course.slug}/`)
    expect(landed.hash).toBe('#inscripcion')

    await island.getByRole('button', { name: 'Inscribirme' }).click()
    // The island asks the API four times; a loaded machine (six test runs at once) takes seconds.
    await expect.poll(() => island.locator('.enrolment__status').textContent(), { timeout: 30_000 }).toContain('Tienes un lugar confirmado.')

    // «Próximas sesiones»: the course's first sessions, soonest first, 17:00 to 19:00 in León.
    await page.goto(`${base}/cuenta/`)
    const upcoming = page.locator('#proximas-sesiones')
    const items = upcoming.locator('li')
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
    const first = (await items.first().textContent())!.replace(/\s+/g, ' ').trim()
    expect(first).toMatch(/^\p{L}+, \d+ de \p{L}+, de 17:00 a 19:00 h · Programación web desde cero \(sesión 1 de 8\)$/u)
    expect(await upcoming.textContent()).not.toContain('Cuando te inscribas')
    problems.push(...(await a11yOfPageAsServed(checker, page)))
    await context.close()
  })

  it('without JavaScript: the enrol page\'s log-in link also brings the person back to the course, where the plain form enrols', async () => {
    const youth = await verifiedYouth(base, outbox)
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await page.goto(`${base}/cursos/${course.slug}/`)
    await page.locator('[data-island="enrolment"]').getByRole('button', { name: 'Inscribirme' }).click()
    await page.waitForURL(/\/inscripcion$/)
    await page.getByRole('link', { name: 'inicia sesión' }).click()
    await page.getByLabel('Correo electrónico').fill(youth.email)
    await page.getByLabel('Contraseña').fill(youth.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/cuenta/ingresar'))
    expect(new URL(page.url()).pathname).toBe(`/cursos/${course.slug}/`)
    await page.locator('[data-island="enrolment"]').getByRole('button', { name: 'Inscribirme' }).click()
    await page.waitForURL(/\/inscripcion$/)
    expect(await page.locator('main, body').first().textContent()).toContain('Tienes un lugar confirmado.')
    await page.goto(`${base}/cuenta/`)
    expect(await page.locator('#proximas-sesiones li').first().textContent()).toContain('Programación web desde cero (sesión 1 de 8)')
    await context.close()
  })

  it('an open redirect is still refused: only a path of this site (with an optional #section) is followed', async () => {
    const youth = await verifiedYouth(base, outbox)
    const context = await browser.newContext({ locale: 'es-MX' })
    const page = await context.newPage()
    await logInYouth(page, base, youth, '//ejemplo.com/#x')
    expect(new URL(page.url()).origin).toBe(new URL(base).origin)
    expect(new URL(page.url()).pathname).toBe('/cuenta/')
    await context.close()
  })
})

describe('a 17-year-old and an 18–29 call', () => {
  const CALL = 'Programa Primer Empleo en la industria del calzado'
  let call: Found
  let minor: E2EYouth
  beforeAll(async () => {
    call = await byTitle('calls', CALL)
    minor = await verifiedYouth(base, outbox, { birthDate: birthDayForAge(17), guardian: { name: 'Rosa López', email: `tutora.${Date.now()}@ejemplo.mx` } })
    // The guardian agreed: the account is ready, so only the call's own rules stand in the way.
    const consent = await fetch(`${base}/api/youth/${minor.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${adminToken}` },
      body: JSON.stringify({ guardianConsent: { status: 'given', method: 'papel' } }),
    })
    expect(consent.status, await consent.clone().text()).toBe(200)
  })

  const expectToldBeforeTheForm = async (page: Page) => {
    const refusal = page.locator('[data-ineligible]')
    expect(await refusal.textContent()).toContain('No puedes postularte a esta convocatoria. Esta convocatoria es para personas de 18 a 29 años a la fecha de cierre, y tú tendrás 17.')
    expect(await page.locator('[data-eligibility]').textContent()).toContain('Pueden postularse personas de 18 a 29 años')
    // No form to fill in, no file to attach.
    expect(await page.locator('form input[type="file"], form textarea, form button[type="submit"]').count()).toBe(0)
    expect(await refusal.getByRole('link', { name: /a los que sí puedes inscribirte/ }).getAttribute('href')).toBe('/cuenta/puedo-inscribirme/')
  }

  it('with JavaScript: from the call page, «Postularme» tells the reason instead of showing the form', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    const page = await context.newPage()
    await logInYouth(page, base, minor)
    await page.goto(`${base}/convocatorias/${call.slug}/`)
    await page.getByRole('link', { name: 'Postularme' }).click()
    await page.waitForURL(/\/postular$/)
    await expectToldBeforeTheForm(page)
    problems.push(...(await a11yOfPageAsServed(checker, page)))
    await context.close()
  })

  it('without JavaScript: the same on the plain apply page', async () => {
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await logInYouth(page, base, minor)
    await page.goto(`${base}/convocatorias/${call.slug}/postular`)
    await expectToldBeforeTheForm(page)
    await context.close()
  })

  it('an adult of León still gets the form', async () => {
    const adult = await verifiedYouth(base, outbox)
    const context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const page = await context.newPage()
    await logInYouth(page, base, adult)
    await page.goto(`${base}/convocatorias/${call.slug}/postular`)
    expect(await page.locator('[data-ineligible]').count()).toBe(0)
    expect(await page.locator('form input[type="file"]').count()).toBeGreaterThan(0)
    await context.close()
  })
})

describe('signing up as a minor', () => {
  it('says the guardian\'s fields are required for minors, not optional; with JavaScript a minor\'s birth date makes them required', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    const page = await context.newPage()
    await page.goto(`${base}/cuenta/registro/`)
    for (const label of ['Nombre de tu madre, padre o tutor(a)', 'Correo de tu madre, padre o tutor(a)']) {
      const text = await page.locator('label', { hasText: label }).textContent()
      expect(text).toContain('(obligatorio si tienes menos de 18 años)')
      expect(text).not.toContain('opcional')
    }
    await page.getByLabel('Fecha de nacimiento').fill(birthDayForAge(16))
    await page.getByLabel('Fecha de nacimiento').dispatchEvent('change')
    await expect.poll(() => page.getByLabel('Correo de tu madre, padre o tutor(a)').evaluate((input: HTMLInputElement) => input.required)).toBe(true)
    await page.getByLabel('Fecha de nacimiento').fill(birthDayForAge(20))
    await page.getByLabel('Fecha de nacimiento').dispatchEvent('change')
    await expect.poll(() => page.locator('#tutor').isHidden()).toBe(true)
    await context.close()
  })
})

describe('calendar, feeds, sitemap and open data as served', () => {
  it('serves the course calendar as UTF-8 with no line over 75 octets', async () => {
    const course = await byTitle('courses', 'Taller de serigrafía y diseño de playeras')
    const response = await fetch(`${base}/cursos/${course.slug}/calendario.ics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const ics = await response.text()
    expect(ics).toContain('SUMMARY:Taller de serigrafía y diseño de playeras (sesión 1 de 2)')
    expect(Math.max(...ics.split('\r\n').map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75)
  })

  it('names each feed\'s own URL, dates every sitemap URL, and gives the open-data CSV its charset', async () => {
    for (const feed of ['/noticias/rss.xml', '/convocatorias/rss.xml']) {
      const xml = await (await fetch(`${base}${feed}`)).text()
      expect(xml).toMatch(new RegExp(`<atom:link href="[^"]+${feed.replace(/\./g, '\\.')}" rel="self" type="application/rss\\+xml"/>`))
    }
    const sitemap = await fetch(`${base}/sitemap.xml`)
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const entries = (await sitemap.text()).match(/<url>.*?<\/url>/g) ?? []
    expect(entries.length).toBeGreaterThan(10)
    expect(entries.filter((entry) => !entry.includes('<lastmod>'))).toEqual([])
    const open = await (await fetch(`${base}/datos-abiertos/`)).text()
    const csv = /href="(\/datos-abiertos\/[^"]+\.csv)"/.exec(open)?.[1]
    expect(csv, 'the open-data page links its CSV tables').toBeTruthy()
    expect((await fetch(`${base}${csv}`)).headers.get('content-type')).toBe('text/csv; charset=utf-8')
  })
})

describe('typos on the pages made per request', () => {
  it('no misspelled brand, doubled period or repeated word on the account pages (the build check cannot see them)', async () => {
    const youth = await verifiedYouth(base, outbox)
    const pages = ['/cuenta/', '/cuenta/registro/', '/cuenta/ingresar/', '/cuenta/olvide/', '/cuenta/perfil/', '/cuenta/privacidad/', '/cuenta/notificaciones/', '/cuenta/viaje/', '/cuenta/puedo-inscribirme/', '/cuenta/postulaciones/']
    const found: string[] = []
    for (const pagePath of pages) {
      // Sign-up and log-in are seen logged out; the rest with the youth's session.
      const anonymous = pagePath === '/cuenta/registro/' || pagePath === '/cuenta/ingresar/' || pagePath === '/cuenta/olvide/'
      const response = await fetch(`${base}${pagePath}`, { headers: anonymous ? {} : { cookie: `payload-token=${youth.token}` }, redirect: 'manual' })
      expect(response.status, pagePath).toBe(200)
      found.push(...spanishTypos(readableText(await response.text())).map((p) => `${pagePath}: ${p}`))
    }
    expect(found).toEqual([])
  })
})

it('has zero WCAG 2.1 AA violations on the pages changed', () => {
  expect(problems).toEqual([])
})
