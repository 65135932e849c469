import { describe, expect, it } from 'vitest'

import { computeJourney, type Activities, type Pillar } from '../../lib/journey'
import { listOf, rankRecommendations, type Candidate } from '../../lib/journey/recommend'

const PILLARS: Pillar[] = [
  { slug: 'participacion-social', name: 'Participación Social y Agente de Cambio' },
  { slug: 'educacion-formacion', name: 'Educación y Formación Integral' },
  { slug: 'empleo-emprendimiento', name: 'Empleo Juvenil y Emprendimiento' },
  { slug: 'salud-bienestar', name: 'Salud y Bienestar' },
  { slug: 'cultura-deporte-recreacion', name: 'Cultura, Deporte y Recreación' },
  { slug: 'prevencion-violencia', name: 'Prevención de la Violencia' },
]

const course = (id: number, title: string, pillars: string[]) => ({ id, title, slug: `c-${id}`, pillars })
const call = (id: number, title: string, pillars: string[]) => ({ id, title, slug: `k-${id}`, pillars })

/** One youth's known year: every kind of step, across five pillars. */
const year: Activities = {
  enrollments: [
    {
      id: 1,
      course: course(10, 'Programación web', ['educacion-formacion']),
      status: 'confirmed',
      createdAt: '2026-02-01T18:00:00.000Z',
      confirmedAt: '2026-02-01T18:00:00.000Z',
      attendance: [
        { sessionStartsAt: '2026-02-10T23:00:00.000Z', present: true },
        { sessionStartsAt: '2026-02-17T23:00:00.000Z', present: false },
      ],
      completedAt: '2026-02-20T12:00:00.000Z',
      certificateCode: 'VJ-AAAA',
    },
    {
      id: 2,
      course: course(11, 'Autocuidado emocional', ['salud-bienestar']),
      status: 'waitlisted',
      createdAt: '2026-03-01T18:00:00.000Z',
    },
    {
      id: 3,
      course: course(12, 'Futbol rápido', ['cultura-deporte-recreacion']),
      status: 'cancelled',
      createdAt: '2026-03-05T18:00:00.000Z',
      cancelledAt: '2026-03-06T18:00:00.000Z',
    },
    {
      id: 4,
      course: course(13, 'Mediación escolar', ['prevencion-violencia', 'participacion-social']),
      status: 'confirmed',
      createdAt: '2026-04-01T18:00:00.000Z',
      confirmedAt: '2026-04-03T10:00:00.000Z',
    },
  ],
  applications: [
    { id: 7, call: call(20, 'Beca Emprende', ['empleo-emprendimiento']), status: 'draft', createdAt: '2026-01-01T00:00:00.000Z' },
    {
      id: 8,
      call: call(21, 'Beca de transporte', ['educacion-formacion']),
      status: 'accepted',
      createdAt: '2026-01-10T00:00:00.000Z',
      submittedAt: '2026-01-11T00:00:00.000Z',
      history: [
        { status: 'submitted', at: '2026-01-11T00:00:00.000Z' },
        { status: 'in-review', at: '2026-01-12T00:00:00.000Z' },
        { status: 'accepted', at: '2026-01-20T00:00:00.000Z' },
      ],
    },
  ],
}

