import type { Field } from 'payload'

/** The fields every publishable item shares, so news, courses and calls read the same in the admin. */

export const titleField = (label = 'Título'): Field => ({ name: 'title', type: 'text', label, required: true, maxLength: 160 })

export const summaryField = (): Field => ({
  name: 'summary',
  type: 'textarea',
  label: 'Resumen',
  maxLength: 300,
  admin: { description: 'Una o dos frases; se muestra en tarjetas y buscadores (máx. 300 caracteres).' },
})

export const coverField = (): Field => ({
  name: 'cover',
  type: 'upload',
  relationTo: 'media',
  label: 'Imagen de portada',
  admin: { description: 'El texto alternativo se captura en la propia imagen.' },
})

export const pillarsField = (): Field => ({
  name: 'pillars',
  type: 'relationship',
  relationTo: 'pillars',
  hasMany: true,
  label: 'Pilares',
  admin: { position: 'sidebar' },
})

export const organizationField = (description?: string): Field => ({
  name: 'organization',
  type: 'relationship',
  relationTo: 'organizations',
  label: 'Organización',
  admin: { position: 'sidebar', description },
})
