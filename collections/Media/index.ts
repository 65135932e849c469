import type { CollectionConfig, ImageSize } from 'payload'

import { anyone, isContentStaff, isEditor } from '../access'
import { uploadsDir } from '../uploads-dir'

// `formatOptions` of the upload would apply to the original only: each size names its own format.
// Effort 3 (of 6) encodes about twice as fast as the default for a barely larger file.
const webp = (width: number, height: number, name: string, quality = 78): ImageSize => ({
  name,
  width,
  height,
  position: 'centre',
  formatOptions: { format: 'webp', options: { quality, effort: 3 } },
})

/** Images only (no SVG: it can carry scripts). Alt text is required: the site is read by screen readers too. */
export const Media: CollectionConfig = {
  slug: 'media',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Imagen', plural: 'Imágenes' },
  admin: {
    group: 'Contenido',
    useAsTitle: 'alt',
    defaultColumns: ['filename', 'alt', 'updatedAt'],
    description: 'Fotos y portadas. Se generan automáticamente tamaños para tarjetas, encabezados y redes sociales.',
  },
  access: {
    read: anyone,
    create: isContentStaff,
    update: isContentStaff,
    delete: isEditor,
  },
  upload: {
    staticDir: uploadsDir('media'),
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
    focalPoint: true,
    crop: true,
    imageSizes: [webp(640, 360, 'card'), webp(1600, 900, 'hero', 80), webp(1200, 630, 'social', 82)],
    adminThumbnail: 'card',
    // The original keeps its format (the sizes are what pages serve) but never exceeds 2400 px.
    resizeOptions: { width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true },
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      label: 'Texto alternativo',
      required: true,
      maxLength: 200,
      admin: { description: 'Describe la imagen para quien no puede verla (por ejemplo: "Jóvenes en un taller de serigrafía").' },
    },
    { name: 'credit', type: 'text', label: 'Crédito de la foto', maxLength: 120 },
  ],
}
