/**
 * Applying to a call in real Chromium on the real app (demo content): a youth fills the call's own
 * questions, attaches PDFs and gets a folio; staff ask for information and then decide, and the
 * youth follows it (and answers) in Mi cuenta; the published results reach the call page by folio.
 * Without JavaScript, a bad answer comes back next to its question with everything typed kept. Zero WCAG 2.1 AA violations on the form and the account list.
 */
import path from 'node:path'

import { PDFDocument } from 'pdf-lib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatDateTime } from '../../site/lib/dates'
import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { linkIn, outboxAt } from '../helpers/outbox'
import { birthDayForAge } from '../helpers/youth'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const stamp = Date.now()
const CALL_TITLE = 'Beca de Transporte Estudiantil'

let browser: Browser
let checker: BrowserContext
let adminToken: string
let call: { id: number; slug: string; questions: { id: string; label: string }[] }
const problems: string[] = []

const json = (response: Response) => response.json() as Promise<Record<string, any>>
const asAdmin = (method: string, apiPath: string, body?: unknown) =>
  fetch(`${base}/api${apiPath}`, {
    method,
    headers: { authorization: `JWT ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })

/** A verified adult living in León, created through the public API and confirmed by the emailed link. */
async function verifiedYouth(name: string) {
  const person = { email: `${name}.${stamp}@ejemplo.mx`, password: 'la beca del camión urbano' }
  const created = await fetch(`${base}/api/youth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...person, givenNames: name, surnames: 'Prueba Navegador', birthDate: birthDayForAge(20), municipality: 'León', colonia: 'Centro', privacy: { version: '1' } }),
  })
  expect(created.status).toBe(201)
  for (let i = 0; i < 50 && !outbox.to(person.email).length; i++) await new Promise((r) => setTimeout(r, 100))
  const link = linkIn(outbox.latestTo(person.email), '/cuenta/verificar')
  expect((await fetch(`${base}${link.pathname}${link.search}`)).status).toBe(200)
  return person
}

async function logIn(page: Page, person: { email: string; password: string }) {
  await page.getByLabel('Correo electrónico').fill(person.email)
  await page.getByLabel('Contraseña').fill(person.password)
  await page.getByRole('button', { name: 'Entrar' }).click()
}

/** axe needs JavaScript: the page exactly as the browser got it is replayed at its URL in a JS tab. */
async function checkA11y(of: Page) {
  const html = await of.content()
  const url = of.url()
  const tab = await checker.newPage()
  await tab.route((u) => u.href === url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
  await tab.goto(url, { waitUntil: 'load' })
  for (const violation of await a11yViolations(tab)) problems.push(`${new URL(url).pathname}: ${violation}`)
  await tab.close()
}

async function pdf(text: string) {
  const doc = await PDFDocument.create()
  doc.addPage([300, 200]).drawText(text)
  return { name: `${text}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) }
}

const questionId = (label: string) => call.questions.find((q) => q.label === label)!.id

beforeAll(async () => {
  browser = await launchBrowser()
  checker = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
  adminToken = (await json(await fetch(`${base}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) }))).token
  const found = await json(await fetch(`${base}/api/calls?where[title][equals]=${encodeURIComponent(CALL_TITLE)}&depth=0&limit=1`))
  call = found.docs[0]
  expect(call, 'the demo content has an open call with questions').toBeTruthy()
})
afterAll(async () => {
  await checker?.close()
  await browser?.close()
})

