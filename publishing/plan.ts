import type { Payload } from 'payload'

/**
 * Incremental publishing. Each build records what it was built from (per public collection, the
 * version of every document the public can see); the next build compares and re-renders only the
 * own pages of what changed, plus every listing page. Anything that shows on many pages (pillars,
 * organizations, documents, the privacy notice, a changed image) or that disappears (deleted,
 * unpublished, renamed) rebuilds everything, so no page can go stale.
 */
export type ContentSnapshot = Record<string, Record<string, string>>
export type BuildPlan = { mode: 'full'; why: string } | { mode: 'incremental'; only: Record<string, number[]> }

/** Collections whose documents each have their own pages and appear elsewhere only in listings. */
const OWN_PAGES = ['news', 'courses', 'calls'] as const
const SHARED = ['pillars', 'organizations', 'documents', 'media'] as const
/** Every collection published on the site; each says so in its own config (`custom.publishedOnSite`). */
export const PLANNED_COLLECTIONS: string[] = [...OWN_PAGES, ...SHARED]

/**
 * Read as the site build reads: anonymously and without the caller's `req`, so a staff session
 * can never make drafts look published.
 */
export async function snapshotContent(payload: Payload): Promise<ContentSnapshot> {
  const snapshot: ContentSnapshot = {}
  for (const collection of [...OWN_PAGES, ...SHARED]) {
    const { docs } = await payload.find({
      collection,
      overrideAccess: false, // what an anonymous visitor sees: published documents only
      pagination: false,
      depth: 0,
      select: (OWN_PAGES as readonly string[]).includes(collection) ? { slug: true, updatedAt: true } : { updatedAt: true },
    })
    snapshot[collection] = Object.fromEntries(
      docs.map((doc) => {
        const { id, slug, updatedAt } = doc as { id: number; slug?: string; updatedAt: string }
        return [String(id), slug === undefined ? updatedAt : `${slug} ${updatedAt}`]
      }),
    )
  }
  const notice = await payload.findGlobal({ slug: 'privacy-notice', overrideAccess: false, depth: 0 }).catch(() => undefined)
  snapshot['privacy-notice'] = { global: String((notice as { updatedAt?: string } | undefined)?.updatedAt ?? '') }
  return snapshot
}

export function planBuild(before: ContentSnapshot | undefined, now: ContentSnapshot): BuildPlan {
  if (!before) return { mode: 'full', why: 'no hay construcción anterior comparable' }
  const only: Record<string, number[]> = {}
  for (const [collection, docs] of Object.entries(now)) {
    const old = before[collection]
    if (!old) return { mode: 'full', why: `${collection} no estaba en la construcción anterior` }
    const gone = Object.keys(old).find((id) => !(id in docs))
    if (gone) return { mode: 'full', why: `${collection} ${gone} se retiró del sitio` }
    const changed = Object.keys(docs).filter((id) => docs[id] !== old[id])
    if (!changed.length) continue
    const isOwnPage = (OWN_PAGES as readonly string[]).includes(collection)
    const renamed = isOwnPage && changed.find((id) => old[id] && slugOf(old[id]) !== slugOf(docs[id]))
    if (renamed) return { mode: 'full', why: `${collection} ${renamed} cambió de dirección` }
    // A new upload is used only by the documents that re-render with it; a changed one may show anywhere.
    const newUploadsOnly = collection === 'media' && changed.every((id) => !old[id])
    if (!isOwnPage && !newUploadsOnly) return { mode: 'full', why: `cambió ${collection}` }
    only[collection] = changed.map(Number)
  }
  return { mode: 'incremental', only }
}

const slugOf = (version: string) => version.split(' ')[0]
