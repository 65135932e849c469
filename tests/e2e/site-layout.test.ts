/**
 * The site on a 360 px phone and a 1280 px desktop in real Chromium: no page scrolls sideways (the
 * Mi viaje table was 458 px wide, the open-data tables 561 px), a table too wide for a phone scrolls
 * in its own named, focusable box and every column can be brought into view, on a desktop every
 * column shows at once, and the phone home page shows the journey without a 7,000 px scroll.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { logInYouth, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))

/** The home page at 360 px was 7,565 px tall before the redesign; half of it is the ceiling. */
const PHONE_HOME_MAX_HEIGHT = 3_780

async function firstDetail(list: string): Promise<string> {
  const html = await (await fetch(`${base}${list}`)).text()
  return new RegExp(`href="(${list}[a-z0-9-]+/)"`).exec(html)![1]
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth)

/** Each table box: its width against its table's, and whether its last column can be scrolled into view. */
const tableBoxes = (page: Page) =>
  page.$$eval('.table-scroll', (boxes) =>
    boxes.map((box) => {
      const cells = box.querySelectorAll('thead th')
      const last = cells[cells.length - 1] as HTMLElement
      box.scrollLeft = box.scrollWidth
      const lastShown = last.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1 && last.getBoundingClientRect().right <= innerWidth + 1
      box.scrollLeft = 0
      return { fits: box.scrollWidth <= box.clientWidth, lastShown, focusable: box.tabIndex === 0, name: box.getAttribute('aria-label') ?? '' }
    }),
  )

describe('the site fits phones and desktops', () => {
  let browser: Browser
  const contexts: Record<string, BrowserContext> = {}
  let pages: string[]

  beforeAll(async () => {
    browser = await launchBrowser()
    const youth = await verifiedYouth(base, outbox, { givenNames: 'Sofía' })
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      contexts[name] = await browser.newContext({ viewport, locale: 'es-MX' })
      await logInYouth(await contexts[name].newPage(), base, youth)
    }
    pages = ['/', '/cursos/', '/convocatorias/', '/noticias/', '/pilares/', '/datos-abiertos/', '/cuenta/', '/cuenta/viaje/', '/cuenta/puedo-inscribirme/']
    for (const list of ['/cursos/', '/convocatorias/', '/noticias/']) pages.push(await firstDetail(list))
  })
  afterAll(() => browser?.close())

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`never scrolls a page sideways at ${viewport.width} px (${name})`, async () => {
      const page = await contexts[name].newPage()
      const wide: string[] = []
      for (const p of pages) {
        await page.goto(`${base}${p}`)
        const extra = await sideways(page)
        if (extra > 0) wide.push(`${p}: ${extra} px de más`)
      }
      expect(wide).toEqual([])
      await page.close()
    })

    it(`keeps every column of the Mi viaje and open-data tables within reach at ${viewport.width} px (${name})`, async () => {
      const page = await contexts[name].newPage()
      for (const p of ['/cuenta/viaje/', '/datos-abiertos/']) {
        await page.goto(`${base}${p}`)
        const boxes = await tableBoxes(page)
        expect(boxes.length, p).toBeGreaterThan(0)
        for (const box of boxes) {
          expect(box.focusable && box.name.length > 0, `${p}: a named box that takes keyboard focus`).toBe(true)
          expect(box.lastShown, `${p} «${box.name}»: its last column can be scrolled into view`).toBe(true)
          if (name === 'desktop') expect(box.fits, `${p} «${box.name}»: every column at once`).toBe(true)
        }
      }
      await page.close()
    })
  }

  it(`shows the journey on the phone home page in under ${PHONE_HOME_MAX_HEIGHT} px`, async () => {
    const page = await contexts.phone.newPage()
    await page.goto(`${base}/`)
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    expect(height).toBeLessThan(PHONE_HOME_MAX_HEIGHT)
    // The journey's four steps and the six pillars are on the first two screens.
    const stepsBottom = await page.locator('.journey-steps').evaluate((el) => el.getBoundingClientRect().bottom)
    const pillarsBottom = await page.locator('.pillar-tiles').evaluate((el) => el.getBoundingClientRect().bottom)
    expect(stepsBottom).toBeLessThan(VIEWPORTS.phone.height)
    expect(pillarsBottom).toBeLessThan(2 * VIEWPORTS.phone.height)
    expect(await page.locator('.pillar-tiles li svg').count()).toBe(6)
    await page.close()
  })
})
