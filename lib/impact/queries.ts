import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { TIME_ZONE } from '../time'
import { PEOPLE_COLUMNS, type CapacityRow, type ImpactReport, type ImpactRow, type PeopleColumn } from './tables'

/**
 * The impact aggregates in SQL. Counting 200,000 enrolments through the Local API would load every
 * row into Node; PostgreSQL groups them in one pass (GROUPING SETS: one scan for every youth-based
 * table) and returns a few hundred numbers. Only counts leave these queries, never a person's row.
 *
 * What counts, for activity dated inside [from, to):
 * - enrolment: a seat held now (status confirmed), dated when enrolled;
 * - completion: a course concluded, dated `completed_at`;
 * - application: sent (not a draft), dated `submitted_at`;
 * - youths: distinct people with any of the above.
 */

type Row = Record<string, unknown>
type Db = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }> }

export type Range = { from: Date; to: Date }

/** Every counted step with its youth, instant, organization and program: one row each. */
const activity = ({ from, to }: Range) => sql`
  SELECT e.youth_id, 1 AS enr, 0 AS comp, 0 AS app, e.created_at AS at, 'course' AS ptype, e.course_id AS program, c.organization_id AS org
    FROM enrollments e JOIN courses c ON c.id = e.course_id
   WHERE e.status = 'confirmed' AND e.created_at >= ${from} AND e.created_at < ${to}
  UNION ALL
  SELECT e.youth_id, 0, 1, 0, e.completed_at, 'course', e.course_id, c.organization_id
    FROM enrollments e JOIN courses c ON c.id = e.course_id
   WHERE e.completed_at >= ${from} AND e.completed_at < ${to}
  UNION ALL
  SELECT a.youth_id, 0, 0, 1, a.submitted_at, 'call', a.call_id, k.organization_id
    FROM applications a JOIN calls k ON k.id = a.call_id
   WHERE a.status <> 'draft' AND a.submitted_at >= ${from} AND a.submitted_at < ${to}`

/**
 * Distinct youths without count(DISTINCT): steps are first summed per youth (and per youth and
 * organization, per youth and month, per youth and pillar) with hash aggregates, so each group then
 * counts its rows. count(DISTINCT) over GROUPING SETS sorted 220,000 rows once per set.
 */
const sums = sql`count(*) AS youths, sum(enr) AS enrolments, sum(comp) AS completions, sum(app) AS applications`

const numbers = (row: Row) => Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as Record<PeopleColumn, number>

export const AGE_BANDS = [
  { key: '12-14', label: '12 a 14 años', max: 14 },
  { key: '15-17', label: '15 a 17 años', max: 17 },
  { key: '18-24', label: '18 a 24 años', max: 24 },
  { key: '25-29', label: '25 a 29 años', max: 29 },
  { key: '30+', label: '30 años o más', max: Infinity },
]
const GENDER_LABELS: Record<string, string> = {
  mujer: 'Mujer', hombre: 'Hombre', 'no-binario': 'No binario', otro: 'Otro', 'prefiero-no-decir': 'Prefiere no decir', '': 'No indicado',
}
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
const monthLabel = (key: string) => `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`
/** Colonias are typed by people: "CENTRO", " centro " and "Centro" are one group. */
const coloniaLabel = (key: string) => key.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()) || 'No indicada'

