import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'

import { listCalls } from '../../lib/data'
import { formatDateTime } from '../../lib/dates'
import { feedChannel } from '../../lib/feeds'
import { urls } from '../../lib/urls'

/** Newest calls first (by opening date), with the deadline in the description. */
export const GET: APIRoute = async ({ site }) => {
  const opening = (call: { window?: { opens?: string | null } | null; createdAt: string }) =>
    new Date(call.window?.opens || call.createdAt).getTime()
  const calls = [...(await listCalls())].sort((a, b) => opening(b) - opening(a)).slice(0, 50)
  return rss({
    title: 'Convocatorias · Viaje Joven',
    description: 'Becas, concursos, premios y más para jóvenes de León.',
    site: site!,
    ...feedChannel(site!, '/convocatorias/rss.xml'),
    items: calls.map((call) => ({
      title: call.title,
      link: urls.call(call.slug!),
      pubDate: new Date(opening(call)),
      description: [call.summary, call.window?.closes && `Fecha límite: ${formatDateTime(call.window.closes)}.`].filter(Boolean).join(' '),
    })),
  })
}
