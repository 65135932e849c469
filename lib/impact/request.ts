import { z } from 'zod'

import { calendarDay, dayInMexicoCity } from '../time'
import { PLATFORM_START } from './index'
import { TABLES, type TableName } from './tables'

const day = (label: string) =>
  z
    .string()
    .refine((value) => calendarDay(value) === value, { message: `La fecha «${label}» debe tener el formato AAAA-MM-DD.` })
    .optional()

const ALL_TABLES = [...TABLES, 'capacity'] as const
const query = z.object({
  from: day('desde'),
  to: day('hasta'),
  format: z.enum(['json', 'csv'], { message: 'El formato debe ser json o csv.' }).optional(),
  table: z.enum(ALL_TABLES, { message: `La tabla debe ser una de: ${ALL_TABLES.join(', ')}.` }).optional(),
})

export type ImpactQuery = { from: string; to: string; format: 'json' | 'csv'; table?: TableName }
export type QueryProblem = { message: string; field: string }

/** The impact request's query (API and admin view alike): León days, defaults, Spanish problems. */
export function parseImpactQuery(params: Record<string, string | undefined>): ImpactQuery | QueryProblem {
  const parsed = query.safeParse(params)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { message: issue.message, field: String(issue.path[0]) }
  }
  const { from = PLATFORM_START, to = dayInMexicoCity(), format = 'json', table } = parsed.data
  if (from > to) return { message: 'La fecha «desde» no puede ser posterior a «hasta».', field: 'from' }
  if (format === 'csv' && !table) return { message: 'Indica qué tabla quieres descargar (table=).', field: 'table' }
  return { from, to, format, table }
}

export const isProblem = (value: ImpactQuery | QueryProblem): value is QueryProblem => 'message' in value
