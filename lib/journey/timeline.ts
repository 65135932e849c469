import { isSensitivePillar, type Activities, type ApplicationActivity, type EnrollmentActivity, type ProgramRef } from './types'

export type TimelineKind =
  | 'enrolled'
  | 'waitlisted'
  | 'attended'
  | 'completed'
  | 'certificate'
  | 'cancelled'
  | 'applied'
  | 'accepted'
  | 'application-waitlisted'
  | 'rejected'
  | 'withdrawn'

export type TimelineEvent = {
  at: string
  kind: TimelineKind
  text: string
  program: { type: 'course' | 'call'; id: number; title: string; slug: string | null }
  pillars: string[]
  /** Tagged with a sensitive pillar: shown to the youth alone. */
  sensitive: boolean
}

const TEXT: Record<TimelineKind, (title: string) => string> = {
  enrolled: (t) => `Te inscribiste a «${t}».`,
  waitlisted: (t) => `Entraste a la lista de espera de «${t}».`,
  attended: (t) => `Asististe a una sesión de «${t}».`,
  completed: (t) => `Concluiste «${t}».`,
  certificate: (t) => `Recibiste tu constancia de «${t}».`,
  cancelled: (t) => `Cancelaste tu inscripción a «${t}».`,
  applied: (t) => `Te postulaste a «${t}».`,
  accepted: (t) => `Tu postulación a «${t}» fue aceptada.`,
  'application-waitlisted': (t) => `Tu postulación a «${t}» quedó en lista de espera.`,
  rejected: (t) => `Tu postulación a «${t}» no fue seleccionada esta vez.`,
  withdrawn: (t) => `Retiraste tu postulación a «${t}».`,
}

/** Application statuses that are a result (or the youth's own withdrawal) worth a line of their own. */
const RESULT_KINDS: Record<string, TimelineKind> = {
  accepted: 'accepted',
  waitlisted: 'application-waitlisted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
}

function event(kind: TimelineKind, at: string, type: 'course' | 'call', program: ProgramRef): TimelineEvent {
  return {
    at: new Date(at).toISOString(),
    kind,
    text: TEXT[kind](program.title),
    program: { type, id: program.id, title: program.title, slug: program.slug ?? null },
    pillars: program.pillars,
    sensitive: program.pillars.some(isSensitivePillar),
  }
}

function enrollmentEvents(e: EnrollmentActivity): TimelineEvent[] {
  // A waitlisted youth who later got a seat was first in line, then enrolled: both happened.
  const promoted = e.confirmedAt && new Date(e.confirmedAt).getTime() - new Date(e.createdAt).getTime() > 1000
  const events = [event(e.status === 'waitlisted' || promoted ? 'waitlisted' : 'enrolled', e.createdAt, 'course', e.course)]
  if (promoted) events.push(event('enrolled', e.confirmedAt!, 'course', e.course))
  for (const session of e.attendance ?? []) if (session.present) events.push(event('attended', session.sessionStartsAt, 'course', e.course))
  if (e.completedAt) {
    events.push(event('completed', e.completedAt, 'course', e.course))
    if (e.certificateCode) events.push(event('certificate', e.completedAt, 'course', e.course))
  }
  if (e.status === 'cancelled') events.push(event('cancelled', e.cancelledAt ?? e.createdAt, 'course', e.course))
  return events
}

function applicationEvents(a: ApplicationActivity): TimelineEvent[] {
  if (a.status === 'draft') return [] // not sent: nothing happened yet
  const events = [event('applied', a.submittedAt ?? a.createdAt, 'call', a.call)]
  const seen = new Set<TimelineKind>()
  for (const step of a.history ?? []) {
    const kind = RESULT_KINDS[step.status]
    if (kind && !seen.has(kind)) {
      seen.add(kind)
      events.push(event(kind, step.at, 'call', a.call))
    }
  }
  // A status set without a history entry (older rows) still shows as of the application's date.
  const current = RESULT_KINDS[a.status]
  if (current && !seen.has(current)) events.push(event(current, a.submittedAt ?? a.createdAt, 'call', a.call))
  return events
}

/** Every dated step of the youth's journey, oldest first (equal instants keep the order they happened in). */
export function buildTimeline({ enrollments, applications }: Activities): TimelineEvent[] {
  const events = [...enrollments.flatMap(enrollmentEvents), ...applications.flatMap(applicationEvents)]
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i)
    .map(({ e }) => e)
}
