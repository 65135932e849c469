import type { ArrayField, FieldAccess } from 'payload'

/**
 * Self-paced online courses: a confirmed youth takes the course's lessons in order; each one
 * finished is recorded on the enrolment by the lesson's own row id (so staff may reorder or add
 * lessons later without shifting anybody's progress). Finishing every lesson completes the
 * course: see completeByLessons in completion.ts.
 */

const never: FieldAccess = () => false

/** Added to the Enrollments collection's fields; written only by the lesson endpoints. */
export const lessonsDoneField: ArrayField = {
  name: 'lessonsDone',
  type: 'array',
  label: 'Lecciones terminadas',
  labels: { singular: 'Lección terminada', plural: 'Lecciones terminadas' },
  access: { create: never, update: never },
  admin: {
    readOnly: true,
    condition: (data) => Array.isArray(data?.lessonsDone) && data.lessonsDone.length > 0,
    description: 'Las marca la persona joven al tomar las lecciones de un curso en línea a su ritmo.',
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'lesson', type: 'text', label: 'Lección (identificador)', required: true },
        { name: 'doneAt', type: 'date', label: 'Terminada el', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
}

export type Lesson = { id?: string | null; title?: string | null }
export type LessonDone = { lesson?: string | null; doneAt?: string | null }

export const isSelfPacedCourse = (course: { modality?: string | null; selfPaced?: boolean | null; lessons?: unknown[] | null }) =>
  course.modality === 'online' && course.selfPaced === true && (course.lessons?.length ?? 0) > 0

/** Where a youth stands: which lessons (by 0-based index) are done, and the first one still to do. */
export function progressOf(lessons: Lesson[], done: LessonDone[] | null | undefined) {
  const doneIds = new Set((done ?? []).map((d) => d.lesson))
  const isDone = lessons.map((lesson) => Boolean(lesson.id && doneIds.has(lesson.id)))
  const firstOpen = isDone.indexOf(false)
  return {
    isDone,
    doneCount: isDone.filter(Boolean).length,
    total: lessons.length,
    allDone: lessons.length > 0 && firstOpen === -1,
    /** Lesson i (0-based) may be opened once every lesson before it is done. */
    isOpen: (i: number) => firstOpen === -1 || i <= firstOpen,
    /** 0-based index of the lesson to take next, or null when all are done. */
    next: firstOpen === -1 ? null : firstOpen,
  }
}
