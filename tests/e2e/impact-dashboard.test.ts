/**
 * The impact dashboard (/admin/impacto), real server and real Chromium: an admin sees every table
 * with the same figures /api/impact gives, narrows the dates and sees them change (empty tables
 * say so), and downloads a table as CSV with Spanish headers. A youth's session and a visitor get
 * no figures, from the page or the API.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { COLUMN_TITLES, PEOPLE_COLUMNS, TABLES, type ImpactReport } from '../../lib/impact/tables'
import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { type E2EYouth, logInAdmin, logInYouth, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const number = new Intl.NumberFormat('es-MX')
/** As the dashboard shows a count: a hidden cell (sensitive pillar, 1 to 4 people) as on open data. */
const count = (value: number | null | undefined) => (value === null || value === undefined ? 'menos de 5' : number.format(value))
/** A month before anything on this fresh app happened. */
const QUIET = { from: '2026-01-01', to: '2026-01-31' }

/** The report as the API gives it to the admin's browser session. */
const apiReport = (page: Page, query = '') =>
  page.evaluate(async (q) => (await (await fetch(`/api/impact${q}`, { credentials: 'same-origin' })).json()) as ImpactReport, query)

/** Each table of the page as rows of cell texts, by table name. */
const pageTables = (page: Page) =>
  page.evaluate((names) => {
    const out: Record<string, string[][]> = {}
    for (const name of names) {
      const rows = document.querySelectorAll(`section[aria-labelledby="impacto-${name}"] tbody tr`)
      out[name] = [...rows].map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim()))
    }
    return out
  }, [...TABLES, 'capacity'])

const pageTotals = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('h1 ~ ul li strong')].map((s) => (s.textContent ?? '').trim()))

/** What the page should show for a report: formatted as the dashboard formats numbers, empty tables saying so. */
function expectedTables(report: ImpactReport): Record<string, string[][]> {
  const empty = [['Sin actividad en este periodo.']]
  const out: Record<string, string[][]> = {}
  for (const table of TABLES) {
    const rows = report.tables[table].map((row) => [row.label, ...PEOPLE_COLUMNS.map((c) => count(row[c]))])
    out[table] = rows.length ? rows : empty
  }
  const capacity = report.tables.capacity.map((row) => [
    row.label,
    String(row.courses),
    number.format(row.offered),
    count(row.used),
    row.offered && row.used !== null ? `${Math.round((row.used / row.offered) * 100)} %` : '—',
  ])
  out.capacity = capacity.length ? capacity : empty
  return out
}

let browser: Browser
let youth: E2EYouth

beforeAll(async () => {
  browser = await launchBrowser()
  // Some activity of our own today, so the default range has figures whatever ran before.
  youth = await verifiedYouth(base, outbox, { givenNames: 'Irene' })
  const found = await (await fetch(`${base}/api/courses?where[title][equals]=${encodeURIComponent('Taller de serigrafía y diseño de playeras')}&depth=0&limit=1`)).json()
  const enrolled = await fetch(`${base}/api/courses/${found.docs[0].id}/enroll`, { method: 'POST', headers: { authorization: `JWT ${youth.token}` } })
  expect(enrolled.status, await enrolled.clone().text()).toBe(201)
})
afterAll(() => browser?.close())

