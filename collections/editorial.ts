import type { CollectionConfig } from 'payload'

/**
 * Drafts, version history and scheduled publish/unpublish for news, courses and calls.
 * Scheduled changes are `schedulePublish` jobs on the default queue, run by the cron in payload.config.ts.
 */
export const editorialVersions: CollectionConfig['versions'] = {
  // A 24-hour clock in the scheduling drawer, as people in León write times.
  drafts: { autosave: false, schedulePublish: { timeFormat: 'HH:mm' } },
  maxPerDoc: 50,
}
