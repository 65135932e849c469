import type { Payload } from 'payload'

/**
 * Queued jobs (site rebuilds, scheduled publish, emails) run only in the Payload instance that the
 * launcher designates, once migrations and seed are done (server/boot.ts). The server has one
 * instance, shared with Next; but any other process that calls the REST handlers (tests, benchmarks)
 * starts Payload's crons too, and without this it would run jobs as well.
 */
const RUNNER = Symbol.for('viaje-joven.job-runner')

type Slot = { [RUNNER]?: Payload }

export const designateJobRunner = (payload: Payload): void => {
  ;(globalThis as Slot)[RUNNER] = payload
}

export const isDesignatedJobRunner = (payload: Payload): boolean => (globalThis as Slot)[RUNNER] === payload

/** For /api/health: whether this process has a runner whose crons still tick. */
export function jobRunnerAlive(): boolean {
  const runner = (globalThis as Slot)[RUNNER]
  return Boolean(runner && runner.crons.length > 0 && runner.crons.every((cron) => !cron.isStopped()))
}
