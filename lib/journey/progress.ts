import { isSensitivePillar, type Activities, type Pillar } from './types'

/**
 * Per pillar, counted over distinct courses and calls:
 * - explored: the youth took a step (enrolled or waitlisted, even if later cancelled or not
 *   selected; a sent application, unless withdrawn);
 * - active: under way now (a confirmed or waitlisted enrolment not yet completed; an application
 *   waiting for its result);
 * - completed: a course concluded or an application accepted.
 */
export type PillarProgress = Pillar & {
  sensitive: boolean
  explored: number
  active: number
  completed: number
  /** The furthest the youth went: drives the picture and its text equivalent. */
  level: 'none' | 'explored' | 'active' | 'completed'
}

const PENDING_APPLICATION = new Set(['submitted', 'in-review', 'needs-info', 'waitlisted'])

export type Step = { pillars: string[]; explored: boolean; active: boolean; completed: boolean }

/** One row per course or call the youth touched, with what it counts for. */
export function steps({ enrollments, applications }: Activities): Step[] {
  return [
    ...enrollments.map((e) => ({
      pillars: e.course.pillars,
      explored: true,
      active: !e.completedAt && (e.status === 'confirmed' || e.status === 'waitlisted'),
      completed: Boolean(e.completedAt),
    })),
    ...applications
      .filter((a) => a.status !== 'draft' && a.status !== 'withdrawn')
      .map((a) => ({ pillars: a.call.pillars, explored: true, active: PENDING_APPLICATION.has(a.status), completed: a.status === 'accepted' })),
  ]
}

export function pillarProgress(pillars: Pillar[], activities: Activities): PillarProgress[] {
  const all = steps(activities)
  return pillars.map((pillar) => {
    const mine = all.filter((s) => s.pillars.includes(pillar.slug))
    const explored = mine.filter((s) => s.explored).length
    const active = mine.filter((s) => s.active).length
    const completed = mine.filter((s) => s.completed).length
    const level = completed ? 'completed' : active ? 'active' : explored ? 'explored' : 'none'
    return { ...pillar, sensitive: isSensitivePillar(pillar.slug), explored, active, completed, level }
  })
}
