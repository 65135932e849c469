/**
 * Every environment variable the platform reads, with its default, in one place.
 * Each problem becomes one Spanish line saying what is wrong and how to fix it.
 */

import { publicUrl } from '../lib/public-url'
import { parseRateLimits, type RateLimitSettings } from '../lib/rate-limits'

export const DEV_SECRET = 'viaje-joven-desarrollo-no-usar-en-produccion'

/** Secrets printed in examples and templates (ours, Payload's, the usual placeholders): as good as public. */
const EXAMPLE_SECRETS = [DEV_SECRET, 'YOUR_SECRET_HERE', 'your-secret-here', 'changeme', 'cambiame', 'PAYLOAD_SECRET'].map((s) => s.toLowerCase())
const isExampleSecret = (secret: string) => EXAMPLE_SECRETS.includes(secret.toLowerCase())

export class ConfigError extends Error {}

export type Env = {
  production: boolean
  port: number
  host: string
  publicUrl: string
  databaseUrl: string | undefined
  /** PostgreSQL connections per app instance (each open transaction holds one). */
  databasePoolMax: number
  dataDir: string
  /** Largest document a youth may attach to an application, in MB (MAX_UPLOAD_MB, default 5). */
  maxUploadMb: number
  /** Largest file of any upload (staff images and PDFs too), in MB (MAX_MEDIA_MB, default 20; never below MAX_UPLOAD_MB). */
  maxMediaMb: number
  /** How many proxies of ours stand in front (TRUST_PROXY; 0 = none, X-Forwarded-For is then ignored). */
  trustProxy: number
  /** RATE_LIMITS as given (lib/rate-limits.ts reads it; checked here so a typo stops the start). */
  rateLimits: RateLimitSettings
  payloadSecret: string
  adminEmail: string | undefined
  adminPassword: string | undefined
  email: EmailEnv
  /** S3-compatible object storage for media and documents; undefined = local disk under DATA_DIR/uploads. */
  s3: S3Env | undefined
}

export type S3Env = { bucket: string; region: string; endpoint?: string; accessKeyId: string; secretAccessKey: string }

/** SMTP when configured (production); otherwise every message becomes a file in `outboxDir`. */
export type EmailEnv = {
  fromName: string
  fromAddress: string
  smtp: { url: string } | { host: string; port: number; secure: boolean; user?: string; pass?: string } | undefined
  outboxDir: string
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const production = source.NODE_ENV === 'production'
  const port = parsePort(source.PORT ?? '3000')
  const databaseUrl = source.DATABASE_URL?.trim() || undefined
  if (databaseUrl) checkDatabaseUrl(databaseUrl)
  const payloadSecret = source.PAYLOAD_SECRET?.trim() || ''
  if (production && (!payloadSecret || isExampleSecret(payloadSecret) || payloadSecret.length < 32)) {
    throw new ConfigError(
      'PAYLOAD_SECRET falta, es demasiado corto o es el de un ejemplo: en producción debe ser aleatorio y tener al menos 32 caracteres ' +
        '(genera uno con: openssl rand -hex 32).',
    )
  }
  const dataDir = source.DATA_DIR || '.data'
  return {
    production,
    port,
    host: source.HOST || '0.0.0.0',
    publicUrl: publicUrl({ ...source, PORT: String(port) }),
    databaseUrl,
    databasePoolMax: parsePoolMax(source.DATABASE_POOL_MAX ?? '10'),
    dataDir,
    maxUploadMb: parseMaxUploadMb(source.MAX_UPLOAD_MB ?? '5'),
    maxMediaMb: Math.max(parseMaxUploadMb(source.MAX_MEDIA_MB ?? '20', 'MAX_MEDIA_MB'), parseMaxUploadMb(source.MAX_UPLOAD_MB ?? '5')),
    trustProxy: parseTrustProxy(source.TRUST_PROXY),
    rateLimits: checkedRateLimits(source.RATE_LIMITS),
    payloadSecret: payloadSecret || DEV_SECRET,
    adminEmail: source.ADMIN_EMAIL?.trim() || undefined,
    adminPassword: source.ADMIN_PASSWORD || undefined,
    email: readEmailEnv(source, dataDir),
    s3: readS3Env(source),
  }
}

