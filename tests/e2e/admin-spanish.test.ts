/**
 * The admin as a coordinator and a reviewer use it, at 1280 px, real server and real Chromium, with
 * every request to another host blocked (as on the institute's network): dates in Spanish and León
 * time, documents titled by what they are, the course roster whole beside the sidebar, and an
 * application's answers readable. No admin page may ask another host for anything. A staff member
 * whose computer is set to another zone (Tokyo, 15 hours from León) still reads León time, and no
 * list, column picker or edit view shows a raw or English field name.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, VIEWPORTS } from '../helpers/browser'
import { type E2EYouth, logInAdmin, verifiedYouth } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'
import { pdf } from '../int/applications-fixtures'

const base = inject('appUrl')
const origin = new URL(base).origin
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
const DAY = 86_400_000
const MONTHS = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre'
/** «3 de diciembre de 2026, 08:08»: the admin's date and time pattern. */
const SPANISH_DATE_TIME = new RegExp(`^\\d{1,2} de (${MONTHS}) de \\d{4}, \\d{2}:\\d{2}$`)
/** An instant as a person in León reads it in the admin. */
const leon = (iso: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  return `${parts.day} de ${parts.month} de ${parts.year}, ${parts.hour}:${parts.minute}`
}

/** The same instant as a computer in Tokyo would show it (to prove the test tells the two apart). */
const tokyo = (iso: string) => leon(new Date(new Date(iso).getTime() + 15 * 3_600_000).toISOString())

let browser: Browser
let context: BrowserContext
let page: Page
/** A staff member whose computer is on Tokyo time. */
let abroadContext: BrowserContext
let abroad: Page
/** Every request the admin pages made to a host other than the app's own, blocked or not. */
const foreign: string[] = []
let youth: E2EYouth
let courseId: number
let enrollmentId: number
let applicationId: number
let callTitle: string

/** Makes a request with the admin's session cookie, from the admin's own origin. */
const api = <T,>(p: Page, url: string, init: { method?: string; body?: unknown } = {}) =>
  p.evaluate(
    async ({ url, init }) => {
      const response = await fetch(url, {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        headers: init.body ? { 'content-type': 'application/json' } : {},
        body: init.body ? JSON.stringify(init.body) : undefined,
      })
      return { status: response.status, json: await response.json() }
    },
    { url, init },
  ) as Promise<{ status: number; json: T }>

beforeAll(async () => {
  browser = await launchBrowser()
  // A staff member in León: the browser's zone, like the institute's computers.
  context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX', timezoneId: 'America/Mexico_City' })
  // The institute's network: nothing but the app itself is reachable.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue()
    foreign.push(url)
    return route.abort('blockedbyclient')
  })
  page = await context.newPage()
  await logInAdmin(page, base)

  // A youth with a long e-mail address (the widest roster cell) enrols in a course.
  youth = await verifiedYouth(base, outbox, { givenNames: 'Maximiliana Guadalupe', surnames: 'Hernández Villaseñor', email: `maximiliana.guadalupe.hernandez.villasenor.${Date.now()}@correo-de-prueba.mx` })
  const found = await (await fetch(`${base}/api/courses?where[title][equals]=${encodeURIComponent('Taller de serigrafía y diseño de playeras')}&depth=0&limit=1`)).json()
  courseId = found.docs[0].id
  const enrolled = await fetch(`${base}/api/courses/${courseId}/enroll`, { method: 'POST', headers: { authorization: `JWT ${youth.token}` } })
  expect(enrolled.status, await enrolled.clone().text()).toBe(201)
  const mine = await api<{ docs: { id: number }[] }>(page, `/api/enrollments?where[youth][equals]=${youth.id}&where[course][equals]=${courseId}&depth=0`)
  enrollmentId = mine.json.docs[0].id

  // A call with a requested document and questions; the youth applies with a PDF.
  callTitle = `Beca para revisar respuestas ${Date.now()}`
  const call = await api<{ doc: { id: number; requiredDocuments: { id: string }[]; questions: { id: string; label: string }[] } }>(page, '/api/calls', {
    method: 'POST',
    body: {
      title: callTitle,
      kind: 'scholarship',
      _status: 'published',
      window: { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + DAY).toISOString() },
      requiredDocuments: [{ name: 'Comprobante de domicilio', required: true }],
      questions: [
        { label: 'Nombre de tu escuela', type: 'short-text', required: true },
        { label: 'Intereses', type: 'multiple-choice', options: ['Arte', 'Ciencia', 'Deporte'], required: false },
      ],
    },
  })
  expect(call.status).toBe(201)
  const [school, interests] = call.json.doc.questions
  const form = new FormData()
  form.append('data', JSON.stringify({ submit: true, answers: { [school.id]: 'Preparatoria Oficial de León', [interests.id]: ['Arte', 'Ciencia'] } }))
  form.append(call.json.doc.requiredDocuments[0].id, new File([new Uint8Array(await pdf())], 'mi-comprobante.pdf', { type: 'application/pdf' }))
  const applied = await fetch(`${base}/api/calls/${call.json.doc.id}/apply`, { method: 'POST', headers: { authorization: `JWT ${youth.token}` }, body: form })
  expect(applied.status, await applied.clone().text()).toBe(201)
  const applications = await api<{ docs: { id: number }[] }>(page, `/api/applications?where[call][equals]=${call.json.doc.id}&depth=0`)
  applicationId = applications.json.docs[0].id
})
afterAll(async () => {
  await abroadContext?.close()
  await context?.close()
  await browser?.close()
})

