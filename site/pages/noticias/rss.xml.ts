import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'

import { listNews } from '../../lib/data'
import { feedChannel } from '../../lib/feeds'
import { urls } from '../../lib/urls'

export const GET: APIRoute = async ({ site }) =>
  rss({
    title: 'Noticias · Viaje Joven',
    description: 'Noticias del Instituto Municipal de la Juventud de León.',
    site: site!,
    ...feedChannel(site!, '/noticias/rss.xml'),
    items: (await listNews()).slice(0, 50).map((news) => ({
      title: news.title,
      link: urls.news(news.slug!),
      pubDate: news.publishedAt ? new Date(news.publishedAt) : undefined,
      description: news.summary ?? undefined,
    })),
  })
