import { calendarDay } from '../../lib/time'

/**
 * Answers checked against THE CALL'S OWN question definitions (staff define them in the admin),
 * each problem as a Spanish sentence naming the question. Imports nothing from Payload.
 */

export type Question = {
  id?: string | null
  label: string
  type: 'short-text' | 'long-text' | 'single-choice' | 'multiple-choice' | 'number' | 'date' | 'file'
  required?: boolean | null
  options?: string[] | null
}
export type AnswerProblem = { field: string; message: string }
/** What is stored per question: a snapshot of the question beside the value, so a later edit of the call cannot change its meaning. */
export type StoredAnswer = { question: string; label: string; type: Question['type']; value: unknown }

export const SHORT_TEXT_MAX = 200
export const LONG_TEXT_MAX = 5000
const NUMBER_LIMIT = 1e12

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)

/** The problem with one non-empty answer, or null; on success `clean` is the normalised value. */
function check(q: Question, value: unknown): { problem: string } | { clean: unknown } {
  switch (q.type) {
    case 'short-text':
    case 'long-text': {
      if (typeof value !== 'string') return { problem: 'escribe tu respuesta como texto.' }
      const max = q.type === 'short-text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX
      const text = value.trim()
      if (text.length > max) return { problem: `tu respuesta tiene ${text.length} caracteres; el máximo es ${max}.` }
      if (q.type === 'short-text' && /[\r\n]/.test(text)) return { problem: 'la respuesta debe ocupar una sola línea.' }
      return { clean: text }
    }
    case 'single-choice':
      if (typeof value !== 'string' || !(q.options ?? []).includes(value)) return { problem: `elige una de las opciones: ${(q.options ?? []).join(', ')}.` }
      return { clean: value }
    case 'multiple-choice': {
      const picked = Array.isArray(value) ? value : [value]
      const unknown = picked.filter((v) => typeof v !== 'string' || !(q.options ?? []).includes(v))
      if (unknown.length) return { problem: `elige solo entre las opciones: ${(q.options ?? []).join(', ')}.` }
      return { clean: [...new Set(picked as string[])] }
    }
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN
      if (!Number.isFinite(number) || Math.abs(number) > NUMBER_LIMIT) return { problem: 'escribe un número (por ejemplo 12 o 8.5).' }
      return { clean: number }
    }
    case 'date': {
      const day = typeof value === 'string' && value.length === 10 ? calendarDay(value) : null
      return day ? { clean: day } : { problem: 'escribe una fecha válida con el formato AAAA-MM-DD.' }
    }
    default:
      return { problem: 'no sabemos validar este tipo de pregunta.' }
  }
}

/**
 * Validates `answers` (keyed by question id). A draft (`complete: false`) may leave questions
 * empty; a submission may not leave a required one empty. Answers to unknown questions are dropped;
 * file questions are the endpoint's (see form.ts).
 */
export function validateAnswers(
  questions: Question[],
  answers: Record<string, unknown>,
  complete: boolean,
): { problems: AnswerProblem[]; stored: StoredAnswer[] } {
  const problems: AnswerProblem[] = []
  const stored: StoredAnswer[] = []
  for (const q of questions) {
    // File questions are answered by a file part, never by a value a person could point at someone else's document.
    if (!q.id || q.type === 'file') continue
    const value = answers[q.id]
    if (isEmpty(value)) {
      if (complete && q.required) problems.push({ field: q.id, message: `«${q.label}»: esta pregunta es obligatoria.` })
      continue
    }
    const result = check(q, value)
    if ('problem' in result) problems.push({ field: q.id, message: `«${q.label}»: ${result.problem}` })
    else stored.push({ question: q.id, label: q.label, type: q.type, value: result.clean })
  }
  return { problems, stored }
}
