import type { PayloadRequest } from 'payload'

import type { ApplicationActivity, EnrollmentActivity, Pillar, ProgramRef } from './types'

/**
 * Reads one youth's own activity through the Local API as that youth (overrideAccess: false):
 * the collections' own rules are what keep anyone else's rows out.
 */

type Populated = { id: number; title?: string; slug?: string | null; pillars?: (number | { id: number })[] | null }
export type PillarRow = Pillar & { id: number }

export async function loadPillars(req: PayloadRequest): Promise<PillarRow[]> {
  const { docs } = await req.payload.find({
    collection: 'pillars',
    sort: 'order',
    pagination: false,
    depth: 0,
    select: { slug: true, name: true, color: true },
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs.map((p) => ({ id: p.id as number, slug: p.slug, name: p.name, color: p.color ?? null }))
}

/** A course or call as the journey names it; one unpublished since (id only) keeps its place, unnamed. */
export function programRef(value: unknown, pillarSlugs: Map<number, string>, fallback: string): ProgramRef {
  const doc = (value && typeof value === 'object' ? value : { id: value }) as Populated
  const ids = (doc.pillars ?? []).map((p) => (typeof p === 'object' ? p.id : p))
  return { id: doc.id, title: doc.title ?? fallback, slug: doc.slug ?? null, pillars: ids.map((id) => pillarSlugs.get(id)).filter((s): s is string => Boolean(s)) }
}

const PROGRAM_FIELDS = { title: true, slug: true, pillars: true } as const

/**
 * `asPlatform`: a scheduled job (the weekly digest) has no session; it reads one youth's rows,
 * narrowed by the query itself, for that youth's own email.
 */
export async function loadActivities(req: PayloadRequest, youthId: number, pillars: PillarRow[], { asPlatform = false } = {}) {
  const slugs = new Map(pillars.map((p) => [p.id, p.slug]))
  const asYouth = { user: asPlatform ? undefined : req.user, overrideAccess: asPlatform, req, pagination: false, depth: 1 } as const
  const [enrollments, applications] = await Promise.all([
    req.payload.find({
      collection: 'enrollments',
      where: { youth: { equals: youthId } },
      select: { course: true, status: true, createdAt: true, confirmedAt: true, cancelledAt: true, completedAt: true, certificateCode: true, attendance: true },
      populate: { courses: PROGRAM_FIELDS },
      ...asYouth,
    }),
    req.payload.find({
      collection: 'applications',
      where: { youth: { equals: youthId } },
      select: { call: true, status: true, createdAt: true, submittedAt: true, history: true },
      populate: { calls: PROGRAM_FIELDS },
      ...asYouth,
    }),
  ])
  return {
    enrollments: enrollments.docs.map(
      (e): EnrollmentActivity => ({
        id: e.id as number,
        course: programRef(e.course, slugs, 'Curso o taller'),
        status: e.status as EnrollmentActivity['status'],
        createdAt: e.createdAt,
        confirmedAt: e.confirmedAt,
        cancelledAt: e.cancelledAt,
        completedAt: e.completedAt,
        certificateCode: e.certificateCode,
        attendance: (e.attendance ?? []).map((a) => ({ sessionStartsAt: a.sessionStartsAt, present: a.present })),
      }),
    ),
    applications: applications.docs.map(
      (a): ApplicationActivity => ({
        id: a.id as number,
        call: programRef(a.call, slugs, 'Convocatoria'),
        status: a.status as string,
        createdAt: a.createdAt,
        submittedAt: a.submittedAt,
        history: (a.history ?? []).map((h) => ({ status: h.status, at: h.at })),
      }),
    ),
  }
}
