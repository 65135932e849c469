/**
 * Logs are JSON lines without personal data or credentials: a failed login, a sign-up and a
 * duplicate sign-up (whose database error quotes the row) leave no email, password or CURP in
 * what Payload writes, while the person still gets a Spanish message and no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { scrub, scrubText } from '../../lib/log'
import { setupPayload, type TestContext } from '../helpers/payload'
import { captureStdout } from '../helpers/stdout'
import { signUp } from '../helpers/youth'

let ctx: TestContext
beforeAll(async () => {
  ctx = await setupPayload()
})
afterAll(() => ctx?.close())

describe('structured logs', () => {
  it('keep emails, passwords and CURPs out of the log of a failed login and of sign-ups', async () => {
    const data = signUp({ curp: undefined })
    const responses: Response[] = []
    const output = await captureStdout(async () => {
      responses.push(await ctx.rest('POST', '/youth', { body: data }))
      responses.push(await ctx.rest('POST', '/youth/login', { body: { email: data.email, password: 'contraseña equivocada 123' } }))
      responses.push(await ctx.rest('POST', '/youth', { body: data })) // the same email again
      responses.push(await ctx.rest('POST', '/users/login', { body: { email: data.email, password: data.password } }))
    })
    expect(responses.map((r) => r.status)).toEqual([201, 401, 400, 401])
    // Payload did log these errors: one JSON object per line.
    const lines = output.split('\n').filter((line) => line.startsWith('{'))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
    expect(output).not.toContain(String(data.email))
    expect(output).not.toContain(String(data.password))
    expect(output).not.toContain('contraseña equivocada 123')
    // What the person reads: Spanish, no stack.
    const body = await responses[1].json()
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.js:\d+/)
  })

  it('scrub database error details, tokens and sensitive keys wherever they appear', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "youth_email_idx"'), {
      detail: 'Key (email)=(ana.lopez@ejemplo.mx) already exists.',
      code: '23505',
    })
    const safe = JSON.stringify(
      scrub({
        err: error,
        headers: new Headers({ authorization: 'JWT eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.c2lnbmF0dXJl', cookie: 'payload-token=abc' }),
        body: { password: 'secreta-larga', curp: 'HEGG000101MGTRRLA1', nested: { note: 'CURP HEGG000101MGTRRLA1 de ana.lopez@ejemplo.mx' } },
        url: '/cuenta/verificar?token=0123456789abcdef0123',
      }),
    )
    for (const secret of ['ana.lopez@ejemplo.mx', 'HEGG000101MGTRRLA1', 'secreta-larga', 'eyJhbGciOiJIUzI1NiJ9', 'payload-token=abc', '0123456789abcdef0123']) {
      expect(safe).not.toContain(secret)
    }
    expect(safe).toContain('23505') // what helps an operator stays
    expect(safe).toContain('stack')
    expect(scrubText('Bearer abc.def-ghi')).toBe('Bearer [oculto]')
  })
})
