import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isEditor } from '../access'
import { slugField } from '../fields/slug'

export const ORGANIZATION_KINDS = [
  { label: 'Dependencia municipal', value: 'municipal-agency' },
  { label: 'Institución educativa', value: 'educational-institution' },
  { label: 'Iniciativa privada', value: 'private-company' },
  { label: 'Sociedad civil', value: 'civil-society' },
]

/** Agencies, schools, companies and NGOs that offer programs with the institute. */
export const Organizations: CollectionConfig = {
  slug: 'organizations',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Organización', plural: 'Organizaciones' },
  admin: {
    group: 'Programas',
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'website', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
  },
  defaultSort: 'name',
  access: {
    read: anyone,
    create: isEditor,
    update: isEditor,
    delete: isAdmin,
  },
  fields: [
    { name: 'name', type: 'text', label: 'Nombre', required: true, maxLength: 160 },
    slugField('name'),
    { name: 'kind', type: 'select', label: 'Tipo', required: true, options: ORGANIZATION_KINDS, admin: { position: 'sidebar' } },
    { name: 'logo', type: 'upload', relationTo: 'media', label: 'Logotipo' },
    { name: 'description', type: 'textarea', label: 'Descripción', maxLength: 2000 },
    {
      name: 'website',
      type: 'text',
      label: 'Sitio web',
      maxLength: 300,
      validate: (value: unknown) =>
        !value || /^https?:\/\/[^\s]+\.[^\s]+$/.test(String(value)) || 'Escribe la dirección completa, por ejemplo: https://leon.gob.mx',
    },
  ],
}
