/**
 * Fair places in the browser (issue 21, docs/draw.md): staff publish a workshop «Por sorteo»; one
 * youth requests a place from the course page's island and sees «ya solicitaste», another does it
 * with JavaScript off through the plain form; at the draw time the queued job draws by itself; both
 * find the result in Mi cuenta, and the public draw page lists the folios with zero WCAG 2.1 AA
 * violations. Its JSON verifies with the same code as `npm run verify-draw`.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { checkPublishedDraw } from '../../lib/draw/published'
import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { a11yOfPageAsServed, logInYouth, noScriptContext, verifiedYouth, type E2EYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const ISLAND_WAIT = { timeout: 20_000 }
const json = { 'content-type': 'application/json' }
/** Requests close (and the draw runs) this long after the course is published: the site rebuild and two youths fit in it. */
const WINDOW_MS = 6 * 60_000

let browser: Browser
let course: { id: number; slug: string; title: string }
let drawAt: number
let youths: E2EYouth[]

beforeAll(async () => {
  browser = await launchBrowser()
  const login = await fetch(`${base}/api/users/login`, { method: 'POST', headers: json, body: JSON.stringify(E2E_ADMIN) })
  const { token } = await login.json()
  drawAt = Date.now() + WINDOW_MS
  const created = await fetch(`${base}/api/courses`, {
    method: 'POST',
    headers: { ...json, authorization: `JWT ${token}` },
    body: JSON.stringify({
      title: `Taller por sorteo ${Date.now()}`,
      summary: 'Un taller muy solicitado: los lugares se sortean.',
      kind: 'workshop',
      modality: 'online',
      capacity: 5,
      _status: 'published',
      allocation: 'draw',
      draw: { requestsOpen: new Date(Date.now() - 60_000).toISOString(), requestsClose: new Date(drawAt).toISOString(), drawAt: new Date(drawAt).toISOString() },
    }),
  })
  expect(created.status, await created.clone().text()).toBe(201)
  course = (await created.json()).doc
  youths = [await verifiedYouth(base, outbox, { givenNames: 'Sofía' }), await verifiedYouth(base, outbox, { givenNames: 'Mateo' })]
  // The course page is static: wait for the rebuild that publishes it.
  const started = Date.now()
  while (Date.now() - started < WINDOW_MS - 90_000 && (await fetch(`${base}/cursos/${course.slug}/`)).status !== 200) await new Promise((r) => setTimeout(r, 1000))
  expect((await fetch(`${base}/cursos/${course.slug}/`)).status).toBe(200)
}, WINDOW_MS)
afterAll(() => browser?.close())

describe('a draw for places', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
    await logInYouth(page, base, youths[0])
  })
  afterAll(() => context?.close())

  const island = () => page.locator('[data-island="draw-request"]')
  const status = () => island().locator('.enrolment__status').textContent()

  it('with JavaScript: «Solicitar lugar», then «ya solicitaste» with a folio, also after a reload', async () => {
    await page.goto(`${base}/cursos/${course.slug}/`, { waitUntil: 'networkidle' })
    await expect.poll(() => island().locator('.draw__phase').textContent(), ISLAND_WAIT).toMatch(/^Solicitudes abiertas hasta el .* Sorteo: /)
    await island().getByRole('button', { name: 'Solicitar lugar' }).click()
    await expect.poll(status, ISLAND_WAIT).toMatch(/Ya solicitaste un lugar: tu folio es S-[0-9A-Z]{4}-[0-9A-Z]{4}/)
    await page.reload({ waitUntil: 'networkidle' })
    await expect.poll(status, ISLAND_WAIT).toMatch(/Ya solicitaste un lugar/)
    await expect.poll(() => island().getByRole('button').textContent(), ISLAND_WAIT).toBe('Retirar mi solicitud')
    expect(await a11yViolations(page)).toEqual([])
  })

  it('without JavaScript: the same request through the plain form', async () => {
    const plain = await noScriptContext(browser, { viewport: VIEWPORTS.phone })
    const checker = await browser.newContext({ locale: 'es-MX' })
    const tab = await plain.newPage()
    await logInYouth(tab, base, youths[1])
    await tab.goto(`${base}/cursos/${course.slug}/`)
    await tab.locator('[data-island="draw-request"]').getByRole('button', { name: 'Solicitar lugar' }).click()
    await tab.waitForURL(new RegExp(`/cursos/${course.slug}/solicitud`))
    expect(await tab.locator('.notice').textContent()).toMatch(/^¡Listo! Registramos tu solicitud con el folio S-/)
    expect(await tab.getByText(/Ya solicitaste un lugar/).count()).toBe(1)
    expect(await tab.getByRole('button', { name: 'Retirar mi solicitud' }).count()).toBe(1)
    expect(await a11yOfPageAsServed(checker, tab)).toEqual([])
    await plain.close()
    await checker.close()
  })

  it('the draw runs by itself at its time; Mi cuenta shows the result; the public page lists the folios, no names', async () => {
    let state: { phase?: string; result?: unknown } = {}
    const deadline = drawAt + 3 * 60_000
    while (Date.now() < deadline) {
      state = await (await fetch(`${base}/api/courses/${course.id}/draw`)).json()
      if (state.phase === 'drawn') break
      await new Promise((r) => setTimeout(r, 2000))
    }
    expect(state.phase).toBe('drawn')
    expect(checkPublishedDraw(state).ok).toBe(true)

    await page.goto(`${base}/cuenta/`, { waitUntil: 'networkidle' })
    const entry = page.locator('#mis-inscripciones li.my-enrolment').filter({ has: page.getByRole('heading', { name: course.title }) })
    expect(await entry.locator('.status-badge').textContent()).toBe('Confirmada')
    await page.goto(`${base}/cursos/${course.slug}/`, { waitUntil: 'networkidle' })
    await expect.poll(status, ISLAND_WAIT).toMatch(/Obtuviste lugar en el sorteo/)

    const anonymous = await browser.newContext({ locale: 'es-MX' })
    const publicPage = await anonymous.newPage()
    const response = await publicPage.goto(`${base}/cursos/${course.slug}/sorteo`, { waitUntil: 'networkidle' })
    expect(response?.status()).toBe(200)
    expect(await publicPage.getByRole('heading', { name: 'Sorteo de lugares' }).count()).toBe(1)
    expect(await publicPage.locator('table tbody tr').count()).toBe(2)
    const text = (await publicPage.textContent('main')) ?? ''
    expect(text).toMatch(/Secreto revelado/)
    expect(text).not.toMatch(/Sofía|Mateo|@/)
    expect(await a11yViolations(publicPage)).toEqual([])
    await anonymous.close()
  }, WINDOW_MS + 4 * 60_000)
})
