/**
 * One sitemap of every public page, from the same readers the pages use (so it lists exactly
 * what is built). Far below the 50,000-URL limit of one file even at León scale.
 */
import type { APIRoute } from 'astro'

import { listCalls, listCourses, listNews, listOrganizations, listPillars } from '../lib/data'
import { urls } from '../lib/urls'

export const GET: APIRoute = async ({ site }) => {
  const [news, courses, calls, organizations, pillars] = await Promise.all([
    listNews(), listCourses(), listCalls(), listOrganizations(), listPillars(),
  ])
  const entries: { path: string; updated?: string }[] = [
    ...['/', urls.newsIndex, urls.coursesIndex, urls.callsIndex, urls.pillarsIndex, urls.organizationsIndex, urls.search, urls.privacy, urls.accessibility].map((path) => ({ path })),
    ...pillars.map((p) => ({ path: urls.pillar(p.slug), updated: p.updatedAt })),
    ...news.map((n) => ({ path: urls.news(n.slug!), updated: n.updatedAt })),
    ...courses.map((c) => ({ path: urls.course(c.slug!), updated: c.updatedAt })),
    ...calls.map((c) => ({ path: urls.call(c.slug!), updated: c.updatedAt })),
    ...organizations.map((o) => ({ path: urls.organization(o.slug!), updated: o.updatedAt })),
  ]
  const body = entries
    .map(({ path, updated }) => `<url><loc>${new URL(path, site)}</loc>${updated ? `<lastmod>${new Date(updated).toISOString()}</lastmod>` : ''}</url>`)
    .join('')
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>`, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  })
}
