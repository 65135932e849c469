/**
 * A youth enrols in a demo workshop from its page, sees the seat confirmed and counted, finds it
 * in Mi cuenta, cancels and sees the seat return: first with JavaScript (the islands), then with
 * JavaScript turned off (plain HTML forms). A full workshop puts them on the waitlist with their
 * place in line; a concluded course shows its constancia. Mi cuenta's enrolments have zero WCAG
 * 2.1 AA violations.
 */
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { a11yViolations, launchBrowser, VIEWPORTS } from '../helpers/browser'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { linkIn, outboxAt } from '../helpers/outbox'
import { signUp } from '../helpers/youth'

const base = inject('appUrl')
const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))

/** The islands ask the API a few times per action; on a machine running several test suites at once that takes seconds. */
const ISLAND_WAIT = { timeout: 15_000 }

type Seats = { capacity: number; confirmed: number; seatsLeft: number; waitlisted: number }
type DemoCourse = { id: number; slug: string; title: string }

const api = async (method: string, route: string, body?: unknown, token?: string) =>
  fetch(`${base}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

const seatsOf = async (course: DemoCourse): Promise<Seats> => (await api('GET', `/courses/${course.id}/availability`)).json()

async function demoCourse(title: string): Promise<DemoCourse> {
  const found = await (await api('GET', `/courses?where[title][equals]=${encodeURIComponent(title)}&depth=0&limit=1`)).json()
  expect(found.docs, `demo course «${title}»`).toHaveLength(1)
  return found.docs[0]
}

/** Signs up through the API and confirms the email from the outbox, as the youth would. */
async function verifiedYouth(givenNames: string) {
  const data = signUp({ givenNames })
  const created = await api('POST', '/youth', data)
  expect(created.status, await created.clone().text()).toBe(201)
  const email = String(data.email)
  for (let i = 0; i < 50 && !outbox.to(email).length; i++) await new Promise((r) => setTimeout(r, 100))
  const link = linkIn(outbox.latestTo(email), '/cuenta/verificar')
  expect((await fetch(`${base}${link.pathname}${link.search}`)).status).toBe(200)
  return { email, password: String(data.password) }
}

async function logIn(page: Page, youth: { email: string; password: string }) {
  await page.goto(`${base}/cuenta/ingresar/`)
  await page.getByLabel('Correo electrónico').fill(youth.email)
  await page.getByLabel('Contraseña').fill(youth.password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.waitForURL(/aviso=sesion-iniciada/)
}

/** The card of a course in "Mis inscripciones". */
const entryFor = (page: Page, course: DemoCourse) =>
  page.locator('#mis-inscripciones li.my-enrolment').filter({ has: page.getByRole('heading', { name: course.title }) })

let browser: Browser
let workshop: DemoCourse
let fullWorkshop: DemoCourse

beforeAll(async () => {
  browser = await launchBrowser()
  workshop = await demoCourse('Taller de serigrafía y diseño de playeras')
  fullWorkshop = await demoCourse('Tu CV y tu primera entrevista de trabajo')
})
afterAll(() => browser?.close())

describe('enrolling in a workshop with JavaScript', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX' })
    page = await context.newPage()
    await logIn(page, await verifiedYouth('Valeria'))
  })
  afterAll(() => context?.close())

  const island = () => page.locator('[data-island="enrolment"]')
  const islandStatus = () => island().locator('.enrolment__status').textContent()
  const seatsText = () => page.locator('[data-island="seats"] .seats__status').textContent()

  it('enrols from the course page: confirmed, and one seat fewer', async () => {
    const before = await seatsOf(workshop)
    expect(before.seatsLeft).toBeGreaterThan(0)
    await page.goto(`${base}/cursos/${workshop.slug}/`, { waitUntil: 'networkidle' })
    await island().getByRole('button', { name: 'Inscribirme' }).click()
    await expect.poll(islandStatus, ISLAND_WAIT).toContain('Tienes un lugar confirmado.')
    expect(await islandStatus()).toContain(`Quedan ${before.seatsLeft - 1} de ${before.capacity} lugares.`)
    expect(await seatsOf(workshop)).toMatchObject({ confirmed: before.confirmed + 1, seatsLeft: before.seatsLeft - 1 })
    // The seats box says the same at once: the page never shows two different counts.
    await expect.poll(seatsText, ISLAND_WAIT).toBe(`Quedan ${before.seatsLeft - 1} de ${before.capacity} lugares.`)

    // A fresh visit: the seats island agrees, and the button now offers to cancel.
    await page.reload({ waitUntil: 'networkidle' })
    await expect.poll(seatsText, ISLAND_WAIT).toBe(`Quedan ${before.seatsLeft - 1} de ${before.capacity} lugares.`)
    await expect.poll(() => island().getByRole('button').textContent(), ISLAND_WAIT).toBe('Cancelar mi inscripción')
  })

  it('shows the enrolment in Mi cuenta: status, sessions, calendar, cancel', async () => {
    await page.goto(`${base}/cuenta/`, { waitUntil: 'networkidle' })
    const entry = entryFor(page, workshop)
    expect(await entry.locator('.status-badge').textContent()).toBe('Confirmada')
    // Two Saturday sessions from 10:00 to 14:00 in León, whatever the machine's time zone.
    expect(await entry.locator('.my-enrolment__sessions summary').textContent()).toMatch(/^2 sesiones; la primera: [^,]+, \d+ de [^,]+, de 10:00 a 14:00 h$/)
    const calendar = await entry.getByRole('link', { name: /Agregar al calendario/ }).getAttribute('href')
    const ics = await fetch(`${base}${calendar}`)
    expect(ics.headers.get('content-type')).toContain('text/calendar')
    expect(await ics.text()).toContain('Taller de serigrafía y diseño de playeras (sesión 1 de 2)')
    await entry.getByText('Cancelar mi inscripción', { exact: true }).click()
    expect(await entry.getByRole('button', { name: 'Sí, cancelar mi inscripción' }).isVisible()).toBe(true)
  })

  it('cancels from the course page after confirming, and the seat returns', async () => {
    const before = await seatsOf(workshop)
    await page.goto(`${base}/cursos/${workshop.slug}/`, { waitUntil: 'networkidle' })
    await expect.poll(() => island().getByRole('button').textContent(), ISLAND_WAIT).toBe('Cancelar mi inscripción')

    // Dismissing the confirmation keeps the seat.
    page.once('dialog', (dialog) => dialog.dismiss())
    await island().getByRole('button').click()
    await expect.poll(() => island().getByRole('button').isEnabled(), ISLAND_WAIT).toBe(true)
    expect((await seatsOf(workshop)).seatsLeft).toBe(before.seatsLeft)

    let asked = ''
    page.once('dialog', (dialog) => {
      asked = dialog.message()
      void dialog.accept()
    })
    await island().getByRole('button').click()
    await expect.poll(() => asked, ISLAND_WAIT).toMatch(/^¿Seguro que quieres cancelar\?/)
    await expect.poll(islandStatus, ISLAND_WAIT).toContain('Cancelaste tu inscripción.')
    expect(await islandStatus()).toContain(`Quedan ${before.seatsLeft + 1} de ${before.capacity} lugares.`)
    await expect.poll(seatsText, ISLAND_WAIT).toBe(`Quedan ${before.seatsLeft + 1} de ${before.capacity} lugares.`)
    expect(await seatsOf(workshop)).toMatchObject({ confirmed: before.confirmed - 1, seatsLeft: before.seatsLeft + 1 })
    expect(await island().getByRole('button').textContent()).toBe('Inscribirme')
  })

  it('puts me on the waitlist of a full workshop, with my place shown', async () => {
    // Staff fill the workshop: one seat more than taken, then someone else takes it.
    const { token: adminToken } = await (await api('POST', '/users/login', E2E_ADMIN)).json()
    const start = await seatsOf(fullWorkshop)
    const patched = await api('PATCH', `/courses/${fullWorkshop.id}`, { capacity: start.confirmed + 1 }, adminToken)
    expect(patched.status).toBe(200)
    const other = await verifiedYouth('Mateo')
    const { token: otherToken } = await (await api('POST', '/youth/login', other)).json()
    expect((await api('POST', `/courses/${fullWorkshop.id}/enroll`, {}, otherToken)).status).toBe(201)
    const full = await seatsOf(fullWorkshop)
    expect(full.seatsLeft).toBe(0)

    await page.goto(`${base}/cursos/${fullWorkshop.slug}/`, { waitUntil: 'networkidle' })
    await expect.poll(seatsText, ISLAND_WAIT).toMatch(/^Cupo lleno/)
    await island().getByRole('button', { name: 'Inscribirme' }).click()
    const place = full.waitlisted + 1
    await expect.poll(islandStatus, ISLAND_WAIT).toContain(`Estás en la lista de espera, en el lugar ${place}.`)
    expect(await island().getByRole('button').textContent()).toBe('Salir de la lista de espera')
    expect(await seatsOf(fullWorkshop)).toMatchObject({ confirmed: full.confirmed, waitlisted: place })

    await page.goto(`${base}/cuenta/`, { waitUntil: 'networkidle' })
    expect(await entryFor(page, fullWorkshop).locator('.status-badge').textContent()).toBe(`En lista de espera #${place}`)
    expect(await entryFor(page, workshop).locator('.status-badge').textContent()).toBe('Cancelada')
  })

  it('shows a concluded course with its constancia (page and PDF), and no cancel button', async () => {
    const leadership = await demoCourse('Liderazgo y proyectos comunitarios')
    const english = await demoCourse('Inglés conversacional nivel básico')
    const token = (await context.cookies()).find((c) => c.name === 'payload-token')!.value
    for (const course of [leadership, english]) expect((await api('POST', `/courses/${course.id}/enroll`, {}, token)).status).toBe(201)
    const mine = await (await api('GET', `/enrollments?where[course][equals]=${leadership.id}&depth=0`, undefined, token)).json()
    const { token: adminToken } = await (await api('POST', '/users/login', E2E_ADMIN)).json()
    const completed = await api('PATCH', `/enrollments/${mine.docs[0].id}`, { completedAt: new Date().toISOString() }, adminToken)
    expect(completed.status).toBe(200)

    await page.goto(`${base}/cuenta/`, { waitUntil: 'networkidle' })
    const entry = entryFor(page, leadership)
    expect(await entry.locator('.status-badge').textContent()).toBe('Concluida')
    expect(await entry.getByRole('button').count()).toBe(0)
    expect(await entryFor(page, english).locator('.status-badge').textContent()).toBe('Confirmada')
    const pdf = await entry.getByRole('link', { name: 'Descargar mi constancia en PDF' }).getAttribute('href')
    await entry.getByRole('link', { name: 'Ver mi constancia' }).click()
    await page.waitForURL(/\/constancias\/VJ-[A-Z0-9-]+$/)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Constancia válida')
    expect(await page.locator('dl.facts').textContent()).toMatch(/Valeria Hernández López.*Liderazgo y proyectos comunitarios/)
    const file = await fetch(`${base}${pdf}`)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('has zero WCAG 2.1 AA violations on Mi cuenta with confirmed, waitlisted, concluded and cancelled enrolments', async () => {
    await page.goto(`${base}/cuenta/`, { waitUntil: 'networkidle' })
    await entryFor(page, fullWorkshop).getByText('Salir de la lista de espera', { exact: true }).click() // the opened confirmation too
    expect(await a11yViolations(page)).toEqual([])
  })
})

