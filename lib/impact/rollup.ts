import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { TIME_ZONE } from '../time'

/**
 * The impact rollup (tables from migration 20261125_041000_impact_rollup): the counted steps folded
 * once into one row per youth and León day, and per group and day, so that a report reads ~20,000
 * small rows instead of de-duplicating 220,000 steps per youth for every table (3.4 s at León scale).
 *
 * Distinct youths stay exact for ANY range of days, with no count(DISTINCT) and no estimate: each
 * (youth, group, day) row remembers the youth's previous active day in that group, and a youth is
 * active in [from, to] exactly once as "a day in [from, to] whose previous day is before `from`"
 * (the first active day in the range). impact_group_days keeps those previous days sorted per group
 * and day, so width_bucket (a binary search) counts them without unnesting.
 *
 * Steps counted (as in queries.ts): seat held now (confirmed, dated when enrolled), course concluded
 * (completed_at), application sent (not a draft, submitted_at); all on León calendar days.
 */

type Row = Record<string, unknown>
type Db = {
  execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }>
  transaction: <T>(fn: (tx: Db) => Promise<T>, config?: { isolationLevel: 'repeatable read' }) => Promise<T>
}
const dbOf = (payload: Payload) => (payload.db as unknown as PostgresAdapter).drizzle as unknown as Db

/** Figures this recent are answered as they are (a dashboard is reloaded and filtered often). */
export const STALE_MS = 5 * 60_000
/**
 * A rollup this small (a new institute, tests) is rebuilt before every report, so its figures are
 * never older than its last write. Counted in rows, not in rebuild time: time depends on how busy
 * the machine is, and a busy test run must not get yesterday's figures.
 */
export const SMALL_ROWS = 20_000
/** Older than this, a report waits for a rebuild instead of showing the old figures. */
export const MAX_AGE_MS = 60 * 60_000
const LOCK = 0x1a7ac7 // pg_advisory_xact_lock key: one rebuild at a time across processes

type State = { asOf: Date | null; small: boolean }

async function state(db: Db): Promise<State> {
  const { rows } = await db.execute(
    sql`SELECT s.as_of, (SELECT count(*) FROM (SELECT 1 FROM impact_youth_days LIMIT ${SMALL_ROWS + 1}) r) AS size FROM impact_snapshot s`,
  )
  const row = rows[0]
  return { asOf: row ? new Date(row.as_of as string) : null, small: Number(row?.size ?? 0) <= SMALL_ROWS }
}

/** Rebuilds the rollup from the raw rows, in one consistent snapshot of them (REPEATABLE READ). */
export async function rebuildRollup(payload: Payload): Promise<void> {
  const db = dbOf(payload)
  for (let attempt = 1; ; attempt++) {
    try {
      await build(db)
      break
    } catch (error) {
      // Waiting on another process's rebuild leaves this snapshot older than its rows: start again.
      const code = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code
      if (code !== '40001' || attempt === 3) throw error
    }
  }
  // Fresh statistics (or the planner guesses one row per table and picks poor plans for reports), and
  // the previous rollup's rows reclaimed now rather than piling up until autovacuum comes by.
  await db.execute(sql`VACUUM (ANALYZE) impact_youth_days, impact_group_days, impact_courses`)
}

