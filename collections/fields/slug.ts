import type { FieldHook, TextField } from 'payload'

/** "Taller de Programación en León" → "taller-de-programacion-en-leon" (accents folded, URL-safe). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ñ/g, 'n')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '')
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Fills an empty slug from the source field and, only when it generated the slug itself, adds
 * "-2", "-3"… until it is free, so two news items with the same title both save. A slug typed by
 * hand is kept as typed: a clash is then reported on the field by the unique index.
 */
const generateSlug =
  (sourceField: string): FieldHook =>
  async ({ value, data, originalDoc, collection, req }) => {
    if (typeof value === 'string' && value.trim()) return slugify(value) || value
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    if (typeof source !== 'string' || !source.trim() || !collection) return value
    const base = slugify(source) || 'sin-titulo'
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`
      const { totalDocs } = await req.payload.count({
        collection: collection.slug,
        where: { slug: { equals: candidate }, ...(originalDoc?.id ? { id: { not_equals: originalDoc.id } } : {}) },
        req,
      })
      if (totalDocs === 0) return candidate
    }
  }

/** The one slug field of the platform: generated from `sourceField`, unique, editable. */
export function slugField(sourceField = 'title'): TextField {
  return {
    name: 'slug',
    type: 'text',
    label: 'Identificador en la URL',
    unique: true,
    index: true,
    maxLength: 80,
    admin: {
      position: 'sidebar',
      description: `Se genera a partir de "${sourceField === 'name' ? 'Nombre' : 'Título'}" si lo dejas vacío. Solo minúsculas, números y guiones.`,
    },
    hooks: { beforeValidate: [generateSlug(sourceField)] },
    validate: (value: unknown) => {
      if (value === null || value === undefined || value === '') return true
      return (typeof value === 'string' && SLUG_PATTERN.test(value)) || 'Usa solo minúsculas sin acentos, números y guiones (por ejemplo: taller-de-fotografia).'
    },
  }
}
