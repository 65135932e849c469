import { randomInt } from 'node:crypto'

import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { isYouth } from '../access'
import { dbOf, rows, sql } from '../../lib/db'
import { enrollmentProblem, mexicoCityMoment } from '../Enrollments/rules'
import { idParam } from '../Enrollments/schema'
import type { CourseDrawConfig, PublishedCourseDraw } from './run'

/**
 * The youth's side of a draw (docs/draw.md):
 * - `POST /api/courses/:id/draw-request` «Solicitar lugar» → 201 `{ folio, status: "requested" }`;
 *   401 anonymous, 403 not eligible (the enrolment checks: age, verified email, guardian consent,
 *   course state) or outside the request window, 409 already requested (with its `folio`).
 * - `POST /api/courses/:id/draw-request/withdraw` → 200 `{ folio, status: "withdrawn" }` until the window closes.
 * - `GET /api/courses/:id/draw` (public): the window, the draw time, the published commitment, the
 *   youth's own request when logged in, and once drawn the published result (secret included).
 */

const notFound = () => errorResponse(404, 'No encontramos ese curso o taller.')
type DrawCourse = CourseDrawConfig & { state?: string | null; ageRange?: { min?: number | null; max?: number | null } | null }

async function publishedCourse(req: PayloadRequest): Promise<DrawCourse | null> {
  const id = idParam.safeParse(req.routeParams?.id)
  if (!id.success) return null
  const { docs } = await req.payload.find({
    collection: 'courses',
    where: { id: { equals: id.data } },
    select: { slug: true, title: true, state: true, allocation: true, draw: true, ageRange: true },
    depth: 0,
    limit: 1,
    user: req.user,
    overrideAccess: false, // drafts stay invisible
    req,
  })
  return (docs[0] as unknown as DrawCourse) ?? null
}

/** Where the request window stands at `at`: a refusal in Spanish, or null while it is open. */
function windowProblem(course: DrawCourse, at: Date, action: 'request' | 'withdraw'): string | null {
  const opens = course.draw?.requestsOpen
  const closes = course.draw?.requestsClose
  if (action === 'request' && opens && new Date(opens) > at) return `Las solicitudes todavía no abren: abren el ${mexicoCityMoment(opens)}.`
  if (closes && new Date(closes) <= at) {
    return action === 'request'
      ? `Las solicitudes ya cerraron: cerraron el ${mexicoCityMoment(closes)}.`
      : `Las solicitudes cerraron el ${mexicoCityMoment(closes)}: ya no puedes retirar tu solicitud.`
  }
  return null
}

const notADraw = () => errorResponse(409, 'Este curso no asigna sus lugares por sorteo: inscríbete directamente en su página.')

// Crockford's base32 without I, L, O, U: a folio is read aloud and typed back.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const folio = () => `S-${Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + ALPHABET[randomInt(32)]).join('')}`

export const drawRequestEndpoint: Endpoint = {
  path: '/:id/draw-request',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para solicitar un lugar.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo una persona joven con su propia cuenta puede solicitar un lugar en el sorteo.')
    const course = await publishedCourse(req)
    if (!course) return notFound()
    if (course.allocation !== 'draw') return notADraw()
    const now = new Date()
    const problem = windowProblem(course, now, 'request') ?? enrollmentProblem(course, req.user as never, now, { ignoreWindow: true })
    if (problem) return errorResponse(403, problem)

    const db = await dbOf(req)
    // One statement: a second request of the same youth (parallel or not) meets the unique (course, youth) index.
    // A withdrawn request comes back to life with its folio; an active one is left as it is (409 below).
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const [row] = await rows(
          db,
          sql`INSERT INTO draw_requests (folio, course_id, youth_id, status, created_at, updated_at)
              VALUES (${folio()}, ${course.id}, ${req.user.id}, 'requested', now(), now())
              ON CONFLICT (course_id, youth_id) DO UPDATE SET status = 'requested', withdrawn_at = NULL, updated_at = now()
                WHERE draw_requests.status = 'withdrawn'
              RETURNING folio, status`,
        )
        if (row) return Response.json({ folio: row.folio, status: row.status }, { status: 201 })
        const [existing] = await rows(db, sql`SELECT folio, status FROM draw_requests WHERE course_id = ${course.id} AND youth_id = ${req.user.id}`)
        return Response.json(
          { errors: [{ message: `Ya solicitaste un lugar en este curso: tu folio es ${existing?.folio}.` }], folio: existing?.folio, status: existing?.status },
          { status: 409 },
        )
      } catch (error) {
        // A folio drawn twice (1 in 10¹² per pair): draw another.
        if ((error as { code?: string; cause?: { code?: string } })?.code !== '23505' && (error as { cause?: { code?: string } })?.cause?.code !== '23505') throw error
      }
    }
    return errorResponse(503, 'No pudimos registrar tu solicitud en este momento. Intenta de nuevo.')
  },
}

