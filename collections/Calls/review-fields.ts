import type { Field, FieldAccess } from 'payload'

import { isStaffField } from '../access'

/** Set by POST /api/calls/:id/publish-results on its own request: the admin form and REST can never write the results list. */
export const PUBLISHING_RESULTS = 'publishingResults'
const viaPublishEndpoint: FieldAccess = ({ req }) => Boolean(req.context?.[PUBLISHING_RESULTS])

export const RESULT_OUTCOMES = [
  { label: 'Aceptada', value: 'accepted' },
  { label: 'En lista de espera', value: 'waitlisted' },
]

/** Links to the ranked applications and the CSV, and the "Publicar resultados" button (a client component, referenced by path). */
export const reviewToolsField: Field = {
  name: 'reviewTools',
  type: 'ui',
  label: 'Postulaciones',
  admin: { components: { Field: '/collections/Calls/admin/ReviewTools#ReviewTools' } },
}

/** Who reviews the call and on which criteria: every review scores every criterion of this rubric. */
export const reviewFields: Field = {
  type: 'collapsible',
  label: 'Evaluación',
  admin: { initCollapsed: true },
  fields: [
    {
      name: 'reviewers',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      label: 'Personas que evalúan',
      filterOptions: { roles: { in: ['reviewer'] } },
      // Staff accounts are nobody else's business.
      access: { read: isStaffField },
      admin: { description: 'Solo ellas (y la administración) ven y califican las postulaciones de esta convocatoria.' },
    },
    {
      name: 'rubric',
      type: 'array',
      label: 'Rúbrica',
      labels: { singular: 'Criterio', plural: 'Criterios' },
      admin: { description: 'Cada evaluación califica todos los criterios. El puntaje final va de 0 a 100 según el peso de cada criterio.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', label: 'Criterio', required: true, maxLength: 120 },
            { name: 'weight', type: 'number', label: 'Peso', required: true, defaultValue: 1, min: 0.01, max: 100 },
            {
              name: 'scaleMax',
              type: 'number',
              label: 'Calificación máxima',
              required: true,
              defaultValue: 10,
              min: 1,
              max: 100,
              validate: (value: unknown) => (Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 100) || 'Escribe un número entero entre 1 y 100.',
            },
          ],
        },
      ],
    },
  ],
}

/** The public results: written only by publish-results, with folios and only consented names. */
export const resultFields: Field = {
  type: 'collapsible',
  label: 'Resultados',
  fields: [
    {
      name: 'results',
      type: 'richText',
      label: 'Mensaje de resultados',
      admin: { description: 'Opcional: un mensaje que acompaña la lista pública de resultados.' },
    },
    {
      name: 'resultsIncludeWaitlist',
      type: 'checkbox',
      label: 'Publicar también la lista de espera',
      defaultValue: false,
    },
    {
      name: 'resultsPublishedAt',
      type: 'date',
      label: 'Resultados publicados el',
      access: { create: viaPublishEndpoint, update: viaPublishEndpoint },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' }, description: 'Se llena al publicar los resultados.' },
    },
    {
      name: 'resultsList',
      type: 'array',
      label: 'Lista pública de resultados',
      labels: { singular: 'Resultado', plural: 'Resultados' },
      access: { create: viaPublishEndpoint, update: viaPublishEndpoint },
      admin: { readOnly: true, description: 'Por folio; el nombre solo de quien dio su consentimiento. Se genera al publicar los resultados.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'folio', type: 'text', label: 'Folio', required: true },
            { name: 'outcome', type: 'select', label: 'Resultado', required: true, options: RESULT_OUTCOMES },
            { name: 'name', type: 'text', label: 'Nombre' },
          ],
        },
      ],
    },
  ],
}
