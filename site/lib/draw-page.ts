/**
 * The public draw page (/cursos/[slug]/sorteo) and its JSON: read through the API as the visitor,
 * so the endpoint's rules (published courses only, folios only, the secret only after the draw)
 * are the only rules. docs/draw.md describes what is shown and how to check it.
 */
import type { DrawState } from '../../collections/DrawRequests/endpoints'
import { apiGet, apiSend, currentYouth } from './live'

type CourseRef = { id: number; title: string; slug: string }

export const drawPagePath = (slug: string) => `/cursos/${slug}/sorteo`

export async function drawView(request: Request, slug: string): Promise<{ course: CourseRef | null; draw: DrawState | null; status: number }> {
  const query = `where[slug][equals]=${encodeURIComponent(slug)}&limit=1&depth=0&select[title]=true&select[slug]=true`
  const found = await apiGet<{ docs: CourseRef[] }>(request, `/courses?${query}`)
  const course = found.data?.docs[0] ?? null
  if (!course) return { course: null, draw: null, status: found.status >= 500 ? 503 : 404 }
  const draw = await apiGet<DrawState>(request, `/courses/${course.id}/draw`)
  return { course, draw: draw.data, status: draw.data ? 200 : draw.status >= 500 ? 503 : 404 }
}

export const OUTCOME_LABELS = { confirmed: 'Lugar confirmado', waitlisted: 'Lista de espera' } as const

export { describeDrawPhase, describeMyDrawRequest } from '../../collections/DrawRequests/messages'

/** The no-JavaScript request page (/cursos/[slug]/solicitud): the youth's own view of the draw. */
export const requestPagePath = (slug: string) => `/cursos/${slug}/solicitud`

export async function myDrawView(request: Request, slug: string) {
  const query = `where[slug][equals]=${encodeURIComponent(slug)}&limit=1&depth=0&select[title]=true&select[slug]=true`
  const found = await apiGet<{ docs: CourseRef[] }>(request, `/courses?${query}`)
  const course = found.data?.docs[0] ?? null
  if (!course) return { course: null, draw: null, youth: null }
  const [draw, youth] = await Promise.all([apiGet<DrawState>(request, `/courses/${course.id}/draw`), currentYouth(request)])
  return { course, draw: draw.data, youth }
}

/** Runs the form's action («solicitar» or «retirar») and returns the sentence to show after the redirect. */
export async function drawRequestAction(request: Request, slug: string, form: FormData): Promise<string> {
  const { course } = await myDrawView(request, slug)
  if (!course) return 'No encontramos ese curso o taller.'
  const withdraw = form.get('accion') === 'retirar'
  const sent = await apiSend<{ folio?: string }>(request, 'POST', `/courses/${course.id}/draw-request${withdraw ? '/withdraw' : ''}`)
  if (sent.ok) return withdraw ? 'Retiraste tu solicitud.' : `¡Listo! Registramos tu solicitud con el folio ${sent.data?.folio}.`
  return sent.errors[0]?.message ?? 'No pudimos completar la acción. Intenta de nuevo.'
}