describe('the same flow with JavaScript turned off', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-MX', javaScriptEnabled: false })
    page = await context.newPage()
    await logIn(page, await verifiedYouth('Iker'))
  })
  afterAll(() => context?.close())

  it('enrols through the course page form and lands on the enrolment page, confirmed', async () => {
    const before = await seatsOf(workshop)
    await page.goto(`${base}/cursos/${workshop.slug}/`)
    await page.locator('#inscripcion').getByRole('button', { name: 'Inscribirme' }).click()
    await page.waitForURL(`${base}/cursos/${workshop.slug}/inscripcion`)
    expect(await page.getByRole('status').textContent()).toBe('¡Listo! Tienes un lugar confirmado. Te enviamos un correo con los detalles.')
    expect(await page.locator('main').textContent()).toContain(`Quedan ${before.seatsLeft - 1} de ${before.capacity} lugares.`)
    expect(await page.locator('main form button').textContent()).toBe('Cancelar mi inscripción')
    expect(await seatsOf(workshop)).toMatchObject({ seatsLeft: before.seatsLeft - 1 })
  })

  it('cancels from Mi cuenta through the confirmation, and the seat returns', async () => {
    const before = await seatsOf(workshop)
    await page.goto(`${base}/cuenta/`)
    const entry = entryFor(page, workshop)
    expect(await entry.locator('.status-badge').textContent()).toBe('Confirmada')
    await entry.getByText('Cancelar mi inscripción', { exact: true }).click() // <details> opens without JavaScript
    await entry.getByRole('button', { name: 'Sí, cancelar mi inscripción' }).click()
    await page.waitForURL(/\/cuenta\/\?aviso=inscripcion-cancelada/)
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Cancelaste tu inscripción\./)
    expect(await entryFor(page, workshop).locator('.status-badge').textContent()).toBe('Cancelada')
    expect(await seatsOf(workshop)).toMatchObject({ seatsLeft: before.seatsLeft + 1, confirmed: before.confirmed - 1 })

    await page.goto(`${base}/cursos/${workshop.slug}/inscripcion`)
    expect(await page.locator('main').textContent()).toContain(`Quedan ${before.seatsLeft + 1} de ${before.capacity} lugares.`)
    expect(await page.locator('main form button').textContent()).toBe('Inscribirme')
  })

  it('a crafted second cancel is refused with a Spanish reason, not an error page', async () => {
    const response = await page.request.post(`${base}/cuenta/inscripciones/cancelar/`, {
      form: { inscripcion: '999999999' },
      headers: { origin: base },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(404)
    expect(await response.text()).toContain('No encontramos esa inscripción.')
  })
})
