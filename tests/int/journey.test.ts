/**
 * "Mi viaje" and "Para ti" through the API, as youths, staff and anonymous visitors would call
 * them: known activities give the expected journey, recommendations keep only what the youth can
 * join now, and nobody but the youth sees their activity (sensitive pillars above all).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../seed'
import { journeyView, opportunitiesView, opportunityFilter, progressSvg } from '../../site/lib/journey-page'
import { apiBridge } from '../helpers/api-bridge'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { submittedApplication } from './application-review-fixtures'
import { openCall } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

const outbox = useOutbox()
const DAY = 86_400_000

describe('El Viaje del Joven API', () => {
  let ctx: TestContext
  let pillar: Record<string, number>
  let ana: { id: number; token: string }
  let beto: { id: number; token: string }
  const get = (path: string, token?: string) => ctx.rest('GET', path, { token })
  const json = async (path: string, token?: string) => (await get(path, token)).json()
  const courseIn = (slugs: string[], data: Record<string, unknown> = {}) => openCourse(ctx, { pillars: slugs.map((s) => pillar[s]), ...data })
  const callIn = (slugs: string[], data: Record<string, unknown> = {}) => openCall(ctx, { pillars: slugs.map((s) => pillar[s]), ...data })

  let education: { id: number }
  let health: { id: number }
  let employment: { id: number }
  let healthEnrolmentId: number
  let bridge: { close: () => void } | undefined

  beforeAll(async () => {
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    const { docs } = await ctx.payload.find({ collection: 'pillars', limit: 0, pagination: false })
    pillar = Object.fromEntries(docs.map((p) => [p.slug, p.id as number]))
    ;[ana] = await youths(ctx, 1, { gender: 'mujer', interests: [pillar['salud-bienestar']] })
    ;[beto] = await youths(ctx, 1, { gender: 'hombre' })

    // Ana's known journey: a course concluded (education), a health workshop, an accepted call (employment).
    education = await courseIn(['educacion-formacion'], { title: 'Programación web' })
    health = await courseIn(['salud-bienestar'], { title: 'Autocuidado emocional' })
    employment = await callIn(['empleo-emprendimiento'], { title: 'Beca Emprende' })
    for (const course of [education, health]) expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: ana.token })).status).toBe(201)
    const { docs: mine } = await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: ana.id } }, depth: 0 })
    const eduEnrolment = mine.find((e) => e.course === education.id)!
    healthEnrolmentId = mine.find((e) => e.course === health.id)!.id as number
    await ctx.payload.update({ collection: 'enrollments', id: eduEnrolment.id, data: { completedAt: new Date().toISOString() } })
    const application = await submittedApplication(ctx, employment.id, ana.id)
    await ctx.payload.update({ collection: 'applications', id: application.id, data: { status: 'accepted' } })
  })
  afterAll(async () => {
    bridge?.close()
    await ctx.close()
    outbox.cleanup()
  })

  describe('who may ask', () => {
    it('anonymous: 401; staff of every role: 403 (the journey is the youth’s own)', async () => {
      for (const path of ['/youth/me/journey', '/youth/me/recommendations']) {
        const anonymous = await get(path)
        expect(anonymous.status).toBe(401)
        expect((await anonymous.json()).errors[0].message).toMatch(/^Inicia sesión/)
        for (const role of ['admin', 'coordinator'] as const) {
          const staff = await get(path, await staffToken(ctx, role))
          expect(staff.status, `${role} ${path}`).toBe(403)
          expect((await staff.json()).errors[0].message).toMatch(/solo para personas jóvenes/)
        }
      }
    })
  })

  describe('GET /api/youth/me/journey', () => {
    it('gives Ana her timeline, progress and milestones', async () => {
      const response = await get('/youth/me/journey', ana.token)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toMatch(/no-store/)
      const journey = await response.json()
      const steps = journey.timeline.map((e: { kind: string; program: { id: number } }) => `${e.kind}:${e.program.id}`)
      expect(steps).toEqual(expect.arrayContaining([`enrolled:${education.id}`, `completed:${education.id}`, `certificate:${education.id}`, `enrolled:${health.id}`, `applied:${employment.id}`, `accepted:${employment.id}`]))
      expect(steps).toHaveLength(6)
      const healthEvent = journey.timeline.find((e: { program: { id: number } }) => e.program.id === health.id)
      expect(healthEvent).toMatchObject({ pillars: ['salud-bienestar'], sensitive: true, text: 'Te inscribiste a «Autocuidado emocional».' })

      const progress = Object.fromEntries(journey.progress.map((p: { slug: string }) => [p.slug, p]))
      expect(journey.progress).toHaveLength(6)
      expect(progress['educacion-formacion']).toMatchObject({ explored: 1, active: 0, completed: 1, level: 'completed' })
      expect(progress['salud-bienestar']).toMatchObject({ explored: 1, active: 1, level: 'active', sensitive: true, name: 'Salud y Bienestar' })
      expect(progress['empleo-emprendimiento']).toMatchObject({ completed: 1, level: 'completed' })
      expect(progress['prevencion-violencia']).toMatchObject({ explored: 0, level: 'none' })

      const reached = journey.milestones.filter((m: { achievedAt: string | null }) => m.achievedAt).map((m: { key: string }) => m.key)
      expect(reached.sort()).toEqual(['explorador', 'primer-paso:educacion-formacion', 'primer-paso:empleo-emprendimiento', 'primer-paso:salud-bienestar', 'primera-meta'])
      expect(journey.milestones.find((m: { key: string }) => m.key === 'explorador').title).toBe('Exploradora')
      expect(journey.milestones.find((m: { key: string }) => m.key === 'agente-de-cambio').progress).toEqual({ current: 3, target: 6 })
    })

    it('gives Beto an empty journey: nothing of Ana’s', async () => {
      const journey = await json('/youth/me/journey', beto.token)
      expect(journey.timeline).toEqual([])
      expect(journey.progress.every((p: { level: string }) => p.level === 'none')).toBe(true)
      expect(JSON.stringify(journey)).not.toMatch(/Autocuidado|Programación web|Beca Emprende/)
    })
  })

  describe('nobody else sees Ana’s sensitive-pillar activity', () => {
    it('not another youth, not anonymous: no enrolment, application or profile of hers through the API', async () => {
      for (const token of [beto.token, undefined]) {
        for (const path of [
          `/enrollments?where[youth][equals]=${ana.id}&depth=1`,
          `/enrollments/${healthEnrolmentId}`,
          `/applications?where[youth][equals]=${ana.id}`,
          `/youth/${ana.id}`,
          `/youth?where[id][equals]=${ana.id}`,
        ]) {
          const response = await get(path, token)
          const text = await response.text()
          expect(text, `${path} ${token ? 'as Beto' : 'anonymous'}`).not.toMatch(/Autocuidado|salud-bienestar/)
          if (response.status === 200) {
            const body = JSON.parse(text)
            expect(body.docs ?? [], path).toEqual([])
          } else expect([401, 403, 404], path).toContain(response.status)
        }
      }
      expect(JSON.stringify(await json('/youth/me/recommendations', beto.token))).not.toMatch(new RegExp(`"id":${healthEnrolmentId},"course"`))
    })
  })

  describe('GET /api/youth/me/recommendations ("Para ti")', () => {
    it('offers only what Ana may join now, her interests first, each with its reason', async () => {
      const past = { opens: new Date(Date.now() - 10 * DAY).toISOString(), closes: new Date(Date.now() - DAY).toISOString() }
      const later = { opens: new Date(Date.now() + DAY).toISOString(), closes: new Date(Date.now() + 5 * DAY).toISOString() }
      const wellbeing = await courseIn(['salud-bienestar'], { title: 'Meditación para estudiar' })
      const sport = await courseIn(['cultura-deporte-recreacion'], { title: 'Voleibol' })
      const full = await courseIn(['participacion-social'], { title: 'Brigada verde', capacity: 1 })
      expect((await ctx.rest('POST', `/courses/${full.id}/enroll`, { token: beto.token })).status).toBe(201)
      const excluded = [
        await courseIn(['salud-bienestar'], { title: 'Cerrado', enrollment: past }),
        await courseIn(['salud-bienestar'], { title: 'Aún no abre', enrollment: later }),
        await courseIn(['salud-bienestar'], { title: 'Para adolescentes', ageRange: { min: 12, max: 17 } }),
        await courseIn(['salud-bienestar'], { title: 'Borrador', _status: 'draft' }),
        await courseIn(['salud-bienestar'], { title: 'Cancelado', state: 'cancelled' }),
      ]
      const leonCall = await callIn(['prevencion-violencia'], { title: 'Jóvenes por la paz' })
      const excludedCalls = [
        await callIn(['salud-bienestar'], { title: 'Convocatoria cerrada', window: past }),
        await callIn(['salud-bienestar'], { title: 'Convocatoria para menores', eligibility: { ageRange: { min: 12, max: 17 }, mustLiveInMunicipality: false } }),
      ]

      const body = await json('/youth/me/recommendations', ana.token)
      expect(body.notice).toBeUndefined()
      const items: { type: string; id: number; reason: string; waitlistOnly?: boolean; sensitive: boolean }[] = body.items
      const key = (type: string, id: number) => `${type}:${id}`
      const keys = items.map((i) => key(i.type, i.id))
      for (const c of excluded) expect(keys, 'course excluded').not.toContain(key('course', c.id))
      for (const c of excludedCalls) expect(keys, 'call excluded').not.toContain(key('call', c.id))
      // Already hers: enrolled or applied.
      for (const k of [key('course', education.id), key('course', health.id), key('call', employment.id)]) expect(keys).not.toContain(k)

      expect(items[0]).toMatchObject({ type: 'course', id: wellbeing.id, reason: 'porque te interesa Salud y Bienestar', sensitive: true })
      expect(items.find((i) => i.id === sport.id && i.type === 'course')!.reason).toBe('para explorar un pilar nuevo: Cultura, Deporte y Recreación')
      expect(items.find((i) => i.id === full.id && i.type === 'course')).toMatchObject({ waitlistOnly: true })
      expect(items.find((i) => i.id === sport.id && i.type === 'course')!.waitlistOnly).toBe(false)
      expect(keys).toContain(key('call', leonCall.id))
    })

    it('leaves out calls only for León residents for a youth from Silao, and says what is missing for an unverified one', async () => {
      const leonOnly = await callIn(['participacion-social'], { title: 'Presupuesto participativo' })
      const [silao] = await youths(ctx, 1, { municipality: 'Silao' })
      const keys = (await json('/youth/me/recommendations', silao.token)).items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`)
      expect(keys).not.toContain(`call:${leonOnly.id}`)
      expect((await json('/youth/me/recommendations', ana.token)).items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`)).toContain(`call:${leonOnly.id}`)

      const [unverified] = await youths(ctx, 1)
      await ctx.payload.update({ collection: 'youth', id: unverified.id, data: { _verified: false } as never })
      const body = await json('/youth/me/recommendations', unverified.token)
      expect(body.notice).toMatch(/^Confirma tu correo electrónico/)
      expect(body.items.length).toBeGreaterThan(0)
    })
  })

  describe('GET /api/youth/me/opportunities ("¿A qué puedo inscribirme?")', () => {
    it('lists every open program Ana may join, past the 20 of "Para ti", and only counts the rest', async () => {
      const many = []
      for (let i = 0; i < 22; i++) many.push(await courseIn(['educacion-formacion'], { title: `Taller de oficios ${i + 1}` }))
      const teensOnly = await courseIn(['educacion-formacion'], { title: 'Solo adolescentes', ageRange: { min: 12, max: 17 } })
      const closed = await courseIn(['educacion-formacion'], { title: 'Ya cerró', enrollment: { opens: new Date(Date.now() - 9 * DAY).toISOString(), closes: new Date(Date.now() - DAY).toISOString() } })

      const forYou = await json('/youth/me/recommendations', ana.token)
      expect(forYou.items).toHaveLength(20)
      const body = await json('/youth/me/opportunities', ana.token)
      const keys: string[] = body.items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`)
      expect(new Set(keys).size, 'no program twice').toBe(keys.length)
      for (const course of many) expect(keys).toContain(`course:${course.id}`)
      for (const course of [teensOnly, closed, education, health]) expect(keys).not.toContain(`course:${course.id}`)
      expect(keys).not.toContain(`call:${employment.id}`)
      // Same ranking as "Para ti": its 20 are the head of the whole list.
      expect(keys.slice(0, 20)).toEqual(forYou.items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`))
      // Ana's own: two enrolments and one application. Not for her: at least the teens-only course.
      expect(body.alreadyIn).toBe(3)
      expect(body.notForYou).toBeGreaterThanOrEqual(1)
      expect(JSON.stringify(body)).not.toContain('Solo adolescentes')

      const [teenager] = await youths(ctx, 1, { birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: 'rosa.perez@example.mx' } })
      const teen = await json('/youth/me/opportunities', teenager.token)
      expect(teen.items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`)).toContain(`course:${teensOnly.id}`)
    })

    it('the page view filters by type and pillar, and sends anonymous visitors to log in', async () => {
      bridge ??= await apiBridge(ctx)
      const visitor = (query: string, token?: string) =>
        new Request(`http://localhost/cuenta/puedo-inscribirme/${query}`, { headers: token ? { cookie: `payload-token=${token}` } : {} })
      const at = (query: string) => opportunityFilter(new URL(`http://localhost/cuenta/puedo-inscribirme/${query}`))
      expect(await opportunitiesView(visitor(''), {})).toEqual({ status: 'anonymous' })
      expect(at('?tipo=convocatorias&pilar=salud-bienestar')).toEqual({ type: 'call', pillar: 'salud-bienestar' })
      expect(at('?tipo=%3Cscript%3E&pilar=%27%3B--')).toEqual({ type: undefined, pillar: undefined })

      const all = await opportunitiesView(visitor('', ana.token), {})
      if (all.status !== 'ok') throw new Error(all.status)
      expect(all.pillars.map((p) => p.slug)).toContain('educacion-formacion')
      const calls = await opportunitiesView(visitor('?tipo=convocatorias', ana.token), at('?tipo=convocatorias'))
      if (calls.status !== 'ok') throw new Error(calls.status)
      expect(calls.items.length).toBeGreaterThan(0)
      expect(calls.items.every((i) => i.type === 'call')).toBe(true)
      expect(calls.total).toBe(all.items.length)
      const sport = await opportunitiesView(visitor('', ana.token), { pillar: 'cultura-deporte-recreacion' })
      if (sport.status !== 'ok') throw new Error(sport.status)
      expect(sport.items.length).toBeGreaterThan(0)
      expect(sport.items.every((i) => i.pillars.includes('cultura-deporte-recreacion'))).toBe(true)
    })
  })

  describe('the "Mi viaje" page (site/lib/journey-page.ts over HTTP with the visitor’s cookie)', () => {
    const visitor = (token?: string) => new Request('http://localhost/cuenta/viaje/', { headers: token ? { cookie: `payload-token=${token}` } : {} })

    it('anonymous visitors and staff sessions are sent to log in; Ana gets her journey and "Para ti"', async () => {
      bridge ??= await apiBridge(ctx)
      expect(await journeyView(visitor())).toEqual({ status: 'anonymous' })
      expect(await journeyView(visitor(await staffToken(ctx, 'admin')))).toEqual({ status: 'anonymous' })
      const view = await journeyView(visitor(ana.token))
      if (view.status !== 'ok') throw new Error(view.status)
      expect(view.journey.timeline.some((e) => e.program.id === health.id && e.sensitive)).toBe(true)
      expect(view.recommendations.length).toBeGreaterThan(0)
    })

    it('draws the six pillars as an accessible SVG whose bars follow the progress', async () => {
      const view = await journeyView(visitor(ana.token))
      if (view.status !== 'ok') throw new Error(view.status)
      const svg = progressSvg(view.journey.progress)
      expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="grafica-titulo"/)
      expect(svg).toContain('<title id="grafica-titulo">Tu progreso en los seis pilares: 3 de 6 con actividad.')
      expect(svg.match(/<text /g)).toHaveLength(6)
      // one grey track per pillar, one coloured bar per pillar with activity: full for achievements
      expect(svg.match(/fill="#ececec"/g)).toHaveLength(6)
      expect(svg).toContain('width="304" height="14" rx="7" fill="#2563eb"') // education: completed
      expect(svg).toContain('width="203" height="14" rx="7" fill="#db2777"') // health: under way
      expect(svg).not.toContain('fill="#b91c1c"') // prevention: nothing yet
    })
  })
})