async function build(db: Db): Promise<void> {
  const started = Date.now()
  const tz = sql.raw(`'${TIME_ZONE}'`)
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`)
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`)
      await tx.execute(sql`
        CREATE TEMP TABLE impact_steps ON COMMIT DROP AS
        SELECT e.youth_id, (e.created_at AT TIME ZONE ${tz})::date AS day, 1 AS enr, 0 AS comp, 0 AS app, 'course' AS ptype, e.course_id AS program, c.organization_id AS org
          FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.status = 'confirmed'
        UNION ALL
        SELECT e.youth_id, (e.completed_at AT TIME ZONE ${tz})::date, 0, 1, 0, 'course', e.course_id, c.organization_id
          FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.completed_at IS NOT NULL
        UNION ALL
        SELECT a.youth_id, (a.submitted_at AT TIME ZONE ${tz})::date, 0, 0, 1, 'call', a.call_id, k.organization_id
          FROM applications a JOIN calls k ON k.id = a.call_id WHERE a.status <> 'draft' AND a.submitted_at IS NOT NULL`)
      // DELETE, not TRUNCATE: reports keep reading the previous rollup until this one commits.
      await tx.execute(sql`DELETE FROM impact_youth_days`)
      await tx.execute(sql`DELETE FROM impact_group_days`)
      await tx.execute(sql`DELETE FROM impact_courses`)
      await tx.execute(sql`
        INSERT INTO impact_courses (course_id, opens, capacity, used, pillars)
        SELECT c.id, coalesce(c.enrollment_opens, c.created_at), c.capacity,
               (SELECT count(*) FROM enrollments e WHERE e.course_id = c.id AND e.status = 'confirmed'),
               array(SELECT r.pillars_id FROM courses_rels r WHERE r.parent_id = c.id AND r.path = 'pillars' AND r.pillars_id IS NOT NULL)
          FROM courses c WHERE c._status = 'published' AND c.state <> 'cancelled'`)
      await tx.execute(sql`
        INSERT INTO impact_youth_days (youth_id, day, prev_day, birth_date, enrolments, completions, applications)
        SELECT youth_id, day, lag(day) OVER (PARTITION BY youth_id ORDER BY day), birth_date, enr, comp, app
          FROM (SELECT s.youth_id, s.day, (y.birth_date AT TIME ZONE ${tz})::date AS birth_date, sum(enr) AS enr, sum(comp) AS comp, sum(app) AS app
                  FROM impact_steps s JOIN youth y ON y.id = s.youth_id GROUP BY s.youth_id, s.day, y.birth_date) d`)
      // Colonias are typed by people: "CENTRO", " centro " and "Centro" are one group. (Not '\s+': the
      // template literal would cook it to 's+' and turn "Las Joyas" into "la joya ".)
      const colonia = sql`lower(btrim(regexp_replace(coalesce(y.colonia, ''), '[[:space:]]+', ' ', 'g')))`
      // Gender and colonia belong to the youth: a youth's previous day in them is the previous day overall.
      const byYouth = (dim: string, key: ReturnType<typeof sql>) => sql`
        SELECT ${sql.raw(`'${dim}'`)}, ${key}, d.day, array_agg(coalesce(d.prev_day, '-infinity') ORDER BY coalesce(d.prev_day, '-infinity')),
               sum(d.enrolments), sum(d.completions), sum(d.applications)
          FROM impact_youth_days d JOIN youth y ON y.id = d.youth_id GROUP BY 2, d.day`
      // Organizations and pillars are the program's: a youth's previous day is the previous day in that group.
      const byProgram = (dim: string, from: ReturnType<typeof sql>) => sql`
        SELECT ${sql.raw(`'${dim}'`)}, key, day, array_agg(coalesce(prev, '-infinity') ORDER BY coalesce(prev, '-infinity')), sum(enr), sum(comp), sum(app)
          FROM (SELECT key, day, lag(day) OVER (PARTITION BY key, youth_id ORDER BY day) AS prev, enr, comp, app
                  FROM (SELECT key, youth_id, day, sum(enr) AS enr, sum(comp) AS comp, sum(app) AS app FROM ${from} GROUP BY key, youth_id, day) g) w
         GROUP BY key, day`
      await tx.execute(sql`
        INSERT INTO impact_group_days (dim, key, day, prevs, enrolments, completions, applications)
        ${byYouth('total', sql`''`)}
        UNION ALL ${byYouth('gender', sql`coalesce(y.gender::text, '')`)}
        UNION ALL ${byYouth('colonia', colonia)}
        UNION ALL ${byYouth('birth', sql`coalesce(date_trunc('quarter', d.birth_date)::date::text, '')`)}
        UNION ALL ${byProgram('organization', sql`(SELECT coalesce(org::text, '') AS key, * FROM impact_steps) s`)}
        UNION ALL ${byProgram('pillar', sql`(SELECT r.pillars_id::text AS key, s.* FROM impact_steps s
          JOIN (SELECT parent_id, pillars_id, 'course' AS ptype FROM courses_rels WHERE path = 'pillars'
                UNION ALL SELECT parent_id, pillars_id, 'call' FROM calls_rels WHERE path = 'pillars') r
            ON r.ptype = s.ptype AND r.parent_id = s.program) s`)}`)
      await tx.execute(sql`
        INSERT INTO impact_snapshot (id, as_of, build_ms) VALUES (1, now(), ${Date.now() - started})
        ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, build_ms = excluded.build_ms`)
    },
    { isolationLevel: 'repeatable read' },
  )
}

let building: Promise<void> | null = null
/** One rebuild at a time in this process; callers arriving meanwhile share it. */
function rebuildOnce(payload: Payload): Promise<void> {
  building ??= rebuildRollup(payload).finally(() => (building = null))
  return building
}

/** Shutdown waits for a rebuild under way: its transaction still holds a pooled connection. */
export const rollupSettled = (): Promise<void> => (building ?? Promise.resolve()).catch(() => {})

/**
 * Makes the rollup fit to answer and says as of when (its build instant: "datos al …"). Rebuilt now
 * (seconds at León scale, milliseconds in a small install) when: there is none yet, `exact` is asked
 * (the open-data build), the rollup is small (SMALL_ROWS), or it is older than MAX_AGE_MS.
 * Older than STALE_MS: answered from it and rebuilt in the background, so no dashboard request
 * waits for the seconds a León-scale rebuild takes.
 */
export async function ensureRollup(payload: Payload, { exact = false } = {}): Promise<Date> {
  const now = await state(dbOf(payload))
  const age = now.asOf ? Date.now() - now.asOf.getTime() : Infinity
  if (exact || age >= MAX_AGE_MS || now.small) {
    // A rebuild already running may have started before the caller's own writes: wait, then build.
    if (exact && building) await building.catch(() => {})
    await rebuildOnce(payload)
    return (await state(dbOf(payload))).asOf!
  }
  // Started (and its failure logged) once, however many requests find the rollup stale meanwhile.
  if (age >= STALE_MS && !building) rebuildOnce(payload).catch((error) => payload.logger.error({ err: error, msg: 'impact rollup rebuild failed' }))
  return now.asOf!
}
