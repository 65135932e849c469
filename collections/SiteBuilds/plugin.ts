import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Config, GlobalAfterChangeHook, PayloadRequest } from 'payload'

import { SiteBuilds } from './index'
import { rebuildSiteTask, SITE_QUEUE } from './rebuild-task'

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

/**
 * Publish to live: public collections and globals queue a debounced site rebuild, which the job
 * runner inside `npm start` picks up within seconds (queue `site`, one build at a time).
 */
export const siteRebuildPlugin =
  (opts: { collections: string[]; globals: string[] }) =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        opts.collections.includes(collection.slug)
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
      opts.globals.includes(global.slug)
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
  })
