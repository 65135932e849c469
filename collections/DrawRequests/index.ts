import type { CollectionConfig, FieldAccess } from 'payload'

import { anyOf, isAdmin, isEnrollmentStaff, isStaff, nobody, ownedByYouth } from '../access'
import { drawExcludedEmailTask } from './emails'
import { drawTask } from './run'

const never: FieldAccess = () => false

export const DRAW_REQUEST_STATUSES = [
  { label: 'Solicitud registrada', value: 'requested' },
  { label: 'Retirada', value: 'withdrawn' },
  { label: 'Lugar confirmado', value: 'confirmed' },
  { label: 'En lista de espera', value: 'waitlisted' },
  { label: 'Fuera del sorteo', value: 'excluded' },
] as const
export type DrawRequestStatus = (typeof DRAW_REQUEST_STATUSES)[number]['value']

/**
 * A youth's request for a place in a course given «Por sorteo» (docs/draw.md). Rows are written
 * only by the request/withdraw endpoints (collections/DrawRequests/endpoints.ts) and by the draw
 * itself (run.ts); nobody edits them, so what the draw decided stays as it was published.
 */
export const DrawRequests: CollectionConfig = {
  slug: 'draw-requests',
  labels: { singular: 'Solicitud de lugar (sorteo)', plural: 'Solicitudes de lugar (sorteo)' },
  admin: {
    group: 'Programas',
    useAsTitle: 'folio',
    defaultColumns: ['folio', 'course', 'status', 'group', 'rank', 'createdAt'],
    listSearchableFields: ['folio'],
  },
  defaultSort: 'createdAt',
  // The same vocabulary as enrolments: a youth reads their own; admins all; a coordinator its courses' requests.
  access: {
    read: anyOf(isEnrollmentStaff, ownedByYouth),
    create: nobody,
    update: nobody,
    delete: isAdmin,
  },
  // One request per youth and course: the database refuses a second, whatever the timing.
  indexes: [{ fields: ['course', 'youth'], unique: true }],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'folio', type: 'text', label: 'Folio', required: true, unique: true, index: true, access: { update: never } },
        { name: 'course', type: 'relationship', relationTo: 'courses', label: 'Curso o taller', required: true, index: true, access: { update: never } },
        { name: 'youth', type: 'relationship', relationTo: 'youth', label: 'Persona joven', required: true, index: true, access: { update: never } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', label: 'Estado', required: true, index: true, options: [...DRAW_REQUEST_STATUSES], access: { update: never } },
        { name: 'group', type: 'text', label: 'Grupo prioritario en que obtuvo lugar', access: { update: never } },
        { name: 'rank', type: 'number', label: 'Lugar en el orden del sorteo', access: { update: never } },
      ],
    },
    { name: 'reason', type: 'text', label: 'Motivo (si quedó fuera del sorteo)', access: { update: never } },
    { name: 'withdrawnAt', type: 'date', label: 'Retirada el', access: { update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  ],
}

/**
 * One row per course given «Por sorteo»: the secret and its commitment (created once, when the course
 * is first saved «Por sorteo»), and, once drawn, the moment and the published result. `drawn_at IS NULL`
 * is the guard that lets exactly one draw run (run.ts). Nobody writes it through the API.
 */
export const CourseDraws: CollectionConfig = {
  slug: 'course-draws',
  labels: { singular: 'Sorteo', plural: 'Sorteos' },
  admin: { group: 'Programas', useAsTitle: 'commitment', defaultColumns: ['course', 'commitment', 'drawnAt'] },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'course', type: 'relationship', relationTo: 'courses', label: 'Curso o taller', required: true, unique: true, index: true },
    { name: 'commitment', type: 'text', label: 'Huella publicada (SHA-256 del secreto)', required: true, admin: { readOnly: true } },
    // Revealed on the public draw page only once the draw has run (endpoints.ts).
    { name: 'secret', type: 'text', label: 'Secreto', required: true, hidden: true, access: { read: never, create: never, update: never } },
    { name: 'drawnAt', type: 'date', label: 'Realizado el', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'result', type: 'json', label: 'Resultado publicado', admin: { readOnly: true } },
  ],
}

export const drawTasks = [drawTask, drawExcludedEmailTask]
