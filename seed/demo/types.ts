/**
 * Shapes of the demo content. Dates are offsets from "today in León", so the demo never goes stale.
 */
export type PillarSlug =
  | 'participacion-social'
  | 'educacion-formacion'
  | 'empleo-emprendimiento'
  | 'salud-bienestar'
  | 'cultura-deporte-recreacion'
  | 'prevencion-violencia'

export type DemoOrganization = {
  key: string
  name: string
  kind: 'municipal-agency' | 'educational-institution' | 'private-company' | 'civil-society'
  initials: string
  color: string
  description: string
  website?: string
}

export type DemoNews = {
  title: string
  summary: string
  body: string[]
  pillars: PillarSlug[]
  organization?: string
  daysAgo: number
}

/** A session `inDays` from today, from `from` to `to` local time; `weekly` repeats it every 7 days. */
export type DemoSessions = { inDays: number; from: string; to: string; weekly?: number }

export type DemoCourse = {
  kind: 'course' | 'workshop'
  title: string
  summary: string
  body: string[]
  pillars: PillarSlug[]
  organization: string
  modality: 'in-person' | 'online' | 'hybrid'
  venue?: { name: string; address: string; colonia: string; lat: number; lng: number }
  /** Omitted for self-paced online courses (they have lessons instead). */
  sessions?: DemoSessions
  capacity: number
  enrollment: { opensInDays: number; closesInDays: number }
  ageRange?: { min: number; max: number }
  cost?: number
  requirements?: string
  state?: 'active' | 'cancelled' | 'finished'
  lessons?: { title: string; text: string; videoUrl?: string }[]
}

export type DemoCall = {
  kind: 'scholarship' | 'contest' | 'award' | 'volunteering' | 'employment' | 'support' | 'other'
  title: string
  summary: string
  body: string[]
  pillars: PillarSlug[]
  organization: string
  window: { opensInDays: number; closesInDays: number }
  ageRange?: { min: number; max: number }
  otherRequirements?: string
  benefits: string
  requiredDocuments: { name: string; description?: string; required: boolean }[]
  questions: { label: string; type: string; help?: string; options?: string[]; required: boolean }[]
  results?: string[]
}
