/** `npm run serve` refuses debugging aids and example secrets (server/env.ts, beside production-config.test.ts). */
import { describe, expect, it } from 'vitest'

import { assertSafeForProduction, ConfigError, DEV_SECRET, readEnv } from '../../server/env'

const SAFE = {
  NODE_ENV: 'production',
  PAYLOAD_SECRET: '3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f7a8b',
  PUBLIC_URL: 'https://viajejoven.leon.gob.mx',
  DATABASE_URL: 'postgres://viaje:clave@db.interna:5432/viaje',
}

function refusal(vars: Record<string, string>, execArgv: string[] = []): string {
  const source = vars as unknown as NodeJS.ProcessEnv
  try {
    assertSafeForProduction(source, execArgv)
    readEnv(source)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  return ''
}

describe('production start refuses unsafe configuration', () => {
  it('accepts the safe configuration', () => {
    expect(refusal(SAFE)).toBe('')
  })

  it('refuses an inspector opened through NODE_OPTIONS or node arguments', () => {
    expect(refusal({ ...SAFE, NODE_OPTIONS: '--max-old-space-size=512 --inspect=0.0.0.0:9229' })).toMatch(/^NODE_OPTIONS=.*--inspect.* está activo: en producción/)
    expect(refusal({ ...SAFE, NODE_OPTIONS: '--inspect-brk' })).toMatch(/está activo/)
    expect(refusal(SAFE, ['--import', 'tsx', '--inspect'])).toMatch(/La opción --inspect de node está activo/)
    expect(refusal({ ...SAFE, NODE_OPTIONS: '--max-old-space-size=512' })).toBe('')
  })

  it('refuses debug logging switches', () => {
    expect(refusal({ ...SAFE, DEBUG: '*' })).toMatch(/^DEBUG=\* está activo/)
    expect(refusal({ ...SAFE, NODE_DEBUG: 'http' })).toMatch(/^NODE_DEBUG=http/)
    expect(refusal({ ...SAFE, PAYLOAD_DEBUG: 'true' })).toMatch(/^PAYLOAD_DEBUG=true/)
    expect(refusal({ ...SAFE, DEBUG: '0' })).toBe('')
  })

  it('refuses the development secret and the usual placeholders, even when long enough', () => {
    expect(refusal({ ...SAFE, PAYLOAD_SECRET: DEV_SECRET })).toMatch(/PAYLOAD_SECRET .*ejemplo/)
    expect(refusal({ ...SAFE, PAYLOAD_SECRET: 'YOUR_SECRET_HERE' })).toMatch(/PAYLOAD_SECRET/)
  })

  it('refuses to listen only behind a proxy without saying how many proxies to trust', () => {
    expect(refusal({ ...SAFE, HOST: '127.0.0.1' })).toMatch(/^HOST=127\.0\.0\.1: .*falta TRUST_PROXY.*TRUST_PROXY=1/)
    expect(refusal({ ...SAFE, HOST: '127.0.0.1', TRUST_PROXY: '1' })).toBe('')
    expect(refusal({ ...SAFE, HOST: '0.0.0.0' })).toBe('')
  })

  it('refuses a mistyped TRUST_PROXY or RATE_LIMITS before starting', () => {
    expect(refusal({ ...SAFE, TRUST_PROXY: 'yes' })).toMatch(/^TRUST_PROXY="yes" no es válido/)
    expect(readEnv({ ...SAFE, TRUST_PROXY: '1' } as never).trustProxy).toBe(1)
    expect(refusal({ ...SAFE, RATE_LIMITS: 'login=5' })).toMatch(/^RATE_LIMITS="login=5" no es válido/)
  })
})
