import type { CollectionConfig } from 'payload'

import { isEditor, isStaff, publishedOnly } from '../access'
import { editorialVersions } from '../editorial'
import { previewUrl } from '../preview'
import { coverField, organizationField, pillarsField, summaryField, titleField } from '../fields/content'
import { seoField } from '../fields/seo'
import { slugField } from '../fields/slug'

export const News: CollectionConfig = {
  slug: 'news',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Noticia', plural: 'Noticias' },
  admin: {
    group: 'Contenido',
    useAsTitle: 'title',
    defaultColumns: ['title', '_status', 'publishedAt', 'pillars', 'updatedAt'],
    listSearchableFields: ['title', 'summary', 'slug'],
    preview: previewUrl('news'),
  },
  defaultSort: '-publishedAt',
  versions: editorialVersions,
  access: {
    read: publishedOnly,
    readVersions: isStaff,
    create: isEditor,
    update: isEditor,
    delete: isEditor,
  },
  fields: [
    titleField(),
    slugField(),
    summaryField(),
    coverField(),
    { name: 'body', type: 'richText', label: 'Contenido' },
    pillarsField(),
    organizationField(),
    {
      name: 'publishedAt',
      type: 'date',
      label: 'Fecha de publicación',
      index: true,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'La fecha que ve el público. Si la dejas vacía se usa el momento en que se publica.',
      },
      hooks: {
        beforeChange: [
          ({ value, siblingData }) => value ?? (siblingData?._status === 'published' ? new Date().toISOString() : value),
        ],
      },
    },
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'users',
      label: 'Autor(a)',
      admin: { position: 'sidebar' },
      defaultValue: ({ user }: { user?: { id: number | string; collection?: string } | null }) =>
        user?.collection === 'users' ? user.id : undefined,
    },
    seoField(),
  ],
}