describe('the admin in Spanish, on the institute’s network', () => {
  it('an enrolment is titled by youth and course; its dates read in Spanish, León time', async () => {
    await page.goto(`${base}/admin/collections/enrollments/${enrollmentId}`)
    const title = 'Maximiliana Guadalupe Hernández Villaseñor · Taller de serigrafía y diseño de playeras'
    await page.getByRole('heading', { name: title }).waitFor()
    expect(await page.getByText(/ID: \d+/).count()).toBe(0)

    const { json: enrolment } = await api<{ confirmedAt: string }>(page, `/api/enrollments/${enrollmentId}?depth=0`)
    const confirmed = page.locator('#field-confirmedAt input')
    // The value as the picker shows it once the page has settled (a late re-render used to turn it English).
    await page.waitForLoadState('networkidle')
    const shown = await confirmed.inputValue()
    expect(shown).toMatch(SPANISH_DATE_TIME)
    expect(shown).toBe(leon(enrolment.confirmedAt))
    // Nothing in English or with ordinals anywhere on the page («Dec 3, 2026 8:08 AM», «diciembre 3º»).
    const text = await page.locator('body').innerText()
    expect(text).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}/)
    expect(text).not.toMatch(/\d+º/)
    expect(text).not.toMatch(/\b(AM|PM)\b/)
  })

  it('the enrolment list shows the title and Spanish dates', async () => {
    await page.goto(`${base}/admin/collections/enrollments?where[youth][equals]=${youth.id}`)
    const row = page.locator('tbody tr').first()
    await row.waitFor()
    // The cell says «Cargando...» until the browser has Payload's Spanish date locale.
    const cell = row.locator('td.cell-createdAt')
    await page.waitForFunction((td) => !/Cargando/.test(td?.textContent ?? ''), await cell.elementHandle(), { timeout: 30_000 })
    const created = (await cell.innerText()).trim()
    expect(created).toMatch(SPANISH_DATE_TIME)
    expect(await page.locator('body').innerText()).not.toMatch(/\d+º|\b(AM|PM)\b/)
  })

  it('the course roster fits beside the sidebar at 1280 px: Asistencia, Concluyó and Quitar visible, no sideways scroll', async () => {
    await page.goto(`${base}/admin/collections/courses/${courseId}`)
    const roster = page.locator('section.course-roster')
    await roster.waitFor()
    await roster.scrollIntoViewIfNeeded()
    const table = roster.locator('table').first()
    for (const name of ['Asistencia', 'Concluyó', 'Quitar']) {
      const header = table.getByRole('columnheader', { name, exact: true })
      expect(await header.count(), name).toBe(1)
      // Not under the document sidebar or off the window, as the page opens: brought into view
      // vertically only (no sideways scrolling of any box, which would hide the fault), the
      // header itself is what is at its centre.
      const onTop = await header.evaluate((th) => {
        th.scrollIntoView({ block: 'center', inline: 'start' })
        for (let box: Element | null = th; box; box = box.parentElement) box.scrollLeft = 0
        document.scrollingElement!.scrollLeft = 0
        const box = th.getBoundingClientRect()
        const x = box.left + box.width / 2
        const y = box.top + box.height / 2
        const hit = document.elementFromPoint(x, y)
        return { inWindow: box.right <= window.innerWidth && box.left >= 0, own: Boolean(hit && th.contains(hit)) }
      })
      expect(onTop, name).toEqual({ inWindow: true, own: true })
    }
    // The youth's row: the remove button can be reached, and the table does not scroll sideways either.
    const mine = table.locator('tr', { hasText: 'Maximiliana Guadalupe' })
    expect(await mine.getByRole('button', { name: 'Quitar' }).isVisible()).toBe(true)
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      roster: [...document.querySelectorAll('.course-roster__scroll')].map((box) => box.scrollWidth - box.clientWidth),
    }))
    expect(widths.page).toBeLessThanOrEqual(0)
    for (const overflow of widths.roster) expect(overflow).toBeLessThanOrEqual(0)
  })

  it('a reviewer reads the answers (question → answer) and the documents by requirement, with every other host blocked', async () => {
    await page.goto(`${base}/admin/collections/applications/${applicationId}`)
    const answers = page.locator('section.application-answers')
    await answers.waitFor()
    const pairs = await answers.locator('dl > div').evaluateAll((items) =>
      items.map((item) => [item.querySelector('dt')?.textContent?.trim(), item.querySelector('dd')?.textContent?.trim()]),
    )
    expect(pairs).toEqual([
      ['Nombre de tu escuela', 'Preparatoria Oficial de León'],
      ['Intereses', 'Arte, Ciencia'],
    ])
    expect(await answers.isVisible()).toBe(true)
    const document = answers.getByRole('listitem').filter({ hasText: 'Comprobante de domicilio' })
    expect(await document.isVisible()).toBe(true)
    // The requirement is the link; the stored (random) file name follows, secondary.
    const link = document.getByRole('link', { name: 'Comprobante de domicilio' })
    expect(await link.getAttribute('href')).toMatch(/\/api\/application-documents\/file\/[0-9a-f-]{36}\.pdf$/)
    expect(await document.locator('small').innerText()).toMatch(/^\([0-9a-f-]{36}\.pdf, /)
    // No code editor waiting for a CDN.
    expect(await page.locator('.monaco-editor, .code-editor').count()).toBe(0)
  })

  it('the application documents list names each file by its requirement', async () => {
    await page.goto(`${base}/admin/collections/application-documents?where[youth][equals]=${youth.id}`)
    const row = page.locator('tbody tr').first()
    await row.waitFor()
    expect((await row.locator('td.cell-requirementName').innerText()).trim()).toBe('Comprobante de domicilio')
  })

  it('scheduling a publication offers León time only, named in Spanish, on a 24-hour clock', async () => {
    const { json } = await api<{ docs: { id: number }[] }>(page, '/api/news?limit=1&depth=0&where[_status][equals]=published')
    await page.goto(`${base}/admin/collections/news/${json.docs[0].id}`)
    await page.locator('#action-save-popup button').first().click()
    await page.locator('#schedule-publish').click()
    const zone = page.locator('.timezone-picker')
    await zone.waitFor()
    expect((await zone.innerText()).trim()).toBe('Hora de León (centro de México)')
    // The time list of the picker: «08:00», «13:05»…, never «1:05 PM».
    await page.locator('#time input').click()
    const times = await page.locator('.react-datepicker__time-list-item').allInnerTexts()
    expect(times.length).toBeGreaterThan(0)
    for (const time of times.slice(0, 20)) expect(time.trim()).toMatch(/^\d{2}:\d{2}$/)
    expect(await page.locator('.react-datepicker__current-month').first().innerText()).toMatch(new RegExp(`^(${MONTHS}) \\d{4}$`))
  })

  it('a computer on Tokyo time still shows León time: the enrolment list, its edit view and a course’s sessions', async () => {
    abroadContext = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'es-MX', timezoneId: 'Asia/Tokyo' })
    abroad = await abroadContext.newPage()
    expect(await abroad.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Tokyo')
    await logInAdmin(abroad, base)
    const { json: enrolment } = await api<{ createdAt: string; confirmedAt: string }>(abroad, `/api/enrollments/${enrollmentId}?depth=0`)
    expect(leon(enrolment.createdAt)).not.toBe(tokyo(enrolment.createdAt))

    await abroad.goto(`${base}/admin/collections/enrollments?where[youth][equals]=${youth.id}`)
    const cell = abroad.locator('tbody tr').first().locator('td.cell-createdAt')
    await cell.waitFor()
    await abroad.waitForFunction((td) => /\d{2}:\d{2}/.test(td?.textContent ?? ''), await cell.elementHandle(), { timeout: 30_000 })
    expect((await cell.innerText()).trim()).toBe(leon(enrolment.createdAt))

    await abroad.goto(`${base}/admin/collections/enrollments/${enrollmentId}`)
    const confirmed = abroad.locator('#field-confirmedAt input')
    await confirmed.waitFor()
    await abroad.waitForLoadState('networkidle')
    expect(await confirmed.inputValue()).toBe(leon(enrolment.confirmedAt))
    // The controls bar: «Creado» in León time, Payload's own entries (the computer's zone) hidden.
    expect(await abroad.locator('.leon-doc-dates__created').innerText()).toContain(leon(enrolment.createdAt))
    expect(await abroad.locator('.doc-controls__value-wrap').first().isVisible()).toBe(false)

    const { json: course } = await api<{ sessions: { startsAt: string; endsAt: string }[] }>(abroad, `/api/courses/${courseId}?depth=0`)
    expect(course.sessions.length).toBeGreaterThan(0)
    await abroad.goto(`${base}/admin/collections/courses/${courseId}`)
    const startsAt = abroad.locator('#field-sessions__0__startsAt input')
    await startsAt.waitFor()
    await abroad.waitForLoadState('networkidle')
    expect(await startsAt.inputValue()).toBe(leon(course.sessions[0].startsAt))
    expect(await abroad.locator('#field-sessions__0__endsAt input').inputValue()).toBe(leon(course.sessions[0].endsAt))
    // Saving another change keeps the instants (what is shown is shifted, not what is stored).
    const capacity = abroad.locator('#field-capacity')
    await capacity.fill(String(Number(await capacity.inputValue()) + 1))
    const saved = abroad.waitForResponse((r) => r.url().includes(`/api/courses/${courseId}`) && r.request().method() === 'PATCH')
    await abroad.keyboard.press('Control+s')
    expect((await saved).status()).toBeLessThan(400)
    const { json: after } = await api<{ sessions: { startsAt: string; endsAt: string }[] }>(abroad, `/api/courses/${courseId}?depth=0&draft=true`)
    expect(after.sessions.map((s) => [s.startsAt, s.endsAt])).toEqual(course.sessions.map((s) => [s.startsAt, s.endsAt]))
  })

  it('no raw or English field name in any list, column picker or edit view (Payload’s own collections included)', async () => {
    // Words of the names Payload makes from field names («Created At», «Task Status», «MIME Type»…).
    const ENGLISH = /\b(Created|Updated|Status|Key|Value|Name|User|Input|Output|Queue|Processing|Tasks?|Batch|Payload|Slug|Data|Stats|Tried|Until|Wait|Has|Locked|Preferences?|Migrations?|Concurrency|Executed|Completed|Type|Thumbnail|Sizes?|Width|Height|Filename|File|Document|Jobs?|Kv|Session|Expires)\b/
    const isRaw = (text: string) => /[a-z][A-Z]/.test(text) || text.includes('_') || ENGLISH.test(text) || /^(card|hero|social|id|sessions?)$/.test(text)
    await page.goto(`${base}/admin`)
    const listed = await page.locator('nav a[href*="/admin/collections/"]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
    const slugs = [...new Set([...listed.map((p) => p.split('/')[3]), 'payload-jobs', 'payload-locked-documents', 'payload-preferences', 'payload-migrations'])]
    expect(slugs.length).toBeGreaterThan(10)
    const found: string[] = []
    const visited: string[] = []
    for (const slug of slugs) {
      const response = await page.goto(`${base}/admin/collections/${slug}`)
      if (response?.status() === 404) continue
      const toggle = page.locator('#toggle-list-columns')
      await toggle.waitFor({ timeout: 60_000 })
      visited.push(slug)
      await toggle.click()
      await page.locator('.pill-selector__pill').first().waitFor()
      const texts = [
        ...(await page.locator('.pill-selector__pill').allInnerTexts()).map((t) => `${slug} columna: ${t}`),
        ...(await page.locator('thead th').allInnerTexts()).map((t) => `${slug} encabezado: ${t}`),
        `${slug} título: ${await page.locator('h1').first().innerText()}`,
      ]
      const first = await page.locator('tbody tr td a[href*="/admin/collections/"]').first().getAttribute('href').catch(() => null)
      if (first) {
        await page.goto(new URL(first, base).href)
        await page.locator('.document-fields, .collection-edit').first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        const labels = await page.locator('.field-label, .doc-controls__label, .tabs-field__tab-button').allInnerTexts()
        texts.push(...labels.map((t) => `${slug} edición: ${t}`))
      }
      for (const line of texts) {
        const text = line.slice(line.indexOf(': ') + 2).replace(/[*:\u00a0]/g, '').trim()
        if (text && isRaw(text)) found.push(line)
      }
    }
    expect(found).toEqual([])
    // Payload's own collections are hidden from the admin (a 404 there); every collection of the menu was read.
    expect(visited).toEqual(expect.arrayContaining(['enrollments', 'courses', 'youth', 'application-documents', 'site-builds']))
  }, 900_000)

  it('no admin page visited asked another host for anything', () => {
    expect(foreign).toEqual([])
  })
})
