import { randomBytes } from 'node:crypto'

import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type Endpoint, type PayloadRequest } from 'payload'

import { errorResponse } from '../../lib/api-errors'
import { certificatePdf, type CertificateFacts } from './certificate-pdf'

/**
 * Constancias: completing a course issues a certificate with an unguessable code; anyone holding
 * the code can verify it at /constancias/[code], which shows only the name, course, hours, date
 * and issuing organization.
 */

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: codes are read aloud and typed
export const CERTIFICATE_CODE = /^VJ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/

export function newCertificateCode(): string {
  const chars = [...randomBytes(12)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')
  return `VJ-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
}

/** Only someone who held a seat can complete the course. */
export const completionNeedsSeat: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (data?.completedAt && !originalDoc?.completedAt && originalDoc?.status !== 'confirmed') {
    const message = 'Solo una inscripción confirmada puede marcarse como concluida.'
    throw new ValidationError({ collection: 'enrollments', errors: [{ path: 'completedAt', message }] }, req.t)
  }
  return data
}

/** Issues the code once, written below the field layer (nobody may type or change one). */
export const issueCertificate: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (!doc.completedAt || doc.certificateCode) return doc
  const certificateCode = newCertificateCode()
  await req.payload.db.updateOne({ collection: 'enrollments', id: doc.id, data: { certificateCode }, req, returning: false })
  return { ...doc, certificateCode }
}

type Session = { startsAt?: string | null; endsAt?: string | null }
const hoursOf = (sessions: Session[] = []) =>
  Math.round(
    sessions.reduce((sum, s) => sum + (s.startsAt && s.endsAt ? new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() : 0), 0) / 1_800_000,
  ) / 2

const INSTITUTE = 'Instituto Municipal de la Juventud de León'

/** The facts of a real, issued certificate, or null: for the public page, the endpoint and the PDF. */
export async function certificateFacts(req: PayloadRequest, rawCode: unknown): Promise<CertificateFacts | null> {
  const code = String(rawCode ?? '').toUpperCase()
  if (!CERTIFICATE_CODE.test(code)) return null
  // System reads: verification is public by design and answers only the fields below.
  const { docs } = await req.payload.find({
    collection: 'enrollments',
    where: { certificateCode: { equals: code }, status: { equals: 'confirmed' }, completedAt: { exists: true } },
    depth: 0,
    limit: 1,
    req,
  })
  const enrollment = docs[0]
  if (!enrollment) return null
  const courseId = typeof enrollment.course === 'object' ? enrollment.course.id : enrollment.course
  const youthId = typeof enrollment.youth === 'object' ? enrollment.youth.id : enrollment.youth
  const [course, youth] = await Promise.all([
    req.payload.findByID({ collection: 'courses', id: courseId, depth: 1, select: { title: true, sessions: true, estimatedHours: true, organization: true }, req }),
    req.payload.findByID({ collection: 'youth', id: youthId, depth: 0, select: { fullName: true, anonymizedAt: true }, req }),
  ])
  if (!youth || youth.anonymizedAt) return null
  return {
    code,
    name: youth.fullName ?? '',
    course: course.title,
    // Self-paced courses have no sessions: their stated duration is what the certificate attests.
    hours: course.sessions?.length ? hoursOf(course.sessions) : Number(course.estimatedHours ?? 0),
    completedOn: enrollment.completedAt!,
    organization: course.organization && typeof course.organization === 'object' ? course.organization.name : INSTITUTE,
  }
}

const notFound = () => errorResponse(404, 'No existe una constancia con ese folio.')

/** `GET /api/enrollments/certificate/:code` (public): the allowed facts, or 404 for any unknown code. */
export const certificateEndpoint: Endpoint = {
  path: '/certificate/:code',
  method: 'get',
  handler: async (req) => {
    const facts = await certificateFacts(req, req.routeParams?.code)
    return facts ? Response.json(facts, { headers: { 'Cache-Control': 'no-store' } }) : notFound()
  },
}

/** `GET /api/enrollments/certificate/:code/pdf` (public): the printable constancia with its QR code. */
export const certificatePdfEndpoint: Endpoint = {
  path: '/certificate/:code/pdf',
  method: 'get',
  handler: async (req) => {
    const facts = await certificateFacts(req, req.routeParams?.code)
    if (!facts) return notFound()
    const pdf = await certificatePdf(facts, `${req.payload.config.serverURL}/constancias/${facts.code}`)
    return new Response(pdf as BodyInit, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="constancia-${facts.code}.pdf"`,
        'Cache-Control': 'no-store',
      },
    })
  },
}
