/**
 * Pure helpers over Payload documents (no Payload import), shared by build-time pages and the
 * on-demand preview, whose server bundle must not load the Payload config.
 */
import type { Pillar } from '../../payload-types'

/** The populated relation, or null when it is missing or was not readable. */
export function populated<T extends object>(value: number | T | null | undefined): T | null {
  return value && typeof value === 'object' ? value : null
}

export const pillarsOf = (doc: { pillars?: (number | Pillar)[] | null }): Pillar[] =>
  (doc.pillars ?? []).map((pillar) => populated(pillar)).filter((pillar): pillar is Pillar => pillar !== null)
