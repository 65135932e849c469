import type { CollectionConfig, FieldAccess } from 'payload'

import { anyOf, hasRole, isAdmin, isReviewer, ownedByYouth } from '../access'
import { APPLYING, viaApplyEndpoint } from './documents'
import { applicationEmailTask } from './emails'
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS } from './schema'
import { withdrawEndpoint } from './withdraw'

export { ApplicationDocuments } from './documents'

const never: FieldAccess = () => false
/** Only the apply/withdraw endpoints (and, later, reviewers) move an application's status: never a youth through REST. */
const endpointOrReviewer: FieldAccess = ({ req }) => Boolean(req.context?.[APPLYING]) || hasRole(req.user, 'admin', 'reviewer')

/**
 * A youth's application to a call. Created and submitted only through POST /api/calls/:id/apply,
 * withdrawn through POST /api/applications/:id/withdraw; reviewers read all and change status.
 */
export const Applications: CollectionConfig = {
  slug: 'applications',
  labels: { singular: 'Postulación', plural: 'Postulaciones' },
  admin: {
    group: 'Programas',
    useAsTitle: 'folio',
    defaultColumns: ['folio', 'call', 'youth', 'status', 'submittedAt'],
    listSearchableFields: ['folio'],
  },
  defaultSort: '-createdAt',
  access: {
    read: anyOf(isReviewer, ownedByYouth),
    create: viaApplyEndpoint,
    update: anyOf(isReviewer, viaApplyEndpoint),
    delete: isAdmin,
  },
  // One application per youth and call: the database refuses a second, whatever the timing.
  indexes: [{ fields: ['call', 'youth'], unique: true }],
  endpoints: [withdrawEndpoint],
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
          access: { update: endpointOrReviewer },
          admin: { readOnly: true, description: 'Comprobante que recibe la persona al enviar su postulación.' },
        },
        { name: 'submittedAt', type: 'date', label: 'Enviada el', access: { update: endpointOrReviewer }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'answers',
      type: 'json',
      label: 'Respuestas',
      access: { update: endpointOrReviewer },
      admin: { readOnly: true, description: 'Cada respuesta junto con la pregunta tal como estaba al responder.' },
    },
    {
      name: 'documents',
      type: 'relationship',
      relationTo: 'application-documents',
      hasMany: true,
      label: 'Documentos',
      access: { update: endpointOrReviewer },
      admin: { readOnly: true },
    },
    {
      name: 'history',
      type: 'array',
      label: 'Historial de estados',
      labels: { singular: 'Cambio', plural: 'Cambios' },
      access: { update: endpointOrReviewer },
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
      ],
    },
  ],
}

export const applicationTasks = [applicationEmailTask]
