import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

import { assignedCallIds, hasRole, staffOf } from '../../access'

/**
 * Reviewers score independently: each sees their own reviews of the calls assigned to them, and
 * others' submitted reviews of an application (and its average) only once their own is submitted.
 * Admins see everything; youths never see a review.
 */

const SUBMITTED_KEY = 'submittedReviewsOf'

/** Applications this staff member has submitted a review of (once per request: list views ask per row). */
export async function submittedByMe(req: PayloadRequest): Promise<number[]> {
  const user = staffOf(req.user)
  if (!user) return []
  const key = `${SUBMITTED_KEY}:${user.id}`
  const cached = req.context[key] as number[] | undefined
  if (cached) return cached
  const { docs } = await req.payload.find({
    collection: 'reviews',
    where: { reviewer: { equals: user.id }, status: { equals: 'submitted' } },
    select: { application: true },
    depth: 0,
    limit: 0,
    pagination: false,
    req,
  })
  const ids = docs.map((r) => (typeof r.application === 'object' ? r.application.id : r.application) as number)
  req.context[key] = ids
  return ids
}

/** Drops the per-request memo after a review is saved, so the same request sees the change. */
export const forgetSubmitted = (req: PayloadRequest) => {
  const user = staffOf(req.user)
  if (user) delete req.context[`${SUBMITTED_KEY}:${user.id}`]
}

export const readReviews: Access = async ({ req }): Promise<boolean | Where> => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'reviewer')) return false
  const calls = await assignedCallIds(req)
  if (!calls.length) return false
  const mine = await submittedByMe(req)
  const others: Where[] = mine.length ? [{ and: [{ application: { in: mine } }, { status: { equals: 'submitted' } }] }] : []
  return { and: [{ call: { in: calls } }, { or: [{ reviewer: { equals: req.user!.id } }, ...others] }] }
}

/** Creating: admins and reviewers (the hook then checks that the call is assigned to them). */
export const createReviews: Access = ({ req }) => hasRole(req.user, 'admin', 'reviewer')

/** A submitted review is final for its reviewer; an admin may reopen it. */
export const updateReviews: Access = async ({ req }): Promise<boolean | Where> => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'reviewer')) return false
  const calls = await assignedCallIds(req)
  if (!calls.length) return false
  return { and: [{ reviewer: { equals: req.user!.id } }, { status: { equals: 'draft' } }, { call: { in: calls } }] }
}

/** An application's average reveals others' scores: a reviewer sees it once their own review is in. */
export const canSeeAverage: FieldAccess = async ({ req, doc }) => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'reviewer') || !doc?.id) return false
  return (await submittedByMe(req)).includes(doc.id as number)
}
