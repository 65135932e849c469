import { createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * The draw («sorteo») for a course's places: a pure, documented, deterministic function of a
 * revealed secret and the sorted list of request folios (docs/draw.md). Nothing here reads the
 * database or the clock, so the server, the tests and `npm run verify-draw` run the same code.
 *
 * Version 1 ("vj-sorteo-1"):
 * 1. commitment = SHA-256(secret bytes), hex. It is stored and shown on the course page when the
 *    course is saved «Por sorteo», before any request exists.
 * 2. folios = the folios of the requests that entered the draw, sorted by code unit (JS `sort()`).
 * 3. drawKey = SHA-256(secret bytes ‖ "\n" ‖ folios joined by "\n"), so the order depends on the
 *    secret and on the whole set of requests, never on when a request was made.
 * 4. ticket(folio) = HMAC-SHA256(key = drawKey, message = folio), hex. The draw order is the folios
 *    by ascending ticket (a tie, which SHA-256 makes practically impossible, falls back to the folio).
 * 5. Places: first each priority group, in the course's order, takes the earliest requests in draw
 *    order that match it, up to its places; a request matching several groups counts in the first
 *    that still has places. Then the general places (capacity minus the places the groups used,
 *    so places a group could not fill go back to everyone) go to the earliest remaining requests.
 *    Everyone else joins the waitlist in draw order.
 */

export const DRAW_ALGORITHM = 'vj-sorteo-1'

export type DrawGroup = { key: string; label?: string; places: number }
export type DrawRequest = { folio: string; groups?: string[] }
export type DrawOutcome = 'confirmed' | 'waitlisted'
export type DrawEntry = {
  /** 1-based place in the draw order. */
  rank: number
  folio: string
  ticket: string
  outcome: DrawOutcome
  /** The priority group whose place it took; null for a general place or the waitlist. */
  group: string | null
  /** 1-based place in the waitlist. */
  position?: number
}
export type DrawInput = { secret: string; capacity: number; groups: DrawGroup[]; requests: DrawRequest[] }
export type DrawResult = { algorithm: typeof DRAW_ALGORITHM; commitment: string; drawKey: string; entries: DrawEntry[] }

const HEX_SECRET = /^[0-9a-f]{64}$/

/** A fresh secret: 32 bytes from the operating system's CSPRNG, as 64 hex digits. */
export const newSecret = (): string => randomBytes(32).toString('hex')

export function commitmentOf(secret: string): string {
  if (!HEX_SECRET.test(secret)) throw new Error('The draw secret must be 64 lowercase hex digits.')
  return createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex')
}

export const sortedFolios = (folios: readonly string[]): string[] => [...folios].sort()

export function drawKeyOf(secret: string, folios: readonly string[]): string {
  commitmentOf(secret) // validates
  return createHash('sha256')
    .update(Buffer.from(secret, 'hex'))
    .update('\n')
    .update(sortedFolios(folios).join('\n'))
    .digest('hex')
}

export const ticketOf = (drawKey: string, folio: string): string =>
  createHmac('sha256', Buffer.from(drawKey, 'hex')).update(folio).digest('hex')

/** The folios in draw order, with their tickets. */
export function drawOrder(secret: string, folios: readonly string[]): { folio: string; ticket: string }[] {
  if (new Set(folios).size !== folios.length) throw new Error('Each request folio enters the draw once.')
  const key = drawKeyOf(secret, folios)
  return folios
    .map((folio) => ({ folio, ticket: ticketOf(key, folio) }))
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.folio < b.folio ? -1 : a.folio > b.folio ? 1 : 0))
}

/** Places a group reserves: its share (percent) of the capacity, rounded down. */
export const placesForShare = (capacity: number, sharePercent: number): number =>
  Math.max(0, Math.floor((Math.max(0, capacity) * Math.max(0, Math.min(100, sharePercent))) / 100))

export function runDraw({ secret, capacity, groups, requests }: DrawInput): DrawResult {
  if (!Number.isInteger(capacity) || capacity < 0) throw new Error('Capacity must be a whole number of places.')
  const reserved = groups.reduce((sum, g) => sum + Math.max(0, g.places), 0)
  if (reserved > capacity) throw new Error('Priority groups reserve more places than the course has.')
  const order = drawOrder(
    secret,
    requests.map((r) => r.folio),
  )
  const groupsOf = new Map(requests.map((r) => [r.folio, new Set(r.groups ?? [])]))
  const left = new Map(groups.map((g) => [g.key, Math.max(0, g.places)]))
  const placed = new Map<string, string | null>()

  // Priority places: each request in draw order takes a place of the first group it matches that still has one.
  for (const { folio } of order) {
    const mine = groupsOf.get(folio)!
    const group = groups.find((g) => mine.has(g.key) && left.get(g.key)! > 0)
    if (!group) continue
    left.set(group.key, left.get(group.key)! - 1)
    placed.set(folio, group.key)
  }
  // General places: whatever the groups did not use.
  let general = capacity - placed.size
  for (const { folio } of order) {
    if (general <= 0) break
    if (placed.has(folio)) continue
    placed.set(folio, null)
    general--
  }
  let position = 0
  const entries = order.map(({ folio, ticket }, i): DrawEntry => {
    if (placed.has(folio)) return { rank: i + 1, folio, ticket, outcome: 'confirmed', group: placed.get(folio)! }
    return { rank: i + 1, folio, ticket, outcome: 'waitlisted', group: null, position: ++position }
  })
  return { algorithm: DRAW_ALGORITHM, commitment: commitmentOf(secret), drawKey: drawKeyOf(secret, requests.map((r) => r.folio)), entries }
}

/** What a published draw carries (the public page's JSON), enough to recompute it. */
export type PublishedDraw = {
  algorithm: string
  commitment: string
  secret: string
  capacity: number
  groups: DrawGroup[]
  /** Requests that entered the draw, sorted by folio, with the priority groups each matched. */
  requests: DrawRequest[]
  entries: DrawEntry[]
}

/** Recomputes a published draw; `problems` is empty when the secret matches its commitment and every entry matches. */
export function verifyDraw(published: PublishedDraw): { ok: boolean; problems: string[] } {
  const problems: string[] = []
  if (published.algorithm !== DRAW_ALGORITHM) problems.push(`unknown algorithm ${published.algorithm} (this checker knows ${DRAW_ALGORITHM})`)
  let expected: DrawResult
  try {
    if (commitmentOf(published.secret) !== published.commitment) problems.push('SHA-256 of the secret is not the published commitment')
    expected = runDraw(published)
  } catch (error) {
    return { ok: false, problems: [...problems, (error as Error).message] }
  }
  if (expected.entries.length !== published.entries.length) {
    problems.push(`${published.entries.length} entries published, ${expected.entries.length} expected`)
  }
  expected.entries.forEach((want, i) => {
    const got = published.entries[i]
    if (!got) return
    for (const key of ['folio', 'ticket', 'outcome', 'group', 'position'] as const) {
      if ((got[key] ?? null) !== (want[key] ?? null)) problems.push(`rank ${i + 1}: ${key} is ${String(got[key])}, expected ${String(want[key])}`)
    }
  })
  return { ok: problems.length === 0, problems }
}
