import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type Payload, type TaskConfig } from 'payload'

import { commitmentOf, DRAW_ALGORITHM, newSecret, placesForShare, runDraw, type DrawGroup, type PublishedDraw } from '../../lib/draw/algorithm'
import { dbOf, rows, sql, withOwnTransaction } from '../../lib/db'
import { enrollmentProblem } from '../Enrollments/rules'
import { placeYouths } from '../Enrollments/waitlist'
import { ageOfYouth } from '../Youth/rules'
import { queueExcludedEmailsFor } from './emails'
import { coloniaList, normalizeColonia, type GroupRule } from './course-fields'

/**
 * The draw of one course (docs/draw.md), as a queued job at the draw time. Exactly once: the first
 * run sets `course_draws.drawn_at` with `UPDATE … WHERE drawn_at IS NULL RETURNING`, inside the same
 * transaction that writes the outcome, the enrolments and their emails; a second instance (or a
 * retry after a crash, which rolled everything back) finds the row taken and does nothing.
 */

export const DRAW_TASK = 'courseDraw'

export type CourseDrawConfig = {
  id: number
  slug?: string | null
  title?: string | null
  allocation?: string | null
  draw?: {
    requestsOpen?: string | null
    requestsClose?: string | null
    drawAt?: string | null
    groups?: { label?: string | null; rule?: string | null; share?: number | null; ageMin?: number | null; ageMax?: number | null }[] | null
    colonias?: string | null
  } | null
}

export type PublishedCourseDraw = PublishedDraw & {
  course: { id: number; slug: string | null; title: string | null }
  drawnAt: string
  /** Requests that matched each group's rule (a request can count in several). */
  requestsPerGroup: Record<string, number>
  excluded: { folio: string }[]
}

export type DrawRun =
  | { kind: 'drawn'; result: PublishedCourseDraw }
  | { kind: 'already-drawn' | 'not-due' | 'not-a-draw' | 'not-found' }

const groupKey = (index: number) => `grupo-${index + 1}`

type Candidate = {
  id: number
  folio: string
  youth: number
  verified: boolean
  birthDate: string | null
  anonymizedAt: string | null
  consent: string | null
  colonia: string | null
  enrolledBefore: boolean
  inCourse: boolean
}

function matches(rule: GroupRule | string | null | undefined, group: { ageMin?: number | null; ageMax?: number | null }, youth: Candidate, colonias: Set<string>, at: Date) {
  if (rule === 'first-time') return !youth.enrolledBefore
  if (rule === 'colonia') return colonias.has(normalizeColonia(youth.colonia))
  if (rule === 'age') {
    const age = ageOfYouth(youth.birthDate, at)
    return age !== null && (group.ageMin == null || age >= group.ageMin) && (group.ageMax == null || age <= group.ageMax)
  }
  return false
}

