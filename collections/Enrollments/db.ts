import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

/**
 * Raw SQL for the few statements that must be exact under concurrency (lock, count, insert,
 * promote). Everything runs on the request's transaction when it has one, so it commits or
 * rolls back with the rest of the request (queued emails included).
 */

type Row = Record<string, unknown>
export type Db = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }> }

export async function dbOf(req: PayloadRequest): Promise<Db> {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = req.transactionID ? await req.transactionID : undefined
  return ((id && adapter.sessions[id]?.db) || adapter.drizzle) as unknown as Db
}

export const rows = async (db: Db, query: ReturnType<typeof sql>): Promise<Row[]> => (await db.execute(query)).rows

/**
 * Runs `work` in its own transaction after locking the course row: everyone else changing
 * that course's enrolments waits here, so counting and inserting can never interleave.
 * Returns null when the course row does not exist.
 */
export async function withLockedCourse<T>(
  req: PayloadRequest,
  courseId: number,
  work: (db: Db, capacity: number) => Promise<T>,
): Promise<T | null> {
  const owns = await initTransaction(req)
  try {
    const db = await dbOf(req)
    const [course] = await rows(db, sql`SELECT capacity FROM courses WHERE id = ${courseId} FOR UPDATE`)
    const result = course ? await work(db, Number(course.capacity ?? 0)) : null
    if (owns) await commitTransaction(req)
    return result
  } catch (error) {
    if (owns) await killTransaction(req)
    throw error
  }
}

/**
 * Runs `work` in a transaction of its own, for work that serves several requests at once (see
 * batches.ts): commits when it returns, rolls back when it throws.
 */
export async function inTransaction<T>(payload: Payload, work: (db: Db) => Promise<T>): Promise<T> {
  const adapter = payload.db as unknown as PostgresAdapter
  const id = String(await adapter.beginTransaction())
  try {
    const result = await work(adapter.sessions[id].db as unknown as Db)
    await adapter.commitTransaction(id)
    return result
  } catch (error) {
    await adapter.rollbackTransaction(id)
    throw error
  }
}

export { sql }
