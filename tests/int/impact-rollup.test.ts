/**
 * The impact rollup against the raw rows, over activity spread across ten months: for several date
 * ranges (whole history, a month, a window in the past, one day, mid-month starts), every table's
 * distinct youths and counts equal what the raw enrolments and applications say, computed here in
 * plain JavaScript with Sets. Youths born on the days around each age band's limit and repeat
 * visits before and inside a range are what the rollup's "previous active day" must get right.
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { exactImpact, type ImpactReport } from '../../lib/impact'
import { rebuildRollup } from '../../lib/impact/rollup'
import { AGE_BANDS } from '../../lib/impact/queries'
import { addDaysInMexicoCity, ageOn, dayInMexicoCity } from '../../lib/time'
import { seed } from '../../seed'
import { setupPayload, type TestContext } from '../helpers/payload'
import { openCall } from './applications-fixtures'
import { openCourse, youths } from './enrollment-fixtures'

type Row = Record<string, unknown>
type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Row[] }> }
type Counts = { youths: Set<number>; enrolments: number; completions: number; applications: number }

const today = dayInMexicoCity()
const ago = (days: number) => addDaysInMexicoCity(new Date(), -days)
/** León calendar day of a stored instant. */
const dayOf = (at: unknown) => dayInMexicoCity(new Date(at as string))

