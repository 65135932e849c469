/**
 * Draft preview: a staff member opens the admin's "Vista previa" of an unpublished news item and
 * sees it rendered by the public page's own component, marked as a draft; an anonymous visitor and a
 * youth get a 404 at the same URL, and the draft has no public page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { signUp } from '../helpers/youth'

const base = inject('appUrl')
const json = { 'content-type': 'application/json' }

/** Logs in from a page of the site, as the admin's login form does, so the browser keeps the session cookie. */
async function logInInBrowser(page: Page, collection: 'users' | 'youth', credentials: { email: string; password: string }) {
  await page.goto(`${base}/`)
  return page.evaluate(
    async ({ collection, credentials }) => {
      const response = await fetch(`/api/${collection}/login`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials),
      })
      return { status: response.status, token: ((await response.json()) as { token?: string }).token }
    },
    { collection, credentials },
  )
}

describe('draft preview', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const newPage = async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    contexts.push(context)
    return context.newPage()
  }

  const title = `Borrador de prueba ${Date.now()}`
  let staffPage: Page
  let draft: { id: number; slug: string }

  beforeAll(async () => {
    browser = await launchBrowser()
    staffPage = await newPage()
    const login = await logInInBrowser(staffPage, 'users', E2E_ADMIN)
    expect(login.status).toBe(200)
    // The preview shows covers from Payload's own upload URL: a new image has no build variants yet.
    const { docs: images } = await (await fetch(`${base}/api/media?limit=1&depth=0`)).json()
    expect(images.length).toBe(1)
    const created = await fetch(`${base}/api/news?draft=true`, {
      method: 'POST',
      headers: { ...json, authorization: `JWT ${login.token}` },
      body: JSON.stringify({ title, summary: 'Todavía no se publica: solo el equipo puede verla.', cover: images[0].id, _status: 'draft' }),
    })
    expect(created.status).toBe(201)
    const { doc } = await created.json()
    expect(doc._status).toBe('draft')
    draft = { id: doc.id, slug: doc.slug }
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('the admin links the draft to its preview, which shows it to staff as the public page would, marked as a draft', async () => {
    await staffPage.goto(`${base}/admin/collections/news/${draft.id}`)
    const button = staffPage.locator('a#preview-button')
    await button.waitFor({ timeout: 60_000 })
    const previewUrl = await button.getAttribute('href')
    expect(previewUrl).toBe(`${base}/vista-previa/news/${draft.id}`)

    const response = await staffPage.goto(previewUrl!)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['cache-control']).toBe('private, no-store')
    expect(await staffPage.textContent('h1')).toBe(title)
    expect(await staffPage.textContent('[role="status"]')).toContain('Vista previa — borrador sin publicar')
    expect(await staffPage.getAttribute('meta[name="robots"]', 'content')).toBe('noindex')
    // The public article's own markup (NewsArticle.astro), not a look-alike.
    expect(await staffPage.textContent('article .lead')).toBe('Todavía no se publica: solo el equipo puede verla.')
    expect(await staffPage.textContent('.breadcrumbs')).toContain('Noticias')
    const cover = staffPage.locator('article picture.hero img')
    expect(await cover.getAttribute('src')).toMatch(/^\/api\/media\/file\//)
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
    expect(await a11yViolations(staffPage)).toEqual([])
  })

  it('courses and calls preview with their public components; a published one is labelled as such', async () => {
    for (const [collection, heading] of [['courses', '#sesiones'], ['calls', '#quien']] as const) {
      const { docs } = await (await fetch(`${base}/api/${collection}?limit=1&depth=0`)).json()
      const response = await staffPage.goto(`${base}/vista-previa/${collection}/${docs[0].id}`)
      expect(response?.status(), collection).toBe(200)
      expect(await staffPage.textContent('h1')).toBe(docs[0].title)
      expect(await staffPage.textContent('[role="status"]')).toContain('Vista previa — versión publicada')
      expect(await staffPage.locator(heading).count(), collection).toBe(1)
      if (collection === 'courses') {
        // Seats and enrolment are live parts of the published page: the preview names them instead.
        expect(await staffPage.locator('[data-island="seats"], [data-island="enrolment"]').count()).toBe(0)
        expect(await staffPage.textContent('article')).toContain('aquí aparecen los lugares disponibles')
      }
    }
  })

  it('an anonymous visitor gets a 404 page in Spanish, without the draft', async () => {
    const page = await newPage()
    const response = await page.goto(`${base}/vista-previa/news/${draft.id}`)
    expect(response?.status()).toBe(404)
    expect(response?.headers()['cache-control']).toBe('private, no-store')
    expect(await page.textContent('h1')).toBe('Vista previa no disponible')
    expect(await page.content()).not.toContain(title)
  })

  it('a logged-in youth gets the same 404', async () => {
    const page = await newPage()
    const youth = signUp()
    const registered = await fetch(`${base}/api/youth`, { method: 'POST', headers: json, body: JSON.stringify(youth) })
    expect(registered.status).toBe(201)
    const login = await logInInBrowser(page, 'youth', { email: String(youth.email), password: String(youth.password) })
    expect(login.status).toBe(200)

    const response = await page.goto(`${base}/vista-previa/news/${draft.id}`)
    expect(response?.status()).toBe(404)
    expect(await page.content()).not.toContain(title)
  })

  it('the draft has no public page', async () => {
    const response = await fetch(`${base}/noticias/${draft.slug}/`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(title)
  })

  it('unknown collections and ids are a 404 even for staff', async () => {
    for (const path of ['/vista-previa/users/1', '/vista-previa/news/999999', '/vista-previa/news/abc']) {
      expect((await staffPage.goto(`${base}${path}`))?.status(), path).toBe(404)
    }
  })
})
