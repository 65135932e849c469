/**
 * Responsive images from the original uploads on disk: AVIF and WebP at a few widths, generated at
 * build time by sharp (site/pages/imagenes/[file].ts) and served as static files.
 */
import path from 'node:path'

import { uploadsDir } from '../../collections/uploads-dir'
import { listCalls, listCourses, listNews, listOrganizations, populated, type Media } from './data'

const WIDTHS = [480, 960, 1440]
export const FORMATS = ['avif', 'webp'] as const
export type ImageFormat = (typeof FORMATS)[number]

/** Widths worth generating for this image: never upscaled. */
export function widthsOf(media: Media): number[] {
  const original = media.width ?? WIDTHS[WIDTHS.length - 1]
  const fitting = WIDTHS.filter((width) => width <= original)
  return fitting.length ? fitting : [original]
}

export const variantUrl = (media: Media, width: number, format: ImageFormat) => `/imagenes/${media.id}-${width}.${format}`

export const originalPath = (media: Media) => path.join(uploadsDir('media'), media.filename!)

const usable = (media: Media | null): media is Media => Boolean(media?.filename && media.width && media.height)

export type Responsive = { alt: string; width: number; height: number; src: string; sources: { type: string; srcset: string }[] }

export function responsive(value: number | Media | null | undefined): Responsive | null {
  const media = populated(value)
  if (!usable(media)) return null
  const widths = widthsOf(media)
  const fallback = widths[Math.min(1, widths.length - 1)]
  return {
    alt: media.alt,
    width: fallback,
    height: Math.round((fallback * media.height!) / media.width!),
    src: variantUrl(media, fallback, 'webp'),
    sources: FORMATS.map((format) => ({
      type: `image/${format}`,
      srcset: widths.map((width) => `${variantUrl(media, width, format)} ${width}w`).join(', '),
    })),
  }
}

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
