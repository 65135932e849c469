/** What the whole site says about itself (name, publisher) for titles, feeds and JSON-LD. */
export const SITE_NAME = 'Viaje Joven'
export const SITE_DESCRIPTION =
  'Cursos, talleres, convocatorias y noticias del Instituto Municipal de la Juventud de León para jóvenes de 12 a 29 años.'

export const PUBLISHER = {
  '@type': 'GovernmentOrganization',
  name: 'Instituto Municipal de la Juventud de León (IMJU)',
  address: { '@type': 'PostalAddress', addressLocality: 'León', addressRegion: 'Guanajuato', addressCountry: 'MX' },
}

/** A page's social image: its own when it has one, else the generated card of its first pillar, else the general one. */
export function socialImageFor(doc: {
  cover?: unknown
  meta?: { image?: unknown } | null
  pillars?: unknown[] | null
}): string {
  for (const candidate of [doc.meta?.image, doc.cover]) {
    const url = candidate && typeof candidate === 'object' ? (candidate as { sizes?: { social?: { url?: string | null } } }).sizes?.social?.url : null
    if (url) return new URL(url, 'http://x').pathname
  }
  const pillar = doc.pillars?.find((p) => p && typeof p === 'object') as { slug?: string } | undefined
  return `/og/${pillar?.slug ?? 'viaje-joven'}.png`
}
