import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Config, Payload, Where } from 'payload'

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
 */

/** Any number, the same in every instance: the advisory lock that serialises job claims. */
const CLAIM_LOCK = 4_201_771

type UpdateJobsArgs = Parameters<PostgresAdapter['updateJobs']>[0]

export function safeJobClaims(payload: Payload): void {
  const db = payload.db as unknown as PostgresAdapter
  const updateJobs = db.updateJobs.bind(db)
  const concurrency = Boolean(payload.config.jobs?.enableConcurrencyControl)
  db.updateJobs = async (args: UpdateJobsArgs) => {
    // Its only caller (Payload's updateJobs utility) opens this transaction just for this call.
    const transactionID = args.req?.transactionID ? await args.req.transactionID : undefined
    const tx = transactionID ? db.sessions[transactionID]?.db : undefined
    try {
      const claim = (args.data as { processing?: unknown })?.processing === true
      if (args.id !== undefined || !claim || !tx) return await updateJobs(args)
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`)
      const running = concurrency ? await runningKeys(tx) : []
      if (!running.length) return await updateJobs(args)
      const notRunning: Where = { or: [{ concurrencyKey: { exists: false } }, { concurrencyKey: { not_in: running } }] }
      return await updateJobs({ ...args, where: args.where ? { and: [args.where, notRunning] } : notRunning })
    } catch (error) {
      if (transactionID) await db.rollbackTransaction(transactionID).catch(() => {})
      throw error
    }
  }
}

async function runningKeys(tx: PostgresAdapter['drizzle']): Promise<string[]> {
  const { rows } = await tx.execute(
    sql`SELECT DISTINCT concurrency_key FROM payload_jobs WHERE processing AND concurrency_key IS NOT NULL`,
  )
  return rows.map((row) => String(row.concurrency_key))
}

/** The plugin: installs the above on every Payload instance (the job runner's and Next's alike). */
export const jobClaimsPlugin =
  () =>
  (config: Config): Config => ({
    ...config,
    onInit: async (payload) => {
      safeJobClaims(payload)
      await config.onInit?.(payload)
    },
  })
