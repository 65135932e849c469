import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { Browser } from 'playwright-core'

import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'

const base = inject('appUrl')

/** The home page and one page of each type, found by following the site's own links. */
async function samplePages(): Promise<string[]> {
  const firstLink = async (listPath: string, prefix: string) => {
    const html = await (await fetch(`${base}${listPath}`)).text()
    const match = new RegExp(`href="(${prefix}[a-z0-9-]+/?)"`).exec(html)
    return match?.[1]
  }
  const pages = ['/', '/noticias/', '/cursos/', '/convocatorias/', '/pilares/', '/organizaciones/', '/buscar/', '/aviso-de-privacidad/', '/accesibilidad/', '/cuenta/', '/no-existe/']
  for (const [list, prefix] of [
    ['/noticias/', '/noticias/'],
    ['/cursos/', '/cursos/'],
    ['/convocatorias/', '/convocatorias/'],
    ['/pilares/', '/pilares/'],
    ['/organizaciones/', '/organizaciones/'],
  ]) {
    const detail = await firstLink(list, prefix)
    if (detail) pages.push(detail)
  }
  return pages
}

describe('the public site is accessible on phones and desktops', () => {
  let browser: Browser
  let pages: string[]
  beforeAll(async () => {
    browser = await launchBrowser()
    pages = await samplePages()
    expect(pages.length, 'one detail page of each type was found').toBe(16)
  })
  afterAll(() => browser?.close())

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`has zero WCAG 2.1 AA violations at ${viewport.width} px (${name})`, async () => {
      const context = await browser.newContext({ viewport, locale: 'es-MX' })
      const page = await context.newPage()
      const problems: string[] = []
      for (const path of pages) {
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
        expect(await page.getAttribute('html', 'lang'), path).toBe('es')
        for (const violation of await a11yViolations(page)) problems.push(`${path}: ${violation}`)
      }
      await context.close()
      expect(problems).toEqual([])
    })
  }
})
