import type { Access, Endpoint, PayloadHandler, SanitizedConfig, Where } from 'payload'

import { isAdmin, isStaff, nobody, staffOf } from '../collections/access'
import { errorResponse, knownErrorAnswer } from '../lib/api-errors'

/**
 * Least privilege for the collections Payload adds itself. Their defaults let any logged-in account
 * in (a youth could plant, read or delete edit locks in a staff member's name, or write admin
 * preference rows), and they are created while the config is sanitized, after every plugin ran: so
 * the rules are set here, on the sanitized config (payload.config.ts), and the access table
 * (tests/int/access-table.test.ts) has a row for each.
 */

/** Preferences: a staff member's own admin-screen settings, nobody else's; youths have none. */
const ownStaffPreference: Access = ({ req }): boolean | Where => {
  const user = staffOf(req.user)
  if (!user) return false
  return { and: [{ 'user.value': { equals: user.id } }, { 'user.relationTo': { equals: 'users' } }] }
}

const RULES: Record<string, Partial<Record<'create' | 'read' | 'update' | 'delete', Access>>> = {
  // Edit locks of the admin: only staff edit there.
  'payload-locked-documents': { create: isStaff, read: isStaff, update: isStaff, delete: isStaff },
  'payload-preferences': { create: isStaff, read: ownStaffPreference, update: ownStaffPreference, delete: ownStaffPreference },
  // Jobs are queued and run through `jobs.access` (payload.config.ts); their rows are read by admins only.
  'payload-jobs': { create: nobody, read: isAdmin, update: nobody, delete: nobody },
  'payload-migrations': { create: nobody, read: isAdmin, update: nobody, delete: nobody },
  'payload-kv': { create: nobody, read: nobody, update: nobody, delete: nobody },
}

const staffOnlyHandler =
  (handler: PayloadHandler): PayloadHandler =>
  (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión para continuar.')
    if (!staffOf(req.user)) return errorResponse(403, 'Esta función es solo para el personal del instituto.')
    // Deleting a key that was never saved fails inside the database adapter (a 500): it is simply not there.
    return Promise.resolve(handler(req)).catch((error: unknown) => {
      if (knownErrorAnswer(error) || req.method?.toUpperCase() !== 'DELETE') throw error
      return errorResponse(404, 'No encontramos lo que buscas.')
    })
  }

const staffOnlyByKey = <E extends Endpoint>(endpoints: E[] | false): E[] | false =>
  endpoints ? endpoints.map((e) => (e.path === '/:key' ? { ...e, handler: staffOnlyHandler(e.handler) } : e)) : endpoints

/** Applies the rules above to the sanitized config; also closes `GET /api/access` (what each collection allows) to the public. */
export function lockDownPayloadCollections(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const rules = RULES[collection.slug]
    if (rules) collection.access = { ...collection.access, ...rules }
    // Preference routes (`/api/payload-preferences/:key`) write through the database adapter, past any access rule.
    if (collection.slug === 'payload-preferences') collection.endpoints = staffOnlyByKey(collection.endpoints)
  }
  config.endpoints = config.endpoints.map((e) => (e.path === '/access' ? { ...e, handler: staffOnlyHandler(e.handler) } : e)) as typeof config.endpoints
  return config
}