export async function impactReport(payload: Payload, range: Range, lastDay: string): Promise<Omit<ImpactReport, 'from' | 'to'>> {
  const tz = sql.raw(`'${TIME_ZONE}'`)
  const month = sql`to_char(at AT TIME ZONE ${tz}, 'YYYY-MM')`
  // The aggregates hash a few hundred thousand groups: give them the memory to stay off disk.
  const [grouped, byPillar, capacity, names] = await (payload.db as unknown as PostgresAdapter).drizzle.transaction(async (tx) => {
    const db = tx as unknown as Db
    await db.execute(sql`SET LOCAL work_mem = '48MB'`)
    return [
      await db.execute(sql`
      WITH act AS (${activity(range)}),
      per AS (
        SELECT youth_id, org, ${month} AS month, GROUPING(org) AS g_org, GROUPING(${month}) AS g_month,
               sum(enr) AS enr, sum(comp) AS comp, sum(app) AS app
          FROM act GROUP BY GROUPING SETS ((youth_id), (youth_id, org), (youth_id, ${month}))),
      people AS (
        SELECT per.enr, per.comp, per.app,
               CASE WHEN a.age <= 14 THEN '12-14' WHEN a.age <= 17 THEN '15-17' WHEN a.age <= 24 THEN '18-24'
                    WHEN a.age <= 29 THEN '25-29' ELSE '30+' END AS band,
               coalesce(y.gender::text, '') AS gender,
               lower(regexp_replace(trim(y.colonia), '\s+', ' ', 'g')) AS colonia
          FROM per JOIN youth y ON y.id = per.youth_id
          CROSS JOIN LATERAL (SELECT date_part('year', age(${lastDay}::date, (y.birth_date AT TIME ZONE ${tz})::date))::int AS age) a
         WHERE per.g_org = 1 AND per.g_month = 1)
      SELECT CASE WHEN GROUPING(band) = 0 THEN 'age' WHEN GROUPING(gender) = 0 THEN 'gender'
                  WHEN GROUPING(colonia) = 0 THEN 'colonia' ELSE 'total' END AS dim,
             coalesce(band, gender, colonia) AS key, count(*) AS youths, sum(enr) AS enrolments, sum(comp) AS completions, sum(app) AS applications
        FROM people GROUP BY GROUPING SETS ((band), (gender), (colonia), ())
      UNION ALL
      SELECT 'organization', org::text, ${sums} FROM per WHERE g_org = 0 GROUP BY org
      UNION ALL
      SELECT 'month', month, ${sums} FROM per WHERE g_month = 0 GROUP BY month`),
      await db.execute(sql`
      WITH act AS (${activity(range)}),
      per AS (
        SELECT act.youth_id, r.pillars_id, sum(enr) AS enr, sum(comp) AS comp, sum(app) AS app
          FROM act JOIN (SELECT parent_id, pillars_id, 'course' AS ptype FROM courses_rels WHERE path = 'pillars'
                         UNION ALL SELECT parent_id, pillars_id, 'call' FROM calls_rels WHERE path = 'pillars') r
            ON r.ptype = act.ptype AND r.parent_id = act.program
         GROUP BY act.youth_id, r.pillars_id)
      SELECT pillars_id AS pillar, ${sums} FROM per GROUP BY pillars_id`),
      await db.execute(sql`
      WITH c AS (
        SELECT id, capacity,
               (SELECT count(*) FROM enrollments e WHERE e.course_id = courses.id AND e.status = 'confirmed') AS used
          FROM courses
         WHERE _status = 'published' AND state <> 'cancelled'
           AND coalesce(enrollment_opens, created_at) >= ${range.from} AND coalesce(enrollment_opens, created_at) < ${range.to})
      SELECT r.pillars_id AS pillar, count(*) AS courses, sum(c.capacity) AS offered, sum(c.used) AS used
        FROM c JOIN courses_rels r ON r.parent_id = c.id AND r.path = 'pillars' GROUP BY r.pillars_id
      UNION ALL
      SELECT NULL, count(*), coalesce(sum(capacity), 0), coalesce(sum(used), 0) FROM c`),
      await db.execute(sql`SELECT 'pillar' AS kind, id, name, "order" AS sort FROM pillars UNION ALL SELECT 'organization', id, name, 0 FROM organizations`),
    ]
  })

  const nameOf = new Map(names.rows.map((r) => [`${r.kind}:${r.id}`, String(r.name)]))
  const pillarOrder = names.rows.filter((r) => r.kind === 'pillar').sort((a, b) => Number(a.sort) - Number(b.sort)).map((r) => Number(r.id))
  const set = (dim: string) => grouped.rows.filter((r) => r.dim === dim)
  const total = set('total')[0]
  const row = (key: string, label: string, r: Row): ImpactRow => ({ key, label, ...numbers(r) })
  const bands = new Map(set('age').map((r) => [String(r.key), r]))

  const capacityRows: CapacityRow[] = capacity.rows.map((r) => ({
    key: r.pillar === null ? 'total' : String(r.pillar),
    label: r.pillar === null ? 'Total' : (nameOf.get(`pillar:${r.pillar}`) ?? 'Pilar'),
    courses: Number(r.courses),
    offered: Number(r.offered ?? 0),
    used: Number(r.used ?? 0),
  }))
  return {
    totals: numbers(total ?? {}),
    tables: {
      pillar: pillarOrder
        .map((id) => byPillar.rows.find((r) => Number(r.pillar) === id))
        .filter((r): r is Row => Boolean(r))
        .map((r) => row(String(r.pillar), nameOf.get(`pillar:${r.pillar}`)!, r)),
      age: AGE_BANDS.filter((b) => bands.has(b.key)).map((b) => row(b.key, b.label, bands.get(b.key)!)),
      gender: set('gender').map((r) => row(String(r.key) || 'sin-dato', GENDER_LABELS[String(r.key)] ?? String(r.key), r)),
      colonia: set('colonia')
        .sort((a, b) => Number(b.youths) - Number(a.youths))
        .map((r) => row(String(r.key ?? ''), coloniaLabel(String(r.key ?? '')), r)),
      organization: set('organization')
        .sort((a, b) => Number(b.youths) - Number(a.youths))
        .map((r) => row(r.key === null ? 'sin-organizacion' : String(r.key), r.key === null ? 'Instituto (sin organización asignada)' : (nameOf.get(`organization:${r.key}`) ?? 'Organización'), r)),
      month: set('month')
        .sort((a, b) => String(a.key).localeCompare(String(b.key)))
        .map((r) => row(String(r.key), monthLabel(String(r.key)), r)),
      capacity: [...capacityRows.filter((r) => r.key !== 'total').sort((a, b) => pillarOrder.indexOf(Number(a.key)) - pillarOrder.indexOf(Number(b.key))), ...capacityRows.filter((r) => r.key === 'total')],
    },
  }
}