/** Runs the draw of a course if it is due and has not run. `now` is for tests. */
export async function runCourseDraw(payload: Payload, courseId: number, now: Date = new Date()): Promise<DrawRun> {
  const course = (await payload.findByID({ collection: 'courses', id: courseId, depth: 0, disableErrors: true, overrideAccess: true })) as unknown as
    | (CourseDrawConfig & { state?: string | null; ageRange?: { min?: number | null; max?: number | null } | null })
    | null
  if (!course) return { kind: 'not-found' }
  if (course.allocation !== 'draw') return { kind: 'not-a-draw' }
  const drawAt = course.draw?.drawAt ? new Date(course.draw.drawAt) : null
  if (!drawAt || drawAt > now) return { kind: 'not-due' }

  return withOwnTransaction(payload, async (db): Promise<DrawRun> => {
    const [locked] = await rows(db, sql`SELECT capacity, state FROM courses WHERE id = ${courseId} FOR UPDATE`)
    if (!locked) return { kind: 'not-found' }
    const [claim] = await rows(
      db,
      sql`UPDATE course_draws SET drawn_at = ${now.toISOString()}, updated_at = now() WHERE course_id = ${courseId} AND drawn_at IS NULL RETURNING id, secret, commitment`,
    )
    if (!claim) return { kind: 'already-drawn' }
    const secret = String(claim.secret)

    const found = await rows(
      db,
      sql`SELECT r.id, r.folio, r.youth_id, y._verified, y.birth_date, y.anonymized_at, y.guardian_consent_status, y.colonia,
                 EXISTS (SELECT 1 FROM enrollments e WHERE e.youth_id = r.youth_id AND e.course_id <> r.course_id AND e.status = 'confirmed') AS enrolled_before,
                 EXISTS (SELECT 1 FROM enrollments e WHERE e.youth_id = r.youth_id AND e.course_id = r.course_id AND e.status <> 'cancelled') AS in_course
          FROM draw_requests r JOIN youth y ON y.id = r.youth_id
          WHERE r.course_id = ${courseId} AND r.status = 'requested'
          ORDER BY r.folio
          FOR UPDATE OF r`,
    )
    const candidates: Candidate[] = found.map((row) => ({
      id: Number(row.id),
      folio: String(row.folio),
      youth: Number(row.youth_id),
      verified: Boolean(row._verified),
      birthDate: row.birth_date ? new Date(row.birth_date as string).toISOString() : null,
      anonymizedAt: (row.anonymized_at as string | null) ?? null,
      consent: (row.guardian_consent_status as string | null) ?? null,
      colonia: (row.colonia as string | null) ?? null,
      enrolledBefore: Boolean(row.enrolled_before),
      inCourse: Boolean(row.in_course),
    }))

    // Eligibility as at enrolment (age, verified email, guardian consent, course state), checked now: a youth who
    // became ineligible since requesting is left out of the draw, with the reason.
    const rules = { state: locked.state as string | null, ageRange: course.ageRange ?? null }
    const excluded: { id: number; folio: string; reason: string }[] = []
    const entering: Candidate[] = []
    for (const c of candidates) {
      const problem = c.inCourse
        ? 'Ya tenías un lugar o un lugar en la lista de espera de este curso.'
        : enrollmentProblem(rules, { _verified: c.verified, birthDate: c.birthDate, anonymizedAt: c.anonymizedAt, guardianConsent: { status: c.consent } }, now, {
            ignoreWindow: true,
          })
      if (problem) excluded.push({ id: c.id, folio: c.folio, reason: problem })
      else entering.push(c)
    }

    const [{ confirmed: already }] = await rows(db, sql`SELECT count(*)::int AS confirmed FROM enrollments WHERE course_id = ${courseId} AND status = 'confirmed'`)
    const capacity = Number(locked.capacity ?? 0)
    const places = Math.max(0, capacity - Number(already))
    const colonias = coloniaList(course.draw?.colonias)
    const configured = course.draw?.groups ?? []
    let budget = places
    const groups: (DrawGroup & { rule: string })[] = configured.map((g, i) => {
      const reserved = Math.min(budget, placesForShare(places, Number(g.share ?? 0)))
      budget -= reserved
      return { key: groupKey(i), label: g.label ?? groupKey(i), rule: String(g.rule), places: reserved }
    })
    const requests = entering.map((c) => ({
      folio: c.folio,
      groups: configured.flatMap((g, i) => (matches(g.rule, g, c, colonias, now) ? [groupKey(i)] : [])),
    }))
    const draw = runDraw({ secret, capacity: places, groups, requests })

    // The requests' outcome, then the enrolments in draw order: the confirmed first (they all fit), then the line.
    const byFolio = new Map(entering.map((c) => [c.folio, c]))
    const outcomeIds = draw.entries.map((e) => byFolio.get(e.folio)!.id)
    if (draw.entries.length) {
      await db.execute(
        sql`UPDATE draw_requests r SET status = input.status::enum_draw_requests_status, "group" = input.grp, rank = input.rank, updated_at = now()
            FROM unnest(${sql.param(outcomeIds)}::int[], ${sql.param(draw.entries.map((e) => e.outcome))}::text[],
                        ${sql.param(draw.entries.map((e) => (e.group ? groups.find((g) => g.key === e.group)!.label : null)))}::text[],
                        ${sql.param(draw.entries.map((e) => e.rank))}::int[]) AS input(id, status, grp, rank)
            WHERE r.id = input.id`,
      )
    }
    if (excluded.length) {
      await db.execute(
        sql`UPDATE draw_requests r SET status = 'excluded', reason = input.reason, updated_at = now()
            FROM unnest(${sql.param(excluded.map((e) => e.id))}::int[], ${sql.param(excluded.map((e) => e.reason))}::text[]) AS input(id, reason)
            WHERE r.id = input.id`,
      )
      await db.execute(queueExcludedEmailsFor(sql`(SELECT unnest(${sql.param(excluded.map((e) => e.id))}::int[]) AS id) excluded`))
    }
    const ordered = [...draw.entries.filter((e) => e.outcome === 'confirmed'), ...draw.entries.filter((e) => e.outcome === 'waitlisted')]
    if (ordered.length) {
      // Emails («lugar confirmado» / «lista de espera») are queued in the same statements (Enrollments/emails.ts).
      await placeYouths(
        db,
        ordered.map((e) => ({ course: courseId, youth: byFolio.get(e.folio)!.youth })),
        new Map([[courseId, capacity]]),
      )
    }

    const result: PublishedCourseDraw = {
      algorithm: DRAW_ALGORITHM,
      course: { id: courseId, slug: course.slug ?? null, title: course.title ?? null },
      drawnAt: now.toISOString(),
      commitment: String(claim.commitment),
      secret,
      capacity: places,
      groups: groups.map(({ key, label, places: p }) => ({ key, label, places: p })),
      requestsPerGroup: Object.fromEntries(groups.map((g) => [g.key, requests.filter((r) => r.groups.includes(g.key)).length])),
      requests: [...requests].sort((a, b) => (a.folio < b.folio ? -1 : 1)),
      excluded: excluded.map(({ folio }) => ({ folio })).sort((a, b) => (a.folio < b.folio ? -1 : 1)),
      entries: draw.entries,
    }
    await db.execute(sql`UPDATE course_draws SET result = ${JSON.stringify(result)}::jsonb WHERE id = ${claim.id}`)
    return { kind: 'drawn', result }
  })
}

