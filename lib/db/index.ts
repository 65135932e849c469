import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

/**
 * The project's one transaction helper and its raw SQL, for the few statements that must be exact
 * under concurrency (lock, count, insert, promote). Everything runs on Payload's own transaction
 * of the request (`req.transactionID`), so hooks, Local API calls and queued jobs given the same
 * `req` commit or roll back with it.
 */

type Row = Record<string, unknown>
export type Db = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }> }

/** The request's transaction when it has one, otherwise the pool. */
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
 * Work that serves no one request (a batch of enrolments, a scheduled task): a fresh local
 * request of its own, in its own transaction through withTransaction.
 */
export async function withOwnTransaction<T>(payload: Payload, work: (db: Db, req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({}, payload)
  return withTransaction(req, async () => work(await dbOf(req), req))
}

export { sql }
