import type { Field } from 'payload'

/**
 * How a course gives its places (docs/draw.md): «Por orden de llegada» (the enrolment of
 * collections/Enrollments, unchanged) or «Por sorteo» (requests during a window, then a public draw).
 */

export const ALLOCATIONS = [
  { label: 'Por orden de llegada', value: 'arrival' },
  { label: 'Por sorteo', value: 'draw' },
] as const

export const GROUP_RULES = [
  { label: 'Primera vez en el instituto (sin inscripción confirmada antes)', value: 'first-time' },
  { label: 'Colonias de atención prioritaria (lista de abajo)', value: 'colonia' },
  { label: 'Rango de edad', value: 'age' },
] as const
export type GroupRule = (typeof GROUP_RULES)[number]['value']

type Data = Record<string, unknown> | undefined
const isDraw = (data: Data) => data?.allocation === 'draw'
const drawOf = (data: Data) => (data?.draw ?? {}) as Record<string, unknown>
const time = (value: unknown) => (value ? new Date(value as string).getTime() : NaN)

/** A moment staff set that must still be ahead when they save it (unchanged values may be in the past: the draw already ran). */
const notInPast = (value: unknown, previous: unknown) =>
  !value || time(value) === time(previous) || time(value) > Date.now()

export const allocationField: Field = {
  name: 'allocation',
  type: 'select',
  label: 'Asignación de lugares',
  // Not `required`: every course saved before this field existed is «Por orden de llegada» (null reads so).
  defaultValue: 'arrival',
  options: [...ALLOCATIONS],
  admin: {
    description: 'Por sorteo: durante un periodo las personas solicitan lugar y a la hora del sorteo se asignan al azar, de forma pública y verificable.',
  },
}

export const drawField: Field = {
  name: 'draw',
  type: 'group',
  label: 'Sorteo',
  admin: { condition: (data) => isDraw(data) },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'requestsOpen',
          type: 'date',
          label: 'Las solicitudes abren',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
          validate: (value: unknown, { data }: { data: Data }) => !isDraw(data) || Boolean(value) || 'Indica cuándo abren las solicitudes.',
        },
        {
          name: 'requestsClose',
          type: 'date',
          label: 'Las solicitudes cierran',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
          validate: (value: unknown, { data }: { data: Data }) => {
            if (!isDraw(data)) return true
            if (!value) return 'Indica cuándo cierran las solicitudes.'
            const opens = drawOf(data).requestsOpen
            return !opens || time(value) > time(opens) || 'Las solicitudes deben cerrar después de abrir.'
          },
        },
        {
          name: 'drawAt',
          type: 'date',
          label: 'Fecha y hora del sorteo',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
          validate: (value: unknown, { data, previousValue }: { data: Data; previousValue?: unknown }) => {
            if (!isDraw(data)) return true
            if (!value) return 'Indica la fecha y hora del sorteo.'
            if (!notInPast(value, previousValue)) return 'La hora del sorteo ya pasó: elige una fecha y hora futuras.'
            const closes = drawOf(data).requestsClose
            return !closes || time(value) >= time(closes) || 'El sorteo debe ser cuando las solicitudes ya cerraron, o después.'
          },
        },
      ],
    },
    {
      name: 'groups',
      type: 'array',
      label: 'Grupos prioritarios',
      labels: { singular: 'Grupo prioritario', plural: 'Grupos prioritarios' },
      admin: {
        description:
          'Opcional. Cada grupo reserva un porcentaje del cupo. Quien entra en varios grupos cuenta en el primero (en este orden) que aún tenga lugares; los lugares que un grupo no llene pasan a todos.',
      },
      validate: (value: unknown) => {
        const total = ((value as { share?: number }[] | null) ?? []).reduce((sum, g) => sum + (Number(g?.share) || 0), 0)
        return total <= 100 || `Los grupos reservan ${total} % del cupo: entre todos no pueden pasar de 100 %.`
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'label', type: 'text', label: 'Nombre del grupo', required: true, maxLength: 80 },
            { name: 'rule', type: 'select', label: 'Quién entra', required: true, options: [...GROUP_RULES] },
            {
              name: 'share',
              type: 'number',
              label: 'Porcentaje del cupo',
              required: true,
              validate: (value: unknown) =>
                (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100) || 'El porcentaje debe ser un número entero de 1 a 100.',
            },
          ],
        },
        {
          type: 'row',
          admin: { condition: (_, siblingData) => siblingData?.rule === 'age' },
          fields: [
            { name: 'ageMin', type: 'number', label: 'Edad mínima', min: 12, max: 29 },
            { name: 'ageMax', type: 'number', label: 'Edad máxima', min: 12, max: 29 },
          ],
        },
      ],
    },
    {
      name: 'colonias',
      type: 'textarea',
      label: 'Colonias de atención prioritaria',
      maxLength: 20000,
      admin: { description: 'Una colonia por renglón, tal como la escriben las personas en su perfil (no importan mayúsculas ni acentos).' },
    },
  ],
}

/** «San Juan de Dios» and «san juan de dios » are the same colonia. */
export const normalizeColonia = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

export const coloniaList = (text: unknown): Set<string> =>
  new Set(
    String(text ?? '')
      .split('\n')
      .map(normalizeColonia)
      .filter(Boolean),
  )
