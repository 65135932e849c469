import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { designateJobRunner } from '../../lib/job-runner'
import { setupPayload, type TestContext } from '../helpers/payload'

describe('GET /api/health', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(() => ctx.close())

  it('is 503 when this instance runs no job runner, naming the failed check', async () => {
    const response = await ctx.rest('GET', '/health')
    expect(response.status).toBe(503)
    const body = await response.json()
    expect(body.checks.database.ok).toBe(true)
    expect(body.checks.migrations.ok).toBe(true)
    expect(body.checks.jobRunner.ok).toBe(false)
  })

  it('is 200 with the database, the migrations and the runner healthy, and reports the last site build', async () => {
    // As the launcher does; the test's own instance has crons because the REST handlers start them.
    designateJobRunner(ctx.payload)
    expect(ctx.payload.crons.length).toBeGreaterThan(0)
    await ctx.payload.create({ collection: 'site-builds', data: { label: 'x', result: 'success', pages: 12, durationSeconds: 4.2 } })
    const response = await ctx.rest('GET', '/health')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.status).toBe('ok')
    expect(body.lastSiteBuild).toMatchObject({ result: 'success', pages: 12, durationSeconds: 4.2 })
    expect(JSON.stringify(body)).not.toMatch(/@|email|youth/i)
  })
})
