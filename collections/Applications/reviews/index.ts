import type { CollectionConfig, FieldAccess } from 'payload'

import { spanishErrors } from '../../../lib/api-errors'
import { isAdmin } from '../../access'
import { createReviews, readReviews, updateReviews } from './access'
import { checkReview, refreshAfterChange, refreshAfterDelete } from './hooks'

const never: FieldAccess = () => false

/**
 * One reviewer's evaluation of one application, on the call's rubric. Reviewers score
 * independently (see access.ts); submitted reviews feed the application's average and the ranking.
 */
export const Reviews: CollectionConfig = {
  slug: 'reviews',
  labels: { singular: 'Evaluación', plural: 'Evaluaciones' },
  admin: {
    group: 'Programas',
    // «VJ-… · Ana Ruiz» (the application's folio and who evaluates), not «ID: 3».
    useAsTitle: 'title',
    defaultColumns: ['application', 'call', 'reviewer', 'status', 'total', 'submittedAt'],
    description: 'Crea una evaluación eligiendo la postulación y guárdala: aparecerán los criterios de la rúbrica para calificarlos. Al enviarla ya no se puede cambiar.',
  },
  defaultSort: '-updatedAt',
  access: { read: readReviews, create: createReviews, update: updateReviews, delete: isAdmin },
  // One review per reviewer and application, whatever the timing.
  indexes: [{ fields: ['application', 'reviewer'], unique: true }],
  hooks: { beforeChange: [checkReview], afterChange: [refreshAfterChange], afterDelete: [refreshAfterDelete], afterError: [spanishErrors] },
  fields: [
    { name: 'title', type: 'text', label: 'Evaluación', access: { create: never, update: never }, admin: { hidden: true, readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'application', type: 'relationship', relationTo: 'applications', label: 'Postulación', required: true, index: true, access: { update: never } },
        { name: 'call', type: 'relationship', relationTo: 'calls', label: 'Convocatoria', index: true, access: { create: never, update: never }, admin: { readOnly: true } },
        { name: 'reviewer', type: 'relationship', relationTo: 'users', label: 'Quién evalúa', index: true, access: { create: never, update: never }, admin: { readOnly: true } },
      ],
    },
    {
      name: 'scores',
      type: 'array',
      label: 'Calificaciones',
      labels: { singular: 'Criterio', plural: 'Criterios' },
      admin: { description: 'Una calificación por criterio de la rúbrica, de 0 a su máximo.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'criterion', type: 'text', label: 'Clave del criterio', admin: { hidden: true } },
            { name: 'name', type: 'text', label: 'Criterio', admin: { readOnly: true } },
            { name: 'score', type: 'number', label: 'Calificación', min: 0 },
          ],
        },
      ],
    },
    { name: 'comment', type: 'textarea', label: 'Comentario', maxLength: 3000 },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          label: 'Estado',
          required: true,
          defaultValue: 'draft',
          options: [
            { label: 'Borrador', value: 'draft' },
            { label: 'Enviada', value: 'submitted' },
          ],
        },
        { name: 'total', type: 'number', label: 'Puntaje (0 a 100)', access: { create: never, update: never }, admin: { readOnly: true } },
        { name: 'submittedAt', type: 'date', label: 'Enviada el', access: { create: never, update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
}
