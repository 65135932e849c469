import { PEOPLE_COLUMNS, type CapacityRow, type Count, type ImpactReport, type ImpactRow, type PeopleColumn } from './tables'

/**
 * Small-cell suppression for publishing: no published count of people is between 1 and 4, and no
 * row stands for fewer than 5 people.
 * 1. Rows of fewer than 5 youths are folded into one "Otros" row (their label alone could point
 *    at someone: "1 person from colonia X"); in ordered tables (age, month, pillar) they stay, blank.
 * 2. Every remaining count under 5 (but not 0) becomes null.
 * 3. Complementary suppression: when a column has exactly one suppressed cell, the smallest other
 *    published cell is suppressed too, so the total minus the rest cannot reveal it.
 */
export const MIN_CELL = 5
export const OTHERS_LABEL = 'Otros (grupos de menos de 5 personas)'

const small = (value: Count): boolean => value !== null && value > 0 && value < MIN_CELL

function foldSmallRows(rows: ImpactRow[]): ImpactRow[] {
  const kept = rows.filter((row) => !small(row.youths) && row.youths !== null)
  const folded = rows.filter((row) => !kept.includes(row))
  if (!folded.length) return kept
  const others = { key: 'otros', label: OTHERS_LABEL } as ImpactRow
  // Youths in two small groups would be counted twice; a sum over-counts, never reveals more.
  for (const column of PEOPLE_COLUMNS) others[column] = folded.reduce((sum, row) => sum + (row[column] ?? 0), 0)
  return [...kept, others]
}

function suppressColumn<T extends Record<string, unknown>>(rows: T[], column: keyof T): T[] {
  const out = rows.map((row) => ({ ...row, [column]: small(row[column] as Count) ? null : row[column] }))
  const hidden = out.filter((row) => row[column] === null).length
  if (hidden === 1) {
    const candidates = out.filter((row) => typeof row[column] === 'number' && (row[column] as number) > 0)
    const smallest = candidates.sort((a, b) => (a[column] as number) - (b[column] as number))[0]
    if (smallest) (smallest as Record<keyof T, unknown>)[column] = null
  }
  return out
}

/** Ordered groups (age bands, months, pillars) keep their rows: a row of under 5 youths shows no count at all. */
const blankSmallRows = (rows: ImpactRow[]): ImpactRow[] =>
  rows.map((row) => (small(row.youths) ? { ...row, ...Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, null])) } : row))

export function suppressTable(rows: ImpactRow[], { fold = true } = {}): ImpactRow[] {
  let out = fold ? foldSmallRows(rows) : blankSmallRows(rows)
  for (const column of PEOPLE_COLUMNS) out = suppressColumn(out, column)
  return out
}

export const suppressCapacity = (rows: CapacityRow[]): CapacityRow[] => suppressColumn(rows, 'used')

/** The report as it may be published: the only form that leaves the staff's hands. */
export function suppressReport(report: ImpactReport): ImpactReport {
  const totals = Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, small(report.totals[c]) ? null : report.totals[c]])) as Record<PeopleColumn, Count>
  const t = report.tables
  return {
    ...report,
    totals,
    tables: {
      pillar: suppressTable(t.pillar, { fold: false }),
      age: suppressTable(t.age, { fold: false }),
      gender: suppressTable(t.gender, { fold: false }),
      colonia: suppressTable(t.colonia),
      organization: suppressTable(t.organization),
      month: suppressTable(t.month, { fold: false }),
      capacity: suppressCapacity(t.capacity),
    },
  }
}

/**
 * The staff's exact report with one exception: a pillar whose activity is sensitive (health,
 * violence prevention) shows no count of 1 to 4 people, as open data does. Crossed with the
 * exact colonia, age or gender tables of a narrow period, «1 in Salud y Bienestar» points at
 * a person. Every other figure stays exact; `sensitiveKeys` are the pillar rows' keys (ids).
 */
export function protectSensitivePillars(report: ImpactReport, sensitiveKeys: ReadonlySet<string>): ImpactReport {
  const hide = (value: Count): Count => (small(value) ? null : value)
  const pillar = report.tables.pillar.map((row) => {
    if (!sensitiveKeys.has(row.key)) return row
    // A row of under 5 youths shows nothing at all (its other columns would tell the same story).
    if (small(row.youths)) return { ...row, ...Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, null])) }
    return { ...row, ...Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, hide(row[c])])) }
  })
  const capacity = report.tables.capacity.map((row) => (sensitiveKeys.has(row.key) ? { ...row, used: hide(row.used) } : row))
  return { ...report, tables: { ...report.tables, pillar, capacity } }
}