describe('journey timeline', () => {
  const { timeline } = computeJourney(PILLARS, year, 'mujer')

  it('lists every step oldest first, in Spanish, and leaves drafts out', () => {
    expect(timeline.map((e) => [e.at.slice(0, 10), e.kind, e.program.id])).toEqual([
      ['2026-01-11', 'applied', 21],
      ['2026-01-20', 'accepted', 21],
      ['2026-02-01', 'enrolled', 10],
      ['2026-02-10', 'attended', 10],
      ['2026-02-20', 'completed', 10],
      ['2026-02-20', 'certificate', 10],
      ['2026-03-01', 'waitlisted', 11],
      ['2026-03-05', 'enrolled', 12],
      ['2026-03-06', 'cancelled', 12],
      ['2026-04-01', 'waitlisted', 13],
      ['2026-04-03', 'enrolled', 13],
    ])
    expect(timeline[1].text).toBe('Tu postulación a «Beca de transporte» fue aceptada.')
    expect(timeline[5].text).toBe('Recibiste tu constancia de «Programación web».')
  })

  it('tags each event with its pillars and flags the sensitive ones', () => {
    const sensitive = timeline.filter((e) => e.sensitive).map((e) => e.program.id)
    expect(new Set(sensitive)).toEqual(new Set([11, 13]))
    expect(timeline.find((e) => e.program.id === 13)!.pillars).toEqual(['prevencion-violencia', 'participacion-social'])
  })
})

describe('pillar progress', () => {
  const { progress } = computeJourney(PILLARS, year)
  const of = (slug: string) => progress.find((p) => p.slug === slug)!

  it('counts explored, active and completed per pillar, in the pillars’ order', () => {
    expect(progress.map((p) => p.slug)).toEqual(PILLARS.map((p) => p.slug))
    expect(of('educacion-formacion')).toMatchObject({ explored: 2, active: 0, completed: 2, level: 'completed' })
    expect(of('salud-bienestar')).toMatchObject({ explored: 1, active: 1, completed: 0, level: 'active', sensitive: true })
    expect(of('cultura-deporte-recreacion')).toMatchObject({ explored: 1, active: 0, completed: 0, level: 'explored' })
    expect(of('empleo-emprendimiento')).toMatchObject({ explored: 0, active: 0, completed: 0, level: 'none', sensitive: false })
    expect(of('prevencion-violencia')).toMatchObject({ explored: 1, active: 1, sensitive: true })
  })
})

