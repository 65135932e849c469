import { inject } from 'vitest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'

const base = inject('appUrl')

/** Presses Tab until the element with `id` has focus, as a keyboard user would. */
async function tabTo(page: Page, id: string) {
  for (let presses = 0; presses < 60; presses++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`#${id} never received focus from the keyboard`)
}

const visibleCards = (page: Page) =>
  page.$$eval('[data-course-list] > *', (cards) =>
    cards.filter((card) => !(card as HTMLElement).hidden && (card as HTMLElement).offsetParent !== null).map((card) => ({
      kind: (card as HTMLElement).dataset.kind,
      free: (card as HTMLElement).dataset.free,
    })),
  )

describe('courses on the site', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })).newPage()
  })
  afterAll(() => browser?.close())

  it('filters the list by keyboard alone', async () => {
    await page.goto(`${base}/cursos/`, { waitUntil: 'networkidle' })
    const all = await visibleCards(page)
    expect(all.length).toBeGreaterThan(3)

    await tabTo(page, 'f-tipo')
    await page.keyboard.press('ArrowDown') // «Curso»
    await page.keyboard.press('ArrowDown') // «Taller»
    const workshops = await visibleCards(page)
    expect(workshops.length).toBeGreaterThan(0)
    expect(workshops.length).toBeLessThan(all.length)
    expect(workshops.every((card) => card.kind === 'workshop')).toBe(true)
    expect(await page.textContent('[data-filter-count]')).toContain(String(workshops.length))

    await tabTo(page, 'f-gratis')
    await page.keyboard.press('Space')
    expect((await visibleCards(page)).every((card) => card.kind === 'workshop' && card.free === '1')).toBe(true)
  })

  it('shows live seats that follow the database without a rebuild', async () => {
    await page.goto(`${base}/cursos/`)
    const href = await page.getAttribute('[data-course-list] a[href^="/cursos/"]', 'href')
    await page.goto(`${base}${href}`, { waitUntil: 'networkidle' })
    const status = page.locator('[data-island="seats"] .seats__status')
    await expect.poll(() => status.textContent()).toMatch(/Quedan \d+ de \d+ lugares|Cupo lleno/)
    const courseId = await page.getAttribute('[data-island="seats"]', 'data-course-id')

    // The static page never states a number of seats: it cannot go stale.
    const html = await (await fetch(`${base}${href}`)).text()
    expect(html).not.toMatch(/Quedan \d+/)

    const { token } = await (
      await fetch(`${base}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) })
    ).json()
    const before = await (await fetch(`${base}/api/courses/${courseId}/availability`)).json()
    const capacity = before.capacity + 7
    const patch = await fetch(`${base}/api/courses/${courseId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ capacity }),
    })
    expect(patch.status).toBe(200)

    await page.reload({ waitUntil: 'networkidle' })
    await expect.poll(() => status.textContent()).toContain(`de ${capacity} lugares`)
  })
})
