/**
 * What a <picture> needs for one image, from either of two pipelines:
 * - build: AVIF and WebP variants that the site build generates from the uploads on disk
 *   (site/pages/imagenes/[file].ts) and serves as static files;
 * - payload: the upload as Payload itself serves it, for on-demand pages (the draft preview),
 *   whose images may not exist in any build yet.
 * Pure (no Payload import): the on-demand server bundle loads it too.
 */
import type { Media } from '../../payload-types'
import { populated } from './docs'

const WIDTHS = [480, 960, 1440]
export const FORMATS = ['avif', 'webp'] as const
export type ImageFormat = (typeof FORMATS)[number]
export type ImagePipeline = 'build' | 'payload'

/** Widths worth generating for this image: never upscaled. */
export function widthsOf(media: Media): number[] {
  const original = media.width ?? WIDTHS[WIDTHS.length - 1]
  const fitting = WIDTHS.filter((width) => width <= original)
  return fitting.length ? fitting : [original]
}

export const variantUrl = (media: Media, width: number, format: ImageFormat) => `/imagenes/${media.id}-${width}.${format}`

export const usable = (media: Media | null): media is Media => Boolean(media?.filename && media.width && media.height)

export type Responsive = { alt: string; width: number; height: number; src: string; sources: { type: string; srcset: string }[] }

/** The width the <img> declares: the same in both pipelines, so a preview lays out like the built page. */
function declaredSize(media: Media) {
  const widths = widthsOf(media)
  const width = widths[Math.min(1, widths.length - 1)]
  return { width, height: Math.round((width * media.height!) / media.width!) }
}

export function responsive(value: number | Media | null | undefined, pipeline: ImagePipeline = 'build'): Responsive | null {
  const media = populated(value)
  if (!usable(media)) return null
  const { width, height } = declaredSize(media)
  if (pipeline === 'payload') {
    // Same origin as the page: Payload makes upload URLs absolute to PUBLIC_URL.
    const src = media.url ? new URL(media.url, 'http://x').pathname : null
    return src ? { alt: media.alt, width, height, src, sources: [] } : null
  }
  return {
    alt: media.alt,
    width,
    height,
    src: variantUrl(media, width, 'webp'),
    sources: FORMATS.map((format) => ({
      type: `image/${format}`,
      srcset: widthsOf(media).map((w) => `${variantUrl(media, w, format)} ${w}w`).join(', '),
    })),
  }
}
