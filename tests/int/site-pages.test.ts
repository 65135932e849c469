/**
 * Build-output tests of the public site: real content in a real database, the real `astro build`,
 * then what a visitor (or a crawler) would check in the files that get served.
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { setupPayload, type TestContext } from '../helpers/payload'
import { useTemporaryDataDir } from './content/fixtures'
import { brokenLinks, contentPages, metaProblems, pagesWithScripts, readBuiltSite, type BuiltSite } from './site/checks'
import { SECRET, seedSiteContent } from './site/fixtures'
import { readableText, spanishTypos } from '../helpers/spanish-typos'

describe('public site pages', () => {
  let ctx: TestContext
  let content: Awaited<ReturnType<typeof seedSiteContent>>
  let site: BuiltSite
  let files: string[]
  const read = (file: string) => site.read(file)
  const siteDir = tempSiteDir()

  beforeAll(async () => {
    useTemporaryDataDir() // uploads go to a throw-away folder that the build (a child process) reads too
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    content = await seedSiteContent(ctx.payload)
    const started = Date.now()
    site = readBuiltSite(siteStaticDir(await buildSite(siteDir, () => {}))) // the pages and their search index
    console.log(`site built and indexed in ${Date.now() - started} ms`)
    files = site.files
  }, 300_000)
  afterAll(async () => {
    await ctx?.close()
    if (!process.env.KEEP_SITE_BUILD) fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('builds a page of every type for the content', () => {
    const slugs = {
      news: content.news[0].slug,
      course: content.course.slug,
      call: content.openCall.slug,
      org: content.organization.slug,
    }
    const expected = [
      'index.html', '404.html',
      'noticias/index.html', 'noticias/pagina/2/index.html', 'noticias/pilar/salud-bienestar/index.html', `noticias/${slugs.news}/index.html`,
      'cursos/index.html', `cursos/${slugs.course}/index.html`, `cursos/${content.onlineCourse.slug}/index.html`, `cursos/${slugs.course}/calendario.ics`,
      'convocatorias/index.html', `convocatorias/${slugs.call}/index.html`, `convocatorias/${content.closedCall.slug}/index.html`,
      'pilares/index.html', ...content.pillars.map((p) => `pilares/${p.slug}/index.html`),
      'organizaciones/index.html', `organizaciones/${slugs.org}/index.html`,
      'buscar/index.html', 'aviso-de-privacidad/index.html', 'accesibilidad/index.html',
      'sitemap.xml', 'robots.txt', 'noticias/rss.xml', 'convocatorias/rss.xml',
      'og/viaje-joven.png', 'og/salud-bienestar.png', 'pagefind/pagefind-ui.js',
    ]
    expect(expected.filter((file) => !files.includes(file))).toEqual([])
    // 13 news at 12 a page: exactly two pages.
    expect(files).not.toContain('noticias/pagina/3/index.html')
    expect(files.some((file) => /^imagenes\/\d+-\d+\.avif$/.test(file))).toBe(true)
  })

  it('has no broken internal link, image or stylesheet in any page', () => {
    expect(brokenLinks(site)).toEqual([])
  })

  it('gives every page lang="es", a title, a description and exactly one h1', () => {
    expect(site.html.length).toBeGreaterThan(30)
    expect(metaProblems(site)).toEqual([])
  })

  it('ships no JavaScript on content pages (JSON-LD data is not a script to run)', () => {
    expect(contentPages(site)).toEqual(expect.arrayContaining(['index.html', 'noticias/index.html', `noticias/${content.news[0].slug}/index.html`]))
    expect(pagesWithScripts(site)).toEqual([])
  })

  it('never publishes drafts or a youth’s personal data', () => {
    const texts = files.filter((file) => /\.(html|xml|txt|ics|json|js)$/.test(file))
    const leaks = texts.filter((file) => {
      const text = read(file)
      return text.includes(SECRET.draftTitle) || text.includes(SECRET.youthEmail) || text.includes(SECRET.youthName)
    })
    expect(leaks).toEqual([])
    expect(files.some((file) => file.includes('borrador-confidencial'))).toBe(false)
  })

  it('shows a course as people in León read it, with its live islands and calendar', () => {
    const html = read(`cursos/${content.course.slug}/index.html`)
    expect(html).toContain('sábado, 9 de marzo, de 18:00 a 20:00 h')
    expect(html).toContain(`data-island="seats" data-course-id="${content.course.id}"`)
    expect(html).toContain('id="inscripcion"')
    expect(html).toContain('https://www.openstreetmap.org/?mlat=21.1221&amp;mlon=-101.6826')
    expect(html).toContain('https://wa.me/?text=')
    expect(html).toContain('"@type":"EducationEvent"')
    const ics = read(`cursos/${content.course.slug}/calendario.ics`)
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain('DTSTART:20300310T000000Z')
  })

  it('puts open calls, upcoming courses and latest news on the home page, and filter data on /cursos/', () => {
    const home = read('index.html')
    expect(home).toContain(content.openCall.title)
    expect(home).not.toContain(content.closedCall.title)
    expect(home).toContain(content.course.title)
    expect(home).toContain(content.news[0].title)
    expect(home).not.toContain(content.news[5].title) // only the latest three
    const courses = read('cursos/index.html')
    expect(courses).toMatch(/data-pillars="empleo-emprendimiento" data-kind="workshop" data-modality="in-person" data-free="1"/)
    expect(courses).toMatch(/data-kind="course" data-modality="online" data-free="0"/)
    expect(courses).toMatch(/<form class="filters" data-course-filters hidden/)
    const pillar = read('pilares/salud-bienestar/index.html')
    expect(pillar).toContain(content.openCall.title)
    expect(pillar).toContain(content.news[0].title)
    expect(pillar).not.toContain(content.course.title)
  })

  it('renders calls by status with deadline island, bases and published results', () => {
    const list = read('convocatorias/index.html')
    const section = (id: string) => list.split(`id="${id}"`)[1]?.split('<h2')[0] ?? ''
    expect(section('abiertas')).toContain(content.openCall.title)
    expect(section('proximas')).toContain(content.upcomingCall.title)
    expect(section('cerradas')).toContain(content.closedCall.title)
    const open = read(`convocatorias/${content.openCall.slug}/index.html`)
    expect(open).toMatch(/data-island="closes-in" data-closes="\d{4}-\d\d-\d\dT/)
    expect(open).toMatch(/href="\/api\/documents\/file\/bases[^"]*\.pdf"/)
    expect(read(`convocatorias/${content.closedCall.slug}/index.html`)).toContain('La calle nos cuenta')
  })

  it('renders news rich text safely, with responsive images, social cards and JSON-LD', () => {
    const html = read(`noticias/${content.news[0].slug}/index.html`)
    expect(html).toContain('con &lt;etiquetas&gt; que deben escaparse')
    expect(html).toMatch(/<source type="image\/avif" srcset="\/imagenes\/\d+-480\.avif 480w/)
    expect(html).toMatch(/<img src="\/imagenes\/\d+-960\.webp" alt="Jóvenes en un taller de serigrafía" width="960" height="540"/)
    expect(html).toContain('<meta property="og:image"')
    expect(html).toContain('"@type":"NewsArticle"')
    const empty = read('noticias/pilar/participacion-social/index.html')
    expect(empty).toContain('Aún no hay noticias en esta sección.')
    expect(read('sitemap.xml')).toContain(`/noticias/${content.news[0].slug}/</loc>`)
    expect(read('noticias/rss.xml')).toContain(content.news[0].title)
    expect(read('robots.txt')).toMatch(/Sitemap: http.*\/sitemap\.xml/)
  })

  it('dates every sitemap URL (lastmod) and names each feed\'s own URL (atom:link rel="self")', () => {
    const urlsInMap = read('sitemap.xml').match(/<url>.*?<\/url>/g) ?? []
    expect(urlsInMap.length).toBeGreaterThan(20)
    expect(urlsInMap.filter((u) => !/<lastmod>\d{4}-\d\d-\d\dT[\d:.]+Z<\/lastmod>/.test(u))).toEqual([])
    // A document's own date; its listing's date is its newest item's.
    const newsEntry = urlsInMap.find((u) => u.includes(`/noticias/${content.news[0].slug}/</loc>`))!
    expect(newsEntry).toContain(`<lastmod>${new Date(content.news[0].updatedAt).toISOString()}</lastmod>`)
    for (const feed of ['noticias/rss.xml', 'convocatorias/rss.xml']) {
      const xml = read(feed)
      expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"')
      expect(xml).toMatch(new RegExp(`<atom:link href="http[^"]+/${feed.replace('.', '\\.')}" rel="self" type="application/rss\\+xml"/>`))
    }
  })

  it('folds the course calendar by octets: no line over 75 bytes (RFC 5545)', () => {
    const ics = read(`cursos/${content.course.slug}/calendario.ics`)
    expect(ics).toContain('BEGIN:VEVENT')
    expect(Math.max(...ics.split('\r\n').map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75)
  })

  it('has no typo a reader would notice on any page (brand, doubled period, repeated word)', () => {
    const problems = files.filter((f) => f.endsWith('.html')).flatMap((f) => spanishTypos(readableText(read(f))).map((p) => `${f}: ${p}`))
    expect(problems).toEqual([])
  })
})
