/**
 * Responsive images from the original uploads on disk: AVIF and WebP at a few widths, generated at
 * build time by sharp (site/pages/imagenes/[file].ts) and served as static files.
 */
import path from 'node:path'

import { uploadsDir } from '../../collections/uploads-dir'
import { listCalls, listCourses, listNews, listOrganizations, populated, type Media } from './data'
import { usable } from './responsive'

export { FORMATS, responsive, variantUrl, widthsOf, type ImageFormat, type Responsive } from './responsive'

export const originalPath = (media: Media) => path.join(uploadsDir('media'), media.filename!)

/** Every image public content shows (covers, social images, logos), each once. */
export async function listPublicMedia(): Promise<Media[]> {
  const [news, courses, calls, organizations] = await Promise.all([listNews(), listCourses(), listCalls(), listOrganizations()])
  const found = new Map<number, Media>()
  const add = (value: number | Media | null | undefined) => {
    const media = populated(value)
    if (usable(media)) found.set(media.id, media)
  }
  for (const doc of [...news, ...courses, ...calls]) {
    add(doc.cover)
    add(doc.meta?.image)
  }
  organizations.forEach((organization) => add(organization.logo))
  return [...found.values()]
}
