import { verifyDraw, type PublishedDraw } from './algorithm'

/**
 * Reading a published draw for `npm run verify-draw`: the JSON of the draw page
 * (/cursos/<slug>/sorteo.json), or the API's `GET /api/courses/:id/draw` (its `result`).
 */
export function publishedDrawOf(json: unknown): PublishedDraw {
  const root = json && typeof json === 'object' ? (json as Record<string, unknown>) : {}
  const draw = (root.result && typeof root.result === 'object' ? root.result : root) as Record<string, unknown>
  const missing = ['algorithm', 'commitment', 'secret', 'capacity', 'groups', 'requests', 'entries'].filter((key) => !(key in draw))
  if (missing.length) throw new Error(`No es un sorteo publicado (faltan: ${missing.join(', ')}). ¿Ya se realizó el sorteo?`)
  return draw as unknown as PublishedDraw
}

/** The verdict in Spanish, one line per problem. */
export function checkPublishedDraw(json: unknown): { ok: boolean; lines: string[] } {
  const draw = publishedDrawOf(json)
  const { ok, problems } = verifyDraw(draw)
  const confirmed = draw.entries.filter((e) => e.outcome === 'confirmed').length
  const summary = `${draw.requests.length} solicitudes, ${draw.capacity} lugares, ${confirmed} con lugar, ${draw.entries.length - confirmed} en lista de espera (algoritmo ${draw.algorithm}).`
  return ok
    ? { ok, lines: ['COINCIDE: el secreto corresponde a la huella publicada y el orden recalculado es idéntico al publicado.', summary] }
    : { ok, lines: ['NO COINCIDE:', ...problems.map((p) => `  - ${p}`), summary] }
}
