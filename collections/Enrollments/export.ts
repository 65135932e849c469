import type { Endpoint } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { ageOn, calendarDay, dayInMexicoCity } from '../../lib/time'
import { hasRole, organizationOf } from '../access'
import { STATUS_LABELS, type EnrollmentStatus } from './messages'
import { idParam } from './schema'

/**
 * `GET /api/enrollments/export/:courseId` → the course's list as CSV for its coordinators (name,
 * age, colonia, contact, status, attendance), confirmed first, then the waitlist in order.
 */
export const exportEndpoint: Endpoint = {
  path: '/export/:course',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta del equipo para descargar la lista.')
    if (!hasRole(req.user, 'admin', 'coordinator')) return errorResponse(403, 'Solo la coordinación y la administración descargan listas de inscripción.')
    const id = idParam.safeParse(req.routeParams?.course)
    if (!id.success) return errorResponse(404, 'No encontramos ese curso o taller.')
    const course = await req.payload.findByID({ collection: 'courses', id: id.data, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
    if (!course) return errorResponse(404, 'No encontramos ese curso o taller.')
    const org = organizationOf(req.user)
    const courseOrg = typeof course.organization === 'object' ? course.organization?.id : course.organization
    if (!hasRole(req.user, 'admin') && org !== null && courseOrg !== org) {
      return errorResponse(403, 'Este curso es de otra organización: solo su coordinación descarga la lista.')
    }

    const { docs } = await req.payload.find({
      collection: 'enrollments',
      where: { course: { equals: course.id }, status: { not_equals: 'cancelled' } },
      depth: 1,
      limit: 0,
      sort: 'createdAt',
      user: req.user,
      overrideAccess: false,
      req,
    })
    const order = (e: (typeof docs)[number]) => (e.status === 'confirmed' ? 0 : Number(e.position ?? 0))
    const sessions = course.sessions?.length ?? 0
    const today = dayInMexicoCity()
    const rows = [...docs].sort((a, b) => order(a) - order(b)).map((e) => {
      const youth = (typeof e.youth === 'object' ? e.youth : null) as { fullName?: string; birthDate?: string; colonia?: string; email?: string } | null
      const birth = calendarDay(youth?.birthDate)
      const present = (e.attendance ?? []).filter((a) => a.present).length
      return [
        youth?.fullName ?? '',
        birth ? String(ageOn(birth, today)) : '',
        youth?.colonia ?? '',
        youth?.email ?? '',
        STATUS_LABELS[e.status as EnrollmentStatus],
        e.status === 'waitlisted' ? String(e.position ?? '') : '',
        `${present} de ${sessions}`,
        e.completedAt ? 'Sí' : 'No',
      ]
    })
    const header = ['Nombre', 'Edad', 'Colonia', 'Correo', 'Estado', 'Lugar en lista de espera', 'Asistencias', 'Concluyó']
    const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="inscripciones-${course.slug ?? course.id}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}

/** Quotes a cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}
