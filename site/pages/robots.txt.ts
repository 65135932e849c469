import type { APIRoute } from 'astro'

/** Everything public may be indexed; the admin, API and personal account pages may not. */
export const GET: APIRoute = ({ site }) =>
  new Response(
    ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /cuenta/', '', `Sitemap: ${new URL('/sitemap.xml', site)}`, ''].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  )
