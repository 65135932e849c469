import type { CollectionConfig } from 'payload'

/**
 * Drafts, version history and scheduled publish/unpublish for news, courses and calls.
 * Scheduled changes are `schedulePublish` jobs on the default queue, run by the cron in payload.config.ts.
 */
export const editorialVersions: CollectionConfig['versions'] = {
  drafts: { autosave: false, schedulePublish: true },
  maxPerDoc: 50,
}
