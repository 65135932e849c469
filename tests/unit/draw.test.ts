import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { commitmentOf, drawOrder, newSecret, placesForShare, runDraw, verifyDraw, type DrawRequest } from '../../lib/draw/algorithm'
import { checkPublishedDraw } from '../../lib/draw/published'

/** A reproducible secret per test case (the server uses newSecret()). */
const secretFor = (n: number | string) => createHash('sha256').update(`test-secret-${n}`).digest('hex')
const folios = (n: number, prefix = 'VJS') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`)
const plain = (list: string[]): DrawRequest[] => list.map((folio) => ({ folio }))

describe('draw: seed and order', () => {
  it('commits to the secret with SHA-256 and refuses a secret that is not 32 bytes of hex', () => {
    const secret = newSecret()
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(commitmentOf(secret)).toBe(createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex'))
    expect(() => commitmentOf('abc')).toThrow()
    expect(newSecret()).not.toBe(secret)
  })

  it('is reproducible: the same secret and requests give the same order, whatever order they come in', () => {
    const list = folios(200)
    const a = runDraw({ secret: secretFor(1), capacity: 20, groups: [], requests: plain(list) })
    const b = runDraw({ secret: secretFor(1), capacity: 20, groups: [], requests: plain([...list].reverse()) })
    expect(b).toEqual(a)
    fc.assert(
      fc.property(fc.shuffledSubarray(list, { minLength: list.length }), (shuffled) => {
        expect(drawOrder(secretFor(1), shuffled)).toEqual(drawOrder(secretFor(1), list))
      }),
      { numRuns: 50 },
    )
  })

  it('a different secret gives a different order', () => {
    const list = folios(100)
    const orders = new Set(Array.from({ length: 20 }, (_, i) => drawOrder(secretFor(i), list).map((e) => e.folio).join()))
    expect(orders.size).toBe(20)
  })

  it('the order depends on the whole set of requests: one more request reshuffles everyone', () => {
    const list = folios(50)
    const before = drawOrder(secretFor(7), list).map((e) => e.folio)
    const after = drawOrder(secretFor(7), [...list, 'VJS-999999'])
      .map((e) => e.folio)
      .filter((f) => f !== 'VJS-999999')
    expect(after).not.toEqual(before)
  })

  it('refuses a folio twice', () => {
    expect(() => drawOrder(secretFor(1), ['A', 'A'])).toThrow()
  })
})

describe('draw: fairness over many secrets', () => {
  // 1,000 requests for 30 places, 600 secrets: each request expects 600 × 30/1000 = 18 wins.
  const REQUESTS = 1000
  const PLACES = 30
  const SECRETS = 600
  const list = folios(REQUESTS)
  const wins = new Array<number>(REQUESTS).fill(0)
  for (let s = 0; s < SECRETS; s++) {
    const { entries } = runDraw({ secret: secretFor(`fair-${s}`), capacity: PLACES, groups: [], requests: plain(list) })
    for (const e of entries) if (e.outcome === 'confirmed') wins[Number(e.folio.slice(4)) - 1]++
  }
  const total = wins.reduce((a, b) => a + b, 0)

  it('gives exactly the places every time', () => {
    expect(total).toBe(SECRETS * PLACES)
  })

  it('each request wins with frequency close to 30/1,000 (chi-square, 999 degrees of freedom, p > 0.001)', () => {
    const expected = (SECRETS * PLACES) / REQUESTS
    // Each request's wins are binomial(600, 0.03): variance n·p·(1−p), so the statistic is scaled by 1/(1−p).
    const chi = wins.reduce((sum, w) => sum + (w - expected) ** 2 / expected, 0) / (1 - PLACES / REQUESTS)
    // Critical value of chi-square with 999 d.f. at p = 0.001 ≈ 1143.9 (Wilson–Hilferty); a rigged order
    // (e.g. the first 30 always win) would give about 584,000.
    expect(chi).toBeLessThan(1144)
    // And not suspiciously uniform (p < 0.001 on the lower side ≈ 863.7).
    expect(chi).toBeGreaterThan(864)
  })

  it('the position of a request in creation order has no effect (ten deciles, chi-square, 9 d.f., p > 0.001)', () => {
    const perDecile = Array.from({ length: 10 }, (_, d) => wins.slice(d * 100, d * 100 + 100).reduce((a, b) => a + b, 0))
    const expected = total / 10
    const chi = perDecile.reduce((sum, w) => sum + (w - expected) ** 2 / expected, 0)
    expect(chi).toBeLessThan(27.88)
    // First and last hundred: within 25% of each other's expectation (18 per request → 1,800 per decile).
    expect(Math.abs(perDecile[0] - perDecile[9])).toBeLessThan(expected * 0.25)
  })
})

describe('draw: priority groups', () => {
  const groupArb = fc.record({
    capacity: fc.integer({ min: 0, max: 60 }),
    shares: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 3 }),
    requests: fc.array(fc.subarray(['primera-vez', 'colonia', 'edad']), { minLength: 0, maxLength: 150 }),
    seed: fc.integer(),
  })

  it('respects each group share exactly: min(its places, requests that can take them), the rest by draw order', () => {
    fc.assert(
      fc.property(groupArb, ({ capacity, shares, requests, seed }) => {
        const keys = ['primera-vez', 'colonia', 'edad'].slice(0, shares.length)
        let budget = capacity
        const groups = keys.map((key, i) => {
          const places = Math.min(budget, placesForShare(capacity, shares[i]))
          budget -= places
          return { key, places }
        })
        const reqs = requests.map((groupsOf, i) => ({ folio: `F-${i}`, groups: groupsOf }))
        const { entries } = runDraw({ secret: secretFor(seed), capacity, groups, requests: reqs })
        const confirmed = entries.filter((e) => e.outcome === 'confirmed')
        expect(confirmed.length).toBe(Math.min(capacity, reqs.length))
        // Group seats never exceed the group's places, and each holder matches its group.
        const byFolio = new Map(reqs.map((r) => [r.folio, r.groups]))
        for (const g of groups) {
          const holders = confirmed.filter((e) => e.group === g.key)
          expect(holders.length).toBeLessThanOrEqual(g.places)
          for (const h of holders) expect(byFolio.get(h.folio)).toContain(g.key)
        }
        // Walking the draw order: a request that matched a group with places left when its turn came got a group place.
        const left = new Map(groups.map((g) => [g.key, g.places]))
        for (const e of entries) {
          const first = groups.find((g) => byFolio.get(e.folio)!.includes(g.key) && left.get(g.key)! > 0)
          expect(e.group).toBe(first?.key ?? null)
          if (first) left.set(first.key, left.get(first.key)! - 1)
        }
        // General places go in draw order: no waitlisted request is ahead of a general-place holder.
        const lastGeneral = Math.max(0, ...entries.filter((e) => e.outcome === 'confirmed' && e.group === null).map((e) => e.rank))
        const firstWaiting = Math.min(Infinity, ...entries.filter((e) => e.outcome === 'waitlisted').map((e) => e.rank))
        expect(lastGeneral).toBeLessThan(firstWaiting)
        // Waitlist positions 1..n in draw order.
        expect(entries.filter((e) => e.outcome === 'waitlisted').map((e) => e.position)).toEqual(
          entries.filter((e) => e.outcome === 'waitlisted').map((_, i) => i + 1),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('a concrete case: 10 places, 30% first-timers, 20% priority colonias, many of both', () => {
    const capacity = 10
    const groups = [
      { key: 'primera-vez', places: placesForShare(capacity, 30) },
      { key: 'colonia', places: placesForShare(capacity, 20) },
    ]
    expect(groups.map((g) => g.places)).toEqual([3, 2])
    const requests = folios(100).map((folio, i) => ({ folio, groups: [i % 2 ? 'primera-vez' : '', i % 3 ? '' : 'colonia'].filter(Boolean) }))
    const { entries } = runDraw({ secret: secretFor('concrete'), capacity, groups, requests })
    const confirmed = entries.filter((e) => e.outcome === 'confirmed')
    expect(confirmed).toHaveLength(10)
    expect(confirmed.filter((e) => e.group === 'primera-vez')).toHaveLength(3)
    expect(confirmed.filter((e) => e.group === 'colonia')).toHaveLength(2)
    expect(confirmed.filter((e) => e.group === null)).toHaveLength(5)
  })

  it('places a group cannot fill go back to everyone', () => {
    const requests = folios(20).map((folio, i) => ({ folio, groups: i === 0 ? ['colonia'] : [] }))
    const { entries } = runDraw({ secret: secretFor('unused'), capacity: 10, groups: [{ key: 'colonia', places: 5 }], requests })
    expect(entries.filter((e) => e.outcome === 'confirmed')).toHaveLength(10)
    expect(entries.find((e) => e.folio === requests[0].folio)).toMatchObject({ outcome: 'confirmed', group: 'colonia' })
  })

  it('refuses groups that reserve more than the capacity', () => {
    expect(() => runDraw({ secret: secretFor(1), capacity: 3, groups: [{ key: 'a', places: 4 }], requests: [] })).toThrow()
  })
})

describe('draw: edge cases', () => {
  it('fewer requests than places: everyone is confirmed, no waitlist', () => {
    const { entries } = runDraw({ secret: secretFor(2), capacity: 30, groups: [{ key: 'g', places: 10 }], requests: plain(folios(12)) })
    expect(entries).toHaveLength(12)
    expect(entries.every((e) => e.outcome === 'confirmed')).toBe(true)
  })

  it('zero requests: an empty draw that still verifies', () => {
    const secret = secretFor(3)
    const result = runDraw({ secret, capacity: 30, groups: [], requests: [] })
    expect(result.entries).toEqual([])
    expect(verifyDraw({ algorithm: result.algorithm, commitment: result.commitment, secret, capacity: 30, groups: [], requests: [], entries: [] })).toEqual({
      ok: true,
      problems: [],
    })
  })

  it('zero places: everyone waits in draw order', () => {
    const { entries } = runDraw({ secret: secretFor(4), capacity: 0, groups: [], requests: plain(folios(5)) })
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('draw: verification', () => {
  const secret = secretFor('verify')
  const requests = folios(40).map((folio, i) => ({ folio, groups: i % 4 ? [] : ['colonia'] }))
  const groups = [{ key: 'colonia', places: 3 }]
  const result = runDraw({ secret, capacity: 8, groups, requests })
  const published = { algorithm: result.algorithm, commitment: result.commitment, secret, capacity: 8, groups, requests, entries: result.entries }

  it('accepts the published draw', () => {
    expect(verifyDraw(published)).toEqual({ ok: true, problems: [] })
  })
  it('catches a swapped outcome, a changed secret, and a missing request', () => {
    const swapped = structuredClone(published)
    const [a, b] = [swapped.entries[0], swapped.entries[20]]
    ;[a.folio, b.folio] = [b.folio, a.folio]
    expect(verifyDraw(swapped).ok).toBe(false)
    expect(verifyDraw({ ...published, secret: secretFor('other') }).problems[0]).toMatch(/commitment/)
    expect(verifyDraw({ ...published, requests: requests.slice(1) }).ok).toBe(false)
  })
})

describe('verify-draw script (npm run verify-draw)', () => {
  // 100 random draws as the server publishes them (runDraw, then JSON), each checked by the script's code.
  const random = (seed: number) => {
    let x = seed * 2654435761
    return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  }
  const draws = Array.from({ length: 100 }, (_, n) => {
    const rnd = random(n + 1)
    const capacity = Math.floor(rnd() * 40)
    const groups = [
      { key: 'grupo-1', label: 'Primera vez', places: placesForShare(capacity, Math.floor(rnd() * 40)) },
      { key: 'grupo-2', label: 'Colonias', places: placesForShare(capacity, Math.floor(rnd() * 30)) },
    ]
    const requests = Array.from({ length: Math.floor(rnd() * 120) }, (_, i) => ({
      folio: `S-${String(n).padStart(4, '0')}-${String(i).padStart(4, '0')}`,
      groups: ['grupo-1', 'grupo-2'].filter(() => rnd() < 0.3),
    }))
    const secret = secretFor(`server-${n}`)
    const result = runDraw({ secret, capacity, groups, requests })
    return JSON.stringify({ algorithm: result.algorithm, commitment: result.commitment, secret, capacity, groups, requests, entries: result.entries })
  })

  it('agrees with the server on 100 random draws, and says so in Spanish', () => {
    for (const text of draws) {
      const verdict = checkPublishedDraw(JSON.parse(text))
      expect(verdict.ok).toBe(true)
      expect(verdict.lines[0]).toMatch(/^COINCIDE/)
    }
  })

  it('reads the API answer too (its `result`), and refuses a draw that has not run', () => {
    expect(checkPublishedDraw({ phase: 'drawn', result: JSON.parse(draws[0]) }).ok).toBe(true)
    expect(() => checkPublishedDraw({ phase: 'open', result: null })).toThrow(/Ya se realizó/i)
  })

  it('the command line: exit 0 and COINCIDE for a published draw, exit 1 and NO COINCIDE for a tampered one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sorteo-'))
    const good = path.join(dir, 'bueno.json')
    writeFileSync(good, draws[7])
    const run = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', 'server/verify-draw.ts', file], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../..') })
    const ok = run(good)
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/^COINCIDE/)
    const tampered = JSON.parse(draws[7])
    tampered.entries.reverse()
    const bad = path.join(dir, 'alterado.json')
    writeFileSync(bad, JSON.stringify(tampered))
    const refused = run(bad)
    expect(refused.status).toBe(1)
    expect(refused.stdout).toMatch(/^NO COINCIDE/)
    rmSync(dir, { recursive: true })
  }, 30_000)
})
