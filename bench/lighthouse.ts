/**
 * Lighthouse (mobile) scores of the home page, a news item and a course page, with Debian's
 * Chromium. Starts its own app (demo content) unless BENCH_URL points at a running one.
 * Run: `npx tsx bench/lighthouse.ts`.
 */
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { startApp, stopApp, tempDataDir, tempSiteDir } from '../tests/helpers/app-process'

const app = process.env.BENCH_URL ? undefined : await startApp({ dataDir: tempDataDir(), siteDir: tempSiteDir() })
const base = process.env.BENCH_URL ?? app!.url

const firstLink = async (list: string) => {
  const html = await (await fetch(`${base}${list}`)).text()
  return new RegExp(`href="(${list}[a-z0-9-]+/)"`).exec(html)?.[1]
}
const pages = { inicio: '/', noticia: await firstLink('/noticias/'), curso: await firstLink('/cursos/') }

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
try {
  console.log('Lighthouse móvil (rendimiento, accesibilidad, buenas prácticas, SEO):')
  for (const [label, path] of Object.entries(pages)) {
    if (!path) continue
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    })
    const categories = result!.lhr.categories
    const score = (key: string) => Math.round((categories[key]?.score ?? 0) * 100)
    console.log(
      `  ${label.padEnd(8)} ${path.padEnd(45)} rendimiento ${score('performance')}, accesibilidad ${score('accessibility')}, buenas prácticas ${score('best-practices')}, SEO ${score('seo')}`,
    )
    for (const [key, category] of Object.entries(categories)) {
      if ((category.score ?? 0) === 1) continue
      const failing = category.auditRefs
        .map((ref) => result!.lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
        .map((audit) => audit.id)
      console.log(`           ${key}: ${failing.slice(0, 8).join(', ')}`)
    }
  }
} finally {
  chrome.kill()
  if (app) await stopApp(app, 'SIGTERM')
}
