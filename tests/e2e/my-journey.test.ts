/**
 * "Mi viaje" (/cuenta/viaje/) in real Chromium: after enrolling in a workshop, a youth sees it on
 * their timeline, the progress chart is an image with a text name and a table with the same figures
 * beside it, and the page has zero WCAG 2.1 AA violations. A visitor is sent to log in.
 */
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { LEVEL_LABELS } from '../../site/lib/journey-page'
import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { logInYouth, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const WORKSHOP = 'Taller de serigrafía y diseño de playeras'

describe('Mi viaje', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchBrowser()
    const youth = await verifiedYouth(base, outbox, { givenNames: 'Julia' })
    const found = await (await fetch(`${base}/api/courses?where[title][equals]=${encodeURIComponent(WORKSHOP)}&depth=0&limit=1`)).json()
    const enrolled = await fetch(`${base}/api/courses/${found.docs[0].id}/enroll`, { method: 'POST', headers: { authorization: `JWT ${youth.token}` } })
    expect(enrolled.status, await enrolled.clone().text()).toBe(201)
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
    await logInYouth(page, base, youth, '/cuenta/viaje/')
  })
  afterAll(() => browser?.close())

  it('shows the enrolment on the timeline', async () => {
    expect(page.url()).toBe(`${base}/cuenta/viaje/`)
    const timeline = page.locator('ol.timeline li')
    expect(await timeline.count()).toBeGreaterThanOrEqual(1)
    expect(await timeline.first().isVisible()).toBe(true)
    expect(await page.locator('ol.timeline').textContent()).toContain(WORKSHOP)
  })

  it('gives the chart a text name and a table with the same pillars', async () => {
    const chart = page.locator('figure.journey-chart svg')
    expect(await chart.getAttribute('role')).toBe('img')
    const name = await chart.locator('title').textContent()
    expect(name).toMatch(/^Tu progreso en los seis pilares: [1-6] de 6 con actividad\./)
    const barNames = await chart.locator('text').allTextContents()
    const table = page.locator('table#tabla-progreso')
    expect(await table.locator('caption').textContent()).toBeTruthy()
    const rowNames = (await table.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.replace(/ \(solo tú lo ves\)$/, ''))
    expect(rowNames).toEqual(barNames)
    expect(rowNames).toHaveLength(6)
    // The workshop's pillar shows activity in the table, as the chart's name counts it.
    const states = await table.locator('tbody tr td:first-of-type').allTextContents()
    const withActivity = states.filter((s) => s !== LEVEL_LABELS.none).length
    expect(withActivity).toBeGreaterThanOrEqual(1)
    expect(name).toContain(`${withActivity} de 6`)
  })

  it('has zero WCAG 2.1 AA violations', async () => {
    expect(await a11yViolations(page)).toEqual([])
  })

  it('sends a visitor to log in', async () => {
    const response = await fetch(`${base}/cuenta/viaje/`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/cuenta/ingresar/?siguiente=/cuenta/viaje/')
  })
})