describe('the admin', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX', acceptDownloads: true })
    page = await context.newPage()
    await logInAdmin(page, base)
  })
  afterAll(() => context?.close())

  it('sees every table with the figures the API gives', async () => {
    await page.goto(`${base}/admin/impacto`)
    await page.getByRole('heading', { name: 'Impacto del Viaje del Joven' }).waitFor()
    const report = await apiReport(page)
    expect(report.totals.enrolments).toBeGreaterThanOrEqual(1)
    expect(await pageTotals(page)).toEqual(PEOPLE_COLUMNS.map((c) => number.format(report.totals[c] ?? 0)))
    expect(await pageTables(page)).toEqual(expectedTables(report))
    for (const table of [...TABLES, 'capacity'] as const) {
      expect(await page.locator(`section[aria-labelledby="impacto-${table}"] thead th`).first().isVisible()).toBe(true)
    }    // The sensitive pillars never show 1 to 4 people to staff either (crossed with the colonia table it points at someone).
    const sensitive = (await pageTables(page)).pillar.filter(([label]) => /^(Salud y Bienestar|Prevención de la Violencia)$/.test(label))
    for (const cells of sensitive) expect(cells.slice(1).filter((cell) => /^[1-4]$/.test(cell)), cells.join(' | ')).toEqual([])
  })

  it('narrows the dates with the form: the figures change, empty tables say so', async () => {
    const before = await pageTotals(page)
    await page.getByLabel('Desde').fill(QUIET.from)
    await page.getByLabel('Hasta').fill(QUIET.to)
    await page.getByRole('button', { name: 'Ver periodo' }).click()
    await page.waitForURL((url) => url.searchParams.get('from') === QUIET.from && url.searchParams.get('to') === QUIET.to)
    await page.getByRole('heading', { name: 'Impacto del Viaje del Joven' }).waitFor()

    const report = await apiReport(page, `?from=${QUIET.from}&to=${QUIET.to}`)
    const after = await pageTotals(page)
    expect(after).toEqual(PEOPLE_COLUMNS.map((c) => number.format(report.totals[c] ?? 0)))
    expect(after).not.toEqual(before)
    expect(await pageTables(page)).toEqual(expectedTables(report))
    expect((await pageTables(page)).colonia).toEqual([['Sin actividad en este periodo.']])
    expect(await page.getByLabel('Desde').inputValue()).toBe(QUIET.from)
  })

  it('downloads a table as CSV with a Spanish header row', async () => {
    await page.goto(`${base}/admin/impacto`)
    const link = page.locator('section[aria-labelledby="impacto-pillar"]').getByRole('link', { name: 'Descargar CSV' })
    const href = await link.getAttribute('href')
    expect(href).toMatch(/^\/api\/impact\?format=csv&table=pillar&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/)
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toMatch(/^impacto-pillar-\d{4}-\d{2}-\d{2}-a-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = fs.readFileSync((await download.path())!, 'utf8')
    const lines = text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe(['Grupo', ...PEOPLE_COLUMNS.map((c) => COLUMN_TITLES[c])].join(','))
    expect(lines[0]).toBe('Grupo,Personas jóvenes atendidas,Inscripciones,Cursos concluidos,Postulaciones')

    // The same address fetched by the page (the session cookie counts only from the admin's origin).
    const headers = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' })
      return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') }
    }, href!)
    expect(headers.type).toBe('text/csv; charset=utf-8')
    expect(headers.disposition).toMatch(/^attachment; filename="impacto-pillar-/)
  })
})

describe('people who may not see it', () => {
  it('a visitor is sent to the admin login (and back after it), and the API answers 401', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    const page = await context.newPage()
    await page.goto(`${base}/admin/impacto?from=2026-01-01`)
    await page.waitForURL(/\/admin\/login/)
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/admin/impacto?from=2026-01-01')
    // Not the admin's navigation either.
    expect(await page.getByRole('link', { name: 'Personas' }).count()).toBe(0)
    expect(await page.locator('section[aria-labelledby^="impacto-"]').count()).toBe(0)
    expect((await fetch(`${base}/api/impact`)).status).toBe(401)
    await context.close()
  })

  it('a youth’s session gets no figures from the page or the API (403)', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX' })
    const page = await context.newPage()
    await logInYouth(page, base, youth)
    await page.goto(`${base}/admin/impacto`)
    await page.waitForURL(/\/admin\/(unauthorized|login)\?/)
    await page.waitForLoadState('networkidle')
    expect(await page.locator('section[aria-labelledby^="impacto-"]').count()).toBe(0)
    expect(await page.getByText(COLUMN_TITLES.youths).count()).toBe(0)
    const api = await page.evaluate(async () => {
      const response = await fetch('/api/impact', { credentials: 'same-origin' })
      return { status: response.status, body: await response.text() }
    })
    expect(api.status).toBe(403)
    expect(api.body).toContain('Solo el equipo de administración, comunicación y coordinación puede ver el impacto.')
    await context.close()
  })
})
