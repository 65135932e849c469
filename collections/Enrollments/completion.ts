import type { CollectionBeforeChangeHook, NumberField } from 'payload'

import { progressOf, type Lesson } from './lessons'

/**
 * Completion by attendance: a course says what share of its sessions a person must attend; when
 * staff record attendance that reaches it, the enrolment is completed (and certificates.ts issues
 * the constancia). Self-paced online courses complete when every lesson is done (completeByLessons).
 * Staff can still mark completion by hand. Either way certificates.ts issues the constancia.
 */

/** Added to the Courses collection's fields. */
export const attendanceToCompleteField: NumberField = {
  name: 'attendanceToComplete',
  type: 'number',
  label: 'Asistencia mínima para la constancia (%)',
  defaultValue: 80,
  min: 1,
  max: 100,
  admin: {
    position: 'sidebar',
    description: 'Porcentaje de sesiones al que hay que asistir para concluir el curso y recibir constancia.',
  },
}

type Attendance = { present?: boolean | null }[] | null | undefined

export const reachesThreshold = (attendance: Attendance, sessions: number, percent: number): boolean =>
  sessions > 0 && ((attendance ?? []).filter((a) => a.present).length / sessions) * 100 >= percent

/** Completes a confirmed enrolment as soon as its recorded attendance reaches the course's threshold. */
export const completeByAttendance: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (!data?.attendance || originalDoc?.completedAt || data.completedAt || originalDoc?.status !== 'confirmed') return data
  const courseId = typeof originalDoc.course === 'object' ? originalDoc.course.id : originalDoc.course
  const course = await req.payload.findByID({ collection: 'courses', id: courseId, depth: 0, select: { sessions: true, attendanceToComplete: true }, req })
  const percent = Number(course.attendanceToComplete ?? 80)
  if (reachesThreshold(data.attendance, course.sessions?.length ?? 0, percent)) data.completedAt = new Date().toISOString()
  return data
}

/** Completes a confirmed enrolment once its recorded lessons cover every lesson of its course. */
export const completeByLessons: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (!data?.lessonsDone || originalDoc?.completedAt || data.completedAt || originalDoc?.status !== 'confirmed') return data
  const courseId = typeof originalDoc.course === 'object' ? originalDoc.course.id : originalDoc.course
  const course = await req.payload.findByID({ collection: 'courses', id: courseId, depth: 0, select: { lessons: true }, req })
  if (progressOf((course.lessons ?? []) as Lesson[], data.lessonsDone).allDone) data.completedAt = new Date().toISOString()
  return data
}
