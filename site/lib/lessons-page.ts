/**
 * The lessons of a self-paced course in Mi cuenta (on-demand pages under /cuenta/cursos/[id]/,
 * where [id] is the youth's enrolment). Everything goes through the lesson endpoints with the
 * visitor's own session, so those endpoints' rules (owner only, in order) are the only rules.
 */
import { apiGet, apiSend, type ApiError } from './live'

export const lessonsPath = (enrolmentId: number | string) => `/cuenta/cursos/${enrolmentId}/`
export const lessonPath = (enrolmentId: number | string, n: number) => `/cuenta/cursos/${enrolmentId}/leccion/${n}/`

export type LessonListItem = { n: number; title: string; done: boolean; open: boolean }
export type LessonsOverview = {
  enrollment: { id: number; completedAt: string | null; certificateCode: string | null }
  course: { id: number; title: string; slug: string | null }
  lessons: LessonListItem[]
  done: number
  total: number
  next: number | null
}
export type LessonView = LessonsOverview & {
  lesson: { n: number; title: string; content: unknown; videoUrl: string | null; done: boolean }
}

/** Only positive integers reach the API path; anything else is a lesson that does not exist. */
const safeNumber = (value: string | undefined) => (value && /^[1-9]\d{0,6}$/.test(value) ? value : '0')

/** What a refused read means for the person, by status (the page never shows a raw error). */
export const REFUSALS: Record<number, string> = {
  403: 'Las lecciones son para quien tiene un lugar confirmado en el curso.',
  404: 'No encontramos esas lecciones.',
  409: 'Las lecciones se toman en orden: continúa con la que tienes pendiente.',
}

export const overview = (request: Request, enrolmentId: string | undefined) =>
  apiGet<LessonsOverview>(request, `/enrollments/${safeNumber(enrolmentId)}/lessons`)

export const lesson = (request: Request, enrolmentId: string | undefined, n: string | undefined) =>
  apiGet<LessonView>(request, `/enrollments/${safeNumber(enrolmentId)}/lessons/${safeNumber(n)}`)

/** Marks lesson n done; answers where to go next (the next lesson, or the list once all are done). */
export async function completeLesson(
  request: Request,
  enrolmentId: string | undefined,
  n: string | undefined,
): Promise<{ ok: true; location: string } | { ok: false; status: number; errors: ApiError[] }> {
  const id = safeNumber(enrolmentId)
  const result = await apiSend<LessonsOverview>(request, 'POST', `/enrollments/${id}/lessons/${safeNumber(n)}/complete`)
  if (!result.ok || !result.data) return { ok: false, status: result.status, errors: result.errors }
  const { next } = result.data
  return { ok: true, location: next ? lessonPath(id, next) : `${lessonsPath(id)}?aviso=curso-concluido` }
}

export const LESSON_NOTICES: Record<string, string> = {
  'curso-concluido': '¡Terminaste todas las lecciones! Concluiste el curso y ya tienes tu constancia.',
}
