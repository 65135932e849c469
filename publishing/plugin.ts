import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Config, GlobalAfterChangeHook, PayloadRequest } from 'payload'

import { SiteBuilds } from './status-collection'
import { rebuildSiteTask, SITE_QUEUE } from './job'
import { PLANNED_COLLECTIONS } from './plan'

/** Edits arriving within this window share one build. */
const DEBOUNCE_MS = 1000

type Doc = { _status?: string } | undefined

/** Only changes the public can see cost a rebuild: drafts of unpublished documents do not. */
const touchesPublicSite = (doc: Doc, previousDoc: Doc) =>
  doc?._status === undefined || doc._status === 'published' || previousDoc?._status === 'published'

// Queued with `req`, so the job row commits or rolls back with the edit that caused it.
const queueRebuild = (req: PayloadRequest, reason: string) =>
  req.payload.jobs.queue({
    task: 'rebuildSite',
    input: { reason },
    queue: SITE_QUEUE,
    waitUntil: new Date(Date.now() + DEBOUNCE_MS),
    req,
  })

const afterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req, collection, operation }) => {
  if (touchesPublicSite(doc, previousDoc)) await queueRebuild(req, `${collection.slug} ${doc.id} (${operation})`)
  return doc
}
const afterDelete: CollectionAfterDeleteHook = async ({ doc, req, collection }) => {
  await queueRebuild(req, `${collection.slug} ${doc.id} (delete)`)
  return doc
}
const afterGlobalChange: GlobalAfterChangeHook = async ({ doc, req, global }) => {
  await queueRebuild(req, `${global.slug} (update)`)
  return doc
}

/** Whether a collection's or global's own config says it is published on the site (see README.md). */
const publishedOnSite = (config: { custom?: Record<string, unknown> }) => config.custom?.publishedOnSite === true

/**
 * Publish to live: every collection and global whose config says `custom: { publishedOnSite: true }`
 * queues a debounced site rebuild on change, which the job runner inside `npm start` picks up
 * within seconds (queue `site`, one build at a time).
 */
export const sitePublishing =
  () =>
  (config: Config): Config => {
    const published = (config.collections ?? []).filter(publishedOnSite).map((collection) => collection.slug)
    // The plan must know how each published collection shows on the site, or a change could go stale.
    const unplanned = published.filter((slug) => !PLANNED_COLLECTIONS.includes(slug))
    const unmarked = PLANNED_COLLECTIONS.filter((slug) => !published.includes(slug))
    if (unplanned.length || unmarked.length) {
      throw new Error(
        `publishing/plan.ts y las colecciones marcadas publishedOnSite no coinciden: ${[...unplanned, ...unmarked].join(', ')}`,
      )
    }
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) =>
          publishedOnSite(collection)
            ? {
                ...collection,
                hooks: {
                  ...collection.hooks,
                  afterChange: [...(collection.hooks?.afterChange ?? []), afterChange],
                  afterDelete: [...(collection.hooks?.afterDelete ?? []), afterDelete],
                },
              }
            : collection,
        ),
        SiteBuilds,
      ],
      globals: (config.globals ?? []).map((global) =>
        publishedOnSite(global)
          ? { ...global, hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), afterGlobalChange] } }
          : global,
      ),
      jobs: {
        ...config.jobs,
        enableConcurrencyControl: true,
        tasks: [...(config.jobs?.tasks ?? []), rebuildSiteTask as never],
        autoRun: async (payload) => [
          ...(typeof config.jobs?.autoRun === 'function' ? await config.jobs.autoRun(payload) : (config.jobs?.autoRun ?? [])),
          { cron: '* * * * * *', queue: SITE_QUEUE, limit: 1 },
        ],
      },
    }
  }
