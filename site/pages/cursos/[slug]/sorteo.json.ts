import type { APIRoute } from 'astro'

import { drawView } from '../../../lib/draw-page'

// On demand: the draw's public data as JSON (what `npm run verify-draw -- <this URL>` checks).
export const prerender = false

export const GET: APIRoute = async ({ params, request }) => {
  const { course, draw, status } = await drawView(new Request(request.url), params.slug ?? '')
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }
  if (!course || !draw) {
    const message = status === 503 ? 'No pudimos consultar el sorteo en este momento. Intenta de nuevo.' : 'No encontramos un sorteo para ese curso o taller.'
    return new Response(JSON.stringify({ errors: [{ message }] }), { status, headers })
  }
  // Anonymous view (no session passed above): never anyone's own request.
  const { mine: _mine, ...open } = draw
  return new Response(JSON.stringify(draw.result ?? open, null, 2), { headers })
}
