import type { APIRoute, GetStaticPaths } from 'astro'
import sharp from 'sharp'

import { FORMATS, listMediaToRender, originalPath, widthsOf, type ImageFormat } from '../../lib/images'
import type { Media } from '../../lib/data'

export const getStaticPaths = (async () => {
  const media = await listMediaToRender()
  return media.flatMap((item) =>
    widthsOf(item).flatMap((width) =>
      FORMATS.map((format) => ({ params: { file: `${item.id}-${width}.${format}` }, props: { media: item, width, format } })),
    ),
  )
}) satisfies GetStaticPaths

type Props = { media: Media; width: number; format: ImageFormat }

export const GET: APIRoute<Props> = async ({ props }) => {
  const image = sharp(originalPath(props.media)).rotate().resize({ width: props.width, withoutEnlargement: true })
  // AVIF effort 2: a build-time budget; the size gain of higher efforts is small for photos.
  const output = props.format === 'avif' ? image.avif({ quality: 55, effort: 2 }) : image.webp({ quality: 75 })
  return new Response(new Uint8Array(await output.toBuffer()), { headers: { 'Content-Type': `image/${props.format}` } })
}
