/**
 * What every built site must satisfy, whatever its content: read from the files that get served.
 * Each check returns the list of problems, so a failure names the page and what is wrong.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** Served by Payload or by on-demand routes, not by the static build. */
const NOT_STATIC = [/^\/api\//, /^\/admin(\/|$)/, /^\/cuenta(\/|$)/, /^\/cursos\/[^/]+\/inscripcion\/?$/, /^\/convocatorias\/[^/]+\/postular\/?$/, /^\/constancias\//]
/** Pages that carry an island (live seats, "closes in", filters, search): they may ship a few KB of JS. */
const ISLAND_PAGES = [/^cursos\//, /^convocatorias\/[^/]+\/index\.html$/, /^buscar\//, /^cuenta\//]

export type BuiltSite = { dir: string; files: string[]; html: string[]; read: (file: string) => string }

export function readBuiltSite(dir: string): BuiltSite {
  const walk = (at: string): string[] =>
    fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(at, entry.name)
      return entry.isDirectory() ? walk(full) : [path.relative(dir, full)]
    })
  const files = walk(dir)
  return { dir, files, html: files.filter((file) => file.endsWith('.html')), read: (file) => fs.readFileSync(path.join(dir, file), 'utf8') }
}

/** Every internal href, src and srcset entry that does not resolve to a built file. */
export function brokenLinks(site: BuiltSite): string[] {
  const broken: string[] = []
  for (const file of site.html) {
    const html = site.read(file)
    const targets = [
      ...[...html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/\ssrcset="([^"]+)"/g)].flatMap((m) => m[1].split(',').map((part) => part.trim().split(/\s+/)[0])),
    ]
    for (const target of targets) {
      if (!target.startsWith('/') || target.startsWith('//')) continue
      const pathname = decodeURIComponent(target.split(/[?#]/)[0])
      if (NOT_STATIC.some((pattern) => pattern.test(pathname))) continue
      const candidate = path.join(site.dir, pathname)
      const exists = pathname.endsWith('/') ? fs.existsSync(path.join(candidate, 'index.html')) : fs.existsSync(candidate)
      if (!exists) broken.push(`${file} → ${target}`)
    }
  }
  return broken
}

/** lang="es", a title, a real description and exactly one h1 on every page. */
export function metaProblems(site: BuiltSite): string[] {
  const problems: string[] = []
  for (const file of site.html) {
    const html = site.read(file)
    if (!/<html[^>]*\slang="es"/.test(html)) problems.push(`${file}: sin lang="es"`)
    if (!/<title>[^<]+<\/title>/.test(html)) problems.push(`${file}: sin <title>`)
    if (!/<meta name="description" content="[^"]{20,}"/.test(html)) problems.push(`${file}: sin descripción`)
    const h1 = html.match(/<h1[\s>]/g)?.length ?? 0
    if (h1 !== 1) problems.push(`${file}: ${h1} h1`)
  }
  return problems
}

export const contentPages = (site: BuiltSite) => site.html.filter((file) => !ISLAND_PAGES.some((pattern) => pattern.test(file)))

/** The one script a content page may carry: the inline account-link hint of the header, a few hundred bytes at most. */
const SESSION_HINT = /^<script data-session-hint>[^<]{1,300}<\/script>$/

/** Content pages with a <script> that runs (JSON-LD is data, not a script to run; the session hint is the allowed exception). */
export const pagesWithScripts = (site: BuiltSite) =>
  contentPages(site).filter((file) =>
    [...site.read(file).matchAll(/<script([^>]*)>(?:[^<]*<\/script>)?/g)].some(
      (m) => !/type="application\/ld\+json"/.test(m[1]) && !SESSION_HINT.test(m[0]),
    ),
  )

/** Pages whose HTML plus stylesheets weigh more than `budget` bytes gzip-compressed (images aside). */
export function pagesOverBudget(site: BuiltSite, budget: number): string[] {
  const gzip = (text: string) => zlib.gzipSync(text).length
  return site.html.flatMap((file) => {
    const html = site.read(file)
    const css = [...html.matchAll(/<link rel="stylesheet" href="(\/[^"]+)"/g)].map((m) => site.read(m[1].slice(1)))
    const bytes = gzip(html) + css.reduce((sum, sheet) => sum + gzip(sheet), 0)
    return bytes > budget ? [`${file}: ${bytes} B`] : []
  })
}

/** A <style> in the body is invalid HTML (the Nu checker's error on course pages): styles belong in the head. */
export const pagesWithStyleInBody = (site: BuiltSite) => site.html.filter((file) => /<body[\s\S]*<style[\s>]/.test(site.read(file)))

/** Anything after </html> (a script placed after the layout) is a stray tag to an HTML checker. */
export const pagesWithTagsAfterHtml = (site: BuiltSite) => site.html.filter((file) => /<\/html>\s*\S/.test(site.read(file)))