describe('impact rollup', () => {
  let ctx: TestContext
  let db: Db

  beforeAll(async () => {
    ctx = await setupPayload()
    db = (ctx.payload.db as unknown as { drizzle: Db }).drizzle
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    const pillars = (await ctx.payload.find({ collection: 'pillars', limit: 0, pagination: false })).docs.map((p) => p.id as number)
    const org = await ctx.payload.create({ collection: 'organizations', data: { name: 'Colectivo Juvenil', kind: 'civil-society' } as never })
    const courses = [
      await openCourse(ctx, { pillars: [pillars[0], pillars[1]], organization: org.id }),
      await openCourse(ctx, { pillars: [pillars[1]] }),
      await openCourse(ctx, { pillars: [pillars[2]], organization: org.id }),
    ].map((c) => c.id as number)
    const call = (await openCall(ctx, { pillars: [pillars[3]] })).id as number

    // 24 youths: birthdays on and around each band's limit for today (the default last day), mixed colonias and genders.
    const people = await youths(ctx, 24)
    const limits = [15, 18, 25, 30]
    for (const [i, person] of people.entries()) {
      const years = limits[i % 4] - (i % 3 === 0 ? 0 : 1)
      const [y, m, d] = today.split('-').map(Number)
      const birth = new Date(Date.UTC(y - years, m - 1, d + ((i % 3) - 1), 12))
      await db.execute(sql`UPDATE youth SET birth_date = ${birth.toISOString()}, colonia = ${['Centro', ' centro', 'Obregón', 'Las  Joyas'][i % 4]},
        gender = ${['mujer', 'hombre', 'no-binario', null][i % 4]} WHERE id = ${person.id}`)
    }
    // Each youth enrols in the three courses on different days over ~300 days (some cancelled or waitlisted,
    // some completed later), and most apply to the call (a few drafts).
    for (const [i, person] of people.entries()) {
      for (const [k, course] of courses.entries()) {
        const enrolled = (i * 37 + k * 101) % 300
        const status = (i + k) % 7 === 0 ? 'cancelled' : (i + k) % 5 === 0 ? 'waitlisted' : 'confirmed'
        const completed = (i + k) % 3 === 0 && enrolled > 20 ? enrolled - 20 : null
        await db.execute(sql`INSERT INTO enrollments (course_id, youth_id, status, created_at, completed_at, updated_at)
          VALUES (${course}, ${person.id}, ${status}, now() - ${enrolled} * interval '1 day',
                  ${completed === null ? null : sql`now() - ${completed} * interval '1 day'`}, now())`)
      }
      if (i % 6 !== 5) {
        await db.execute(sql`INSERT INTO applications (call_id, youth_id, status, submitted_at, created_at, updated_at)
          VALUES (${call}, ${person.id}, ${i % 8 === 0 ? 'draft' : 'submitted'}, now() - ${(i * 53) % 290} * interval '1 day', now(), now())`)
      }
    }
  })
  afterAll(() => ctx?.close())

  /** The report computed straight from the raw rows, for León days [from, to]. */
  async function truth(from: string, to: string) {
    const { rows } = await db.execute(sql`
      SELECT e.youth_id, 'e' AS kind, e.created_at AS at, c.organization_id AS org, array(SELECT pillars_id FROM courses_rels r WHERE r.parent_id = c.id AND r.path = 'pillars') AS pillars
        FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.status = 'confirmed'
      UNION ALL
      SELECT e.youth_id, 'c', e.completed_at, c.organization_id, array(SELECT pillars_id FROM courses_rels r WHERE r.parent_id = c.id AND r.path = 'pillars')
        FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.completed_at IS NOT NULL
      UNION ALL
      SELECT a.youth_id, 'a', a.submitted_at, k.organization_id, array(SELECT pillars_id FROM calls_rels r WHERE r.parent_id = k.id AND r.path = 'pillars')
        FROM applications a JOIN calls k ON k.id = a.call_id WHERE a.status <> 'draft'`)
    const people = new Map((await db.execute(sql`SELECT id, gender, colonia, birth_date FROM youth`)).rows.map((y) => [Number(y.id), y]))
    const tables: Record<string, Map<string, Counts>> = {}
    const add = (table: string, key: string, youth: number, kind: string) => {
      tables[table] ??= new Map()
      const counts = tables[table].get(key) ?? { youths: new Set(), enrolments: 0, completions: 0, applications: 0 }
      counts.youths.add(youth)
      if (kind === 'e') counts.enrolments++
      if (kind === 'c') counts.completions++
      if (kind === 'a') counts.applications++
      tables[table].set(key, counts)
    }
    for (const step of rows) {
      const day = dayOf(step.at)
      if (day < from || day > to) continue
      const youth = Number(step.youth_id)
      const person = people.get(youth)!
      const kind = String(step.kind)
      add('total', '', youth, kind)
      const age = ageOn(dayOf(person.birth_date), to)
      add('age', AGE_BANDS.find((b) => age <= b.max)!.key, youth, kind)
      add('gender', person.gender ? String(person.gender) : 'sin-dato', youth, kind)
      add('colonia', String(person.colonia ?? '').trim().replace(/\s+/g, ' ').toLowerCase(), youth, kind)
      add('organization', step.org === null ? 'sin-organizacion' : String(step.org), youth, kind)
      add('month', day.slice(0, 7), youth, kind)
      for (const pillar of step.pillars as number[]) add('pillar', String(pillar), youth, kind)
    }
    return Object.fromEntries(
      Object.entries(tables).map(([table, groups]) => [
        table,
        Object.fromEntries([...groups].map(([key, c]) => [key, { youths: c.youths.size, enrolments: c.enrolments, completions: c.completions, applications: c.applications }])),
      ]),
    )
  }

  const asTables = (report: ImpactReport) => {
    const out: Record<string, Record<string, unknown>> = {}
    const { youths: y, enrolments, completions, applications } = report.totals
    if (y) out.total = { '': { youths: y, enrolments, completions, applications } }
    for (const table of ['age', 'gender', 'colonia', 'organization', 'month', 'pillar'] as const) {
      if (!report.tables[table].length) continue
      out[table] = Object.fromEntries(report.tables[table].map(({ key, label: _label, ...counts }) => [key, counts]))
    }
    return out
  }

  it('every table equals the raw rows, for ranges that start before, inside and between a youth’s visits', async () => {
    const ranges: [string, string][] = [
      ['2026-01-01', today],
      [ago(30), today],
      [ago(200), ago(60)],
      [ago(45), ago(45)],
      [ago(100), ago(100 - 40)],
      [ago(130), ago(5)],
    ]
    let checked = 0
    for (const [from, to] of ranges) {
      const expected = await truth(from, to)
      expect(asTables(await exactImpact(ctx.payload, from, to)), `${from}..${to}`).toEqual(expected)
      checked += Object.keys(expected).length
    }
    expect(checked).toBeGreaterThan(20) // the ranges did hold activity
  })

  it('a small install never shows figures older than its last write', async () => {
    const before = await exactImpact(ctx.payload, '2026-01-01', today)
    const [late] = await youths(ctx, 1)
    const course = (await openCourse(ctx)).id
    await db.execute(sql`INSERT INTO enrollments (course_id, youth_id, status, created_at, updated_at) VALUES (${course}, ${late.id}, 'confirmed', now(), now())`)
    const after = await exactImpact(ctx.payload, '2026-01-01', today)
    expect(after.totals.youths).toBe(before.totals.youths! + 1)
    expect(after.totals.enrolments).toBe(before.totals.enrolments! + 1)
    expect(Date.parse(after.asOf!)).toBeGreaterThan(Date.parse(before.asOf!))
  })

  it('two rebuilds at once (two processes) both finish, and the figures stay those of the raw rows', async () => {
    await Promise.all([rebuildRollup(ctx.payload), rebuildRollup(ctx.payload)])
    expect(asTables(await exactImpact(ctx.payload, ago(30), today))).toEqual(await truth(ago(30), today))
  })
})
