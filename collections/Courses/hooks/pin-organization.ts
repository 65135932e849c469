import type { CollectionBeforeChangeHook } from 'payload'

import { hasRole, organizationOf } from '../../access'

/** A coordinator who works for an organization can only create or move courses into it. */
export const pinCoordinatorOrganization: CollectionBeforeChangeHook = ({ data, req }) => {
  if (hasRole(req.user, 'admin', 'editor') || !hasRole(req.user, 'coordinator')) return data
  const org = organizationOf(req.user)
  if (org !== null) data.organization = org
  return data
}
