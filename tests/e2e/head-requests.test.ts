/**
 * HEAD answers like GET on every kind of site route (static pages, feeds and files, the on-demand
 * account, enrolment, certificate and preview pages, the 404 page) and on the health route: the
 * same status and content type, no body, never a 5xx. Load balancers, uptime monitors and link
 * checkers ask with HEAD.
 */
import http from 'node:http'

import { describe, expect, inject, it } from 'vitest'

const base = inject('appUrl')

/** A raw request (fetch hides a HEAD response's body, which is what must be absent). */
function request(method: 'GET' | 'HEAD', path: string): Promise<{ status: number; type: string; length: string | undefined; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers: { accept: 'text/html,*/*' } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), length: res.headers['content-length'], bytes }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe('HEAD on the site', () => {
  it('answers like GET without a body on static, on-demand and missing pages, and on health', async () => {
    const courses = await (await fetch(`${base}/api/courses?limit=1&depth=0&where[_status][equals]=published`)).json()
    const calls = await (await fetch(`${base}/api/calls?limit=1&depth=0&where[_status][equals]=published`)).json()
    const course = courses.docs[0].slug as string
    const call = calls.docs[0].slug as string
    const paths = [
      // Static pages, feeds and files of the live build.
      '/',
      '/cursos/',
      `/cursos/${course}/`,
      `/cursos/${course}/calendario.ics`,
      '/noticias/',
      '/noticias/rss.xml',
      '/convocatorias/',
      `/convocatorias/${call}/`,
      '/sitemap.xml',
      '/robots.txt',
      // On-demand pages (a logged-out visitor: pages, redirects to log in, refusals).
      '/cuenta/',
      '/cuenta/ingresar',
      '/cuenta/registro',
      '/cuenta/olvide',
      '/cuenta/viaje',
      '/cuenta/puedo-inscribirme',
      `/cursos/${course}/inscripcion`,
      `/convocatorias/${call}/postular`,
      '/constancias/NO-EXISTE-123',
      '/vista-previa/courses/1',
      // Missing pages.
      '/no-existe',
      '/cursos/no-existe/',
      '/cuenta/no-existe',
      // Health.
      '/api/health',
    ]
    const problems: string[] = []
    for (const path of paths) {
      const get = await request('GET', path)
      const head = await request('HEAD', path)
      if (head.status >= 500 || head.status !== get.status) problems.push(`${path}: HEAD ${head.status}, GET ${get.status}`)
      if (head.bytes !== 0) problems.push(`${path}: HEAD sent ${head.bytes} bytes of body`)
      if (head.type.split(';')[0] !== get.type.split(';')[0]) problems.push(`${path}: HEAD ${head.type}, GET ${get.type}`)
      if (get.status >= 500) problems.push(`${path}: GET ${get.status}`)
    }
    expect(problems).toEqual([])
  })
})
