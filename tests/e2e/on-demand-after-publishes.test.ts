/**
 * On-demand pages (account, enrolment and apply forms, certificate check, preview) keep answering
 * through many publishes in one running server, while pruning deletes old build folders; under
 * `npm start` (the shared app) and `npm run serve`. And every absolute link of an instance on a
 * non-default port without PUBLIC_URL points at that port: sitemap, feed, email.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, inject, it } from 'vitest'

import { siteServerEntry } from '../../publishing'
import { type AppProcess, SERVE_ARGS, startApp, tempDataDir } from '../helpers/app-process'
import { E2E_ADMIN } from '../helpers/e2e-setup'
import { mailedLink } from '../helpers/e2e-people'
import { outboxAt } from '../helpers/outbox'
import { signUp } from '../helpers/youth'

const json = { 'content-type': 'application/json' }

async function login(base: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${base}/api/users/login`, { method: 'POST', headers: json, body: JSON.stringify(credentials) })
  expect(response.status).toBe(200)
  return (await response.json()).token
}

type Build = { id: number; result: string; reason: string }
async function latestBuild(base: string, token: string): Promise<Build | undefined> {
  const response = await fetch(`${base}/api/site-builds?sort=-createdAt&limit=1`, { headers: { authorization: `JWT ${token}` } })
  return (await response.json()).docs[0]
}

/** Makes one change the public sees and waits until the build it causes has finished. */
async function publishAndWait(base: string, token: string, change: () => Promise<void>): Promise<Build> {
  const before = (await latestBuild(base, token))?.id ?? 0
  await change()
  const started = Date.now()
  while (Date.now() - started < 180_000) {
    const build = await latestBuild(base, token)
    if (build && build.id > before && build.result !== 'running') return build
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error('the publish did not finish building within 3 minutes')
}

/** Ten publishes: new news items (partial builds) and pillar edits (full builds), one after another. */
async function publishTenTimes(base: string, token: string): Promise<Build[]> {
  const auth = { ...json, authorization: `JWT ${token}` }
  const pillars = (await (await fetch(`${base}/api/pillars?limit=1`, { headers: auth })).json()).docs
  expect(pillars.length).toBe(1)
  const builds: Build[] = []
  for (let i = 0; i < 10; i++) {
    builds.push(
      await publishAndWait(base, token, async () => {
        const response =
          i % 3 === 2
            ? await fetch(`${base}/api/pillars/${pillars[0].id}`, {
                method: 'PATCH',
                headers: auth,
                body: JSON.stringify({ description: `Descripción editada ${i} ${Date.now()}` }),
              })
            : await fetch(`${base}/api/news`, {
                method: 'POST',
                headers: auth,
                body: JSON.stringify({ title: `Noticia de publicación ${i} ${Date.now()}`, summary: 'Resumen de prueba.', _status: 'published' }),
              })
        expect(response.status).toBeLessThan(300)
      }),
    )
  }
  return builds
}

/** Every on-demand route an anonymous visitor can reach, with real slugs where the data has them. */
async function onDemandRoutes(base: string): Promise<string[]> {
  const first = async (collection: string) =>
    (await (await fetch(`${base}/api/${collection}?limit=1&where[_status][equals]=published`)).json()).docs[0]?.slug ?? 'no-existe'
  return [
    '/cuenta/ingresar/',
    '/cuenta/registro/',
    '/cuenta/olvide/',
    '/cuenta/verificar?token=token-que-no-existe',
    '/cuenta/',
    `/cursos/${await first('courses')}/inscripcion`,
    '/cursos/curso-que-no-existe/inscripcion',
    `/convocatorias/${await first('calls')}/postular`,
    '/constancias/CODIGO-QUE-NO-EXISTE',
    '/vista-previa/news/1',
  ]
}

async function answers(base: string, routes: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const route of routes) {
    const response = await fetch(`${base}${route}`, { redirect: 'manual' })
    const body = await response.text()
    result[route] = response.status
    if (response.status === 200) expect(body, route).toContain('<html')
  }
  return result
}

