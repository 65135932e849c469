import type { Endpoint } from 'payload'

import { mexicoCityMoment } from '../Enrollments/rules'
import { csvCell } from '../Enrollments/export'
import { rankApplications } from './ranking'
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './schema'
import { callForStaff } from './staff-call'
import type { StoredAnswer } from './validate-answers'

/** One answer as a spreadsheet cell: lists joined, files named but never included. */
function cellOf(answer: StoredAnswer | undefined): string {
  if (!answer) return ''
  if (answer.type === 'file') return 'Archivo adjunto'
  if (Array.isArray(answer.value)) return answer.value.join('; ')
  return answer.value === null || answer.value === undefined ? '' : String(answer.value)
}

/**
 * `GET /api/calls/:id/applications.csv` (admins, and reviewers assigned to the call): the call's
 * submitted applications in ranking order, one column per question. No document contents and no
 * contact data: the folio identifies each row.
 */
export const applicationsCsvEndpoint: Endpoint = {
  path: '/:id/applications.csv',
  method: 'get',
  handler: async (req) => {
    const call = await callForStaff(req, { roles: ['admin'], assignedReviewers: true, what: 'descargar las postulaciones' })
    if (call instanceof Response) return call
    const ranked = await rankApplications(req, call.id)
    const { docs } = await req.payload.find({
      collection: 'applications',
      where: { id: { in: ranked.map((r) => r.application) } },
      select: { answers: true },
      depth: 0,
      limit: 0,
      pagination: false,
      user: req.user,
      overrideAccess: false,
      req,
    })
    const answersOf = new Map(docs.map((d) => [d.id, (d.answers ?? []) as StoredAnswer[]]))
    const questions = (call.questions ?? []).filter((q) => q.id)
    const header = ['Folio', 'Estado', 'Enviada el', ...questions.map((q) => q.label), 'Puntaje promedio (0 a 100)', 'Evaluaciones enviadas']
    const rows = ranked.map((r) => {
      const answers = answersOf.get(r.application) ?? []
      return [
        r.folio ?? '',
        APPLICATION_STATUS_LABELS[r.status as ApplicationStatus] ?? r.status,
        r.submittedAt ? mexicoCityMoment(r.submittedAt) : '',
        ...questions.map((q) => cellOf(answers.find((a) => a.question === q.id))),
        r.averageScore === null ? '' : String(r.averageScore),
        String(r.reviewCount),
      ]
    })
    const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="postulaciones-${call.slug ?? call.id}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
