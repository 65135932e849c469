import type { Endpoint } from 'payload'

import { jobRunnerAlive } from '../lib/job-runner'

type Check = { ok: boolean; detail?: string }


/**
 * `GET /api/health`: database reachable, migrations current, job runner alive, last site build.
 * 200 when all hold, 503 otherwise. Nothing about people, ever; safe for a load balancer to poll.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const checks: Record<string, Check> = {}
    let lastBuild: { at: string; result: string; durationSeconds?: number | null; pages?: number | null } | null = null
    try {
      const { migrations } = await import('../migrations')
      const { docs } = await req.payload.find({ collection: 'payload-migrations', limit: 0, pagination: false, depth: 0, req })
      checks.database = { ok: true }
      const applied = new Set(docs.map((doc) => doc.name))
      const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
      checks.migrations = pending.length ? { ok: false, detail: `pendientes: ${pending.join(', ')}` } : { ok: true }
      const builds = await req.payload.find({
        collection: 'site-builds',
        sort: '-createdAt',
        limit: 1,
        depth: 0,
        overrideAccess: true, // build metadata only; the collection holds no personal data
        req,
      })
      const build = builds.docs[0]
      if (build) lastBuild = { at: build.createdAt, result: build.result, durationSeconds: build.durationSeconds, pages: build.pages }
    } catch {
      checks.database = { ok: false, detail: 'la base de datos no responde' }
    }
    checks.jobRunner = jobRunnerAlive() ? { ok: true } : { ok: false, detail: 'el ejecutor de tareas no está activo en esta instancia' }
    const ok = Object.values(checks).every((check) => check.ok)
    return Response.json(
      { status: ok ? 'ok' : 'error', checks, lastSiteBuild: lastBuild },
      { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
