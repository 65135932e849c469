import type { ArrayField } from 'payload'

export const QUESTION_TYPES = [
  { label: 'Texto corto', value: 'short-text' },
  { label: 'Texto largo', value: 'long-text' },
  { label: 'Una opción', value: 'single-choice' },
  { label: 'Varias opciones', value: 'multiple-choice' },
  { label: 'Número', value: 'number' },
  { label: 'Fecha', value: 'date' },
  { label: 'Archivo', value: 'file' },
]

const isChoice = (type: unknown) => type === 'single-choice' || type === 'multiple-choice'

/** The application form of a call, as data: the apply endpoint validates answers against it. */
export function questionsField(): ArrayField {
  return {
    name: 'questions',
    type: 'array',
    label: 'Preguntas del formulario',
    labels: { singular: 'Pregunta', plural: 'Preguntas' },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'label', type: 'text', label: 'Pregunta', required: true, maxLength: 200 },
          { name: 'type', type: 'select', label: 'Tipo de respuesta', required: true, defaultValue: 'short-text', options: QUESTION_TYPES },
          { name: 'required', type: 'checkbox', label: 'Obligatoria', defaultValue: true },
        ],
      },
      { name: 'help', type: 'text', label: 'Ayuda', maxLength: 300 },
      {
        name: 'options',
        type: 'text',
        hasMany: true,
        label: 'Opciones',
        admin: { condition: (_, siblingData) => isChoice(siblingData?.type) },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          !isChoice(siblingData?.type) ||
          (Array.isArray(value) && value.length >= 2) ||
          'Una pregunta de opción necesita al menos dos opciones.',
      },
    ],
  }
}
