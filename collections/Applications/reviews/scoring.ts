/**
 * Scores checked against the call's rubric, and the weighted total of a review. Pure functions:
 * the rubric is data staff define per call (criteria with a weight and a maximum).
 */

export type Criterion = { id?: string | null; name: string; weight: number; scaleMax: number }
export type Score = { criterion?: string | null; name?: string | null; score?: number | null }
export type ScoreProblem = { path: string; message: string }

const isScore = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/**
 * The review's scores in rubric order, one row per criterion (empty rows where nothing was given
 * yet), and what is wrong with them. A submitted review (`complete`) must score every criterion.
 */
export function checkScores(rubric: Criterion[], scores: Score[], complete: boolean): { rows: Score[]; problems: ScoreProblem[] } {
  const problems: ScoreProblem[] = []
  if (complete && !rubric.length) problems.push({ path: 'scores', message: 'Esta convocatoria todavía no tiene rúbrica: pide a la administración que la defina.' })
  const known = new Set(rubric.map((c) => c.id))
  const unknown = scores.filter((s) => !s.criterion || !known.has(s.criterion))
  if (unknown.length) problems.push({ path: 'scores', message: 'Hay calificaciones de criterios que no están en la rúbrica de la convocatoria.' })
  const rows = rubric.map((c) => {
    const given = scores.filter((s) => s.criterion === c.id)
    if (given.length > 1) problems.push({ path: 'scores', message: `«${c.name}» está calificado más de una vez.` })
    const score = given[0]?.score ?? null
    if (score === null) {
      if (complete) problems.push({ path: 'scores', message: `Califica «${c.name}» antes de enviar tu evaluación.` })
    } else if (!isScore(score) || score < 0 || score > c.scaleMax) {
      problems.push({ path: 'scores', message: `«${c.name}» se califica de 0 a ${c.scaleMax}.` })
    }
    return { criterion: c.id ?? null, name: c.name, score }
  })
  return { rows, problems }
}

/** Σ(weight × score / scaleMax) / Σ weight × 100, to one decimal; null until every criterion is scored. */
export function totalOf(rubric: Criterion[], rows: Score[]): number | null {
  if (!rubric.length) return null
  let weighted = 0
  let weights = 0
  for (const c of rubric) {
    const score = rows.find((s) => s.criterion === c.id)?.score
    if (!isScore(score)) return null
    weighted += (c.weight * score) / c.scaleMax
    weights += c.weight
  }
  return weights > 0 ? round1((weighted / weights) * 100) : null
}

export const round1 = (value: number) => Math.round(value * 10) / 10

/** The application's average over its submitted reviews' totals (null when none). */
export const averageOf = (totals: number[]): number | null => (totals.length ? round1(totals.reduce((a, b) => a + b, 0) / totals.length) : null)
