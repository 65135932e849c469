import type { Access, CollectionConfig, FieldAccess, Where } from 'payload'

import { spanishErrors } from '../../lib/api-errors'
import { anyOf, hasRole, isAdmin, isAssignedReviewer, isStaffField, ownedByYouth } from '../access'
import { APPLYING, viaApplyEndpoint } from './documents'
import { applicationEmailTask } from './emails'
import { emailStatusChange, recordStatusChange } from './history'
import { replyEndpoint } from './reply'
import { Reviews } from './reviews'
import { canSeeAverage } from './reviews/access'
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS } from './schema'
import { withdrawEndpoint } from './withdraw'

export { ApplicationDocuments } from './documents'
export { Reviews } from './reviews'

const never: FieldAccess = () => false
const viaEndpoint: FieldAccess = ({ req }) => Boolean(req.context?.[APPLYING])
/** Only the youth's endpoints and reviewers move an application's status: never a youth through REST. What the youth sent (answers, documents, folio) only the endpoints write. */
const endpointOrReviewer: FieldAccess = ({ req }) => Boolean(req.context?.[APPLYING]) || hasRole(req.user, 'admin', 'reviewer')

/** Reviewers read the submitted applications of the calls assigned to them: drafts are the youth's own business. */
const reviewerReads: Access = async (args) => {
  const assigned = await isAssignedReviewer(args)
  if (assigned === true || assigned === false) return assigned
  return { and: [assigned as Where, { status: { not_equals: 'draft' } }] }
}

/**
 * A youth's application to a call. Created and submitted only through POST /api/calls/:id/apply,
 * withdrawn through POST /api/applications/:id/withdraw, answered through .../reply; admins and the
 * call's assigned reviewers read it and change its status (see docs/calls.md).
 */
export const Applications: CollectionConfig = {
  slug: 'applications',
  labels: { singular: 'Postulación', plural: 'Postulaciones' },
  admin: {
    group: 'Programas',
    useAsTitle: 'folio',
    defaultColumns: ['folio', 'call', 'status', 'averageScore', 'reviewCount', 'submittedAt'],
    listSearchableFields: ['folio'],
  },
  defaultSort: '-createdAt',
  access: {
    read: anyOf(reviewerReads, ownedByYouth),
    create: viaApplyEndpoint,
    update: anyOf(viaApplyEndpoint, reviewerReads),
    delete: isAdmin,
  },
  hooks: { beforeChange: [recordStatusChange], afterChange: [emailStatusChange], afterError: [spanishErrors] },
  // One application per youth and call: the database refuses a second, whatever the timing.
  indexes: [{ fields: ['call', 'youth'], unique: true }],
  endpoints: [withdrawEndpoint, replyEndpoint],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'call', type: 'relationship', relationTo: 'calls', label: 'Convocatoria', required: true, index: true, access: { update: never } },
        { name: 'youth', type: 'relationship', relationTo: 'youth', label: 'Persona joven', required: true, index: true, access: { update: never } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          label: 'Estado',
          required: true,
          index: true,
          defaultValue: 'draft',
          options: APPLICATION_STATUSES.map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value] })),
          access: { update: endpointOrReviewer },
        },
        {
          name: 'folio',
          type: 'text',
          label: 'Folio',
          unique: true,
          index: true,
          access: { update: viaEndpoint },
          admin: { readOnly: true, description: 'Comprobante que recibe la persona al enviar su postulación.' },
        },
        { name: 'submittedAt', type: 'date', label: 'Enviada el', access: { update: viaEndpoint }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'statusNote',
      type: 'textarea',
      label: 'Nota del cambio de estado',
      maxLength: 2000,
      access: { read: isStaffField, create: never, update: endpointOrReviewer },
      admin: {
        description: 'Se guarda en el historial junto con el nuevo estado y la persona la ve en «Mi cuenta» y en el correo. Obligatoria para «Requiere información».',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'averageScore',
          type: 'number',
          label: 'Puntaje promedio',
          access: { read: canSeeAverage, create: never, update: never },
          admin: { readOnly: true, description: 'Promedio (0 a 100) de las evaluaciones enviadas.' },
        },
        { name: 'reviewCount', type: 'number', label: 'Evaluaciones', defaultValue: 0, access: { read: isStaffField, create: never, update: never }, admin: { readOnly: true } },
        {
          name: 'publishNameConsent',
          type: 'checkbox',
          label: 'Acepta que su nombre aparezca en los resultados',
          defaultValue: false,
          access: { create: viaEndpoint, update: viaEndpoint },
          admin: { readOnly: true },
        },
      ],
    },
    // Which decision the youth has already been emailed about (see emails.ts).
    { name: 'notifiedStatus', type: 'text', label: 'Último resultado avisado por correo', access: { read: isStaffField, create: never, update: never }, admin: { hidden: true } },
    {
      name: 'answers',
      type: 'json',
      label: 'Respuestas',
      access: { update: viaEndpoint },
      // Shown by AnswersView as question → answer: the JSON editor loaded its code from a public CDN.
      admin: { hidden: true, readOnly: true, description: 'Cada respuesta junto con la pregunta tal como estaba al responder.' },
    },
    {
      name: 'documents',
      type: 'relationship',
      relationTo: 'application-documents',
      hasMany: true,
      label: 'Documentos',
      access: { update: viaEndpoint },
      admin: { hidden: true, readOnly: true },
    },
    {
      name: 'answersView',
      type: 'ui',
      label: 'Respuestas y documentos',
      admin: { components: { Field: '/collections/Applications/admin/AnswersView#AnswersView' } },
    },
    {
      name: 'history',
      type: 'array',
      label: 'Historial de estados',
      labels: { singular: 'Cambio', plural: 'Cambios' },
      // Written only by the recordStatusChange hook (hooks run after field access strips the request's data).
      access: { create: never, update: never },
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'status', type: 'select', label: 'Estado', required: true, options: APPLICATION_STATUSES.map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value] })) },
            { name: 'at', type: 'date', label: 'Fecha', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            { name: 'by', type: 'relationship', relationTo: ['youth', 'users'], label: 'Quién' },
          ],
        },
        { name: 'note', type: 'textarea', label: 'Nota' },
      ],
    },
    {
      name: 'replies',
      type: 'array',
      label: 'Respuestas de la persona',
      labels: { singular: 'Respuesta', plural: 'Respuestas' },
      access: { create: never, update: viaEndpoint },
      admin: { readOnly: true, description: 'Lo que la persona respondió a cada solicitud de información.' },
      fields: [
        { name: 'text', type: 'textarea', label: 'Respuesta', required: true },
        {
          type: 'row',
          fields: [
            { name: 'document', type: 'relationship', relationTo: 'application-documents', label: 'Documento' },
            { name: 'at', type: 'date', label: 'Fecha', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
          ],
        },
      ],
    },
  ],
}

export const applicationTasks = [applicationEmailTask]
