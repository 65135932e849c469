import { EventEmitter } from 'node:events'

import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { knownErrorAnswer } from '../../lib/api-errors'
import { survivePoolErrors } from '../../lib/pool-errors'

describe('errors that are not bugs of ours', () => {
  it('a database that does not answer is a 503; a value it cannot hold, a 400; anything else stays a 500', () => {
    expect(knownErrorAnswer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))?.status).toBe(503)
    expect(knownErrorAnswer(new Error('Failed query', { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) }))?.status).toBe(503)
    expect(knownErrorAnswer(new Error('Connection terminated unexpectedly'))?.status).toBe(503)
    expect(knownErrorAnswer(new Error('Failed query', { cause: Object.assign(new Error('invalid byte sequence'), { code: '22021' }) }))).toEqual({
      status: 400,
      message: expect.stringMatching(/no es válido/),
    })
    expect(knownErrorAnswer(new TypeError('x is not a function'))).toBeNull()
    expect(knownErrorAnswer(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull()
  })

  it('an idle connection dropped by PostgreSQL is logged, not an uncaught error that ends the app', () => {
    const pool = new EventEmitter()
    const warnings: unknown[] = []
    survivePoolErrors({ db: { pool }, logger: { warn: (entry: unknown) => warnings.push(entry) } } as unknown as Payload)
    expect(() => pool.emit('error', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).not.toThrow()
    expect(warnings).toEqual([expect.objectContaining({ code: '57P01' })])
    expect(() => new EventEmitter().emit('error', new Error('sin oyente'))).toThrow()
  })
})
