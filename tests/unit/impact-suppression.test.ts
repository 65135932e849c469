import { describe, expect, it } from 'vitest'

import { PEOPLE_COLUMNS, tableCsv, type ImpactReport, type ImpactRow } from '../../lib/impact/tables'
import { MIN_CELL, OTHERS_LABEL, protectSensitivePillars, suppressReport, suppressTable } from '../../lib/impact/suppress'

/** A small seeded generator (mulberry32): every run checks the same thousand random tables. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomTable(next: () => number): ImpactRow[] {
  const rows = Math.floor(next() * 12) + 1
  return Array.from({ length: rows }, (_, i) => {
    // Mostly small groups, so that suppression has work to do.
    const youths = Math.floor(next() * (next() < 0.6 ? 8 : 60)) + 1
    const enrolments = Math.floor(next() * youths * 2)
    return { key: `g${i}`, label: `Grupo ${i}`, youths, enrolments, completions: Math.floor(next() * (enrolments + 1)), applications: Math.floor(next() * 7) }
  })
}

const published = (rows: ImpactRow[]) => rows.flatMap((row) => PEOPLE_COLUMNS.map((c) => row[c]))

describe('small-cell suppression (property test over 1,000 seeded random tables)', () => {
  const next = random(20261125)
  const cases = Array.from({ length: 1000 }, () => randomTable(next))

  it('never publishes a count of 1 to 4 people, folded or not', () => {
    for (const rows of cases) {
      for (const fold of [true, false]) {
        for (const value of published(suppressTable(rows, { fold }))) {
          expect(value === null || value === 0 || value >= MIN_CELL, `${value}`).toBe(true)
        }
      }
    }
  })

  it('no published row stands for fewer than 5 youths: small groups are folded into "Otros" or blank', () => {
    for (const rows of cases) {
      for (const row of suppressTable(rows)) {
        // a kept group may still be hidden to protect another (complementary suppression), never shown small
        if (row.label !== OTHERS_LABEL) expect(rows.find((r) => r.key === row.key)!.youths).toBeGreaterThanOrEqual(MIN_CELL)
      }
      for (const row of suppressTable(rows, { fold: false })) {
        if ((rows.find((r) => r.key === row.key)!.youths ?? 0) < MIN_CELL) expect(published([row]).every((v) => v === null)).toBe(true)
      }
    }
  })

  it('a suppressed cell is never alone in its column (the total minus the rest cannot reveal it)', () => {
    for (const rows of cases) {
      for (const fold of [true, false]) {
        const out = suppressTable(rows, { fold })
        for (const column of PEOPLE_COLUMNS) {
          const hidden = out.filter((row) => row[column] === null).length
          const others = out.filter((row) => (row[column] ?? 0) > 0).length
          if (hidden === 1) expect(others, `${column} of ${JSON.stringify(out)}`).toBe(0)
        }
      }
    }
  })

  it('keeps every count of people it does not have to hide, and loses no one when folding', () => {
    for (const rows of cases) {
      const out = suppressTable(rows)
      const sumOf = (r: ImpactRow[]) => r.reduce((s, row) => s + (row.youths ?? 0), 0)
      const unfolded = suppressTable(rows.map((r) => ({ ...r })), { fold: true }).filter((r) => r.label !== OTHERS_LABEL)
      for (const row of unfolded) {
        const original = rows.find((r) => r.key === row.key)!
        for (const column of PEOPLE_COLUMNS) if (row[column] !== null) expect(row[column]).toBe(original[column])
      }
      // before cell suppression, folding keeps the sum of youths
      expect(sumOf(out) <= sumOf(rows)).toBe(true)
    }
  })
})

describe('a published report', () => {
  const row = (key: string, youths: number, enrolments = youths): ImpactRow => ({ key, label: key, youths, enrolments, completions: 0, applications: 0 })
  const report: ImpactReport = {
    from: '2026-01-01',
    to: '2026-11-25',
    totals: { youths: 3, enrolments: 30, completions: 0, applications: 0 },
    tables: {
      pillar: [row('salud', 2, 9), row('empleo', 40)],
      age: [], gender: [], month: [], organization: [],
      colonia: [row('Centro', 20), row('San Juan de Dios', 1), row('Obregón', 2)],
      capacity: [{ key: 'total', label: 'Total', courses: 2, offered: 40, used: 3 }],
    },
  }
  const out = suppressReport(report)

  it('suppresses totals, blanks small pillar rows whole, folds small colonias, hides small seat counts', () => {
    expect(out.totals).toEqual({ youths: null, enrolments: 30, completions: 0, applications: 0 })
    expect(out.tables.pillar[0]).toMatchObject({ youths: null, enrolments: null })
    expect(out.tables.colonia.map((r) => r.label)).toEqual(['Centro', OTHERS_LABEL])
    expect(out.tables.colonia[1].youths).toBeNull()
    expect(out.tables.capacity[0]).toMatchObject({ offered: 40, used: null })
  })

  it('writes CSV with Spanish headers, an empty cell for a suppressed one, and defused formulas', () => {
    const csv = tableCsv({ ...out, tables: { ...out.tables, colonia: [...out.tables.colonia, { ...row('=HYPERLINK("x")', 9) }] } }, 'colonia')
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n')
    expect(lines[0]).toBe('Grupo,Personas jóvenes atendidas,Inscripciones,Cursos concluidos,Postulaciones')
    expect(lines[2]).toBe(`${OTHERS_LABEL},,,0,0`)
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")",9,9,0,0`)
  })
})

describe('staff figures: sensitive pillars only', () => {
  const row = (key: string, youths: number, completions: number): ImpactRow => ({ key, label: `Pilar ${key}`, youths, enrolments: youths, completions, applications: 0 })
  const report: ImpactReport = {
    from: '2026-01-01',
    to: '2026-12-31',
    totals: { youths: 12, enrolments: 12, completions: 3, applications: 0 },
    tables: {
      pillar: [row('1', 1, 0), row('4', 3, 1), row('6', 8, 2)],
      age: [], gender: [], month: [], organization: [],
      colonia: [{ key: 'centro', label: 'Centro', youths: 1, enrolments: 1, completions: 0, applications: 0 }],
      capacity: [{ key: '1', label: 'Pilar 1', courses: 1, offered: 10, used: 1 }, { key: '4', label: 'Pilar 4', courses: 1, offered: 10, used: 3 }, { key: '6', label: 'Pilar 6', courses: 1, offered: 10, used: 8 }],
    },
  }

  it('a sensitive pillar shows no count of 1 to 4 people; every other cell stays exact', () => {
    const out = protectSensitivePillars(report, new Set(['4', '6']))
    expect(out.tables.pillar).toEqual([
      row('1', 1, 0), // not sensitive: exact, even 1
      { key: '4', label: 'Pilar 4', youths: null, enrolments: null, completions: null, applications: null }, // under 5 people: nothing
      { key: '6', label: 'Pilar 6', youths: 8, enrolments: 8, completions: null, applications: 0 }, // 2 completions hidden, zero stays
    ])
    expect(out.tables.capacity.map((r) => r.used)).toEqual([1, null, 8])
    expect(out.tables.colonia).toEqual(report.tables.colonia)
    expect(out.totals).toEqual(report.totals)
  })
})
