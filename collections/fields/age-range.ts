import type { GroupField } from 'payload'

export const MIN_AGE = 12
export const MAX_AGE = 29

const inBounds = (value: unknown): true | string =>
  value === null || value === undefined || (Number.isInteger(value) && (value as number) >= MIN_AGE && (value as number) <= MAX_AGE)
    ? true
    : `La edad debe ser un número entero entre ${MIN_AGE} y ${MAX_AGE} años.`

/** Who may take part, within the institute's 12–29 range; "min" never above "max". */
export function ageRangeField(label = 'Rango de edad'): GroupField {
  return {
    name: 'ageRange',
    type: 'group',
    label,
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'min', type: 'number', label: 'Edad mínima', defaultValue: MIN_AGE, validate: inBounds },
          {
            name: 'max',
            type: 'number',
            label: 'Edad máxima',
            defaultValue: MAX_AGE,
            validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
              const bounds = inBounds(value)
              if (bounds !== true) return bounds
              const min = siblingData?.min
              return typeof min !== 'number' || typeof value !== 'number' || min <= value
                ? true
                : `La edad máxima (${value}) no puede ser menor que la mínima (${min}).`
            },
          },
        ],
      },
    ],
  }
}
