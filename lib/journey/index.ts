import { milestones, type Milestone } from './milestones'
import { pillarProgress, type PillarProgress } from './progress'
import { buildTimeline, type TimelineEvent } from './timeline'
import type { Activities, Pillar } from './types'

export * from './types'
export { buildTimeline, type TimelineEvent } from './timeline'
export { pillarProgress, type PillarProgress } from './progress'
export { milestones, grammarOf, type Milestone } from './milestones'

export type Journey = { timeline: TimelineEvent[]; progress: PillarProgress[]; milestones: Milestone[] }

/** The whole journey of one youth: for their eyes only (it may hold sensitive pillars). */
export function computeJourney(pillars: Pillar[], activities: Activities, gender?: string | null): Journey {
  const timeline = buildTimeline(activities)
  return { timeline, progress: pillarProgress(pillars, activities), milestones: milestones(pillars, timeline, gender) }
}
