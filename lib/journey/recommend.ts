import { isSensitivePillar, type Pillar } from './types'

/**
 * "Para ti": ranks open programs the youth may join. Interests weigh most, then pillars the youth
 * has not explored yet; among equals, the one closing soonest first (it will not wait).
 */
export type Candidate = {
  type: 'course' | 'call'
  id: number
  title: string
  slug?: string | null
  pillars: string[]
  closes: string | null
  /** Courses only: seats offered (read with the catalogue; seats taken are counted live). */
  capacity?: number
  /** Courses only: no seat left, so enrolling puts the youth on the waitlist. */
  waitlistOnly?: boolean
}

export type Recommendation = Candidate & { reason: string; score: number; sensitive: boolean }

const INTEREST = 2
const NEW_PILLAR = 1

export function rankRecommendations(
  candidates: Candidate[],
  pillars: Pillar[],
  interests: string[],
  explored: string[],
): Recommendation[] {
  const nameOf = new Map(pillars.map((p) => [p.slug, p.name]))
  const liked = candidates.map((c) => {
    const interesting = c.pillars.filter((p) => interests.includes(p) && nameOf.has(p))
    const fresh = c.pillars.filter((p) => !explored.includes(p) && nameOf.has(p))
    const score = (interesting.length ? INTEREST : 0) + (fresh.length ? NEW_PILLAR : 0)
    const reason = interesting.length
      ? `porque te interesa ${listOf(interesting.map((p) => nameOf.get(p)!))}`
      : fresh.length
        ? `para explorar un pilar nuevo: ${listOf(fresh.map((p) => nameOf.get(p)!))}`
        : 'abierto ahora y puedes participar'
    return { ...c, reason, score, sensitive: c.pillars.some(isSensitivePillar) }
  })
  const closing = (c: Candidate) => (c.closes ? new Date(c.closes).getTime() : Number.MAX_SAFE_INTEGER)
  return liked.sort((a, b) => b.score - a.score || closing(a) - closing(b) || a.title.localeCompare(b.title, 'es'))
}

/** "A", "A y B", "A, B y C". */
export const listOf = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} y ${names[names.length - 1]}`
