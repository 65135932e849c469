import type { ServerProps } from 'payload'
import React from 'react'

import { mayReadImpact } from '../../../collections/access'

/** "Impacto" in the admin's navigation, for the staff who may read it. */
export function ImpactNavLink({ user, payload }: ServerProps) {
  if (!mayReadImpact(user as never)) return null
  return (
    <a className="nav__link" href={`${payload.config.routes.admin}/impacto`} style={{ display: 'block', marginBlock: '0.5rem' }}>
      Impacto
    </a>
  )
}
