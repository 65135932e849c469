import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

/**
 * The one access-rule vocabulary of the platform. Payload's default access lets any
 * logged-in user in (youths included), so every collection names its rules from here.
 */

export type StaffRole = 'admin' | 'editor' | 'coordinator' | 'reviewer'

type MaybeUser = PayloadRequest['user']

export const staffOf = (user: MaybeUser): (MaybeUser & { roles?: StaffRole[] }) | null =>
  user && user.collection === 'users' ? (user as MaybeUser & { roles?: StaffRole[] }) : null

export const hasRole = (user: MaybeUser, ...roles: StaffRole[]): boolean =>
  Boolean(staffOf(user)?.roles?.some((role) => roles.includes(role)))

export const anyone: Access = () => true
export const nobody: Access = () => false
export const isStaff: Access = ({ req }) => Boolean(staffOf(req.user))
export const isAdmin: Access = ({ req }) => hasRole(req.user, 'admin')
export const isEditor: Access = ({ req }) => hasRole(req.user, 'admin', 'editor')

/** Staff see drafts; everybody else sees only what has been published. */
export const publishedOnly: Access = ({ req }): boolean | Where =>
  staffOf(req.user) ? true : { _status: { equals: 'published' } }

/** A youth reaches only their own account; staff are handled by the collection's own rules. */
export const isOwnYouth: Access = ({ req }): boolean | Where =>
  req.user?.collection === 'youth' ? { id: { equals: req.user.id } } : false

export const isAdminField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')

/** Admins manage every staff account; everyone else on the staff only their own. */
export const isAdminOrSelf: Access = ({ req }): boolean | Where => {
  if (hasRole(req.user, 'admin')) return true
  return staffOf(req.user) ? { id: { equals: req.user!.id } } : false
}

/** Editors, coordinators and admins: may upload images and documents and create courses. */
export const isContentStaff: Access = ({ req }) => hasRole(req.user, 'admin', 'editor', 'coordinator')

/** The organization a staff member works for, if any (id whether or not the relation is populated). */
export const organizationOf = (user: MaybeUser): number | string | null => {
  const org = (staffOf(user) as { organization?: number | string | { id: number | string } | null } | null)?.organization
  return org && typeof org === 'object' ? org.id : (org ?? null)
}

/** A coordinator bound to an organization writes only that organization's courses. */
export const isCourseWriter: Access = ({ req }): boolean | Where => {
  if (hasRole(req.user, 'admin', 'editor')) return true
  if (!hasRole(req.user, 'coordinator')) return false
  const org = organizationOf(req.user)
  return org === null ? true : { organization: { equals: org } }
}

/** Staff who read the institute's impact figures (GET /api/impact, the admin dashboard). */
export const mayReadImpact = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor', 'coordinator')

/** Staff whose work is with youths themselves (accounts, enrolments, consent): admins and coordinators. */
export const isYouthManager: Access = ({ req }) => hasRole(req.user, 'admin', 'coordinator')
export const isYouthManagerField: FieldAccess = ({ req }) => hasRole(req.user, 'admin', 'coordinator')
export const isStaffField: FieldAccess = ({ req }) => Boolean(staffOf(req.user))
export const isYouth = (user: MaybeUser): boolean => user?.collection === 'youth'

/** Grants what the first rule that says yes grants: `true` wins over a `Where`. */
export const anyOf =
  (...rules: Access[]): Access =>
  async (args) => {
    let narrowed: Where | undefined
    for (const rule of rules) {
      const result = await rule(args)
      if (result === true) return true
      if (result && typeof result === 'object' && !narrowed) narrowed = result
    }
    return narrowed ?? false
  }

/** Records that belong to one youth through a `youth` relation: a youth reaches only their own. */
export const ownedByYouth: Access = ({ req }): boolean | Where =>
  isYouth(req.user) ? { youth: { equals: req.user!.id } } : false

/** Staff who run courses' enrolment: admins all; a coordinator bound to an organization only its courses. */
export const isEnrollmentStaff: Access = ({ req }): boolean | Where => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'coordinator')) return false
  const org = organizationOf(req.user)
  return org === null ? true : { 'course.organization': { equals: org } }
}

/** The calls a staff member is assigned to review (`calls.reviewers`), whatever their publication state. */
export async function assignedCallIds(req: PayloadRequest): Promise<number[]> {
  const user = staffOf(req.user)
  if (!user) return []
  const { docs } = await req.payload.find({ collection: 'calls', where: { reviewers: { in: [user.id] } }, select: { slug: true }, depth: 0, limit: 0, pagination: false, req })
  return docs.map((call) => call.id as number)
}

/** Admins all; a reviewer only the records (with a `call` relation) of calls assigned to them. */
export const isAssignedReviewer: Access = async ({ req }): Promise<boolean | Where> => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'reviewer')) return false
  const calls = await assignedCallIds(req)
  return calls.length ? { call: { in: calls } } : false
}

/**
 * A youth as staff other than administrators see them: only youths enrolled in a course they run
 * (coordinators, per isEnrollmentStaff) or who applied to a call they review. Returned as an id list,
 * so the admin's lists, the REST API and populated relations all follow it.
 */
export const youthThroughPrograms: Access = async ({ req }): Promise<boolean | Where> => {
  if (hasRole(req.user, 'admin')) return true
  const ids = new Set<number>()
  if (hasRole(req.user, 'coordinator')) {
    const org = organizationOf(req.user)
    const { docs } = await req.payload.find({
      collection: 'enrollments',
      where: org === null ? {} : { 'course.organization': { equals: org } },
      select: { youth: true },
      depth: 0,
      limit: 0,
      pagination: false,
      req,
    })
    for (const doc of docs) ids.add(idOf(doc.youth))
  }
  if (hasRole(req.user, 'reviewer')) {
    const calls = await assignedCallIds(req)
    if (calls.length) {
      const { docs } = await req.payload.find({ collection: 'applications', where: { call: { in: calls } }, select: { youth: true }, depth: 0, limit: 0, pagination: false, req })
      for (const doc of docs) ids.add(idOf(doc.youth))
    }
  }
  return ids.size ? { id: { in: [...ids] } } : false
}

const idOf = (value: unknown): number => (value && typeof value === 'object' ? (value as { id: number }).id : (value as number))

/** Profile fields that only the youth and administrators read (CURP, gender, interests, consent log…): no program needs them. */
// No user: the sign-up's own answer (reading youths is otherwise closed to anonymous visitors).
export const youthOrAdminField: FieldAccess = ({ req }) => !req.user || isYouth(req.user) || hasRole(req.user, 'admin')
