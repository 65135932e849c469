/**
 * Payload's built-in REST routes of every collection, under the bad-input corpus and a property test:
 * - every malformed body of the corpus (broken JSON, not an object, XML, not UTF-8, nested 5,000 deep)
 *   to create, update, bulk update and the auth routes → a Spanish 4xx in the one shape, no row changed;
 * - random JSON values of every type in every field (fast-check, fixed seed) to create and update as
 *   an admin → never a 5xx; a refusal is a Spanish 4xx in the one shape and changes no row.
 */
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { staffToken, verifiedYouth } from '../helpers/youth'
import { useTemporaryDataDir } from './content/fixtures'
import { openCourse } from './enrollment-fixtures'

const SEED = 20261203
/** Requests per collection and route in the property test (FUZZ_RUNS for a longer run). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8)

const RAW_BODIES = ['{', '{"email":', 'null', '[]', '"texto"', '123', 'true', `${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`]
const SPANISH = /[áéíóúñ¿¡]|\b(el|la|los|las|de|que|no|tu|un|una|en|es|con|para|por|sesión|debe|ser)\b/i

let ctx: TestContext
let db: pg.Client
let admin: string

beforeAll(async () => {
  useTemporaryDataDir()
  ctx = await setupPayload()
  db = new pg.Client({ connectionString: ctx.databaseUrl })
  await db.connect()
  admin = await staffToken(ctx, 'admin')
  await verifiedYouth(ctx)
  await openCourse(ctx)
})
afterAll(async () => {
  await db?.end()
  await ctx?.close()
})

/** Collections with REST routes, and one record of each to update (none for those without records). */
async function targets() {
  const out: { slug: string; id?: number; fields: string[] }[] = []
  for (const collection of ctx.payload.config.collections) {
    if (collection.endpoints === false) continue
    const { docs } = await ctx.payload.find({ collection: collection.slug as 'courses', limit: 1, depth: 0, where: collection.slug === 'users' ? { roles: { not_in: ['admin'] } } : {} })
    const fields = collection.flattenedFields.map((f) => f.name).filter((name) => name && name !== 'id')
    out.push({ slug: collection.slug, id: docs[0]?.id as number | undefined, fields })
  }
  return out
}

/** Rows in every table but the rate limiter's and the job log (a refused request may be counted or logged). */
async function snapshot(): Promise<string> {
  const { rows } = await db.query(`select tablename from pg_tables where schemaname = current_schema() and tablename !~ '^(rate_limits|payload_jobs)' order by tablename`)
  const parts: string[] = []
  for (const { tablename } of rows) {
    const { rows: data } = await db.query(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from "${tablename}" t`)
    parts.push(`${tablename}:${data[0].n}:${data[0].h}`)
  }
  return parts.join('\n')
}

function problem(status: number, text: string): string | undefined {
  let body: { errors?: { message?: unknown; field?: unknown }[] } | undefined
  try {
    body = JSON.parse(text)
  } catch {
    return 'not JSON'
  }
  const entries = body?.errors ?? []
  if (status < 400 || status >= 500) return `status ${status}`
  if (Object.keys(body ?? {}).join() !== 'errors' || !entries.length) return 'not { errors: [...] }'
  if (entries.some((e) => typeof e.message !== 'string' || !SPANISH.test(e.message))) return 'message not Spanish'
  if (/"name":|"stack"/.test(text)) return 'class name or stack'
  return undefined
}

describe('bad-input corpus on every built-in route of every collection', () => {
  it('refuses each malformed body with a Spanish 4xx in the one shape and changes no row', async () => {
    const routes: { method: 'POST' | 'PATCH'; path: string; token?: string }[] = []
    for (const { slug, id } of await targets()) {
      routes.push({ method: 'POST', path: `/${slug}`, token: admin })
      if (id !== undefined) routes.push({ method: 'PATCH', path: `/${slug}/${id}`, token: admin })
      routes.push({ method: 'PATCH', path: `/${slug}?where[id][equals]=${id ?? 0}`, token: admin })
    }
    for (const slug of ['users', 'youth']) {
      for (const route of ['login', 'forgot-password', 'reset-password', 'unlock', 'refresh-token', 'logout', 'first-register']) routes.push({ method: 'POST', path: `/${slug}/${route}` })
    }
    routes.push({ method: 'POST', path: '/payload-preferences/nav', token: admin }, { method: 'POST', path: '/globals/privacy-notice', token: admin })

    const before = await snapshot()
    const wrong: string[] = []
    for (const route of routes) {
      const bodies: { name: string; body: string | Uint8Array; type: string }[] = [
        ...RAW_BODIES.map((raw, i) => ({ name: `raw #${i}`, body: raw, type: 'application/json' })),
        { name: 'XML', body: '<datos><titulo>x</titulo></datos>', type: 'text/xml' },
        { name: 'not UTF-8', body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), type: 'application/json' },
      ]
      for (const { name, body, type } of bodies) {
        const response = await ctx.rest(route.method, route.path, { body, token: route.token, headers: { 'Content-Type': type } })
        const text = await response.text()
        const why = problem(response.status, text)
        if (why) wrong.push(`${route.method} ${route.path} ${name} → ${why}: ${response.status} ${text.slice(0, 140)}`)
      }
    }
    expect(routes.length).toBeGreaterThan(40)
    expect(wrong).toEqual([])
    expect(await snapshot()).toEqual(before)
  }, 1_800_000)
})

