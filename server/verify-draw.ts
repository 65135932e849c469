/**
 * `npm run verify-draw -- <file or URL>`: recomputes a published draw (docs/draw.md) from its JSON
 * (a saved file, /cursos/<slug>/sorteo.json or /api/courses/:id/draw) and says whether it matches.
 * Exit code 0 when it matches, 1 when it does not, 2 when the input could not be read.
 */
import { readFile } from 'node:fs/promises'

import { checkPublishedDraw } from '../lib/draw/published'

const source = process.argv[2]
if (!source) {
  console.error('Uso: npm run verify-draw -- <archivo.json o URL de /cursos/<slug>/sorteo.json>')
  process.exit(2)
}
try {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source, { headers: { accept: 'application/json' } })).text() : await readFile(source, 'utf8')
  const { ok, lines } = checkPublishedDraw(JSON.parse(text))
  for (const line of lines) console.log(line)
  process.exit(ok ? 0 : 1)
} catch (error) {
  console.error(`No se pudo verificar: ${(error as Error).message}`)
  process.exit(2)
}
