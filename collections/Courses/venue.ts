import type { GroupField } from 'payload'

type Data = Record<string, unknown> | undefined

const coordinate = (name: 'lat' | 'lng', label: string, limit: number) => ({
  name,
  type: 'number' as const,
  label,
  validate: (value: unknown) =>
    value === null || value === undefined || (typeof value === 'number' && Math.abs(value) <= limit) ||
    `La ${label.toLowerCase()} debe estar entre -${limit} y ${limit}.`,
})

/** Where an in-person session happens. Coordinates as two numbers: no PostGIS needed. */
export function venueField(shown: (data: Data) => boolean): GroupField {
  return {
    name: 'venue',
    type: 'group',
    label: 'Sede',
    admin: { condition: (data) => shown(data), description: 'Solo para modalidad presencial o mixta.' },
    fields: [
      {
        name: 'name',
        type: 'text',
        label: 'Nombre del lugar',
        maxLength: 160,
        validate: (value: unknown, { data }: { data: Data }) =>
          !shown(data) || Boolean(value) || 'Indica dónde se imparte: es obligatorio en modalidad presencial o mixta.',
      },
      { name: 'address', type: 'text', label: 'Dirección', maxLength: 240 },
      {
        type: 'row',
        fields: [
          { name: 'colonia', type: 'text', label: 'Colonia', maxLength: 120 },
          coordinate('lat', 'Latitud', 90),
          coordinate('lng', 'Longitud', 180),
        ],
      },
    ],
  }
}
