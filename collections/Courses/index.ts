import type { CollectionConfig } from 'payload'

import { isContentStaff, isCourseWriter, isEditor, isStaff, isStaffField, publishedOnly } from '../access'
import { editorialVersions } from '../editorial'
import { previewUrl } from '../preview'
import { ageRangeField } from '../fields/age-range'
import { coverField, organizationField, pillarsField, summaryField, titleField } from '../fields/content'
import { seoField } from '../fields/seo'
import { slugField } from '../fields/slug'
import { endsAfterStart, windowField } from '../fields/window'
import { attendanceToCompleteField } from '../Enrollments/completion'
import { enrollEndpoint } from '../Enrollments/enroll'
import { promoteOnCapacityRaise, refuseCapacityBelowConfirmed } from '../Enrollments/hooks/capacity'
import { allocationField, drawField } from '../DrawRequests/course-fields'
import { drawEndpoints } from '../DrawRequests/endpoints'
import { prepareDraw, refuseDrawChangesAfterDraw } from '../DrawRequests/run'
import { availabilityEndpoint } from './endpoints/availability'
import { pinCoordinatorOrganization } from './hooks/pin-organization'
import { venueField } from './venue'

export const COURSE_MODALITIES = [
  { label: 'Presencial', value: 'in-person' },
  { label: 'En línea', value: 'online' },
  { label: 'Mixta', value: 'hybrid' },
]

const isOnline = (data: Record<string, unknown> | undefined) => data?.modality === 'online'
/** Self-paced: an online course taken lesson by lesson from "Mi cuenta" (collections/Enrollments/lessons.ts). */
const isSelfPaced = (data: Record<string, unknown> | undefined) => isOnline(data) && data?.selfPaced === true

