/**
 * The domain never depends on the site or the launcher, directly or through another file:
 * everything reachable by imports from payload.config.ts, collections/ and publishing/ stays out of
 * site/ and server/ (server/env.ts, the configuration, is the bottom layer and allowed).
 */
import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier)
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file) && fs.statSync(file).isFile())
}

/** Every file reachable from `start`, with the chain of imports that reached it. */
function reachable(start: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>(start.map((file) => [file, [file]]))
  const queue = [...start]
  while (queue.length) {
    const file = queue.shift()!
    if (!/\.(ts|tsx|mjs|js)$/.test(file)) continue
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolve(file, specifier)
      if (!target || seen.has(target)) continue
      seen.set(target, [...seen.get(file)!, target])
      queue.push(target)
    }
  }
  return seen
}

const filesUnder = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.'))
    .map((entry) => path.join(entry.parentPath, entry.name))

describe('layers', () => {
  it('nothing reachable from payload.config.ts, collections/ or publishing/ is in site/ or the launcher', () => {
    const start = [path.join(ROOT, 'payload.config.ts'), ...filesUnder('collections'), ...filesUnder('publishing')]
    const wrong = [...reachable(start).entries()]
      .filter(([file]) => {
        const relative = path.relative(ROOT, file)
        return relative.startsWith(`site${path.sep}`) || (relative.startsWith(`server${path.sep}`) && relative !== path.join('server', 'env.ts'))
      })
      .map(([, chain]) => chain.map((file) => path.relative(ROOT, file)).join(' → '))
    expect(wrong).toEqual([])
  })

  it('sees a chain through another file (the check itself works)', () => {
    const chains = reachable([path.join(ROOT, 'server', 'start.ts')])
    expect([...chains.keys()].some((file) => file.endsWith(path.join('publishing', 'publish.ts')))).toBe(true)
  })
})
