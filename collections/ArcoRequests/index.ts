import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { spanishErrors } from '../../lib/api-errors'
import { addBusinessDays } from '../../lib/time'
import { anyOf, isAdmin, isAdminField, isOwnYouth, isYouth, staffOf } from '../access'
import { textRule } from '../Youth/rules'

/** Legal term to answer an ARCO request under the LGPDPPSO: 20 business days. */
export const ARCO_DUE_BUSINESS_DAYS = 20

const ownRequests = anyOf(isAdmin, ({ req }) => (isYouth(req.user) ? { youth: { equals: req.user!.id } } : false))

/** The requester is always the logged-in youth and the due date is the law's, whatever was sent. */
const stampRequest: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  if (isYouth(req.user)) data.youth = req.user!.id
  data.status = staffOf(req.user) ? data.status ?? 'received' : 'received'
  data.dueDate = addBusinessDays(new Date(), ARCO_DUE_BUSINESS_DAYS)
  return data
}

/** Logs the request on the youth's consent/ARCO log, which staff see on the profile. */
const logOnProfile: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data.youth) return data
  const youth = await req.payload.findByID({ collection: 'youth', id: data.youth, depth: 0, overrideAccess: true, req })
  await req.payload.update({
    collection: 'youth',
    id: youth.id,
    overrideAccess: true, // the log is closed to every person; only the platform writes it
    req,
    data: {
      consentLog: [...(youth.consentLog ?? []), { event: 'arco-request', at: new Date().toISOString(), detail: data.kind }],
    },
  })
  return data
}

export const ArcoRequests: CollectionConfig = {
  slug: 'arco-requests',
  labels: { singular: 'Solicitud ARCO', plural: 'Solicitudes ARCO' },
  admin: {
    useAsTitle: 'kind',
    defaultColumns: ['kind', 'youth', 'status', 'dueDate', 'createdAt'],
    group: 'Personas',
    description: 'Solicitudes de acceso, rectificación, cancelación u oposición. El plazo legal es de 20 días hábiles.',
  },
  defaultSort: 'dueDate',
  access: {
    create: ({ req }) => isYouth(req.user) || Boolean(isAdmin({ req } as never)),
    read: ownRequests,
    update: isAdmin,
    delete: isAdmin,
  },
  hooks: {
    beforeChange: [stampRequest, logOnProfile],
    afterError: [spanishErrors],
  },
  fields: [
    {
      name: 'kind',
      type: 'select',
      label: 'Tipo de solicitud',
      required: true,
      options: [
        { label: 'Acceso', value: 'acceso' },
        { label: 'Rectificación', value: 'rectificacion' },
        { label: 'Cancelación', value: 'cancelacion' },
        { label: 'Oposición', value: 'oposicion' },
      ],
    },
    { name: 'text', type: 'textarea', label: 'Descripción de la solicitud', required: true, validate: textRule({ max: 4000, required: true }) },
    { name: 'youth', type: 'relationship', label: 'Persona joven', relationTo: 'youth', required: false, index: true, access: { update: isAdminField } },
    {
      name: 'status',
      type: 'select',
      label: 'Estado',
      defaultValue: 'received',
      access: { update: isAdminField },
      options: [
        { label: 'Recibida', value: 'received' },
        { label: 'En trámite', value: 'in-progress' },
        { label: 'Atendida', value: 'resolved' },
        { label: 'Improcedente', value: 'rejected' },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'dueDate',
      type: 'date',
      label: 'Fecha límite legal',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, description: '20 días hábiles (lunes a viernes) desde la recepción.' },
    },
    { name: 'response', type: 'textarea', label: 'Respuesta', maxLength: 8000, access: { update: isAdminField, create: isAdminField } },
  ],
}
