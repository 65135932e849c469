import { describe, expect, it } from 'vitest'

import { planBuild, type ContentSnapshot } from '../../publishing'

const base = (): ContentSnapshot => ({
  news: { 1: 'hola t1', 2: 'adios t1' },
  courses: { 7: 'taller t1' },
  calls: {},
  pillars: { 1: 't1' },
  organizations: { 3: 't1' },
  documents: {},
  media: { 5: 't1' },
  'privacy-notice': { global: 't1' },
})

describe('which pages a publish re-renders', () => {
  it('without an earlier build, everything', () => {
    expect(planBuild(undefined, base()).mode).toBe('full')
  })

  it('an edited or new news item or course: only its own pages (and the listings)', () => {
    const now = base()
    now.news[1] = 'hola t2'
    now.news[9] = 'nueva t2'
    now.courses[7] = 'taller t2'
    expect(planBuild(base(), now)).toEqual({ mode: 'incremental', only: { news: [1, 9], courses: [7] } })
  })

  it('nothing public changed: only the listings', () => {
    expect(planBuild(base(), base())).toEqual({ mode: 'incremental', only: {} })
  })

  it('a new upload is rendered with the pages that use it', () => {
    const now = base()
    now.media[6] = 't2'
    expect(planBuild(base(), now)).toEqual({ mode: 'incremental', only: { media: [6] } })
  })

  it.each([
    ['an unpublished or deleted item', (s: ContentSnapshot) => delete s.news[2]],
    ['a renamed item (its old address must disappear)', (s: ContentSnapshot) => (s.news[1] = 'hola-2 t2')],
    ['a pillar (shown on many pages)', (s: ContentSnapshot) => (s.pillars[1] = 't2')],
    ['an organization', (s: ContentSnapshot) => (s.organizations[3] = 't2')],
    ['a changed image', (s: ContentSnapshot) => (s.media[5] = 't2')],
    ['the privacy notice', (s: ContentSnapshot) => (s['privacy-notice'].global = 't2')],
  ])('%s: everything', (_, change) => {
    const now = base()
    change(now)
    expect(planBuild(base(), now).mode).toBe('full')
  })
})
