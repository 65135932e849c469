import type { CollectionAfterReadHook } from 'payload'

import { hasRole, staffOf } from '../../access'

/**
 * What a coordinator or reviewer never needs of a youth they reach through a course or call
 * (issue #16): the roster's name, contact, age, colonia and consent stay; identity numbers, profile
 * answers and the consent history go. The fields' own read rules say the same for the admin's
 * screens; this hook is the guarantee on every read (an array field's rule alone left `consentLog`).
 */
export const PRIVATE_YOUTH_FIELDS = ['curp', 'gender', 'occupation', 'interests', 'howHeard', 'notifications', 'privacy', 'consentLog', 'arcoRequests'] as const

export const hideFromProgramStaff: CollectionAfterReadHook = ({ doc, req, overrideAccess }) => {
  if (overrideAccess || !staffOf(req.user) || hasRole(req.user, 'admin')) return doc
  const visible = { ...doc }
  for (const field of PRIVATE_YOUTH_FIELDS) delete visible[field]
  return visible
}