/**
 * What `npm run serve` (NODE_ENV=production) refuses, one Spanish line each. Only the launcher
 * calls this: the admin and site builds also run with NODE_ENV=production (Next and Astro demand
 * it) under `npm start` on a laptop, where these rules must not apply. The secret is checked by
 * readEnv itself, everywhere production is set.
 */
export function assertSafeForProduction(source: NodeJS.ProcessEnv = process.env, execArgv: string[] = process.execArgv): void {
  const debugFlag = debugFlagOf(source, execArgv)
  if (debugFlag) {
    throw new ConfigError(
      `${debugFlag} está activo: en producción abre un depurador o escribe datos de las personas en los registros. ` +
        'Quítalo del entorno (o del servicio) y vuelve a arrancar.',
    )
  }
  const host = source.HOST?.trim() || '0.0.0.0'
  if (/^(127\.|::1$|localhost$)/.test(host) && !source.TRUST_PROXY?.trim()) {
    throw new ConfigError(
      `HOST=${host}: la aplicación solo escucha detrás de un proxy (nginx), pero falta TRUST_PROXY; todas las personas ` +
        'contarían como una sola dirección en los límites de intentos. Define TRUST_PROXY=1 (un nginx delante) ' +
        'o TRUST_PROXY=0 si de verdad nadie está delante.',
    )
  }
  const publicUrl = source.PUBLIC_URL?.trim()
  if (!publicUrl || !/^https:\/\/[^/]+/.test(publicUrl)) {
    if (source.ALLOW_HTTP !== '1') {
      throw new ConfigError(
        `PUBLIC_URL debe ser la dirección pública con https (por ejemplo PUBLIC_URL=https://viajejoven.leon.gob.mx); ` +
          `ahora es "${publicUrl ?? ''}". Solo para una prueba local sin TLS: ALLOW_HTTP=1.`,
      )
    }
  }
  if (!source.DATABASE_URL?.trim() && source.ALLOW_EMBEDDED_DB !== '1') {
    throw new ConfigError(
      'Falta DATABASE_URL: en producción usa un PostgreSQL administrado (postgres://usuario:contraseña@servidor:5432/base). ' +
        'La base integrada no es para producción; solo para una prueba: ALLOW_EMBEDDED_DB=1.',
    )
  }
}

/** Debugging aids that expose the process or log request data (headers, SQL values) when left on in production. */
function debugFlagOf(source: NodeJS.ProcessEnv, execArgv: string[]): string | undefined {
  const inspect = /(^|\s)--inspect(-brk|-wait)?(=|\s|$)/
  if (inspect.test(source.NODE_OPTIONS ?? '')) return `NODE_OPTIONS="${source.NODE_OPTIONS}"`
  const arg = execArgv.find((a) => /^--inspect(-brk|-wait)?(=|$)/.test(a))
  if (arg) return `La opción ${arg} de node`
  for (const name of ['DEBUG', 'NODE_DEBUG', 'PAYLOAD_DEBUG'] as const) {
    const value = source[name]?.trim()
    if (value && !['0', 'false'].includes(value.toLowerCase())) return `${name}=${value}`
  }
  return undefined
}

function readS3Env(source: NodeJS.ProcessEnv): S3Env | undefined {
  const bucket = source.S3_BUCKET?.trim()
  const accessKeyId = source.S3_ACCESS_KEY_ID?.trim()
  const secretAccessKey = source.S3_SECRET_ACCESS_KEY?.trim()
  const endpoint = source.S3_ENDPOINT?.trim() || undefined
  if (!bucket) {
    if (accessKeyId || secretAccessKey || endpoint) {
      throw new ConfigError('Hay variables S3_* pero falta S3_BUCKET: define el bucket o quita las demás para guardar archivos en disco.')
    }
    return undefined
  }
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('S3_BUCKET está definido pero faltan S3_ACCESS_KEY_ID y/o S3_SECRET_ACCESS_KEY.')
  }
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new ConfigError(`S3_ENDPOINT="${endpoint}" no es una URL: usa la forma https://s3.servidor.com (o http:// solo en una red interna).`)
  }
  return { bucket, region: source.S3_REGION?.trim() || 'us-east-1', endpoint, accessKeyId, secretAccessKey }
}

