import type { CollectionConfig } from 'payload'

import { isAdmin, isStaff, nobody } from '../collections/access'

/**
 * The site's build history, which is also its status view in the admin: each publish-triggered
 * rebuild records when it ran, how long it took, how many pages it produced, and any error.
 * Written only by the rebuild task (through the Local API); staff read it.
 */
export const SiteBuilds: CollectionConfig = {
  slug: 'site-builds',
  labels: { singular: 'Construcción del sitio', plural: 'Estado del sitio' },
  admin: {
    group: 'Configuración',
    useAsTitle: 'label',
    defaultColumns: ['label', 'result', 'durationSeconds', 'pages', 'reason'],
    description:
      'Cada vez que se publica, actualiza o retira contenido público, el sitio se reconstruye en una carpeta nueva y se activa solo si la construcción terminó bien.',
  },
  defaultSort: '-createdAt',
  access: { read: isStaff, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'label', type: 'text', label: 'Construcción', admin: { readOnly: true } },
    {
      name: 'result',
      type: 'select',
      label: 'Resultado',
      required: true,
      defaultValue: 'running',
      options: [
        { label: 'En curso', value: 'running' },
        { label: 'Publicada', value: 'success' },
        { label: 'Falló (sigue en línea la anterior)', value: 'failed' },
      ],
      admin: { readOnly: true },
    },
    { name: 'reason', type: 'text', label: 'Motivo', admin: { readOnly: true } },
    { name: 'startedAt', type: 'date', label: 'Inicio', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'durationSeconds', type: 'number', label: 'Duración (s)', admin: { readOnly: true } },
    { name: 'pages', type: 'number', label: 'Páginas', admin: { readOnly: true } },
    { name: 'error', type: 'textarea', label: 'Error', admin: { readOnly: true } },
  ],
}
