import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Config, Payload, Where } from 'payload'

import { isDesignatedJobRunner } from './job-runner'

/**
 * Makes Payload's job queue safe with several app instances on one database (Payload 3.90):
 *
 * - Claiming is "find the free jobs, then mark them processing" in two statements, so two
 *   runners ticking at the same second both claim the same jobs and run them twice (payloadcms/
 *   payload#16043, fixed upstream only in 4.x). The first one to finish deletes the job; the
 *   second one's log insert then fails its foreign key. Here a claim first takes a PostgreSQL
 *   advisory lock for its transaction: claims from every instance run one after the other, and
 *   each one sees what the previous one marked.
 * - With concurrency keys (the single-flight site rebuild), Payload reads which keys are running
 *   before it claims, outside any lock; two runners could each start a build. Under the lock the
 *   running keys are read again and kept out of the claim.
 * - Payload's job update opens a transaction and never rolls it back when the update throws
 *   (payloadcms/payload#17912): the connection stays "idle in transaction (aborted)" until the
 *   pool is empty and every request hangs. Here a failed update rolls its transaction back.
 * - A job claimed by an instance that then dies (SIGKILL, out of memory, power) stays
 *   "processing" for ever; a site rebuild left so blocks every later rebuild through its
 *   concurrency key. Each instance touches the jobs it is running every HEARTBEAT_MS; a claim
 *   first hands back jobs nobody has touched for STALE_AFTER (they run again: at least once).
 */

/** Any number, the same in every instance: the advisory lock that serialises job claims. */
const CLAIM_LOCK = 4_201_771
const HEARTBEAT_MS = 20_000
const STALE_AFTER = sql.raw(`interval '120 seconds'`)

type UpdateJobsArgs = Parameters<PostgresAdapter['updateJobs']>[0]

export function safeJobClaims(payload: Payload): void {
  const db = payload.db as unknown as PostgresAdapter
  const updateJobs = db.updateJobs.bind(db)
  const concurrency = Boolean(payload.config.jobs?.enableConcurrencyControl)
  const heartbeat = jobHeartbeat(payload)
  db.updateJobs = async (args: UpdateJobsArgs) => {
    // Its only caller (Payload's updateJobs utility) opens this transaction just for this call.
    const transactionID = args.req?.transactionID ? await args.req.transactionID : undefined
    const tx = transactionID ? db.sessions[transactionID]?.db : undefined
    try {
      const processing = (args.data as { processing?: unknown })?.processing
      if (args.id !== undefined) {
        // Payload marks a job processing: false when it ends, with or without error.
        if (processing === false) heartbeat.done(args.id)
        const updated = await updateJobs(args)
        if (processing === true) heartbeat.running([args.id])
        return updated
      }
      if (processing !== true || !tx) return await updateJobs(args)
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`)
      await releaseAbandoned(payload, tx)
      const running = concurrency ? await runningKeys(tx) : []
      const notRunning: Where = { or: [{ concurrencyKey: { exists: false } }, { concurrencyKey: { not_in: running } }] }
      const where = !running.length ? args.where : args.where ? { and: [args.where, notRunning] } : notRunning
      // A job deleted between Payload's find and its update comes back as null: it was not claimed.
      const claimed = (await updateJobs({ ...args, where: where as Where }))?.filter(Boolean) ?? null
      heartbeat.running((claimed ?? []).map((job) => job.id as number | string))
      return claimed
    } catch (error) {
      if (transactionID) await db.rollbackTransaction(transactionID).catch(() => {})
      throw error
    }
  }
}

/** Touches this instance's running jobs, so other instances can tell them from abandoned ones. */
function jobHeartbeat(payload: Payload) {
  const db = payload.db as unknown as PostgresAdapter
  const ids = new Set<number | string>()
  let timer: NodeJS.Timeout | undefined
  const beat = async () => {
    if (!ids.size) return
    const { rows } = await db.drizzle.execute(
      sql`UPDATE payload_jobs SET updated_at = now() WHERE processing AND id IN (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)}) RETURNING id`,
    )
    const alive = new Set(rows.map((row) => String(row.id)))
    for (const id of ids) if (!alive.has(String(id))) ids.delete(id)
  }
  const settle = () => {
    if (ids.size && !timer) {
      timer = setInterval(() => void beat().catch(() => {}).finally(settle), HEARTBEAT_MS)
      timer.unref()
    } else if (!ids.size && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
  return {
    running: (claimed: (number | string)[]) => {
      for (const id of claimed) ids.add(id)
      settle()
    },
    done: (id: number | string) => {
      ids.delete(id)
      settle()
    },
  }
}

/** Jobs still "processing" that no instance has touched for STALE_AFTER: their instance died. */
async function releaseAbandoned(payload: Payload, tx: PostgresAdapter['drizzle']): Promise<void> {
  const { rows } = await tx.execute(
    sql`UPDATE payload_jobs SET processing = false WHERE processing AND updated_at < now() - ${STALE_AFTER} RETURNING id, task_slug`,
  )
  if (rows.length) payload.logger.warn({ msg: 'Tareas abandonadas por una instancia detenida: se vuelven a ejecutar', jobs: rows })
}

async function runningKeys(tx: PostgresAdapter['drizzle']): Promise<string[]> {
  const { rows } = await tx.execute(
    sql`SELECT DISTINCT concurrency_key FROM payload_jobs WHERE processing AND concurrency_key IS NOT NULL`,
  )
  return rows.map((row) => String(row.concurrency_key))
}

/**
 * Payload checks task schedules (reminders, the weekly digest) at every cron tick of every
 * instance, whether or not that instance runs jobs (a test or benchmark process): before
 * the launcher has migrated a fresh database that fails on tables that do not exist yet. Only the
 * designated runner, designated once migrations and seed are done, checks schedules.
 */
function scheduleOnlyInRunner(payload: Payload): void {
  const handleSchedules = payload.jobs.handleSchedules.bind(payload.jobs)
  payload.jobs.handleSchedules = async (args) => {
    if (!isDesignatedJobRunner(payload)) return { errored: [], queued: [], skipped: [] } as Awaited<ReturnType<typeof handleSchedules>>
    return handleSchedules(args)
  }
}

/** The plugin: installs the above on every Payload instance (the job runner's and Next's alike). */
export const jobClaimsPlugin =
  () =>
  (config: Config): Config => ({
    ...config,
    onInit: async (payload) => {
      safeJobClaims(payload)
      scheduleOnlyInRunner(payload)
      await config.onInit?.(payload)
    },
  })
