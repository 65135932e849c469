/**
 * The impact report's shape: tables of rows, each row a group (a pillar, an age band, a colonia, a
 * month...) with counts of people and of what they did. Plain data shared by the endpoint, the CSV
 * export, the admin and the open-data page.
 */

/** Counts about people: these are the cells small-cell suppression applies to. */
export const PEOPLE_COLUMNS = ['youths', 'enrolments', 'completions', 'applications'] as const
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number]

/** A suppressed cell is `null`: published as "<5" (CSV: empty) and never as its value. */
export type Count = number | null
export type ImpactRow = { key: string; label: string } & Record<PeopleColumn, Count>
export type CapacityRow = { key: string; label: string; courses: number; offered: number; used: Count }

export const TABLES = ['pillar', 'age', 'gender', 'colonia', 'organization', 'month'] as const
export type TableName = (typeof TABLES)[number] | 'capacity'

export type ImpactReport = {
  from: string
  to: string
  /** When the rollup these figures come from was built (ISO instant): "datos al …". */
  asOf?: string
  totals: Record<PeopleColumn, Count>
  tables: Record<(typeof TABLES)[number], ImpactRow[]> & { capacity: CapacityRow[] }
}

export const TABLE_TITLES: Record<TableName, string> = {
  pillar: 'Por pilar',
  age: 'Por grupo de edad',
  gender: 'Por género',
  colonia: 'Por colonia',
  organization: 'Por organización',
  month: 'Por mes',
  capacity: 'Cupo ofrecido y ocupado por pilar',
}

export const COLUMN_TITLES: Record<PeopleColumn | 'courses' | 'offered' | 'used', string> = {
  youths: 'Personas jóvenes atendidas',
  enrolments: 'Inscripciones',
  completions: 'Cursos concluidos',
  applications: 'Postulaciones',
  courses: 'Cursos',
  offered: 'Lugares ofrecidos',
  used: 'Lugares ocupados',
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value)
  // Quote everything that could break a row, and defuse spreadsheet formulas (=, +, -, @).
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\n\r;]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One table as CSV (UTF-8 with BOM so spreadsheet programs read the accents), Spanish headers. */
export function tableCsv(report: ImpactReport, table: TableName): string {
  const rows = report.tables[table] as (ImpactRow | CapacityRow)[]
  const columns = table === 'capacity' ? (['courses', 'offered', 'used'] as const) : PEOPLE_COLUMNS
  const header = ['Grupo', ...columns.map((c) => COLUMN_TITLES[c])]
  const lines = [header, ...rows.map((row) => [row.label, ...columns.map((c) => (row as Record<string, unknown>)[c])])]
  return '\uFEFF' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
