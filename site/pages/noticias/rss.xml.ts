import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'

import { listNews } from '../../lib/data'
import { urls } from '../../lib/urls'

export const GET: APIRoute = async ({ site }) =>
  rss({
    title: 'Noticias · Viaje Joven',
    description: 'Noticias del Instituto Municipal de la Juventud de León.',
    site: site!,
    customData: '<language>es-mx</language>',
    items: (await listNews()).slice(0, 50).map((news) => ({
      title: news.title,
      link: urls.news(news.slug!),
      pubDate: news.publishedAt ? new Date(news.publishedAt) : undefined,
      description: news.summary ?? undefined,
    })),
  })