/** Courses and workshops. Seats left are a live fact (availability endpoint), never stored here. */
export const Courses: CollectionConfig = {
  slug: 'courses',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Curso o taller', plural: 'Cursos y talleres' },
  admin: {
    group: 'Programas',
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'modality', '_status', 'state', 'organization', 'enrollment.opens'],
    listSearchableFields: ['title', 'summary', 'slug'],
    preview: previewUrl('courses'),
    // A coordinator bound to an organization works on its courses only: the list shows those it may edit.
    baseFilter: async ({ req }) => {
      const writable = await isCourseWriter({ req } as Parameters<typeof isCourseWriter>[0])
      return typeof writable === 'object' ? writable : null
    },
  },
  defaultSort: '-createdAt',
  versions: editorialVersions,
  access: {
    read: publishedOnly,
    readVersions: isStaff,
    create: isContentStaff,
    update: isCourseWriter,
    delete: isEditor,
  },
  hooks: {
    // Capacity belongs to enrolment too: never below the confirmed people; a raise serves the waitlist.
    beforeChange: [pinCoordinatorOrganization, refuseCapacityBelowConfirmed, refuseDrawChangesAfterDraw],
    // «Por sorteo»: the secret's commitment at once, the draw queued for its time (collections/DrawRequests).
    afterChange: [promoteOnCapacityRaise, prepareDraw],
  },
  endpoints: [availabilityEndpoint, enrollEndpoint, ...drawEndpoints],
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          label: 'Tipo',
          required: true,
          defaultValue: 'course',
          options: [
            { label: 'Curso', value: 'course' },
            { label: 'Taller', value: 'workshop' },
          ],
        },
        { name: 'modality', type: 'select', label: 'Modalidad', required: true, defaultValue: 'in-person', options: COURSE_MODALITIES },
      ],
    },
    titleField(),
    slugField(),
    summaryField(),
    coverField(),
    { name: 'body', type: 'richText', label: 'Descripción' },
    pillarsField(),
    organizationField('Si coordinas para una organización, se asigna la tuya automáticamente.'),
    {
      // Not `status`: its PostgreSQL enum would clash with the drafts' `_status` one.
      name: 'state',
      type: 'select',
      label: 'Estado del curso',
      required: true,
      defaultValue: 'active',
      index: true,
      options: [
        { label: 'Vigente', value: 'active' },
        { label: 'Cancelado', value: 'cancelled' },
        { label: 'Concluido', value: 'finished' },
      ],
      admin: { position: 'sidebar' },
    },
    venueField((data) => !isOnline(data)),
    {
      name: 'sessions',
      type: 'array',
      label: 'Sesiones',
      labels: { singular: 'Sesión', plural: 'Sesiones' },
      admin: { description: 'Fecha y hora (de la Ciudad de México) de cada sesión.', initCollapsed: false },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'startsAt', type: 'date', label: 'Inicia', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            {
              name: 'endsAt',
              type: 'date',
              label: 'Termina',
              required: true,
              admin: { date: { pickerAppearance: 'dayAndTime' } },
              validate: endsAfterStart,
            },
          ],
        },
      ],
    },
    {
      name: 'capacity',
      type: 'number',
      label: 'Cupo (lugares)',
      required: true,
      defaultValue: 20,
      validate: (value: unknown) =>
        (Number.isInteger(value) && (value as number) >= 1) || 'El cupo debe ser un número entero de al menos 1 lugar.',
    },
    windowField({ name: 'enrollment', label: 'Periodo de inscripción', opensLabel: 'Abre', closesLabel: 'Cierra' }),
    allocationField,
    drawField,
    ageRangeField(),
    {
      name: 'cost',
      type: 'number',
      label: 'Costo (MXN)',
      defaultValue: 0,
      min: 0,
      admin: { description: '0 = gratuito.' },
    },
    { name: 'requirements', type: 'textarea', label: 'Requisitos', maxLength: 2000 },
    {
      name: 'contact',
      type: 'group',
      label: 'Contacto',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', label: 'Nombre', maxLength: 120 },
            { name: 'email', type: 'email', label: 'Correo' },
            { name: 'phone', type: 'text', label: 'Teléfono', maxLength: 30 },
          ],
        },
      ],
    },
    {
      type: 'row',
      admin: { condition: (data) => isOnline(data) },
      fields: [
        {
          name: 'selfPaced',
          type: 'checkbox',
          label: 'A tu ritmo: lecciones en línea en lugar de sesiones en vivo',
          defaultValue: false,
        },
        {
          name: 'estimatedHours',
          type: 'number',
          label: 'Duración estimada (horas)',
          min: 0,
          admin: { condition: (data) => isSelfPaced(data), description: 'Las horas que dirá la constancia.' },
          // Without sessions to add up, this is the only source of the constancia's hours.
          validate: (value: unknown, { data }: { data: Record<string, unknown> }) =>
            !isSelfPaced(data) || (typeof value === 'number' && value > 0) || 'Indica cuántas horas dura el curso: aparecen en la constancia.',
        },
      ],
    },
    {
      name: 'lessons',
      type: 'array',
      label: 'Lecciones (cursos en línea a tu ritmo)',
      labels: { singular: 'Lección', plural: 'Lecciones' },
      admin: {
        condition: (data) => isSelfPaced(data),
        description: 'En el orden en que se toman. Los títulos son públicos; el contenido solo lo ven las personas inscritas.',
      },
      validate: (value: unknown, { data }: { data: Record<string, unknown> }) =>
        !isSelfPaced(data) || (Array.isArray(value) && value.length > 0) || 'Un curso a tu ritmo necesita al menos una lección.',
      fields: [
        { name: 'title', type: 'text', label: 'Título', required: true, maxLength: 160 },
        // Contents reach enrolled youths only, through GET /api/enrollments/:id/lessons/:n.
        { name: 'content', type: 'richText', label: 'Contenido', access: { read: isStaffField } },
        {
          name: 'videoUrl',
          type: 'text',
          label: 'Video (enlace, opcional)',
          access: { read: isStaffField },
          validate: (value: unknown) =>
            !value || /^https:\/\/\S+$/.test(String(value)) || 'El enlace del video debe empezar con https://',
        },
      ],
    },
    // Enrolment: attendance that completes the course (collections/Enrollments/completion.ts).
    attendanceToCompleteField,
    {
      // The confirmed list and the waitlist, with CSV and manual add / remove (staff who run enrolment).
      name: 'roster',
      type: 'ui',
      label: 'Inscripciones',
      admin: { components: { Field: '/collections/Enrollments/admin/CourseRoster#CourseRoster' } },
    },
    seoField(),
  ],
}