function readEmailEnv(source: NodeJS.ProcessEnv, dataDir: string): EmailEnv {
  const from = (source.EMAIL_FROM || 'Viaje Joven <no-responder@viajejoven.local>').trim()
  const parsed = /^(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$/.exec(from)
  if (!parsed) {
    throw new ConfigError(
      `EMAIL_FROM="${from}" no es un remitente válido: usa "Nombre <correo@dominio>" o solo correo@dominio.`,
    )
  }
  const outboxDir = source.OUTBOX_DIR?.trim() || `${dataDir}/outbox`
  const email = { fromName: parsed[1]?.trim() || 'Viaje Joven', fromAddress: parsed[2] || parsed[3], outboxDir }
  const url = source.SMTP_URL?.trim()
  if (url) {
    if (!/^smtps?:\/\/[^/]+/.test(url)) {
      throw new ConfigError('SMTP_URL debe tener la forma smtp://usuario:contraseña@servidor:587 (o smtps:// para el puerto 465).')
    }
    return { ...email, smtp: { url } }
  }
  const host = source.SMTP_HOST?.trim()
  if (!host) return { ...email, smtp: undefined }
  const port = Number(source.SMTP_PORT || '587')
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`SMTP_PORT="${source.SMTP_PORT}" no es un puerto válido: normalmente 587 (STARTTLS) o 465 (TLS).`)
  }
  const user = source.SMTP_USER?.trim() || undefined
  if (user && !source.SMTP_PASS) {
    throw new ConfigError('SMTP_USER está definido pero falta SMTP_PASS: define la contraseña del servidor de correo.')
  }
  return { ...email, smtp: { host, port, secure: port === 465, user, pass: source.SMTP_PASS || undefined } }
}

function parsePoolMax(raw: string): number {
  const max = Number(raw)
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new ConfigError(`DATABASE_POOL_MAX="${raw}" no es válido: usa un número entero entre 1 y 1000 (por ejemplo 10).`)
  }
  return max
}

function parseMaxUploadMb(raw: string, name = 'MAX_UPLOAD_MB'): number {
  const mb = Number(raw)
  if (!Number.isFinite(mb) || mb <= 0 || mb > 100) {
    throw new ConfigError(`${name}="${raw}" no es válido: usa un número de megabytes mayor que 0 y hasta 100 (por ejemplo 5).`)
  }
  return mb
}

function parseTrustProxy(raw: string | undefined): number {
  const value = raw?.trim() || '0'
  const hops = value === 'true' ? 1 : value === 'false' ? 0 : Number(value)
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new ConfigError(
      `TRUST_PROXY="${raw}" no es válido: es cuántos proxies propios hay delante (nginx = 1); 0 o vacío si nadie, ` +
        'porque entonces cualquiera podría inventar su dirección con X-Forwarded-For.',
    )
  }
  return hops
}

function checkedRateLimits(raw: string | undefined): RateLimitSettings {
  try {
    return parseRateLimits(raw)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
}

function parsePort(raw: string): number {
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT="${raw}" no es un puerto válido: usa un número entre 1 y 65535 (por ejemplo PORT=3000).`)
  }
  return port
}

function checkDatabaseUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError(
      'DATABASE_URL no es una URL válida: usa la forma postgres://usuario:contraseña@servidor:5432/basededatos.',
    )
  }
  if (!['postgres:', 'postgresql:'].includes(parsed.protocol) || !parsed.hostname || parsed.pathname.length < 2) {
    throw new ConfigError(
      'DATABASE_URL debe ser de PostgreSQL y nombrar servidor y base: postgres://usuario:contraseña@servidor:5432/basededatos.',
    )
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(URL no válida)'
  }
}
