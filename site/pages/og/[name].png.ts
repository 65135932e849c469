import type { APIRoute, GetStaticPaths } from 'astro'
import sharp from 'sharp'

import { listPillars } from '../../lib/data'
import { renderKey } from '../../lib/render-key'
import { SITE_NAME } from '../../lib/site'

/** One generated 1200×630 card per pillar plus a general one, for content that has no image of its own. */
export const getStaticPaths = (async () => {
  const pillars = await listPillars()
  const cards = [
    { params: { name: 'viaje-joven' }, props: { title: SITE_NAME, color: '#5b21b6' } },
    ...pillars.map((pillar) => ({ params: { name: pillar.slug }, props: { title: pillar.name, color: pillar.color || '#5b21b6' } })),
  ]
  // A card is its props: the warm renderer carries it over while they are unchanged.
  return cards.map((card) => ({ ...card, cacheKey: renderKey(card.props) }))
}) satisfies GetStaticPaths

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** Breaks a title into lines of about `width` characters for the SVG (which has no text wrapping). */
function lines(text: string, width = 26): string[] {
  const out: string[] = []
  for (const word of text.split(/\s+/)) {
    const last = out[out.length - 1]
    if (last && `${last} ${word}`.length <= width) out[out.length - 1] = `${last} ${word}`
    else out.push(word)
  }
  return out.slice(0, 4)
}

export const GET: APIRoute<{ title: string; color: string }> = async ({ props }) => {
  const color = /^#[0-9a-f]{3,6}$/i.test(props.color) ? props.color : '#5b21b6'
  const text = lines(props.title)
    .map((line, i) => `<text x="80" y="${250 + i * 76}" font-size="64" font-weight="700" fill="#fff">${escape(line)}</text>`)
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" font-family="sans-serif">
    <rect width="1200" height="630" fill="${color}"/><rect y="560" width="1200" height="70" fill="#1f1a2e"/>
    <text x="80" y="140" font-size="40" fill="#fff" opacity=".9">${escape(SITE_NAME)} · IMJU León</text>${text}
    <text x="80" y="606" font-size="28" fill="#fff">Cursos, talleres, convocatorias y noticias para jóvenes</text></svg>`
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } })
}
