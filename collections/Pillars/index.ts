import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isAdminField, isEditor } from '../access'

/** The six pillars of "El Viaje del Joven": seeded with fixed slugs, described by editors. */
export const Pillars: CollectionConfig = {
  slug: 'pillars',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Pilar', plural: 'Pilares' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['order', 'name', 'slug'],
    group: 'Configuración',
  },
  defaultSort: 'order',
  access: {
    read: anyone,
    create: isAdmin,
    update: isEditor,
    delete: isAdmin,
  },
  fields: [
    { name: 'name', type: 'text', label: 'Nombre', required: true, maxLength: 120 },
    {
      name: 'slug',
      type: 'text',
      label: 'Identificador en la URL',
      required: true,
      unique: true,
      index: true,
      maxLength: 80,
      access: { update: isAdminField },
    },
    { name: 'description', type: 'textarea', label: 'Descripción', maxLength: 2000 },
    { name: 'color', type: 'text', label: 'Color (hex)', maxLength: 7 },
    { name: 'icon', type: 'text', label: 'Ícono', maxLength: 40 },
    { name: 'order', type: 'number', label: 'Orden', required: true, defaultValue: 0 },
  ],
}
