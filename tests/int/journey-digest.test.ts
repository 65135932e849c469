/**
 * The weekly "Para ti" digest: only youths who asked for it get it, only with what opened this
 * week and they may join, at most once a week, and the link in it unsubscribes in one click.
 */
import fs from 'node:fs'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runWeeklyDigest } from '../../lib/journey/digest'
import { seed } from '../../seed'
import { linkIn, useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { openCourse, youths } from './enrollment-fixtures'

const outbox = useOutbox()

describe('weekly digest', () => {
  let ctx: TestContext
  let pillar: Record<string, number>
  const run = async () => (await runWeeklyDigest(await createLocalReq({}, ctx.payload))).output.sent
  const optIn = (id: number, on = true) => ctx.payload.update({ collection: 'youth', id, data: { notifications: { weeklyDigest: on } } as never })

  beforeAll(async () => {
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    const { docs } = await ctx.payload.find({ collection: 'pillars', limit: 0, pagination: false })
    pillar = Object.fromEntries(docs.map((p) => [p.slug, p.id as number]))
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  it('goes to those who opted in, with this week’s open programs they may join and the reason', async () => {
    const [ana, beto] = await youths(ctx, 2, { interests: [] })
    await ctx.payload.update({ collection: 'youth', id: ana.id, data: { interests: [pillar['salud-bienestar']] } as never })
    await optIn(ana.id)
    expect((await ctx.payload.findByID({ collection: 'youth', id: beto.id })).notifications?.weeklyDigest).toBe(false) // opt-in: off by default
    await openCourse(ctx, { title: 'Meditación para estudiar', pillars: [pillar['salud-bienestar']] })
    await openCourse(ctx, { title: 'Solo para adolescentes', pillars: [pillar['salud-bienestar']], ageRange: { min: 12, max: 17 } })

    expect(await run()).toBe(1)
    expect(outbox.to(beto.email)).toEqual([])
    const mail = outbox.latestTo(ana.email)
    expect(mail.subject).toBe('Una oportunidad nueva para ti en Viaje Joven')
    expect(mail.text).toContain('«Meditación para estudiar» (curso o taller): porque te interesa Salud y Bienestar.')
    expect(mail.text).not.toContain('Solo para adolescentes')
    expect(mail.text).toContain('/cuenta/viaje/')
    expect(fs.readFileSync(mail.file, 'utf8')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m)

    // A second run the same week sends nothing more.
    expect(await run()).toBe(0)
    expect(outbox.to(ana.email)).toHaveLength(1)
  })

  it('sends nothing when nothing new is open for the person', async () => {
    const [carla] = await youths(ctx, 1, { municipality: 'León' })
    await optIn(carla.id)
    await ctx.payload.update({ collection: 'courses', where: {}, data: { state: 'cancelled' } as never })
    expect(await run()).toBe(0)
    expect(outbox.to(carla.email)).toEqual([])
  })

  it('unsubscribes in one click from the link, and refuses a forged one', async () => {
    const [dani] = await youths(ctx, 1)
    await optIn(dani.id)
    await openCourse(ctx, { title: 'Taller de fotografía', pillars: [pillar['cultura-deporte-recreacion']] })
    expect(await run()).toBe(1)
    const link = linkIn(outbox.latestTo(dani.email), '/api/youth/digest/unsubscribe')
    const forged = await ctx.rest('GET', `/youth/digest/unsubscribe?u=${dani.id}&t=${'x'.repeat(43)}`)
    expect(forged.status).toBe(400)
    expect((await ctx.payload.findByID({ collection: 'youth', id: dani.id })).notifications?.weeklyDigest).toBe(true)

    const response = await ctx.rest('GET', `/youth/digest/unsubscribe${link.search}`)
    expect(response.status).toBe(200)
    const landing = await response.text()
    expect(landing).toContain('Listo, te diste de baja')
    // It says the state and offers the way back (logged in: opting in is the account holder's choice).
    expect(landing).toContain('Estado: <strong>ya no recibes el resumen semanal</strong>')
    expect(landing).toContain('<a href="/cuenta/notificaciones/">Volver a recibir el resumen cada lunes</a>')
    expect((await ctx.payload.findByID({ collection: 'youth', id: dani.id })).notifications?.weeklyDigest).toBe(false)
    const oneClick = await ctx.rest('POST', `/youth/digest/unsubscribe${link.search}`, { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(oneClick.status).toBe(200)
  })

  it('a youth turns it on and off with their own PATCH, which cannot touch when it was last sent nor anyone else', async () => {
    const [eva, fer] = await youths(ctx, 2)
    await optIn(eva.id)
    await openCourse(ctx, { title: 'Taller de radio comunitaria', pillars: [pillar['cultura-deporte-recreacion']] })
    expect(await run()).toBe(1)
    const sentAt = (await ctx.payload.findByID({ collection: 'youth', id: eva.id })).notifications?.digestSentAt
    expect(sentAt).toEqual(expect.any(String))

    // What /cuenta/notificaciones/ sends: the preference and the interests, nothing else.
    const off = await ctx.rest('PATCH', `/youth/${eva.id}?depth=0`, {
      token: eva.token,
      body: { notifications: { weeklyDigest: false, digestSentAt: null }, interests: [pillar['salud-bienestar']] },
    })
    expect(off.status).toBe(200)
    const after = await ctx.payload.findByID({ collection: 'youth', id: eva.id, depth: 0 })
    expect(after.notifications).toMatchObject({ weeklyDigest: false, digestSentAt: sentAt })
    expect(after.interests).toEqual([pillar['salud-bienestar']])

    const someoneElse = await ctx.rest('PATCH', `/youth/${eva.id}?depth=0`, { token: fer.token, body: { notifications: { weeklyDigest: true } } })
    expect(someoneElse.status).toBe(403)
    expect((await ctx.payload.findByID({ collection: 'youth', id: eva.id })).notifications?.weeklyDigest).toBe(false)
  })
})
