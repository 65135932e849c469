import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A hash of the sources a build depends on, so a changed checkout rebuilds and an unchanged one does not. */
export function sourceFingerprint(root: string, inputs: string[]): string {
  const hash = createHash('sha256')
  const walk = (target: string) => {
    const full = path.join(root, target)
    if (!fs.existsSync(full)) return
    const stat = fs.statSync(full)
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) {
        // The admin build's own lock (cms/.next-build.lock) exists only while a build runs: not a source.
        if (name === '.next' || name === 'node_modules' || name === 'next-env.d.ts' || name.endsWith('.lock') || name.endsWith('.test.ts')) continue
        walk(path.join(target, name))
      }
    } else {
      hash.update(target).update(fs.readFileSync(full))
    }
  }
  inputs.forEach(walk)
  return hash.digest('hex')
}
