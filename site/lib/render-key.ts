import { createHash } from 'node:crypto'

/**
 * A path's `cacheKey` (Astro's getStaticPaths field): a digest of everything the page renders from.
 * Give one only to a page whose output is a function of its props and of shared content (pillars,
 * organizations, …, whose changes rebuild the whole site): the warm renderer
 * (publishing/render-worker.mjs) carries such a page over unchanged while its key is the same.
 */
export const renderKey = (props: unknown): string => createHash('sha256').update(JSON.stringify(props)).digest('base64url')
