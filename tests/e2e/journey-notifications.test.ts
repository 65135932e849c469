/**
 * "Notificaciones" in Mi cuenta (/cuenta/notificaciones/), real server and real Chromium: a youth
 * opts in to the weekly digest and picks interests, sees them kept after a reload, leaves from the
 * email's one-click link, comes back through the landing page's offer and opts out again with
 * JavaScript off. Another youth sees only their own preferences; a post from another site changes
 * nothing. Zero WCAG 2.1 AA violations on the page, with and without JavaScript.
 */
import { createHash, createHmac } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { a11yOfPageAsServed, type E2EYouth, logInYouth, noScriptContext, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const PAGE = '/cuenta/notificaciones/'
const OPT_IN = 'Recibir cada lunes un resumen de oportunidades para mí'

type Pillar = { id: number; name: string }

/** The youth's own record as the API gives it to them. */
async function me(youth: E2EYouth) {
  const response = await fetch(`${base}/api/youth/me?depth=0`, { headers: { authorization: `JWT ${youth.token}` } })
  const { user } = (await response.json()) as { user: { notifications?: { weeklyDigest?: boolean }; interests?: number[] } }
  return { weeklyDigest: user.notifications?.weeklyDigest ?? false, interests: [...(user.interests ?? [])].sort() }
}

/**
 * The email's unsubscribe link as lib/journey/digest.ts signs it: with `payload.secret`, which
 * Payload derives from the app's secret (kept in its data folder outside production).
 */
function unsubscribeLink(youthId: number): string {
  const appSecret = fs.readFileSync(path.join(inject('appDataDir'), 'payload-secret'), 'utf8').trim()
  const secret = createHash('sha256').update(appSecret).digest('hex').slice(0, 32)
  const token = createHmac('sha256', secret).update(`digest-unsubscribe:${youthId}`).digest('base64url')
  return `${base}/api/youth/digest/unsubscribe?u=${youthId}&t=${token}`
}

const form = (page: Page) => page.locator('form.account-form')
const optIn = (page: Page) => page.getByLabel(OPT_IN)
const interest = (page: Page, pillar: Pillar) => form(page).getByLabel(pillar.name, { exact: true })
const status = (page: Page) => page.getByRole('status')

let browser: Browser
let checker: BrowserContext
let ana: E2EYouth
let beto: E2EYouth
let pillars: Pillar[]

beforeAll(async () => {
  browser = await launchBrowser()
  checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
  ;[ana, beto] = [await verifiedYouth(base, outbox, { givenNames: 'Ana Sofía' }), await verifiedYouth(base, outbox, { givenNames: 'Beto' })]
  pillars = ((await (await fetch(`${base}/api/pillars?depth=0&sort=order&limit=20`)).json()) as { docs: Pillar[] }).docs
  expect(pillars.length).toBeGreaterThanOrEqual(2)
})
afterAll(async () => {
  await checker?.close()
  await browser?.close()
})

describe('weekly digest preferences with JavaScript', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
    await logInYouth(page, base, ana)
  })
  afterAll(() => context?.close())

  it('is linked from the account menu and starts off (opt-in)', async () => {
    await page.goto(`${base}/cuenta/`)
    await page.getByRole('navigation', { name: 'Mi cuenta' }).getByRole('link', { name: 'Notificaciones' }).click()
    await page.waitForURL(`${base}${PAGE}`)
    expect(await page.getByRole('navigation', { name: 'Mi cuenta' }).getByRole('link', { name: 'Notificaciones' }).getAttribute('aria-current')).toBe('page')
    expect(await optIn(page).isChecked()).toBe(false)
    expect(await page.locator('#estado-resumen').textContent()).toContain('no recibes el resumen semanal')
    expect(await a11yViolations(page)).toEqual([])
  })

  it('opts in with two interests, says so, and a reload shows them kept', async () => {
    await optIn(page).check()
    await interest(page, pillars[0]).check()
    await interest(page, pillars[1]).check()
    await page.getByRole('button', { name: 'Guardar mis preferencias' }).click()
    await page.waitForURL(/aviso=resumen-activado/)
    expect(await status(page).textContent()).toBe('Listo: cada lunes te enviaremos un resumen de oportunidades para ti.')
    expect(await page.locator('#estado-resumen').textContent()).toContain(`recibes el resumen semanal en ${ana.email}`)

    await page.goto(`${base}${PAGE}`)
    expect(await optIn(page).isChecked()).toBe(true)
    expect(await interest(page, pillars[0]).isChecked()).toBe(true)
    expect(await interest(page, pillars[1]).isChecked()).toBe(true)
    expect(await me(ana)).toEqual({ weeklyDigest: true, interests: [pillars[0].id, pillars[1].id].sort() })
    expect(await a11yViolations(page)).toEqual([])
  })
})

