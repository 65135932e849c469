import { describe, expect, it } from 'vitest'

import { courseCalendar, foldOctets } from '../../lib/course-calendar'

const course = {
  id: 7,
  title: 'Taller de serigrafía y diseño de playeras para la exposición de la Casa de la Cultura',
  summary: 'Diseña y estampa tu propia playera: boceto, emulsión, revelado, estampación y acción colectiva en León.',
  modality: 'in-person',
  venue: { name: 'Casa de la Cultura del Centro', address: 'Calle Pedro Moreno 202', colonia: 'Centro' },
  sessions: [
    { id: 'a', startsAt: '2026-12-05T16:00:00.000Z', endsAt: '2026-12-05T20:00:00.000Z' },
    { id: 'b', startsAt: '2026-12-12T16:00:00.000Z', endsAt: '2026-12-12T20:00:00.000Z' },
  ],
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

describe('course calendar (.ics)', () => {
  const ics = courseCalendar(course, 'https://viajejoven.example/cursos/serigrafia/')!

  it('keeps every line within 75 octets (RFC 5545 §3.1), also with á, ó and ñ', () => {
    const lines = ics.split('\r\n')
    const widest = Math.max(...lines.map((line) => Buffer.byteLength(line, 'utf8')))
    expect(widest).toBeLessThanOrEqual(75)
    // Some lines were folded, so the test exercised folding at all.
    expect(lines.some((line) => line.startsWith(' '))).toBe(true)
    expect(ics).not.toMatch(/\r\n\t/)
  })

  it('folds without changing the content and never inside a UTF-8 character', () => {
    const text = unfold(ics)
    expect(text).toContain(`SUMMARY:${course.title} (sesión 1 de 2)`)
    expect(text).toContain(`DESCRIPTION:${course.summary.replace(/,/g, '\\,')}`)
    expect(ics).not.toContain('\uFFFD')
    expect(Buffer.from(ics, 'utf8').toString('utf8')).toBe(ics)
  })

  it('folds a line of two-octet characters at 75 octets, continued lines at 74 plus the space', () => {
    const line = `XY:${'á'.repeat(100)}`
    const folded = foldOctets(line).split('\r\n')
    expect(folded.map((l) => Buffer.byteLength(l, 'utf8'))).toEqual([75, 75, 55])
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true)
    expect(unfold(folded.join('\r\n'))).toBe(line)
  })
})
