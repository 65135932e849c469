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
 * Runs `work` in the request's transaction, opening one when the request has none (and then
 * committing or rolling back here; an outer owner decides otherwise). A returned Response that is
 * a refusal (not 2xx) rolls back, so a person's mistake changes nothing; any other result commits;
 * a throw rolls back and is rethrown.
 */
export async function withTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const owns = await initTransaction(req)
  try {
    const result = await work()
    if (owns) await (result instanceof Response && !result.ok ? killTransaction(req) : commitTransaction(req))
    return result
  } catch (error) {
    if (owns) await killTransaction(req)
    throw error
  }
}

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
  return withTransaction(req, async () => {
    const db = await dbOf(req)
    const [course] = await rows(db, sql`SELECT capacity FROM courses WHERE id = ${courseId} FOR UPDATE`)
    return course ? await work(db, Number(course.capacity ?? 0)) : null
  })
}

/**
 * Runs `work` in a transaction of its own on a plain pooled connection, for work that serves many
 * requests at once (batches.ts): commits when it returns, rolls back when it throws. Not Payload's
 * transaction: drizzle's builds a query object for every table of the schema each time (it showed
 * in the enrolment profile), and the statements here are raw SQL anyway.
 */
export async function inTransaction<T>(payload: Payload, work: (db: Db) => Promise<T>): Promise<T> {
  const adapter = payload.db as unknown as PostgresAdapter
  const client = await adapter.pool.connect()
  const db: Db = {
    execute: (query) => {
      const { sql: text, params } = dialectOf(adapter).sqlToQuery(query)
      return client.query<Row>(text, params)
    },
  }
  // At shutdown closePayload hands every client back, possibly this one mid-batch: releasing it
  // again must not throw over the batch's own outcome.
  const release = (lost?: Error) => {
    try {
      client.release(lost)
    } catch {
      // already handed back
    }
  }
  try {
    await client.query('BEGIN')
    const result = await work(db)
    await client.query('COMMIT')
    release()
    return result
  } catch (error) {
    await client.query('ROLLBACK').then(
      () => release(),
      (lost) => release(lost as Error),
    )
    throw error
  }
}

type Dialect = { sqlToQuery: (query: ReturnType<typeof sql>) => { sql: string; params: unknown[] } }
const dialectOf = (adapter: PostgresAdapter) => (adapter.drizzle as unknown as { dialect: Dialect }).dialect

export { sql }
