import { isSensitivePillar, type Pillar } from './types'
import type { TimelineEvent, TimelineKind } from './timeline'

/**
 * The milestones of the journey (docs/journey.md). Each is replayed over the timeline so it
 * carries the day it was reached; those not reached yet say how far along the youth is.
 */
export type Milestone = {
  key: string
  title: string
  description: string
  achievedAt: string | null
  /** e.g. { current: 2, target: 3 } for "tres pilares" */
  progress: { current: number; target: number }
  pillar?: string
  sensitive: boolean
}

/** A step in a pillar: any event but a cancellation, a rejection or a withdrawal (and a sign-up later cancelled). */
const STEP: ReadonlySet<TimelineKind> = new Set(['enrolled', 'waitlisted', 'attended', 'completed', 'certificate', 'applied', 'accepted', 'application-waitlisted'])
/** Taking part (not only signing up): a seat, a session attended, a course concluded, an acceptance. */
const TAKING_PART: ReadonlySet<TimelineKind> = new Set(['enrolled', 'attended', 'completed', 'accepted'])

export const EXPLORER_TARGET = 3
export const CERTIFICATES_TARGET = 3

export type Grammar = 'a' | 'o' | 'e'
/** Spanish agrees with the person: the profile's gender picks the word, and a neutral form otherwise. */
export const grammarOf = (gender?: string | null): Grammar => (gender === 'mujer' ? 'a' : gender === 'hombre' ? 'o' : 'e')
const explorerWord: Record<Grammar, string> = { a: 'Exploradora', o: 'Explorador', e: 'Explorador(a)' }

/** The instant the n-th distinct pillar was reached by `kinds`, and how many were reached. */
function nthPillar(timeline: TimelineEvent[], kinds: ReadonlySet<TimelineKind>, n: number): { at: string | null; count: number } {
  const reached = new Set<string>()
  let at: string | null = null
  for (const e of timeline) {
    if (!kinds.has(e.kind)) continue
    for (const p of e.pillars) {
      if (reached.has(p)) continue
      reached.add(p)
      if (reached.size === n && !at) at = e.at
    }
  }
  return { at, count: reached.size }
}

/** Signing up for a course the youth then cancelled: given back, so it earns no badge. */
const SIGN_UP: ReadonlySet<TimelineKind> = new Set(['enrolled', 'waitlisted'])

export function milestones(pillars: Pillar[], whole: TimelineEvent[], gender?: string | null): Milestone[] {
  // A seat given back (cancelled) was not a step: only what the youth kept or did counts. What
  // they did before cancelling (a session attended) still does.
  const cancelled = new Set(whole.filter((e) => e.kind === 'cancelled').map((e) => `${e.program.type}:${e.program.id}`))
  const timeline = whole.filter((e) => !SIGN_UP.has(e.kind) || !cancelled.has(`${e.program.type}:${e.program.id}`))
  const firstSteps = pillars.map((pillar): Milestone => {
    const first = timeline.find((e) => STEP.has(e.kind) && e.pillars.includes(pillar.slug))
    return {
      key: `primer-paso:${pillar.slug}`,
      title: `Primer paso: ${pillar.name}`,
      description: `Te inscribiste o te postulaste por primera vez a algo de ${pillar.name}.`,
      achievedAt: first?.at ?? null,
      progress: { current: first ? 1 : 0, target: 1 },
      pillar: pillar.slug,
      sensitive: isSensitivePillar(pillar.slug),
    }
  })
  const known = new Set(pillars.map((p) => p.slug))
  const inKnown = timeline.map((e) => ({ ...e, pillars: e.pillars.filter((p) => known.has(p)) }))
  const explorer = nthPillar(inKnown, STEP, EXPLORER_TARGET)
  const agent = nthPillar(inKnown, TAKING_PART, pillars.length)
  const certificates = timeline.filter((e) => e.kind === 'certificate')
  const completions = timeline.filter((e) => e.kind === 'completed')
  const word = explorerWord[grammarOf(gender)]
  return [
    ...firstSteps,
    {
      key: 'primera-meta',
      title: 'Primera meta cumplida',
      description: 'Concluiste tu primer curso o taller.',
      achievedAt: completions[0]?.at ?? null,
      progress: { current: Math.min(completions.length, 1), target: 1 },
      sensitive: false,
    },
    {
      key: 'explorador',
      title: word,
      description: `Diste pasos en ${EXPLORER_TARGET} pilares distintos del Viaje del Joven.`,
      achievedAt: explorer.at,
      progress: { current: Math.min(explorer.count, EXPLORER_TARGET), target: EXPLORER_TARGET },
      sensitive: false,
    },
    {
      key: 'constancias',
      title: 'Tres constancias',
      description: `Obtuviste ${CERTIFICATES_TARGET} constancias de cursos o talleres.`,
      achievedAt: certificates[CERTIFICATES_TARGET - 1]?.at ?? null,
      progress: { current: Math.min(certificates.length, CERTIFICATES_TARGET), target: CERTIFICATES_TARGET },
      sensitive: false,
    },
    {
      key: 'agente-de-cambio',
      title: 'Agente de Cambio',
      description: `Participaste (con lugar confirmado, asistencia, curso concluido o postulación aceptada) en los ${pillars.length} pilares.`,
      achievedAt: agent.at,
      progress: { current: Math.min(agent.count, pillars.length), target: pillars.length },
      sensitive: false,
    },
  ]
}
