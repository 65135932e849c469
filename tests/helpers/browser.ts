/**
 * Real Chromium (Debian's package) driven by playwright-core, and axe-core for WCAG checks.
 * `npx playwright install` cannot download here, so the system browser is used.
 */
import fs from 'node:fs'

import AxeBuilder from '@axe-core/playwright'
import { type Browser, chromium, type Page } from 'playwright-core'

const EXECUTABLE = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

export const VIEWPORTS = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 900 } } as const

export async function launchBrowser(): Promise<Browser> {
  if (!EXECUTABLE) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)')
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

/** WCAG 2.1 A and AA rule violations on the page as it is now, as short readable lines. */
export async function a11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  )
}