describe('applying with JavaScript, then following the decision in Mi cuenta', () => {
  let context: BrowserContext
  let page: Page
  let folio: string
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
  })
  afterAll(() => context?.close())

  it('goes from the call page to log in and back to the form, fills it with PDFs and gets a folio', async () => {
    const youth = await verifiedYouth('Valeria')
    await page.goto(`${base}/convocatorias/${call.slug}/`)
    await page.getByRole('link', { name: 'Postularme' }).click()
    await page.waitForURL(/\/postular$/)
    await page.getByRole('link', { name: 'inicia sesión' }).click()
    await logIn(page, youth)
    await page.waitForURL(new RegExp(`/convocatorias/${call.slug}/postular`))
    await checkA11y(page)

    await page.getByLabel('Escuela donde estudias').fill('Universidad de Guanajuato, campus León')
    await page.getByLabel('Licenciatura').check()
    await page.getByLabel('Promedio del último periodo').fill('9.1')
    await page.getByLabel('¿Por qué necesitas la beca?').fill('Vivo lejos de la universidad y tomo dos camiones diarios.')
    await page.getByLabel('Identificación oficial o CURP').setInputFiles(await pdf('ine'))
    await page.getByLabel('Comprobante de domicilio en León').setInputFiles(await pdf('domicilio'))
    await page.getByLabel('Constancia de estudios vigente').setInputFiles(await pdf('constancia'))
    await page.getByLabel('Publicar mi nombre en los resultados').check()
    await page.getByRole('button', { name: 'Enviar', exact: true }).click()

    await page.waitForURL(/aviso=enviada/)
    folio = (await page.locator('[data-folio]').getAttribute('data-folio'))!
    expect(folio).toMatch(/^VJ-\d{4}-\d{6}$/)
    expect(await page.getByRole('status').textContent()).toContain(`Tu folio es ${folio}`)
    expect(await page.locator('form.apply-form').count(), 'no second form once sent').toBe(0)
    await checkA11y(page)

    const [application] = (await json(await asAdmin('GET', `/applications?where[folio][equals]=${folio}&depth=0`))).docs
    expect(application).toMatchObject({ status: 'submitted', publishNameConsent: true })
    expect(application.documents).toHaveLength(3)
  })

  it('shows a request for information in Mi cuenta, takes the one-time reply, and then the decision', async () => {
    const [application] = (await json(await asAdmin('GET', `/applications?where[folio][equals]=${folio}&depth=0`))).docs
    const note = 'Sube tu constancia con el sello de la escuela, por favor.'
    expect((await asAdmin('PATCH', `/applications/${application.id}`, { status: 'needs-info', statusNote: note })).status).toBe(200)

    await page.goto(`${base}/cuenta/postulaciones/`)
    const item = page.locator(`[data-application="${folio}"]`)
    expect(await item.locator('[data-status]').textContent()).toBe('Requiere información')
    expect(await item.textContent()).toContain(note)
    // The history in León's time, as the page's one date formatter writes it.
    const changed = (await json(await asAdmin('GET', `/applications/${application.id}?depth=0`))).history
    for (const entry of changed) expect(await item.locator('.history').textContent()).toContain(formatDateTime(entry.at))
    await checkA11y(page)

    await item.getByLabel('Tu respuesta').fill('Listo: subí la constancia sellada.')
    await item.getByLabel(/Documento/).setInputFiles(await pdf('constancia-sellada'))
    await item.getByRole('button', { name: 'Enviar mi respuesta' }).click()
    await page.waitForURL(/aviso=respondida/)
    expect(await page.locator(`[data-application="${folio}"] [data-status]`).textContent()).toBe('En revisión')
    expect(await page.getByRole('button', { name: 'Enviar mi respuesta' }).count(), 'one reply only').toBe(0)

    expect((await asAdmin('PATCH', `/applications/${application.id}`, { status: 'accepted' })).status).toBe(200)
    await page.reload()
    expect(await page.locator(`[data-application="${folio}"] [data-status]`).textContent()).toBe('Aceptada')
    expect(await page.getByRole('button', { name: /Retirar mi postulación/ }).count(), 'a decided application cannot be withdrawn').toBe(0)
  })

  it('publishes the results on the call page at the next build: by folio, with the name only of who agreed', async () => {
    const published = await asAdmin('POST', `/calls/${call.id}/publish-results`)
    expect(published.status).toBe(200)
    expect((await json(published)).accepted).toBeGreaterThanOrEqual(1)

    // The static page changes only when the rebuild the publication queued goes live.
    const callPage = `${base}/convocatorias/${call.slug}/`
    await expect.poll(async () => (await fetch(callPage)).text(), { timeout: 200_000, interval: 2_000 }).toContain(folio)
    await page.goto(callPage)
    const row = page.locator('[data-results] tr', { hasText: folio })
    expect(await row.textContent()).toContain('Valeria Prueba Navegador')
    const html = await (await fetch(callPage)).text()
    expect(html, 'no contact data of anyone').not.toMatch(/@ejemplo\.mx/)
  })
})

describe('the form without JavaScript', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX', javaScriptEnabled: false })
    page = await context.newPage()
  })
  afterAll(() => context?.close())

  it('shows the bad answer next to its question, keeps every value, and saves a draft', async () => {
    const youth = await verifiedYouth('Mateo')
    await page.goto(`${base}/cuenta/ingresar/?siguiente=/convocatorias/${call.slug}/postular`)
    await logIn(page, youth)
    await page.waitForURL(new RegExp(`/convocatorias/${call.slug}/postular`))

    await page.getByLabel('Escuela donde estudias').fill('CBTis 65')
    await page.getByLabel('Bachillerato').check()
    await page.getByLabel('Promedio del último periodo').fill('nueve y medio')
    await page.getByLabel('Publicar mi nombre en los resultados').check()
    await page.getByRole('button', { name: 'Enviar', exact: true }).click()

    const average = page.getByLabel('Promedio del último periodo')
    expect(await average.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#q-${questionId('Promedio del último periodo')}-error`).textContent()).toMatch(/escribe un número/)
    expect(await page.locator('.form-alert').getByRole('link', { name: /Promedio del último periodo/ }).getAttribute('href')).toBe(`#q-${questionId('Promedio del último periodo')}`)
    expect(await average.inputValue(), 'what was typed is kept').toBe('nueve y medio')
    expect(await page.getByLabel('Escuela donde estudias').inputValue()).toBe('CBTis 65')
    expect(await page.getByLabel('Bachillerato').isChecked()).toBe(true)
    expect(await page.getByLabel('Publicar mi nombre en los resultados').isChecked()).toBe(true)
    await checkA11y(page)

    await average.fill('9.5')
    await page.getByRole('button', { name: 'Guardar borrador' }).click()
    await page.waitForURL(/aviso=borrador/)
    expect(await page.getByLabel('Promedio del último periodo').inputValue(), 'the draft comes back').toBe('9.5')

    await page.goto(`${base}/cuenta/postulaciones/`)
    expect(await page.locator('[data-status]').first().textContent()).toBe('Borrador')
    await checkA11y(page)

    await page.goto(`${base}/cuenta/`)
    expect(await page.locator('#mis-convocatorias [data-status]').first().textContent(), 'Mi cuenta lists it too').toBe('Borrador')
  })

  it('has zero WCAG 2.1 AA violations on the pages visited', () => {
    expect(problems).toEqual([])
  })
})
