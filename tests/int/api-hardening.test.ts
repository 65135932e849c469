/**
 * payload.config.ts hardening, through Payload's real REST handlers: public reads capped at 100
 * documents, CORS and the session cookie only for the site's own origin, auth cookies Secure in
 * production, GraphQL off, depth capped, upload size from MAX_MEDIA_MB.
 */
import type { Config } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { capPublicReads, hardeningPlugin, MAX_PUBLIC_LIMIT } from '../../features/hardening'
import { setupPayload, type TestContext } from '../helpers/payload'
import { staffToken, verifiedYouth } from '../helpers/youth'

let ctx: TestContext
const ORIGIN = 'http://localhost:3000' // PUBLIC_URL of the test runs

beforeAll(async () => {
  ctx = await setupPayload()
})
afterAll(() => ctx?.close())

describe('public reads', () => {
  it('return at most 100 documents to visitors and youths, whatever limit or pagination they ask for', async () => {
    for (const query of ['limit=100000', 'limit=0', 'pagination=false', 'limit=101']) {
      const body = await (await ctx.rest('GET', `/news?${query}`)).json()
      expect(body.limit, query).toBe(MAX_PUBLIC_LIMIT)
    }
    const youth = await verifiedYouth(ctx)
    expect((await (await ctx.rest('GET', '/courses?limit=5000', { token: youth.token })).json()).limit).toBe(MAX_PUBLIC_LIMIT)
    expect((await (await ctx.rest('GET', '/news?limit=20')).json()).limit).toBe(20)
  })

  it('are not capped for the staff (the admin lists up to its own page sizes)', async () => {
    const token = await staffToken(ctx, 'editor')
    expect((await (await ctx.rest('GET', '/news?limit=500', { token })).json()).limit).toBe(500)
  })

  it('leave the Local API alone (the site build reads everything)', async () => {
    const args = { limit: 0, pagination: false }
    const same = capPublicReads({ args, operation: 'read', req: { payloadAPI: 'local' } } as never)
    expect(same).toBe(args)
  })
})

describe('origins and cookies', () => {
  it('answer CORS only for the site origin', async () => {
    const own = await ctx.rest('GET', '/news', { headers: { Origin: ORIGIN } })
    expect(own.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const foreign = await ctx.rest('GET', '/news', { headers: { Origin: 'https://malicioso.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('ignore the session cookie on a request from another origin (CSRF)', async () => {
    const youth = await verifiedYouth(ctx)
    const cookie = `payload-token=${youth.token}`
    const own = await (await ctx.rest('GET', '/youth/me', { headers: { Cookie: cookie, Origin: ORIGIN } })).json()
    expect(own.user?.email).toBe(youth.email)
    const forged = await (await ctx.rest('GET', '/youth/me', { headers: { Cookie: cookie, Origin: 'https://malicioso.example' } })).json()
    expect(forged.user).toBeNull()
  })

  it('mark both auth cookies Secure when the site is served over https in production', () => {
    const config = hardeningPlugin({ secureCookies: true })({
      collections: [{ slug: 'users', auth: { tokenExpiration: 60 }, fields: [] }, { slug: 'youth', auth: true, fields: [] }, { slug: 'news', fields: [] }],
    } as unknown as Config) as Config
    const [users, youth, news] = config.collections!
    expect(users.auth).toMatchObject({ tokenExpiration: 60, cookies: { secure: true } })
    expect(youth.auth).toMatchObject({ cookies: { secure: true } })
    expect(news.auth).toBeUndefined()
  })

  it('are not Secure on a laptop over http (the browser would drop them)', async () => {
    const youth = await verifiedYouth(ctx)
    const response = await ctx.rest('POST', '/youth/login', { body: { email: youth.email, password: youth.password } })
    expect(response.headers.get('set-cookie')).toMatch(/payload-token=/)
    expect(response.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i)
  })
})

describe('configuration', () => {
  it('disables GraphQL, caps depth at 3 and uploads at MAX_MEDIA_MB with a Spanish refusal', () => {
    const config = ctx.payload.config
    expect(config.graphQL.disable).toBe(true)
    expect(config.maxDepth).toBe(3)
    expect(config.upload.limits?.fileSize).toBe(20 * 1024 * 1024)
    expect(config.upload.responseOnLimit).toMatch(/^El archivo es demasiado grande: el máximo es 20 MB\.$/)
  })

  it('answers a GraphQL request as an unknown route', async () => {
    const response = await ctx.rest('POST', '/graphql', { body: { query: '{ Youths { docs { email } } }' } })
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('@')
  })
})
