/**
 * The call's review tools in the real admin (real server, real Chromium): an admin opens a call,
 * downloads its applications as CSV from the "Descargar CSV" link, and publishes its results.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'

const base = inject('appUrl')
const DAY = 86_400_000

describe('call review tools in the admin', () => {
  let browser: Browser
  let page: Page
  let callId: number

  beforeAll(async () => {
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    page = await context.newPage()
    await page.goto(`${base}/admin/login`)
    await page.fill('#field-email', E2E_ADMIN.email)
    await page.fill('#field-password', E2E_ADMIN.password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/)
    // The call itself is made over the API with the admin's session cookie: the tools are what is under test.
    callId = await page.evaluate(async (window_) => {
      const response = await fetch('/api/calls', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Beca con revisión ${Date.now()}`,
          kind: 'scholarship',
          _status: 'published',
          window: window_,
          rubric: [{ name: 'Trayectoria', weight: 1, scaleMax: 10 }],
          questions: [{ label: 'Nombre de tu escuela', type: 'short-text', required: true }],
        }),
      })
      return ((await response.json()) as { doc: { id: number } }).doc.id
    }, { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + DAY).toISOString() })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the links and the button on the call; the CSV downloads and results publish', async () => {
    await page.goto(`${base}/admin/collections/calls/${callId}`)
    const csvLink = page.getByRole('link', { name: 'Descargar CSV' })
    await csvLink.waitFor()
    expect(await page.getByRole('link', { name: 'Ver postulaciones por puntaje' }).getAttribute('href')).toBe(
      `/admin/collections/applications?where[call][equals]=${callId}&sort=-averageScore`,
    )
    const href = await csvLink.getAttribute('href')
    expect(href).toBe(`/api/calls/${callId}/applications.csv`)
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' })
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
    }, href!)
    expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' })
    expect(csv.text).toContain('"Folio","Estado","Enviada el","Nombre de tu escuela"')

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Publicar resultados' }).click()
    await page.getByRole('status').filter({ hasText: 'Resultados publicados: 0 aceptadas y 0 en lista de espera.' }).waitFor()
    const call = await page.evaluate(async (id) => (await fetch(`/api/calls/${id}`, { credentials: 'same-origin' })).json(), callId)
    expect(call.resultsPublishedAt).toEqual(expect.any(String))
  })
})
