/**
 * Responsive images from the original uploads on disk: AVIF and WebP at a few widths, generated at
 * build time by sharp (site/pages/imagenes/[file].ts) and served as static files.
 */
import path from 'node:path'

import { uploadsDir } from '../../collections/uploads-dir'
import { listCalls, listCourses, listNews, listOrganizations, populated, withOwnPage, type Media } from './data'
import { usable } from './responsive'

export { FORMATS, responsive, variantUrl, widthsOf, type ImageFormat, type Responsive } from './responsive'

export const originalPath = (media: Media) => path.join(uploadsDir('media'), media.filename!)

/** Every image public content shows (covers, social images, logos), each once. */
export async function listPublicMedia(): Promise<Media[]> {
  const [news, courses, calls, organizations] = await Promise.all([listNews(), listCourses(), listCalls(), listOrganizations()])
  return mediaOf([...news, ...courses, ...calls], organizations)
}

/**
 * The images this build must produce. An incremental build renders only those of the documents
 * it re-renders (an image used for the first time needs its variants) and of new uploads.
 */
export async function listMediaToRender(): Promise<Media[]> {
  const [news, courses, calls] = await Promise.all([listNews(), listCourses(), listCalls()])
  const changedDocs = [...withOwnPage('news', news), ...withOwnPage('courses', courses), ...withOwnPage('calls', calls)]
  const all = await listPublicMedia()
  const needed = new Set([...mediaOf(changedDocs, []), ...withOwnPage('media', all)].map((media) => media.id))
  return all.filter((media) => needed.has(media.id))
}

type WithImages = { cover?: number | Media | null; meta?: { image?: number | Media | null } | null }

function mediaOf(docs: WithImages[], organizations: { logo?: number | Media | null }[]): Media[] {
  const found = new Map<number, Media>()
  const add = (value: number | Media | null | undefined) => {
    const media = populated(value)
    if (usable(media)) found.set(media.id, media)
  }
  for (const doc of docs) {
    add(doc.cover)
    add(doc.meta?.image)
  }
  organizations.forEach((organization) => add(organization.logo))
  return [...found.values()]
}
