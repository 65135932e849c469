import fs from 'node:fs'

import type { TaskConfig } from 'payload'

import { siteStaticDir } from './folders'
import { describePlan, publishSite } from './publish'

export const SITE_QUEUE = 'site'

/**
 * Rebuilds the public site into a new folder and switches to it; a failed build keeps the live
 * site. One at a time across every app instance (concurrency key), and a newer pending request
 * replaces older pending ones (supersedes), so a burst of edits costs one build.
 */
export const rebuildSiteTask: TaskConfig<{ input: { reason?: string }; output: { pages: number } }> = {
  slug: 'rebuildSite',
  label: 'Reconstruir el sitio',
  retries: 0,
  concurrency: { key: () => 'site-rebuild', exclusive: true, supersedes: true },
  inputSchema: [{ name: 'reason', type: 'text' }],
  outputSchema: [{ name: 'pages', type: 'number' }],
  handler: async ({ input, req }) => {
    const startedAt = new Date()
    // Builds run one at a time across instances, so a row still "running" now belongs to an instance
    // that died mid-build (its job was handed back and this is the re-run): close it for staff.
    await req.payload.update({
      collection: 'site-builds',
      where: { result: { equals: 'running' } },
      data: { result: 'failed', error: 'Interrumpida: la instancia que la construía se detuvo. Se volvió a construir después.' },
      req,
    })
    const record = await req.payload.create({
      collection: 'site-builds',
      data: { label: startedAt.toISOString(), result: 'running', reason: input.reason ?? '', startedAt: startedAt.toISOString() },
      req,
    })
    const finish = (data: Record<string, unknown>) =>
      req.payload.update({
        collection: 'site-builds',
        id: record.id,
        data: { ...data, durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10 },
        req,
      })
    try {
      const { dir, plan } = await publishSite(req.payload, { log: (line) => req.payload.logger.info(line.trim()) })
      const pages = countPages(siteStaticDir(dir))
      await finish({ result: 'success', pages, reason: `${input.reason ?? ''} · ${describePlan(plan)}` })
      return { output: { pages } }
    } catch (error) {
      // Recorded, not rethrown: a thrown task would roll back this very record, and staff must see it.
      req.payload.logger.error({ msg: 'La reconstrucción del sitio falló; sigue en línea la anterior', err: error })
      await finish({ result: 'failed', error: String((error as Error).message).slice(0, 4000) })
      return { output: { pages: 0 } }
    }
  },
}

function countPages(dir: string): number {
  let pages = 0
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) pages++
  }
  return pages
}