export const withdrawDrawRequestEndpoint: Endpoint = {
  path: '/:id/draw-request/withdraw',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión para retirar tu solicitud.')
    if (!isYouth(req.user)) return errorResponse(403, 'Solo la persona que solicitó el lugar puede retirar su solicitud.')
    const course = await publishedCourse(req)
    if (!course) return notFound()
    if (course.allocation !== 'draw') return notADraw()
    const problem = windowProblem(course, new Date(), 'withdraw')
    if (problem) return errorResponse(403, problem)
    // Only a request still waiting for the draw (a drawn one changed status and is left alone).
    const [row] = await rows(
      await dbOf(req),
      sql`UPDATE draw_requests SET status = 'withdrawn', withdrawn_at = now(), updated_at = now()
          WHERE course_id = ${course.id} AND youth_id = ${req.user.id} AND status = 'requested'
            AND NOT EXISTS (SELECT 1 FROM course_draws d WHERE d.course_id = ${course.id} AND d.drawn_at IS NOT NULL)
          RETURNING folio, status`,
    )
    if (!row) return errorResponse(404, 'No tienes una solicitud activa de lugar en este curso.')
    return Response.json({ folio: row.folio, status: row.status }, { status: 200 })
  },
}

export type DrawState = {
  allocation: 'draw'
  phase: 'before' | 'open' | 'closed' | 'drawn'
  requestsOpen: string | null
  requestsClose: string | null
  drawAt: string | null
  commitment: string | null
  requests: number
  mine: { folio: string; status: string; rank: number | null; position: number | null } | null
  result: PublishedCourseDraw | null
}

/** The public facts of a course's draw (no names, no personal data: folios only). */
export async function drawState(req: PayloadRequest, course: DrawCourse, now = new Date()): Promise<DrawState> {
  const db = await dbOf(req)
  const [draw] = await rows(db, sql`SELECT commitment, drawn_at, result FROM course_draws WHERE course_id = ${course.id}`)
  const [count] = await rows(db, sql`SELECT count(*) FILTER (WHERE status <> 'withdrawn')::int AS n FROM draw_requests WHERE course_id = ${course.id}`)
  let mine: DrawState['mine'] = null
  if (isYouth(req.user)) {
    const [own] = await rows(
      db,
      sql`SELECT r.folio, r.status, r.rank, e.position FROM draw_requests r
          LEFT JOIN enrollments e ON e.course_id = r.course_id AND e.youth_id = r.youth_id
          WHERE r.course_id = ${course.id} AND r.youth_id = ${req.user!.id}`,
    )
    if (own) mine = { folio: String(own.folio), status: String(own.status), rank: own.rank == null ? null : Number(own.rank), position: own.position == null ? null : Number(own.position) }
  }
  const opens = course.draw?.requestsOpen ?? null
  const closes = course.draw?.requestsClose ?? null
  const phase = draw?.drawn_at ? 'drawn' : opens && new Date(opens) > now ? 'before' : closes && new Date(closes) <= now ? 'closed' : 'open'
  return {
    allocation: 'draw',
    phase,
    requestsOpen: opens,
    requestsClose: closes,
    drawAt: course.draw?.drawAt ?? null,
    commitment: (draw?.commitment as string | undefined) ?? null,
    requests: Number(count?.n ?? 0),
    mine,
    result: draw?.drawn_at ? ((draw.result as PublishedCourseDraw | null) ?? null) : null,
  }
}

export const drawStateEndpoint: Endpoint = {
  path: '/:id/draw',
  method: 'get',
  handler: async (req) => {
    const course = await publishedCourse(req)
    if (!course) return notFound()
    if (course.allocation !== 'draw') return errorResponse(404, 'Este curso no asigna sus lugares por sorteo.')
    return Response.json(await drawState(req, course), { headers: { 'Cache-Control': 'no-store' } })
  },
}

export const drawEndpoints = [drawRequestEndpoint, withdrawDrawRequestEndpoint, drawStateEndpoint]
