import fs from 'node:fs'
import path from 'node:path'

import { inject } from 'vitest'
import { beforeAll, describe, expect, it } from 'vitest'

import { E2E_ADMIN } from '../helpers/e2e-setup'

const base = inject('appUrl')
const ROOT = path.resolve(import.meta.dirname, '../..')
const json = { 'content-type': 'application/json' }

async function login(credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${base}/api/users/login`, { method: 'POST', headers: json, body: JSON.stringify(credentials) })
  expect(response.status).toBe(200)
  return (await response.json()).token
}

async function publishNews(token: string, title: string): Promise<string> {
  const response = await fetch(`${base}/api/news`, {
    method: 'POST',
    headers: { ...json, authorization: `JWT ${token}` },
    body: JSON.stringify({ title, summary: 'Publicada desde la prueba de extremo a extremo.', _status: 'published' }),
  })
  expect(response.status).toBe(201)
  return (await response.json()).doc.slug
}

/** Polls the public URL until it answers 200; returns the seconds it took, or null after `limitMs`. */
async function secondsUntilLive(url: string, limitMs: number): Promise<number | null> {
  const started = Date.now()
  while (Date.now() - started < limitMs) {
    if ((await fetch(url)).status === 200) return (Date.now() - started) / 1000
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return null
}

describe('publish to live', () => {
  let editor: string
  beforeAll(async () => {
    const admin = await login(E2E_ADMIN)
    const credentials = { email: `editora-${Date.now()}@imju.test`, password: 'contraseña-de-editora' }
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { ...json, authorization: `JWT ${admin}` },
      body: JSON.stringify({ ...credentials, name: 'Editora de prueba', roles: ['editor'] }),
    })
    expect(created.status).toBe(201)
    editor = await login(credentials)
  })

  it('an editor publishes a news item and it is served at its URL after the rebuild', async () => {
    const slug = await publishNews(editor, `Noticia en vivo ${Date.now()}`)
    const seconds = await secondsUntilLive(`${base}/noticias/${slug}/`, 120_000)
    expect(seconds, 'the news page went live').not.toBeNull()
  })

  it('pages are revalidated on every visit, so a browser never keeps one from before a publish', async () => {
    // Without Cache-Control a browser may reuse a page by heuristic freshness (10 % of its Last-Modified
    // age) and show a call page without the results published since: as nginx does (deploy/nginx.conf).
    const home = await fetch(`${base}/`)
    expect(home.headers.get('cache-control')).toBe('no-cache')
    expect(home.headers.get('etag')).toBeTruthy()
    const asset = (await home.text()).match(/\/_astro\/[^"')\s]+/)?.[0]
    expect(asset, 'the home page links a hashed asset').toBeTruthy()
    expect((await fetch(`${base}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('a deliberately broken build keeps the previous site served', async () => {
    const broken = path.join(ROOT, 'site/pages/zz-prueba-rota.astro')
    fs.writeFileSync(broken, '---\nthrow new Error("construcción rota a propósito")\n---\n<p>roto</p>\n')
    try {
      const slug = await publishNews(editor, `Noticia que no debe llegar ${Date.now()}`)
      expect(await secondsUntilLive(`${base}/noticias/${slug}/`, 25_000)).toBeNull()
      expect((await fetch(`${base}/`)).status).toBe(200)
    } finally {
      fs.rmSync(broken, { force: true })
    }
    const admin = await login(E2E_ADMIN)
    const { docs } = await (await fetch(`${base}/api/site-builds?sort=-createdAt&limit=1`, { headers: { authorization: `JWT ${admin}` } })).json()
    expect(docs[0].result).toBe('failed')
    expect(docs[0].error).toContain('construcción rota a propósito')
  })
})
