/**
 * The layers of the tree (README, "Capas"), bottom to top:
 *   0. base: configuration and shared utilities that everything may import — lib/ (but its two
 *      features, lib/journey and lib/impact), server/env.ts (the configuration), payload-types.ts,
 *      migrations/;
 *   1. domain: payload.config.ts, collections/, globals/, features/, lib/journey, lib/impact,
 *      publishing/ (a plugin of the config);
 *   2. site and HTTP/launcher: site/, server/, cms/, seed/.
 * An import may run sideways or down, never up; and no file reaches itself through its imports.
 */
import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g
const TREE = ['payload.config.ts', 'payload-types.ts', 'lib', 'migrations', 'collections', 'globals', 'features', 'publishing', 'site', 'server', 'cms', 'seed']

const LAYERS = ['base', 'domain', 'site and HTTP/launcher'] as const

/** The layer of a file, by its path relative to the root (forward slashes). */
export function layerOf(relative: string): number {
  const under = (...dirs: string[]) => dirs.some((dir) => relative === dir || relative.startsWith(`${dir}/`))
  if (under('lib/journey', 'lib/impact')) return 1
  if (under('lib', 'migrations', 'payload-types.ts', 'server/env.ts')) return 0
  if (under('payload.config.ts', 'collections', 'globals', 'features', 'publishing')) return 1
  if (under('site', 'server', 'cms', 'seed')) return 2
  throw new Error(`${relative}: en ninguna capa (añádelo a tests/unit/layers.test.ts y al README)`)
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier)
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file) && fs.statSync(file).isFile())
}

const relativeOf = (file: string) => path.relative(ROOT, file).split(path.sep).join('/')

function sourceFiles(): string[] {
  return TREE.flatMap((entry) => {
    const full = path.join(ROOT, entry)
    if (!fs.existsSync(full)) return []
    if (fs.statSync(full).isFile()) return [full]
    return fs
      .readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(tsx?|mjs|js|astro)$/.test(e.name) && !e.name.includes('.test.') && !e.parentPath.includes('node_modules') && !e.parentPath.includes(`${path.sep}.next`))
      .map((e) => path.join(e.parentPath, e.name))
  })
}

/** Every project file and the project files it imports (relative specifiers only; packages are not layers). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const targets = [...fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)].map(([, specifier]) => resolve(file, specifier)).filter((t): t is string => Boolean(t))
    graph.set(relativeOf(file), [...new Set(targets.map(relativeOf))])
  }
  return graph
}

/** Strongly connected components with more than one file (or a file importing itself): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('layers', () => {
  const graph = importGraph(sourceFiles())

  it('every file of the tree has a layer', () => {
    expect([...graph.keys()].filter((file) => { try { layerOf(file); return false } catch { return true } })).toEqual([])
  })

  it('no import runs from a lower layer to a higher one', () => {
    const upward = [...graph.entries()].flatMap(([file, targets]) =>
      targets
        .filter((target) => graph.has(target) && layerOf(target) > layerOf(file))
        .map((target) => `${file} (${LAYERS[layerOf(file)]}) → ${target} (${LAYERS[layerOf(target)]})`),
    )
    expect(upward).toEqual([])
  })

  it('no circle of imports', () => {
    expect(circles(graph)).toEqual([])
  })

  it('the checks themselves see what they look for', () => {
    expect(graph.get('server/start.ts')).toContain('server/boot.ts')
    expect(layerOf('lib/time.ts')).toBeLessThan(layerOf('collections/Courses/index.ts'))
    expect(layerOf('collections/Courses/index.ts')).toBeLessThan(layerOf('site/lib/data.ts'))
    expect(circles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']])
  })
})