describe('on-demand pages through many publishes', () => {
  const base = inject('appUrl')
  const siteDir = inject('appSiteDir')
  let serve: AppProcess | undefined
  const dataDir = tempDataDir()
  afterAll(async () => {
    if (serve && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM')
      await serve.exited
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  // Ten publishes take minutes on a loaded machine: each is a real site build.
  it('ten publishes (some partial, some full): every on-demand route answers as before, under npm start and npm run serve', { timeout: 45 * 60_000 }, async () => {
    // A production instance on the same builds and address, with its own database: it follows
    // `current` as the shared app publishes and prunes, as a second instance behind nginx does.
    serve = await startApp({
      dataDir,
      siteDir,
      nodeArgs: SERVE_ARGS,
      env: {
        NODE_ENV: 'production',
        PAYLOAD_SECRET: 'prueba-produccion-0123456789abcdef0123456789abcdef',
        PUBLIC_URL: base, // the same site address, so the same code version of the on-demand pages
        ALLOW_EMBEDDED_DB: '1',
        ALLOW_HTTP: '1',
      },
    })
    const instances = [base, serve.url]
    const routes = await onDemandRoutes(base)
    // Opening every route first makes each handler load the code of each page before the prunes run.
    const before = await Promise.all(instances.map((url) => answers(url, routes)))
    for (const answered of before) {
      for (const [route, status] of Object.entries(answered)) expect([200, 303, 400, 404], route).toContain(status)
    }
    const startedOn = fs.realpathSync(path.join(siteDir, 'current'))

    const builds = await publishTenTimes(base, await login(base, E2E_ADMIN))
    expect(builds.map((b) => b.result)).toEqual(Array(10).fill('success'))
    expect(builds.some((b) => b.reason.includes('parcial'))).toBe(true)
    expect(builds.some((b) => b.reason.includes('completa'))).toBe(true)
    // Pruning ran: the build both instances started on is gone.
    expect(fs.existsSync(startedOn)).toBe(false)
    expect(fs.readdirSync(path.join(siteDir, 'builds')).length).toBeLessThanOrEqual(3)

    await new Promise((resolve) => setTimeout(resolve, 1500)) // both re-read `current` within a second
    for (const [i, url] of instances.entries()) expect(await answers(url, routes), url).toEqual(before[i])
    // One code folder for one code version: publishes do not load new handler code.
    expect(siteServerEntry(fs.realpathSync(path.join(siteDir, 'current')))).toMatch(/\/code\/[0-9a-f]{16}\/server\/entry\.mjs$/)
    expect(fs.readdirSync(path.join(siteDir, 'code'))).toHaveLength(1)
    expect(serve.output()).not.toMatch(/"status":5\d\d/)
  })
})

describe('absolute URLs on a non-default port without PUBLIC_URL', () => {
  const base = inject('appUrl')

  it('sitemap, news feed and a verification email all link to this instance', async () => {
    const port = new URL(base).port
    expect(port).not.toBe('3000')
    const own = `http://localhost:${port}/`
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text()
    expect(sitemap).toContain(`<loc>${own}`)
    expect(sitemap).not.toContain('localhost:3000')
    const feed = await (await fetch(`${base}/noticias/rss.xml`)).text()
    expect(feed).toContain(`<link>${own}`)
    expect(feed).not.toContain('localhost:3000')
    const home = await (await fetch(`${base}/`)).text()
    expect(home).toContain(`<link rel="canonical" href="${own}"`)

    const data = signUp()
    expect((await fetch(`${base}/api/youth`, { method: 'POST', headers: json, body: JSON.stringify(data) })).status).toBe(201)
    const outbox = outboxAt(path.join(inject('appDataDir'), 'outbox'))
    await mailedLink(base, outbox, String(data.email), '/cuenta/verificar')
    const mail = outbox.latestTo(String(data.email))
    expect(mail.text).toContain(`${own}cuenta/verificar`)
  })
})
