/**
 * The one rule for the site's absolute address (links in emails, sitemap, RSS, canonical, OpenGraph,
 * JSON-LD): PUBLIC_URL, or this instance on localhost at its PORT. Read by server/env.ts and by
 * astro.config.mjs, so an instance on another port never links to :3000.
 */
export function publicUrl(source: NodeJS.ProcessEnv = process.env): string {
  const port = source.PORT?.trim() || '3000'
  return (source.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, '')
}
