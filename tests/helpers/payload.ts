/**
 * Gives a test file its own freshly migrated database (a copy of the run's template) and a
 * Payload instance on it, plus REST handlers that answer plain `Request`s as the server would.
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'
import type { Payload } from 'payload'
import { inject } from 'vitest'

import { headFromGet, withPublicErrors } from '../../lib/api-errors'
import { closePayload } from '../../server/close-payload'
import { TEMPLATE_DB, withDatabase } from './database-url'

export type TestContext = {
  payload: Payload
  databaseUrl: string
  rest: (method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, init?: RestInit) => Promise<Response>
  close: () => Promise<void>
}

type RestInit = { body?: unknown; token?: string; headers?: Record<string, string> }

export async function createTestDatabase(fromTemplate = true): Promise<string> {
  const adminUrl = inject('databaseUrl')
  const name = `t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  await client.query(`create database ${name}${fromTemplate ? ` template ${TEMPLATE_DB}` : ''}`)
  await client.end()
  return withDatabase(adminUrl, name)
}

export async function setupPayload(): Promise<TestContext> {
  const databaseUrl = await createTestDatabase()
  process.env.DATABASE_URL = databaseUrl
  const { getPayload } = await import('payload')
  const config = (await import('../../payload.config')).default
  const payload = await getPayload({ config })
  const routes = await import('@payloadcms/next/routes')
  // As cms/app/(payload)/api/[...slug]/route.ts serves them.
  const GET = withPublicErrors(routes.REST_GET(config), config)
  const handlers = {
    GET,
    HEAD: headFromGet(GET),
    POST: withPublicErrors(routes.REST_POST(config), config),
    PATCH: withPublicErrors(routes.REST_PATCH(config), config),
    PUT: withPublicErrors(routes.REST_PUT(config), config),
    DELETE: withPublicErrors(routes.REST_DELETE(config), config),
  }

  const rest: TestContext['rest'] = async (method, path, init = {}) => {
    const url = new URL(`http://localhost:3000/api${path}`)
    const headers = new Headers(init.headers)
    if (init.token) headers.set('Authorization', `JWT ${init.token}`)
    let body: BodyInit | undefined
    if (init.body instanceof FormData || typeof init.body === 'string' || init.body instanceof Uint8Array) body = init.body as BodyInit
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers.set('Content-Type', 'application/json')
    }
    const request = new Request(url, { method, headers, body })
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    return handlers[method](request, { params: Promise.resolve({ slug }) })
  }

  return { payload, databaseUrl, rest, close: () => closePayload(payload) }
}
