import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { hasRole, isYouth, organizationOf } from '../access'
import { placeInCourse } from './batches'
import type { enrollmentProblem } from './rules'
import { idParam } from './schema'

const notFound = () => errorResponse(404, 'No encontramos ese curso o taller.')

/**
 * `POST /api/courses/:id/enroll` (youth session) → 201 `{ status, position? }`. Admins and the
 * course's coordinators add someone by sending `{ "youth": <id> }` (see youthChosenByStaff).
 *
 * Idempotency: a youth has at most one enrolment per course (unique index, and the check runs
 * inside the course lock, so parallel duplicates queue behind each other). A request for a
 * course the youth is already in changes nothing and answers 409 with the existing `status`
 * (and `position`) beside the error, so a retried request still learns where it stands.
 */
export const enrollEndpoint: Endpoint = {
  path: '/:id/enroll',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para inscribirte.')
    const byStaff = !isYouth(req.user)
    if (byStaff && !hasRole(req.user, 'admin', 'coordinator')) {
      return errorResponse(403, 'Solo una persona joven con su propia cuenta, o la coordinación del curso, puede inscribir.')
    }
    const id = idParam.safeParse(req.routeParams?.id)
    if (!id.success) return notFound()
    const courseId = id.data

    // Staff pick the person (and must be the course's own staff); a youth enrols themself.
    let youth = req.user as YouthRecord
    if (byStaff) {
      const course = await publishedCourse(req, courseId)
      if (!course) return notFound()
      const chosen = await youthChosenByStaff(req, course)
      if ('error' in chosen) return chosen.error
      youth = chosen.youth
    }
    // Published, eligible (age, window, consent...), seat or line: all decided under the course lock.
    // Staff may add someone after the window closed (e.g. at the venue); every other rule still holds.
    const outcome = await placeInCourse(req.payload, courseId, { youth, ignoreWindow: byStaff })
    if (outcome.kind === 'not-found') return notFound()
    if (outcome.kind === 'refused') return errorResponse(403, outcome.message)
    const { status, position } = outcome.placement
    const body = position ? { status, position } : { status }
    if (!outcome.created) {
      const message = byStaff
        ? `Esa persona ya está inscrita: ${status === 'confirmed' ? 'tiene lugar confirmado' : `está en la lista de espera, en el lugar ${position}`}.`
        : status === 'confirmed'
          ? 'Ya estás inscrito(a) en este curso: tu lugar está confirmado.'
          : `Ya estás en la lista de espera de este curso, en el lugar ${position}.`
      return Response.json({ errors: [{ message }], ...body }, { status: 409 })
    }
    return Response.json(body, { status: 201 })
  },
}

type YouthRecord = Parameters<typeof enrollmentProblem>[1] & { id: number | string }

/**
 * Manual add from the staff side: `{ "youth": <id> }` in the body. Admins for any course; a
 * coordinator bound to an organization only for its courses.
 */
async function youthChosenByStaff(req: PayloadRequest, course: { organization?: unknown }): Promise<{ youth: YouthRecord } | { error: Response }> {
  const org = organizationOf(req.user)
  const courseOrg = course.organization && typeof course.organization === 'object' ? (course.organization as { id: unknown }).id : course.organization
  if (!hasRole(req.user, 'admin') && org !== null && courseOrg !== org) {
    return { error: errorResponse(403, 'Este curso es de otra organización: solo su coordinación inscribe personas.') }
  }
  const body = (await req.json?.().catch(() => null)) as { youth?: unknown } | null
  const youthId = idParam.safeParse(body?.youth)
  if (!youthId.success) return { error: errorResponse(400, 'Indica la cuenta de la persona joven que quieres inscribir.', 'youth') }
  // The coordinator may enrol into this course (checked above) but reads a youth only once enrolled
  // in one of their courses (youthThroughPrograms): the eligibility check reads the account itself,
  // and nothing of it goes back to the coordinator but the enrolment's status.
  const youth = await req.payload.findByID({ collection: 'youth', id: youthId.data, depth: 0, overrideAccess: true, req, disableErrors: true })
  return youth ? { youth: youth as YouthRecord } : { error: errorResponse(404, 'No encontramos esa cuenta de persona joven.', 'youth') }
}

/** The course as the public sees it, for the staff check: drafts and unknown ids are both "not found". */
async function publishedCourse(req: PayloadRequest, courseId: number) {
  const { docs } = await req.payload.find({
    collection: 'courses',
    where: { id: { equals: courseId }, _status: { equals: 'published' } },
    select: { state: true, enrollment: true, ageRange: true, organization: true },
    depth: 0,
    limit: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs[0] ?? null
}
