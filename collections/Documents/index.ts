import type { CollectionConfig } from 'payload'

import { anyone, isContentStaff, isEditor } from '../access'
import { uploadsDir } from '../uploads-dir'

/**
 * Public PDFs (bases of a call, programs). Payload checks the file's real content, not just its
 * name, against the allowed type. Youths' application documents do NOT belong here: they are private.
 */
export const Documents: CollectionConfig = {
  slug: 'documents',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Documento', plural: 'Documentos' },
  admin: {
    group: 'Contenido',
    useAsTitle: 'title',
    defaultColumns: ['title', 'filename', 'filesize', 'updatedAt'],
    description: 'Archivos PDF públicos, como las bases de una convocatoria.',
  },
  access: {
    read: anyone,
    create: isContentStaff,
    update: isContentStaff,
    delete: isEditor,
  },
  upload: {
    staticDir: uploadsDir('documents'),
    mimeTypes: ['application/pdf'],
  },
  fields: [{ name: 'title', type: 'text', label: 'Título', required: true, maxLength: 160 }],
}
