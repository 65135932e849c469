/**
 * One sitemap of every public page, from the same readers the pages use (so it lists exactly
 * what is built). Far below the 50,000-URL limit of one file even at León scale.
 */
import type { APIRoute } from 'astro'

import { getPrivacyNotice, listCalls, listCourses, listNews, listOrganizations, listPillars } from '../lib/data'
import { pillarsOf, populated } from '../lib/docs'
import { urls } from '../lib/urls'

type Dated = { updatedAt?: string | null }

/** The newest change among `docs`: a listing changes when anything on it does. */
const newest = (...groups: Dated[][]): string | undefined =>
  groups.flat().reduce<string | undefined>((latest, d) => (d.updatedAt && (!latest || d.updatedAt > latest) ? d.updatedAt : latest), undefined)

export const GET: APIRoute = async ({ site }) => {
  const [news, courses, calls, organizations, pillars, privacy] = await Promise.all([
    listNews(), listCourses(), listCalls(), listOrganizations(), listPillars(), getPrivacyNotice(),
  ])
  const everything = newest(news, courses, calls, organizations, pillars)
  // Every URL has a lastmod: a document's own updatedAt, a listing's newest item, and for the
  // home, search and accessibility pages (which show or index everything) the newest of all.
  const entries: { path: string; updated?: string | null }[] = [
    { path: '/', updated: everything },
    { path: urls.newsIndex, updated: newest(news) },
    { path: urls.coursesIndex, updated: newest(courses) },
    { path: urls.callsIndex, updated: newest(calls) },
    { path: urls.pillarsIndex, updated: newest(pillars) },
    { path: urls.organizationsIndex, updated: newest(organizations) },
    { path: urls.search, updated: everything },
    { path: urls.privacy, updated: privacy?.updatedAt ?? everything },
    { path: urls.accessibility, updated: everything },
    ...pillars.map((p) => ({ path: urls.pillar(p.slug), updated: newest([p], [...news, ...courses, ...calls].filter((d) => pillarsOf(d).some((x) => x.slug === p.slug))) })),
    ...news.map((n) => ({ path: urls.news(n.slug!), updated: n.updatedAt })),
    ...courses.map((c) => ({ path: urls.course(c.slug!), updated: c.updatedAt })),
    ...calls.map((c) => ({ path: urls.call(c.slug!), updated: c.updatedAt })),
    ...organizations.map((o) => ({ path: urls.organization(o.slug!), updated: newest([o], [...courses, ...calls].filter((d) => populated(d.organization)?.slug === o.slug)) })),
  ]
  const body = entries
    .map(({ path, updated }) => `<url><loc>${new URL(path, site)}</loc>${updated ? `<lastmod>${new Date(updated).toISOString()}</lastmod>` : ''}</url>`)
    .join('')
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>`, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  })
}
