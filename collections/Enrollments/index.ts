import type { CollectionConfig, FieldAccess } from 'payload'

import { anyOf, isAdmin, isEnrollmentStaff, isYouthManagerField, nobody, ownedByYouth } from '../access'
import { cancelEndpoint } from './cancel'
import { completeByAttendance, completeByLessons } from './completion'
import { certificateEndpoint, certificatePdfEndpoint, completionNeedsSeat, issueCertificate } from './certificates'
import { enrollmentEmailTask, enrollmentRemindersTask } from './emails'
import { exportEndpoint } from './export'
import { lessonEndpoints } from './lesson-endpoints'
import { lessonsDoneField } from './lessons'
import { ENROLLMENT_STATUSES, STATUS_LABELS } from './schema'

const never: FieldAccess = () => false

/**
 * A youth's place in a course: confirmed, waitlisted (with its place in line) or cancelled.
 * Rows are created and change status only through the enrol and cancel endpoints, which lock
 * the course row (see lock.ts); staff record attendance and completion here.
 */
export const Enrollments: CollectionConfig = {
  slug: 'enrollments',
  labels: { singular: 'Inscripción', plural: 'Inscripciones' },
  admin: {
    group: 'Programas',
    // «Ana López · Taller de serigrafía», not «ID: 1» (breadcrumbs, tab title, relationship pickers).
    useAsTitle: 'title',
    defaultColumns: ['course', 'youth', 'status', 'position', 'createdAt'],
    listSearchableFields: ['title', 'certificateCode'],
  },
  defaultSort: 'createdAt',
  // A youth reads their own; admins all; a coordinator of an organization its courses' enrolments.
  access: {
    read: anyOf(isEnrollmentStaff, ownedByYouth),
    create: nobody,
    update: isEnrollmentStaff,
    delete: isAdmin,
  },
  // One row per youth and course: the database itself refuses a second, whatever the timing.
  indexes: [{ fields: ['course', 'youth'], unique: true }],
  endpoints: [cancelEndpoint, certificateEndpoint, certificatePdfEndpoint, exportEndpoint, ...lessonEndpoints],
  hooks: { beforeChange: [completeByAttendance, completeByLessons, completionNeedsSeat], afterChange: [issueCertificate] },
  fields: [
    {
      // Kept by database triggers (migration 20261203_100000_admin_titles), since enrolments are
      // written with raw SQL too: set on every insert and when the youth's name or the course's title changes.
      name: 'title',
      type: 'text',
      label: 'Inscripción',
      access: { create: never, update: never },
      admin: { hidden: true, readOnly: true },
    },
    {
      type: 'row',
      fields: [
        { name: 'course', type: 'relationship', relationTo: 'courses', label: 'Curso o taller', required: true, index: true, access: { update: never } },
        { name: 'youth', type: 'relationship', relationTo: 'youth', label: 'Persona joven', required: true, index: true, access: { update: never } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          label: 'Estado',
          required: true,
          index: true,
          options: ENROLLMENT_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
          access: { update: never },
          admin: { description: 'Cambia solo al inscribirse, cancelar o pasar de la lista de espera.' },
        },
        {
          name: 'position',
          type: 'number',
          label: 'Lugar en la lista de espera',
          access: { update: never },
          admin: { condition: (data) => data?.status === 'waitlisted' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'confirmedAt', type: 'date', label: 'Confirmada el', access: { update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'cancelledAt', type: 'date', label: 'Cancelada el', access: { update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'attendance',
      type: 'array',
      label: 'Asistencia',
      labels: { singular: 'Sesión', plural: 'Sesiones' },
      access: { update: isYouthManagerField },
      admin: { description: 'Una fila por sesión del curso a la que asistió o faltó.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'sessionStartsAt', type: 'date', label: 'Sesión del', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            { name: 'present', type: 'checkbox', label: 'Asistió', defaultValue: false },
          ],
        },
      ],
    },
    lessonsDoneField,
    {
      name: 'completedAt',
      type: 'date',
      label: 'Concluyó el curso el',
      access: { update: isYouthManagerField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'certificateCode',
      type: 'text',
      label: 'Folio de la constancia',
      unique: true,
      index: true,
      access: { update: never },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      // Set by the reminder job so nobody is reminded twice.
      name: 'reminderSentAt',
      type: 'date',
      label: 'Recordatorio enviado el',
      access: { update: never },
      admin: { position: 'sidebar', readOnly: true },
    },
  ],
}

/** The enrolment jobs, for payload.config.ts `jobs.tasks`. */
export const enrollmentTasks = [enrollmentEmailTask, enrollmentRemindersTask]
