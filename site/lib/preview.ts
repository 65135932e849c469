/**
 * The draft preview (/vista-previa/<collection>/<id>): the newest saved version of a document, read
 * through the REST API with the visitor's own session. Only a staff session gets anything: Payload's
 * access rules then decide which drafts that person may read. Never part of a site build.
 */
import type { Call, Course, News } from '../../payload-types'
import { apiGet } from './live'

export type PreviewDoc = { collection: 'news'; doc: News } | { collection: 'courses'; doc: Course } | { collection: 'calls'; doc: Call }

export const PREVIEW_COLLECTIONS = ['news', 'courses', 'calls'] as const
type PreviewCollection = (typeof PREVIEW_COLLECTIONS)[number]

const isPreviewCollection = (value: string | undefined): value is PreviewCollection =>
  PREVIEW_COLLECTIONS.includes(value as PreviewCollection)

/** True only for a staff account's session (a youth's token is not accepted by /users/me). */
async function isStaffSession(request: Request): Promise<boolean> {
  if (!request.headers.get('cookie')?.includes('payload-token')) return false
  const { data } = await apiGet<{ user: { id: unknown; collection?: string } | null }>(request, '/users/me?depth=0')
  return Boolean(data?.user && (data.user.collection ?? 'users') === 'users')
}

/** The document to preview, or null (unknown collection or id, not staff, or not readable by them). */
export async function loadPreview(request: Request, collection: string | undefined, id: string | undefined): Promise<PreviewDoc | null> {
  if (!isPreviewCollection(collection) || !id || !/^\d+$/.test(id)) return null
  if (!(await isStaffSession(request))) return null
  const { data } = await apiGet<News | Course | Call>(request, `/${collection}/${id}?draft=true&depth=1`)
  return data ? ({ collection, doc: data } as PreviewDoc) : null
}
