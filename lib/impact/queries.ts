import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { PEOPLE_COLUMNS, type CapacityRow, type ImpactReport, type ImpactRow, type PeopleColumn } from './tables'

/**
 * The impact aggregates in SQL, read from the rollup (rollup.ts: one row per youth and León day,
 * and per group and day, with each youth's previous active day). Only counts leave these queries,
 * never a person's row.
 *
 * What counts, for activity on León days inside [from, to] (both included):
 * - enrolment: a seat held now (status confirmed), dated when enrolled;
 * - completion: a course concluded, dated `completed_at`;
 * - application: sent (not a draft), dated `submitted_at`;
 * - youths: distinct people with any of the above: the rows in the range whose previous active day
 *   (in the same group) is before the range, i.e. each youth's first day in it, counted once.
 */

type Row = Record<string, unknown>
type Db = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }> }

/** León calendar days, both included, and the instants they span (for courses' enrolment openings). */
export type Range = { from: Date; to: Date; fromDay: string; toDay: string }

const sums = sql`sum(enrolments) AS enrolments, sum(completions) AS completions, sum(applications) AS applications`

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
const GENDER_ORDER = Object.keys(GENDER_LABELS)
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
const monthLabel = (key: string) => `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`
/** Colonias are typed by people: "CENTRO", " centro " and "Centro" are one group. */
const coloniaLabel = (key: string) => key.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()) || 'No indicada'

export async function impactReport(payload: Payload, range: Range): Promise<Omit<ImpactReport, 'from' | 'to'>> {
  const from = sql`${range.fromDay}::date`
  const to = sql`${range.toDay}::date`
  // Age on the last day: age(to, birth) >= n years exactly when birth <= to - n years (as age() counts).
  const limits = [15, 18, 25, 30].map((years) => sql`(${range.toDay}::date - interval '${sql.raw(String(years))} years')::date`)
  const band = (birth: ReturnType<typeof sql>) => sql`CASE WHEN ${birth} > ${limits[0]} THEN '12-14' WHEN ${birth} > ${limits[1]} THEN '15-17'
    WHEN ${birth} > ${limits[2]} THEN '18-24' WHEN ${birth} > ${limits[3]} THEN '25-29' ELSE '30+' END`
  // A quarter of birth falls in one age band unless a band's limit falls inside it: those few
  // quarters are counted youth by youth from impact_youth_days, the rest from their group rows.
  const quarter = sql`nullif(key, '')::date`
  const split = sql.join(limits.map((limit) => sql`(${quarter} <= ${limit} AND ${limit} < ${quarter} + interval '3 months')`), sql` OR `)
  const splitBirth = sql.join(limits.map((limit) => sql`(birth_date >= date_trunc('quarter', ${limit})::date AND birth_date < date_trunc('quarter', ${limit})::date + interval '3 months')`), sql` OR `)
  const db = (payload.db as unknown as PostgresAdapter).drizzle as unknown as Db
  // Separate statements on separate connections: PostgreSQL runs them side by side on both cores.
  const [groups, months, splitAges, capacity, names] = await Promise.all([
    db.execute(sql`
      WITH g AS (
        SELECT dim, key, sum(width_bucket(${from} - 1, prevs)) AS youths, ${sums}
          FROM impact_group_days WHERE day BETWEEN ${from} AND ${to} GROUP BY dim, key)
      SELECT * FROM g WHERE dim <> 'birth'
      UNION ALL
      SELECT 'age', ${band(quarter)}, sum(youths), ${sums} FROM g WHERE dim = 'birth' AND NOT coalesce(${split}, false) GROUP BY 2`),
    db.execute(sql`
      SELECT 'month' AS dim, to_char(day, 'YYYY-MM') AS key, sum(width_bucket(greatest(${from}, date_trunc('month', day)::date) - 1, prevs)) AS youths, ${sums}
        FROM impact_group_days WHERE dim = 'total' AND day BETWEEN ${from} AND ${to} GROUP BY 2`),
    db.execute(sql`
      SELECT 'age' AS dim, ${band(sql`birth_date`)} AS key, count(*) FILTER (WHERE prev_day IS NULL OR prev_day < ${from}) AS youths, ${sums}
        FROM impact_youth_days WHERE (${splitBirth}) AND day BETWEEN ${from} AND ${to} GROUP BY 2`),
    db.execute(sql`
      WITH c AS (SELECT * FROM impact_courses WHERE opens >= ${range.from} AND opens < ${range.to})
      SELECT p.pillar, count(*) AS courses, sum(c.capacity) AS offered, sum(c.used) AS used FROM c CROSS JOIN unnest(c.pillars) AS p(pillar) GROUP BY p.pillar
      UNION ALL
      SELECT NULL, count(*), coalesce(sum(capacity), 0), coalesce(sum(used), 0) FROM c`),
    db.execute(sql`SELECT 'pillar' AS kind, id, name, "order" AS sort FROM pillars UNION ALL SELECT 'organization', id, name, 0 FROM organizations`),
  ])

  const nameOf = new Map(names.rows.map((r) => [`${r.kind}:${r.id}`, String(r.name)]))
  const pillarOrder = names.rows.filter((r) => r.kind === 'pillar').sort((a, b) => Number(a.sort) - Number(b.sort)).map((r) => Number(r.id))
  const grouped = [...groups.rows, ...months.rows, ...splitAges.rows]
  const set = (dim: string) => grouped.filter((r) => r.dim === dim)
  // Age bands come in up to two parts (whole quarters of birth, split quarters youth by youth).
  const bands = new Map<string, Row>()
  for (const r of set('age')) {
    const seen = bands.get(String(r.key))
    bands.set(String(r.key), seen ? Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c, Number(seen[c]) + Number(r[c])])) : r)
  }
  const total = set('total')[0]
  const row = (key: string, label: string, r: Row): ImpactRow => ({ key, label, ...numbers(r) })

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
        .map((id) => set('pillar').find((r) => Number(r.key) === id))
        .filter((r): r is Row => Boolean(r))
        .map((r) => row(String(r.key), nameOf.get(`pillar:${r.key}`)!, r)),
      age: AGE_BANDS.filter((b) => bands.has(b.key)).map((b) => row(b.key, b.label, bands.get(b.key)!)),
      gender: set('gender')
        .sort((a, b) => GENDER_ORDER.indexOf(String(a.key)) - GENDER_ORDER.indexOf(String(b.key)))
        .map((r) => row(String(r.key) || 'sin-dato', GENDER_LABELS[String(r.key)] ?? String(r.key), r)),
      colonia: set('colonia')
        .sort((a, b) => Number(b.youths) - Number(a.youths) || String(a.key).localeCompare(String(b.key)))
        .map((r) => row(String(r.key ?? ''), coloniaLabel(String(r.key ?? '')), r)),
      organization: set('organization')
        .sort((a, b) => Number(b.youths) - Number(a.youths) || Number(a.key) - Number(b.key))
        .map((r) => row(r.key === '' ? 'sin-organizacion' : String(r.key), r.key === '' ? 'Instituto (sin organización asignada)' : (nameOf.get(`organization:${r.key}`) ?? 'Organización'), r)),
      month: set('month')
        .sort((a, b) => String(a.key).localeCompare(String(b.key)))
        .map((r) => row(String(r.key), monthLabel(String(r.key)), r)),
      capacity: [...capacityRows.filter((r) => r.key !== 'total').sort((a, b) => pillarOrder.indexOf(Number(a.key)) - pillarOrder.indexOf(Number(b.key))), ...capacityRows.filter((r) => r.key === 'total')],
    },
  }
}