describe('milestones', () => {
  const byKey = (activities: Activities, gender?: string) =>
    Object.fromEntries(computeJourney(PILLARS, activities, gender).milestones.map((m) => [m.key, m]))

  it('dates each first step, the first completion and the explorer (3rd pillar)', () => {
    const m = byKey(year, 'mujer')
    expect(m['primer-paso:educacion-formacion'].achievedAt).toBe('2026-01-11T00:00:00.000Z')
    expect(m['primer-paso:salud-bienestar']).toMatchObject({ achievedAt: '2026-03-01T18:00:00.000Z', sensitive: true })
    expect(m['primer-paso:empleo-emprendimiento'].achievedAt).toBeNull() // only a draft
    expect(m['primera-meta'].achievedAt).toBe('2026-02-20T12:00:00.000Z')
    // education (Jan), health (1 Mar), culture (5 Mar, cancelled: not a step), prevention (1 Apr) → third pillar on 1 April
    expect(m['primer-paso:cultura-deporte-recreacion'].achievedAt).toBeNull()
    expect(m['explorador']).toMatchObject({ title: 'Exploradora', achievedAt: '2026-04-01T18:00:00.000Z', progress: { current: 3, target: 3 } })
    expect(m['constancias']).toMatchObject({ achievedAt: null, progress: { current: 1, target: 3 } })
    expect(m['agente-de-cambio']).toMatchObject({ achievedAt: null, progress: { current: 3, target: 6 } })
  })

  it('speaks to the person: Explorador for a man, a neutral form otherwise', () => {
    expect(byKey(year, 'hombre')['explorador'].title).toBe('Explorador')
    expect(byKey(year)['explorador'].title).toBe('Explorador(a)')
  })

  it('"Agente de Cambio" needs taking part in all six pillars, not only signing up', () => {
    const six = (kinds: 'confirmed' | 'waitlisted'): Activities => ({
      enrollments: PILLARS.map((p, i) => ({
        id: i + 1,
        course: course(i + 1, `Curso ${i}`, [p.slug]),
        status: kinds,
        createdAt: `2026-0${i + 1}-01T00:00:00.000Z`,
        confirmedAt: kinds === 'confirmed' ? `2026-0${i + 1}-01T00:00:00.000Z` : null,
      })),
      applications: [],
    })
    expect(byKey(six('waitlisted'))['agente-de-cambio'].achievedAt).toBeNull()
    expect(byKey(six('confirmed'))['agente-de-cambio']).toMatchObject({ achievedAt: '2026-06-01T00:00:00.000Z', progress: { current: 6, target: 6 } })
  })

  it('a cancelled enrolment earns no badge, while the timeline still tells it', () => {
    const signUps = (status: 'confirmed' | 'cancelled'): Activities => ({
      enrollments: PILLARS.map((p, i) => ({
        id: i + 1,
        course: course(i + 1, `Curso ${i}`, [p.slug]),
        status,
        createdAt: `2026-0${i + 1}-01T00:00:00.000Z`,
        confirmedAt: `2026-0${i + 1}-01T00:00:00.000Z`,
        cancelledAt: status === 'cancelled' ? `2026-0${i + 1}-02T00:00:00.000Z` : null,
      })),
      applications: [],
    })
    const kept = byKey(signUps('confirmed'))
    expect(Object.values(kept).filter((m) => m.achievedAt).map((m) => m.key)).toEqual([
      ...PILLARS.map((p) => `primer-paso:${p.slug}`),
      'explorador',
      'agente-de-cambio',
    ])
    const cancelled = computeJourney(PILLARS, signUps('cancelled'))
    expect(cancelled.milestones.filter((m) => m.achievedAt).map((m) => m.key)).toEqual([])
    expect(cancelled.milestones.find((m) => m.key === 'explorador')!.progress).toEqual({ current: 0, target: 3 })
    expect(cancelled.timeline.filter((e) => e.kind === 'cancelled')).toHaveLength(6)

    // A session attended before cancelling still happened and still counts.
    const attendedThenCancelled = signUps('cancelled')
    attendedThenCancelled.enrollments[0].attendance = [{ sessionStartsAt: '2026-01-01T12:00:00.000Z', present: true }]
    expect(byKey(attendedThenCancelled)[`primer-paso:${PILLARS[0].slug}`].achievedAt).toBe('2026-01-01T12:00:00.000Z')
  })

  it('an empty journey has every milestone ahead and no event', () => {
    const journey = computeJourney(PILLARS, { enrollments: [], applications: [] })
    expect(journey.timeline).toEqual([])
    expect(journey.milestones.every((m) => m.achievedAt === null)).toBe(true)
    expect(journey.progress.every((p) => p.level === 'none')).toBe(true)
  })
})

describe('"Para ti" ranking', () => {
  const c = (id: number, pillars: string[], closes: string | null = null): Candidate => ({
    type: 'course', id, title: `P${id}`, slug: null, pillars, closes,
  })

  it('puts interests first, then unexplored pillars, then what closes soonest, each with its reason', () => {
    const ranked = rankRecommendations(
      [c(1, ['educacion-formacion'], '2026-12-01T00:00:00Z'), c(2, ['empleo-emprendimiento']), c(3, ['salud-bienestar']), c(4, ['educacion-formacion'], '2026-11-30T00:00:00Z')],
      PILLARS,
      ['salud-bienestar'],
      ['educacion-formacion'],
    )
    expect(ranked.map((r) => [r.id, r.reason])).toEqual([
      [3, 'porque te interesa Salud y Bienestar'],
      [2, 'para explorar un pilar nuevo: Empleo Juvenil y Emprendimiento'],
      [4, 'abierto ahora y puedes participar'],
      [1, 'abierto ahora y puedes participar'],
    ])
    expect(ranked[0].sensitive).toBe(true)
  })

  it('joins names the Spanish way', () => {
    expect(listOf(['A'])).toBe('A')
    expect(listOf(['A', 'B', 'C'])).toBe('A, B y C')
  })
})
