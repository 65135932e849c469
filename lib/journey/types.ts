/**
 * The inputs of "El Viaje del Joven": plain data, no Payload, so the journey is computed the same
 * way by the endpoint, the site and the tests. Pillars are referred to by slug.
 */

export type Pillar = { slug: string; name: string; color?: string | null }

/** Activity in these pillars is shown to the youth alone (and to authorised staff in the admin). */
export const SENSITIVE_PILLARS: readonly string[] = ['salud-bienestar', 'prevencion-violencia']
export const isSensitivePillar = (slug: string): boolean => SENSITIVE_PILLARS.includes(slug)

export type ProgramRef = { id: number; title: string; slug?: string | null; pillars: string[] }

export type EnrollmentActivity = {
  id: number
  course: ProgramRef
  status: 'confirmed' | 'waitlisted' | 'cancelled'
  createdAt: string
  confirmedAt?: string | null
  cancelledAt?: string | null
  completedAt?: string | null
  certificateCode?: string | null
  attendance?: { sessionStartsAt: string; present?: boolean | null }[] | null
}

export type ApplicationActivity = {
  id: number
  call: ProgramRef
  status: string
  createdAt: string
  submittedAt?: string | null
  history?: { status: string; at: string }[] | null
}

export type Activities = { enrollments: EnrollmentActivity[]; applications: ApplicationActivity[] }
