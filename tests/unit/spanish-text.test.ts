/**
 * Typos in what people read that no page test asserts word by word: every email template filled
 * with realistic values (a place ending in «León, Gto.»), and the demo content a fresh install
 * shows (a self-paced course announcing «seis lecciones» had four).
 */
import { describe, expect, it } from 'vitest'

import { placeOf } from '../../lib/course-calendar'
import * as templates from '../../lib/email/templates'
import { DEMO_CALLS } from '../../seed/demo/calls'
import { DEMO_COURSES } from '../../seed/demo/courses'
import { DEMO_NEWS } from '../../seed/demo/news'
import { DEMO_ORGANIZATIONS } from '../../seed/demo/organizations'
import { spanishTypos } from '../helpers/spanish-typos'

const url = 'https://viajejoven.example/cuenta/'
const place = placeOf({ id: 1, title: 'Taller', modality: 'in-person', venue: { name: 'Casa de la Cultura del Centro', address: 'Calle Pedro Moreno 202', colonia: 'Centro' } })

const emails = (): [string, templates.RenderedEmail][] => [
  ['verifyEmail', templates.verifyEmail({ name: 'Valeria', url })],
  ['resetPassword', templates.resetPassword({ name: 'Valeria', url })],
  ['guardianConsent', templates.guardianConsent({ guardianName: 'Rosa', youthName: 'Valeria', url, days: 7 })],
  ...(['confirmed', 'waitlisted', 'promoted', 'reminder'] as const).map((kind): [string, templates.RenderedEmail] => [
    `enrollment ${kind}`,
    templates.enrollment({ kind, name: 'Valeria', courseTitle: 'Taller de serigrafía', courseUrl: url, accountUrl: url, firstSession: 'sábado, 5 de diciembre, de 10:00 a 14:00 h', place, position: 2 }),
  ]),
  ['applicationSubmitted', templates.applicationSubmitted({ name: 'Valeria', callTitle: 'Beca Emprende', folio: 'VJ-2026-000001', submittedAt: '3 de diciembre de 2026, 10:00 h', accountUrl: url })],
  ['applicationNeedsInfo', templates.applicationNeedsInfo({ name: 'Valeria', callTitle: 'Beca Emprende', folio: 'VJ-2026-000001', note: 'Adjunta tu comprobante de domicilio.', accountUrl: url })],
  ...(['accepted', 'waitlisted', 'rejected'] as const).map((result): [string, templates.RenderedEmail] => [
    `applicationResult ${result}`,
    templates.applicationResult({ result, name: 'Valeria', callTitle: 'Beca Emprende', folio: 'VJ-2026-000001', note: 'Felicidades.', accountUrl: url }),
  ]),
  ['weeklyDigest', templates.weeklyDigest({ name: 'Valeria', items: [{ title: 'Taller de serigrafía', kind: 'Taller', reason: 'porque te interesa Cultura', url }], journeyUrl: url, unsubscribeUrl: url })],
]

const NUMBERS: Record<string, number> = { dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10 }

describe('Spanish text people read', () => {
  it('emails: no doubled period after «León, Gto.», no misspelled brand, no repeated word', () => {
    expect(place).toMatch(/León, Gto\.$/)
    const problems = emails().flatMap(([name, email]) => spanishTypos(`${email.subject}\n${email.text}`).map((p) => `${name}: ${p}`))
    expect(problems).toEqual([])
    const confirmed = emails().find(([name]) => name === 'enrollment confirmed')![1]
    expect(confirmed.text).toContain(`Lugar: ${place}\n`)
  })

  it('demo content: no typos, and a course says as many lessons as it has', () => {
    const texts = [
      ...DEMO_NEWS.flatMap((n) => [n.title, n.summary, ...n.body]),
      ...DEMO_COURSES.flatMap((c) => [c.title, c.summary, ...c.body, c.requirements ?? '', ...(c.lessons ?? []).flatMap((l) => [l.title, l.text])]),
      ...DEMO_CALLS.flatMap((c) => [c.title, c.summary, ...c.body]),
      ...DEMO_ORGANIZATIONS.flatMap((o) => [o.name, o.description]),
    ]
    expect(texts.flatMap(spanishTypos)).toEqual([])
    for (const course of DEMO_COURSES) {
      for (const [, word] of course.body.join(' ').matchAll(/\b(\p{L}+|\d+) lecciones\b/gu)) {
        const said = NUMBERS[word.toLowerCase()] ?? Number(word)
        if (Number.isFinite(said)) expect(said, `«${course.title}»: ${word} lecciones`).toBe(course.lessons?.length ?? 0)
      }
    }
  })

  it('the checker itself finds each kind of typo', () => {
    expect(spanishTypos('Lugar: Centro, León, Gto..')).toHaveLength(1)
    expect(spanishTypos('Tu cuenta de viaje Joven')).toHaveLength(1)
    expect(spanishTypos('Tu cuenta de Viaje Joven.')).toEqual([])
    expect(spanishTypos('Un curso de de serigrafía')).toHaveLength(1)
    expect(spanishTypos('Hola , Valeria')).toHaveLength(1)
  })
})
