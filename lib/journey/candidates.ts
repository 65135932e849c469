import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import { applicationProblem } from '../../collections/Applications/rules'
import { enrollmentProblem } from '../../collections/Enrollments/rules'
import { dbOf, rows } from '../db'
import { programRef, type PillarRow } from './load'
import type { Activities } from './types'
import type { Candidate } from './recommend'

type YouthProfile = Parameters<typeof applicationProblem>[1]

/** The catalogue's own conditions only: the youth's personal ones (email, consent) are reported once, apart. */
const asIfReady = (youth: YouthProfile): YouthProfile => ({ ...youth, _verified: true, anonymizedAt: null, guardianConsent: { status: 'given' } })

/** Published, window open now: the database narrows, the enrolment and application rules decide. */
const openWindow = (group: string, now: string): Where[] => [
  { _status: { equals: 'published' } },
  { or: [{ [`${group}.opens`]: { exists: false } }, { [`${group}.opens`]: { less_than_equal: now } }] },
  { or: [{ [`${group}.closes`]: { exists: false } }, { [`${group}.closes`]: { greater_than: now } }] },
]

/**
 * How many open programs are read at most per kind. "¿A qué puedo inscribirme?" lists the whole open
 * catalogue, and León runs about 300 courses and 100 calls a year, so this is a safety cap, not a page.
 */
const LIMIT = 1000

/**
 * The open catalogue is the same for every youth, so it is read at most once a minute and shared
 * while no course or call changes (a two-row version query tells; the rules below still check each
 * window against the exact time). At León scale this was most of what "Para ti" cost; seats stay
 * live (one grouped count per request).
 */
const CATALOGUE_MS = 60_000
let catalogue: { at: number; version: string; load: Promise<Catalogue> } | undefined
type Catalogue = Awaited<ReturnType<typeof readCatalogue>>

async function readCatalogue(req: PayloadRequest, now: string) {
  // Anonymous reads (no user, access enforced): exactly what a youth may read, published only.
  const asPublic = { overrideAccess: false, req, pagination: false, depth: 0, limit: LIMIT, sort: 'id' } as const
  const [courses, calls] = await Promise.all([
    req.payload.find({
      collection: 'courses',
      where: { and: [...openWindow('enrollment', now), { state: { equals: 'active' } }] },
      select: { title: true, slug: true, pillars: true, enrollment: true, ageRange: true, state: true, capacity: true },
      ...asPublic,
    }),
    req.payload.find({
      collection: 'calls',
      where: { and: openWindow('window', now) },
      select: { title: true, slug: true, pillars: true, window: true, eligibility: true },
      ...asPublic,
    }),
  ])
  return { courses: courses.docs, calls: calls.docs }
}

async function catalogueVersion(req: PayloadRequest): Promise<string> {
  const found = await rows(
    await dbOf(req),
    sql`SELECT (SELECT max(updated_at)::text || count(*) FROM courses) AS courses, (SELECT max(updated_at)::text || count(*) FROM calls) AS calls`,
  )
  return `${found[0]?.courses}|${found[0]?.calls}`
}

async function openCatalogue(req: PayloadRequest, at: Date): Promise<Catalogue> {
  const version = await catalogueVersion(req)
  if (!catalogue || catalogue.version !== version || at.getTime() - catalogue.at >= CATALOGUE_MS) {
    const load = readCatalogue(req, at.toISOString())
    catalogue = { at: at.getTime(), version, load }
    load.catch(() => (catalogue = undefined))
  }
  return catalogue.load
}

/** The open catalogue for one youth: what they may join now, and how much of the rest is not for them. */
export type OpenCatalogue = {
  candidates: Candidate[]
  /** Open, but the youth is already enrolled or has applied. */
  alreadyIn: number
  /** Open, but not for this youth (age, residency): counted, never listed. */
  notForYou: number
}

export async function openCatalogueFor(req: PayloadRequest, youth: YouthProfile, mine: Activities, pillars: PillarRow[], at = new Date()): Promise<OpenCatalogue> {
  const slugs = new Map(pillars.map((p) => [p.id, p.slug]))
  const taken = new Set(mine.enrollments.filter((e) => e.status !== 'cancelled').map((e) => e.course.id))
  const applied = new Set(mine.applications.map((a) => a.call.id))
  const ready = asIfReady(youth)
  const open = await openCatalogue(req, at)
  const courses = open.courses.filter((c) => !taken.has(c.id as number))
  const calls = open.calls.filter((k) => !applied.has(k.id as number))
  const eligibleCourses = courses.filter((c) => !enrollmentProblem(c, ready, at))
  const eligibleCalls = calls.filter((k) => !applicationProblem(k, ready, at))
  const candidates = [
    ...eligibleCourses.map((c): Candidate => ({
      type: 'course',
      ...programRef(c, slugs, c.title),
      closes: c.enrollment?.closes ?? null,
      capacity: c.capacity ?? 0,
    })),
    ...eligibleCalls.map((k): Candidate => ({ type: 'call', ...programRef(k, slugs, k.title), closes: k.window?.closes ?? null })),
  ]
  return {
    candidates,
    alreadyIn: open.courses.length - courses.length + open.calls.length - calls.length,
    notForYou: courses.length - eligibleCourses.length + calls.length - eligibleCalls.length,
  }
}

export const openCandidates = async (...args: Parameters<typeof openCatalogueFor>): Promise<Candidate[]> =>
  (await openCatalogueFor(...args)).candidates

/**
 * Marks the courses whose confirmed seats are all taken (enrolling waitlists them), with one grouped
 * count: called on the few items shown, not the whole catalogue (counting seats is per request).
 */
export async function markFull<T extends Candidate>(req: PayloadRequest, items: T[]): Promise<T[]> {
  const courses = items.filter((i) => i.type === 'course').map((i) => ({ id: i.id, capacity: i.capacity ?? 0 }))
  const full = await fullCourses(req, courses)
  return items.map((i) => (i.type === 'course' ? { ...i, waitlistOnly: full.has(i.id) } : i))
}

async function fullCourses(req: PayloadRequest, courses: { id: number; capacity: number }[]): Promise<Set<number>> {
  if (!courses.length) return new Set()
  const ids = courses.map((c) => c.id)
  const counted = await rows(
    await dbOf(req),
    sql`SELECT course_id, count(*) AS confirmed FROM enrollments
        WHERE status = 'confirmed' AND course_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) GROUP BY course_id`,
  )
  const confirmed = new Map(counted.map((r) => [Number(r.course_id), Number(r.confirmed)]))
  return new Set(courses.filter((c) => (confirmed.get(c.id) ?? 0) >= c.capacity).map((c) => c.id))
}
