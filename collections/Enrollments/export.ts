import type { Endpoint } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { courseRoster, isRefusal, type RosterRow } from './roster'

/**
 * `GET /api/enrollments/export/:courseId` → the course's list as CSV for its coordinators (name,
 * age, colonia, contact, status, attendance), confirmed first, then the waitlist in order.
 */
export const exportEndpoint: Endpoint = {
  path: '/export/:course',
  method: 'get',
  handler: async (req) => {
    const roster = await courseRoster(req, req.routeParams?.course)
    if (isRefusal(roster)) return errorResponse(roster.status, roster.message)
    const rows = [...roster.confirmed, ...roster.waitlist].map((r) => [
      r.name,
      r.age === null ? '' : String(r.age),
      r.colonia,
      r.email,
      r.statusLabel,
      r.position === null ? '' : String(r.position),
      progressText(r),
      r.completed ? 'Sí' : 'No',
    ])
    const header = ['Nombre', 'Edad', 'Colonia', 'Correo', 'Estado', 'Lugar en lista de espera', 'Asistencias', 'Concluyó']
    const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="inscripciones-${roster.course.slug ?? roster.course.id}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}

/** "3 de 4" sessions attended, or "2 de 3 lecciones" for a self-paced course. */
export const progressText = ({ progress }: RosterRow) => `${progress.done} de ${progress.of}${progress.unit === 'lessons' ? ' lecciones' : ''}`

/** Quotes a cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}
