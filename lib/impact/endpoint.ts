import type { Endpoint } from 'payload'
import { z } from 'zod'

import { mayReadImpact } from '../../collections/access'
import { errorResponse } from '../api-errors'
import { calendarDay, dayInMexicoCity } from '../time'
import { PLATFORM_START, staffImpact, tableCsv, TABLES, type TableName } from './index'

const day = (label: string) =>
  z
    .string()
    .refine((value) => calendarDay(value) === value, { message: `La fecha «${label}» debe tener el formato AAAA-MM-DD.` })
    .optional()

const query = z.object({
  from: day('desde'),
  to: day('hasta'),
  format: z.enum(['json', 'csv'], { message: 'El formato debe ser json o csv.' }).optional(),
  table: z.enum([...TABLES, 'capacity'], { message: `La tabla debe ser una de: ${[...TABLES, 'capacity'].join(', ')}.` }).optional(),
})

/**
 * `GET /api/impact?from=AAAA-MM-DD&to=AAAA-MM-DD[&format=csv&table=colonia]`: the institute's
 * impact, exact (not suppressed: staff need the real numbers), for admins, editors and coordinators.
 */
export const impactEndpoint: Endpoint = {
  path: '/impact',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta del equipo para ver el impacto.')
    if (!mayReadImpact(req.user)) return errorResponse(403, 'Solo el equipo de administración, comunicación y coordinación puede ver el impacto.')
    const parsed = query.safeParse(Object.fromEntries(new URL(req.url!).searchParams))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return errorResponse(400, issue.message, String(issue.path[0]))
    }
    const { from = PLATFORM_START, to = dayInMexicoCity(), format = 'json', table } = parsed.data
    if (from > to) return errorResponse(400, 'La fecha «desde» no puede ser posterior a «hasta».', 'from')
    if (format === 'csv' && !table) return errorResponse(400, 'Indica qué tabla quieres descargar (table=).', 'table')
    const report = await staffImpact(req.payload, from, to)
    const headers = { 'Cache-Control': 'private, no-store' }
    if (format === 'json') return Response.json(report, { headers })
    return new Response(tableCsv(report, table as TableName), {
      headers: {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="impacto-${table}-${from}-a-${to}.csv"`,
      },
    })
  },
}
