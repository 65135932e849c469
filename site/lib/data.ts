/**
 * The site's one data-access layer. Every read is anonymous (`overrideAccess: false`, no user),
 * so a page can only ever see what the public may see: no drafts, no personal data.
 * Each collection is read once per build and memoized: hundreds of pages share one query.
 */
import fs from 'node:fs'

import { getPayload, type Payload } from 'payload'

import config from '../../payload.config'
import { publicImpact } from '../../lib/impact'
import type { Call, Course, Media, News, Organization, Pillar, PrivacyNotice } from '../../payload-types'
import { closePayload } from '../../server/close-payload'

export type { Call, Course, Media, News, Organization, Pillar, PrivacyNotice }

let instance: Promise<Payload> | undefined

function payload(): Promise<Payload> {
  if (!instance) {
    instance = getPayload({ config, key: 'site' })
    ;(globalThis as Record<string, unknown>).__viajeJovenClosePayload = async () => closePayload(await instance!)
  }
  return instance
}

const publicRead = { overrideAccess: false, depth: 1, pagination: false } as const

const memo = new Map<string, Promise<unknown>>()
// The warm renderer (publishing/render-worker.mjs) reads everything afresh for each publish.
;(globalThis as Record<string, unknown>).__viajeJovenForgetData = () => memo.clear()
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, load())
  return memo.get(key) as Promise<T>
}

/** Items without a slug cannot have a page; the slug hook fills it, this guards old rows. */
const withSlug = <T extends { slug?: string | null }>(docs: T[]) => docs.filter((doc) => Boolean(doc.slug))

export const listPillars = () =>
  once('pillars', async () => (await (await payload()).find({ collection: 'pillars', sort: 'order', ...publicRead })).docs)

export const listOrganizations = () =>
  once('organizations', async () =>
    withSlug((await (await payload()).find({ collection: 'organizations', sort: 'name', ...publicRead })).docs),
  )

/** Published news, newest first. The author (a staff account) is never read. */
export const listNews = () =>
  once('news', async () =>
    withSlug(
      (await (await payload()).find({ collection: 'news', sort: '-publishedAt', select: { author: false }, ...publicRead })).docs,
    ),
  )

/** Published courses and workshops. Lessons are for enrolled youths, not for the public page. */
export const listCourses = () =>
  once('courses', async () =>
    withSlug((await (await payload()).find({ collection: 'courses', sort: 'title', select: { lessons: false }, ...publicRead })).docs),
  )

/** Published calls. Application questions belong to the application form, not to the page. */
export const listCalls = () =>
  once('calls', async () =>
    withSlug((await (await payload()).find({ collection: 'calls', sort: 'window.closes', select: { questions: false }, ...publicRead })).docs),
  )

/**
 * Open data (/datos-abiertos/): the impact figures with every small group suppressed. publicImpact
 * returns only the suppressed report, so exact counts (which could single someone out) never enter
 * the build. Aggregates are SQL over the whole history, computed once per build.
 */
export const openImpactData = () => once('impact', async () => publicImpact(await payload()))

export async function getPrivacyNotice(): Promise<PrivacyNotice | null> {
  const p = await payload()
  if (!p.config.globals.some((global) => global.slug === 'privacy-notice')) return null
  const notice = (await p.findGlobal({ slug: 'privacy-notice', overrideAccess: false, depth: 0 })) as PrivacyNotice
  return notice?.body ? notice : null
}

/**
 * An incremental rebuild renders the own pages of the documents that changed; every other page of
 * that kind is taken unchanged from the previous build. The publishing pipeline leaves its plan in
 * a file beside the output folder (publishing/render.ts); without one, everything is rendered.
 */
const planFile = process.env.SITE_OUT_DIR ? `${process.env.SITE_OUT_DIR}.plan.json` : undefined
const planOfBuild: Record<string, number[]> | undefined =
  planFile && fs.existsSync(planFile) ? (JSON.parse(fs.readFileSync(planFile, 'utf8')) as { only: Record<string, number[]> }).only : undefined
/** The warm renderer sets its plan for each render it is asked for. */
const currentPlan = () => ((globalThis as Record<string, unknown>).__viajeJovenPlan as Record<string, number[]> | undefined) ?? planOfBuild
export const withOwnPage = <T extends { id: number }>(collection: 'news' | 'courses' | 'calls' | 'media', docs: T[]): T[] => {
  const changed = currentPlan()
  return changed ? docs.filter((doc) => changed[collection]?.includes(doc.id)) : docs
}

export { pillarsOf, populated } from './docs'