describe('another youth', () => {
  it('sees only their own preferences, and saving them leaves Ana’s alone', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    const page = await context.newPage()
    await logInYouth(page, base, beto, PAGE)
    expect(page.url()).toBe(`${base}${PAGE}`)
    expect(await optIn(page).isChecked()).toBe(false)
    for (const pillar of pillars) expect(await interest(page, pillar).isChecked()).toBe(false)
    const html = await page.content()
    expect(html).not.toContain(ana.email)
    expect(html).not.toContain('Ana Sofía')

    await interest(page, pillars[2] ?? pillars[0]).check()
    await page.getByRole('button', { name: 'Guardar mis preferencias' }).click()
    await page.waitForURL(/aviso=resumen-desactivado/)
    expect(await me(beto)).toEqual({ weeklyDigest: false, interests: [(pillars[2] ?? pillars[0]).id] })
    expect(await me(ana)).toEqual({ weeklyDigest: true, interests: [pillars[0].id, pillars[1].id].sort() })
    await context.close()
  })
})

describe('without JavaScript, from the email’s unsubscribe link', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    page = await context.newPage()
  })
  afterAll(() => context?.close())

  it('unsubscribes, says the state and offers the way back, which asks to log in first', async () => {
    await page.goto(unsubscribeLink(ana.id))
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Listo, te diste de baja')
    expect(await page.locator('main').textContent()).toContain('Estado: ya no recibes el resumen semanal')
    expect((await me(ana)).weeklyDigest).toBe(false)

    await page.getByRole('link', { name: 'Volver a recibir el resumen cada lunes' }).click()
    await page.waitForURL(/\/cuenta\/ingresar\/\?siguiente=/)
    await logInYouth(page, base, ana, PAGE)
    expect(page.url()).toBe(`${base}${PAGE}`)
    expect(await optIn(page).isChecked()).toBe(false)
    // The interests stayed as they were: the link changes the one preference only.
    expect(await interest(page, pillars[0]).isChecked()).toBe(true)
    expect(await a11yOfPageAsServed(checker, page)).toEqual([])
  })

  it('opts in again, then out, each kept after a reload, interests untouched', async () => {
    await optIn(page).check()
    await page.getByRole('button', { name: 'Guardar mis preferencias' }).click()
    await page.waitForURL(/aviso=resumen-activado/)
    await page.goto(`${base}${PAGE}`)
    expect(await optIn(page).isChecked()).toBe(true)

    await optIn(page).uncheck()
    await page.getByRole('button', { name: 'Guardar mis preferencias' }).click()
    await page.waitForURL(/aviso=resumen-desactivado/)
    expect(await status(page).textContent()).toBe('Guardamos tus preferencias: no te enviaremos el resumen semanal.')
    expect(await a11yOfPageAsServed(checker, page)).toEqual([])
    await page.goto(`${base}${PAGE}`)
    expect(await optIn(page).isChecked()).toBe(false)
    expect(await me(ana)).toEqual({ weeklyDigest: false, interests: [pillars[0].id, pillars[1].id].sort() })
  })
})

describe('refusals', () => {
  it('a form posted from another site changes nothing; a visitor is sent to log in', async () => {
    const before = await me(ana)
    // The post asks for the opposite of what she has (an unticked box is an absent field).
    const crossSite = await fetch(`${base}${PAGE}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `payload-token=${ana.token}`, origin: 'https://malicioso.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: before.weeklyDigest ? 'intereses=lista' : 'resumen=si&intereses=lista',
    })
    expect(crossSite.status).toBe(403)
    expect(await me(ana)).toEqual(before)

    const anonymous = await fetch(`${base}${PAGE}`, { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe(`/cuenta/ingresar/?siguiente=${PAGE}`)
  })
})