export const drawTask: TaskConfig<{ input: { course: number }; output: { outcome: string } }> = {
  slug: DRAW_TASK,
  label: 'Sorteo de lugares de un curso',
  retries: 5,
  inputSchema: [{ name: 'course', type: 'number', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text' }],
  handler: async ({ input, req }) => ({ output: { outcome: (await runCourseDraw(req.payload, input.course)).kind } }),
}

// ---- the course's side: the secret at once, the job at the draw time, nothing changes after the draw ----

const drawSettings = (doc: CourseDrawConfig | undefined | null) =>
  JSON.stringify({
    allocation: doc?.allocation ?? 'arrival',
    requestsOpen: stamp(doc?.draw?.requestsOpen),
    requestsClose: stamp(doc?.draw?.requestsClose),
    drawAt: stamp(doc?.draw?.drawAt),
    groups: (doc?.draw?.groups ?? []).map((g) => [g.label, g.rule, g.share, g.ageMin ?? null, g.ageMax ?? null]),
    colonias: doc?.draw?.colonias ?? '',
  })
const stamp = (value: unknown) => (value ? new Date(value as string).getTime() : null)

/** After the draw ran, its settings (allocation, window, time, groups, colonias) stay as they were. */
export const refuseDrawChangesAfterDraw: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || !originalDoc || (originalDoc as CourseDrawConfig).allocation !== 'draw') return data
  const [row] = await rows(await dbOf(req), sql`SELECT drawn_at FROM course_draws WHERE course_id = ${originalDoc.id}`)
  if (!row?.drawn_at) return data
  const merged = { ...originalDoc, ...data, draw: { ...(originalDoc.draw ?? {}), ...(data?.draw ?? {}) } } as CourseDrawConfig
  if (drawSettings(merged) !== drawSettings(originalDoc as CourseDrawConfig)) {
    throw new ValidationError(
      { collection: 'courses', errors: [{ path: 'allocation', message: 'el sorteo de este curso ya se realizó: su forma de asignación, fechas y grupos ya no se pueden cambiar.' }] },
      req.t,
    )
  }
  return data
}

/**
 * Saved «Por sorteo»: the secret is created once (its SHA-256 is public from now on) and, once
 * published, the draw is queued for its time. A job queued for a time that was later changed finds
 * the draw not due yet, or already run, and does nothing.
 */
export const prepareDraw: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const course = doc as CourseDrawConfig & { _status?: string }
  if (course.allocation !== 'draw') return doc
  const db = await dbOf(req)
  const secret = newSecret()
  await db.execute(
    sql`INSERT INTO course_draws (course_id, commitment, secret, updated_at, created_at)
        VALUES (${course.id}, ${commitmentOf(secret)}, ${secret}, now(), now()) ON CONFLICT (course_id) DO NOTHING`,
  )
  const drawAt = course.draw?.drawAt
  const changed = drawSettings(course) !== drawSettings(previousDoc as CourseDrawConfig) || (previousDoc as { _status?: string })?._status !== course._status
  if (course._status === 'published' && drawAt && changed) {
    await req.payload.jobs.queue({ task: DRAW_TASK as never, input: { course: course.id } as never, waitUntil: new Date(drawAt), req })
  }
  return doc
}
