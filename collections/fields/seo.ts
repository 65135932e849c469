import type { GroupField } from 'payload'

/** What search engines and social networks show; empty values fall back to title, summary and cover. */
export function seoField(): GroupField {
  return {
    name: 'meta',
    type: 'group',
    label: 'SEO y redes sociales',
    admin: { description: 'Opcional. Si lo dejas vacío se usan el título, el resumen y la portada.' },
    fields: [
      { name: 'title', type: 'text', label: 'Título para buscadores', maxLength: 70 },
      { name: 'description', type: 'textarea', label: 'Descripción para buscadores', maxLength: 160 },
      { name: 'image', type: 'upload', relationTo: 'media', label: 'Imagen para redes sociales (1200×630)' },
    ],
  }
}
