import type { Endpoint } from 'payload'

import { mayReadImpact } from '../../collections/access'
import { errorResponse } from '../api-errors'
import { staffImpact, tableCsv } from './index'
import { isProblem, parseImpactQuery } from './request'

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
    const query = parseImpactQuery(Object.fromEntries(new URL(req.url!).searchParams))
    if (isProblem(query)) return errorResponse(400, query.message, query.field)
    const { from, to, format, table } = query
    const report = await staffImpact(req.payload, from, to)
    const headers = { 'Cache-Control': 'private, no-store' }
    if (format === 'json' || !table) return Response.json(report, { headers })
    return new Response(tableCsv(report, table), {
      headers: {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="impacto-${table}-${from}-a-${to}.csv"`,
      },
    })
  },
}
