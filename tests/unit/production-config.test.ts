import type { Config } from 'payload'
import { describe, expect, it } from 'vitest'

import { storagePlugin } from '../../collections/storage'
import { assertSafeForProduction, ConfigError, readEnv as readEnvOf } from '../../server/env'

/** readEnv over a plain object (NodeJS.ProcessEnv is declared with a required NODE_ENV here). */
const readEnv = (vars: Record<string, string>) => readEnvOf(vars as unknown as NodeJS.ProcessEnv)

const SAFE = {
  NODE_ENV: 'production',
  PAYLOAD_SECRET: 'a'.repeat(64),
  PUBLIC_URL: 'https://viajejoven.leon.gob.mx',
  DATABASE_URL: 'postgres://viaje:clave@db.interna:5432/viaje',
}

/** The single Spanish line a refusal shows. */
function refusal(vars: Record<string, string>): string {
  const source = vars as unknown as NodeJS.ProcessEnv
  try {
    assertSafeForProduction(source)
    readEnvOf(source)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  return ''
}

describe('production configuration (npm run serve)', () => {
  it('accepts a managed database, an https address and a long secret', () => {
    expect(refusal(SAFE)).toBe('')
    expect(readEnv(SAFE).production).toBe(true)
  })

  it('refuses a default or short secret', () => {
    expect(refusal({ ...SAFE, PAYLOAD_SECRET: 'corto' })).toMatch(/PAYLOAD_SECRET .*32 caracteres/)
    expect(refusal({ ...SAFE, PAYLOAD_SECRET: '' })).toMatch(/PAYLOAD_SECRET/)
  })

  it('refuses a public address without https unless ALLOW_HTTP=1 says it is a local test', () => {
    expect(refusal({ ...SAFE, PUBLIC_URL: 'http://viajejoven.leon.gob.mx' })).toMatch(/PUBLIC_URL debe ser .*https.*ALLOW_HTTP=1/)
    expect(refusal({ ...SAFE, PUBLIC_URL: '' })).toMatch(/PUBLIC_URL/)
    expect(refusal({ ...SAFE, PUBLIC_URL: 'http://localhost:8080', ALLOW_HTTP: '1' })).toBe('')
    expect(refusal({ ...SAFE, PUBLIC_URL: 'http://localhost:8080', ALLOW_HTTP: 'true' })).toMatch(/ALLOW_HTTP=1/)
  })

  it('refuses the embedded database unless ALLOW_EMBEDDED_DB=1', () => {
    expect(refusal({ ...SAFE, DATABASE_URL: '' })).toMatch(/^Falta DATABASE_URL: .*ALLOW_EMBEDDED_DB=1/)
    expect(refusal({ ...SAFE, DATABASE_URL: '', ALLOW_EMBEDDED_DB: '1' })).toBe('')
  })

  it('each refusal is one line', () => {
    for (const bad of [{ PUBLIC_URL: 'http://x' }, { DATABASE_URL: '' }, { PAYLOAD_SECRET: 'x' }]) {
      const message = refusal({ ...SAFE, ...bad })
      expect(message).not.toBe('')
      expect(message).not.toContain('\n')
    }
  })

  it('does not apply the production rules to development', () => {
    expect(() => readEnv({ PUBLIC_URL: 'http://localhost:3000' })).not.toThrow()
  })
})

describe('S3 storage settings', () => {
  const S3 = { S3_BUCKET: 'viaje-archivos', S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 'secreto' }

  it('is off (local disk) without S3_BUCKET', () => {
    expect(readEnv({}).s3).toBeUndefined()
  })

  it('reads bucket, keys, region and an optional endpoint', () => {
    expect(readEnv(S3).s3).toEqual({ bucket: 'viaje-archivos', region: 'us-east-1', endpoint: undefined, accessKeyId: 'AKIA', secretAccessKey: 'secreto' })
    expect(readEnv({ ...S3, S3_REGION: 'mx-central-1', S3_ENDPOINT: 'https://minio.imju.local' }).s3).toMatchObject({
      region: 'mx-central-1',
      endpoint: 'https://minio.imju.local',
    })
  })

  it('refuses half a configuration with a Spanish line', () => {
    expect(() => readEnv({ S3_BUCKET: 'b' })).toThrow(/faltan S3_ACCESS_KEY_ID/)
    expect(() => readEnv({ S3_ACCESS_KEY_ID: 'k' })).toThrow(/falta S3_BUCKET/)
    expect(() => readEnv({ ...S3, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT=.* no es una URL/)
  })
})

describe('storage plugin', () => {
  const baseConfig = (): Config =>
    ({
      collections: [
        { slug: 'media', upload: { staticDir: '/tmp/media' }, fields: [] },
        { slug: 'documents', upload: { staticDir: '/tmp/documents' }, fields: [] },
        { slug: 'application-documents', upload: { staticDir: '/tmp/private' }, fields: [] },
        { slug: 'news', fields: [] },
      ],
    }) as unknown as Config
  const uploadOf = (config: Config, slug: string) =>
    config.collections!.find((c) => c.slug === slug)!.upload as { disableLocalStorage?: boolean; adapter?: unknown } | undefined

  it('keeps media and documents on local disk when S3 is not configured', async () => {
    const config = await storagePlugin(undefined)(baseConfig())
    expect(uploadOf(config, 'media')?.disableLocalStorage).toBeFalsy()
    expect(uploadOf(config, 'documents')?.disableLocalStorage).toBeFalsy()
    expect(uploadOf(config, 'application-documents')?.disableLocalStorage).toBeFalsy()
    expect(config.collections!.find((c) => c.slug === 'media')!.hooks?.afterRead ?? []).toHaveLength(0)
  })

  it('moves media and both kinds of documents (only those) to the bucket when it is, without a schema change', async () => {
    const s3 = readEnv({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }).s3
    const config = await storagePlugin(s3)(baseConfig())
    expect(uploadOf(config, 'media')?.disableLocalStorage).toBe(true)
    expect(uploadOf(config, 'documents')?.disableLocalStorage).toBe(true)
    expect(uploadOf(config, 'application-documents')?.disableLocalStorage).toBe(true)
    expect(uploadOf(config, 'news')).toBeUndefined()
    const fieldNames = (slug: string) => (config.collections!.find((c) => c.slug === slug)!.fields as Array<{ name?: string }>).map((f) => f.name)
    // No `prefix` column: the same migrations serve disk and bucket.
    expect(fieldNames('media')).not.toContain('prefix')
    expect(fieldNames('documents')).not.toContain('prefix')
  })
})
