import fs from 'node:fs/promises'
import path from 'node:path'

import { APIError, type CollectionBeforeOperationHook, type CollectionConfig, type Endpoint, type Plugin } from 'payload'

import { isStaff, staffOf } from '../collections/access'
import { errorResponse } from '../lib/api-errors'
import { refuseWrongShapes } from '../lib/field-shapes'

/** The most documents one public REST read may return (anonymous visitors and youths). */
export const MAX_PUBLIC_LIMIT = 100

/**
 * A visitor's `?limit=100000` or `?pagination=false` would make the server read and serialise a
 * whole table; over HTTP and outside the staff, a read returns at most MAX_PUBLIC_LIMIT documents.
 * The Local API (site build, exports) and the admin are not capped.
 */
export const capPublicReads: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' && operation !== 'readDistinct') return args
  if (req.payloadAPI === 'local' || staffOf(req.user)) return args
  const { limit, pagination } = args as { limit?: unknown; pagination?: unknown }
  const tooMany = pagination === false || limit === 0 || (typeof limit === 'number' && limit > MAX_PUBLIC_LIMIT)
  return tooMany ? { ...args, limit: MAX_PUBLIC_LIMIT, pagination: true } : args
}

/** Payload's operators for point (map) fields. */
const SPATIAL_OPERATORS = new Set(['near', 'within', 'intersects'])

const usesSpatialOperator = (where: unknown, depth = 0): boolean => {
  if (!where || typeof where !== 'object' || depth > 20) return false
  return Object.entries(where).some(([key, value]) => SPATIAL_OPERATORS.has(key) || usesSpatialOperator(value, depth + 1))
}

/**
 * `?where[title][near]=1,2` on a field that is not a point makes the database adapter throw a
 * TypeError (a 500). In a collection without point fields (all of ours, today) such a filter is the
 * sender's mistake: a 400.
 */
export const refuseSpatialQueries: CollectionBeforeOperationHook = ({ args, collection }) => {
  const hasPoint = collection.flattenedFields.some((field) => field.type === 'point')
  if (!hasPoint && usesSpatialOperator((args as { where?: unknown }).where)) {
    throw new APIError('La búsqueda usa un filtro de mapa (near, within, intersects), y aquí no hay campos de ubicación.', 400, null, true)
  }
  return args
}

/** Auth cookies (staff and youth share `payload-token`) only over https when the site is https. */
const withSecureCookie = (collection: CollectionConfig, secure: boolean): CollectionConfig['auth'] => {
  if (!collection.auth) return collection.auth
  const auth = collection.auth === true ? {} : collection.auth
  return { ...auth, cookies: { ...auth.cookies, secure } }
}

/**
 * Payload mounts `POST /:collection/verify/:token` on every auth collection, even one without
 * `auth.verify` (ours: youths verify through their own endpoint), and there it fails with a 500
 * (the token column does not exist). Such a link names nothing: a Spanish 404. Custom endpoints are
 * matched before Payload's own, so this one takes the route.
 */
const noVerifyRoute: Endpoint = { path: '/verify/:id', method: 'post', handler: () => errorResponse(404, 'No encontramos lo que buscas.') }
const withoutVerify = (collection: CollectionConfig): CollectionConfig['endpoints'] => {
  const verifies = typeof collection.auth === 'object' && Boolean(collection.auth.verify)
  if (!collection.auth || verifies || collection.endpoints === false) return collection.endpoints
  return [...(collection.endpoints ?? []), noVerifyRoute]
}

type UploadHandler = NonNullable<Exclude<CollectionConfig['upload'], boolean | undefined>['handlers']>[number]

/**
 * Payload answers a file missing from the upload folder with a 500 ("Something went wrong.", past
 * every error hook), so a mistyped or stale file link looked like a fault of ours. On local disk
 * (no storage adapter handles the collection) a missing file is a Spanish 404; anything else is
 * left to Payload.
 */
const missingFileIs404 = (async (req, { params }) => {
  const dir = req.payload.collections[params.collection as 'media']?.config.upload?.staticDir
  if (!dir || typeof params.filename !== 'string') return
  const root = path.resolve(dir)
  const file = path.resolve(root, params.filename)
  if (!file.startsWith(root + path.sep)) return
  const found = await fs.stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
  return found ? undefined : errorResponse(404, 'No encontramos ese archivo: puede que se haya retirado.')
  // Payload types a handler as Promise<Response> | Promise<void>; this one is either.
}) as UploadHandler
const withMissingFile404 = (collection: CollectionConfig): CollectionConfig['upload'] => {
  if (!collection.upload) return collection.upload
  const upload = collection.upload === true ? {} : collection.upload
  return upload.handlers?.length ? upload : { ...upload, handlers: [missingFileIs404] }
}

/** Applies these rules to every collection, so a collection added later is covered without thinking of it. */
export const hardeningPlugin =
  (opts: { secureCookies: boolean }): Plugin =>
  (config) => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      auth: withSecureCookie(collection, opts.secureCookies),
      endpoints: withoutVerify(collection),
      upload: withMissingFile404(collection),
      // Draft history is staff work: Payload's default would show it to any logged-in youth.
      access: collection.versions ? { readVersions: isStaff, ...collection.access } : collection.access,
      hooks: { ...collection.hooks, beforeOperation: [refuseSpatialQueries, capPublicReads, refuseWrongShapes, ...(collection.hooks?.beforeOperation ?? [])] },
    })),
    globals: (config.globals ?? []).map((global) => (global.versions ? { ...global, access: { readVersions: isStaff, ...global.access } } : global)),
  })