/** Any JSON value, plus the ones that broke something somewhere once. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, '', ' ', '\u0000', 'x'.repeat(5000), { $ne: '' }, { $gt: '' }, [], {}, -1, 0, 2 ** 53, 1e308, true, "' OR '1'='1", '<script>alert(1)</script>', '2026-02-30', '../../etc/passwd'),
)
const bodyOf = (fields: string[]) =>
  fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 5 }).chain((names) =>
    fc.tuple(...names.map(() => anyValue)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]]))),
  )

describe('property: random JSON values of every type in every field', () => {
  it(`never a 5xx; every refusal is a Spanish 4xx in the one shape and changes no row (seed ${SEED})`, async () => {
    const wrong: string[] = []
    for (const { slug, id, fields } of await targets()) {
      if (!fields.length) continue
      for (const method of ['POST', 'PATCH'] as const) {
        if (method === 'PATCH' && id === undefined) continue
        const path = method === 'POST' ? `/${slug}` : `/${slug}/${id}`
        await fc.assert(
          fc.asyncProperty(bodyOf(fields), async (body) => {
            const before = await snapshot()
            const response = await ctx.rest(method, path, { body, token: admin })
            const text = await response.text()
            if (response.status < 400) return true
            const why = problem(response.status, text) ?? ((await snapshot()) === before ? undefined : 'a row changed')
            if (why) wrong.push(`${method} ${path} ${JSON.stringify(body).slice(0, 120)} → ${why}: ${response.status} ${text.slice(0, 140)}`)
            return true
          }),
          { seed: SEED, numRuns: RUNS },
        )
      }
    }
    expect(wrong).toEqual([])
  }, 3_600_000)

  it('the same for the auth routes, anonymous: login, forgot and reset password never do work on a malformed email', async () => {
    const wrong: string[] = []
    for (const slug of ['users', 'youth']) {
      for (const route of ['login', 'forgot-password', 'reset-password']) {
        await fc.assert(
          fc.asyncProperty(bodyOf(['email', 'password', 'token']), async (body) => {
            const before = await snapshot()
            const response = await ctx.rest('POST', `/${slug}/${route}`, { body })
            const text = await response.text()
            // A well-formed email of nobody may get the usual 200 of forgot-password: then too, nothing changed.
            const unchanged = (await snapshot()) === before
            const why = response.status < 400 ? (unchanged ? undefined : 'a row changed') : (problem(response.status, text) ?? (unchanged ? undefined : 'a row changed'))
            if (why) wrong.push(`POST /${slug}/${route} ${JSON.stringify(body).slice(0, 120)} → ${why}: ${response.status} ${text.slice(0, 140)}`)
            return true
          }),
          { seed: SEED, numRuns: RUNS * 2 },
        )
      }
    }
    expect(wrong).toEqual([])
  }, 1_800_000)
})
