import type { GroupField } from 'payload'

type WindowOptions = { name: string; label: string; opensLabel?: string; closesLabel?: string; description?: string }

const isAfter = (later: unknown, earlier: unknown): boolean =>
  !later || !earlier || new Date(later as string).getTime() > new Date(earlier as string).getTime()

/** An opens/closes pair of date-times where "closes" must come after "opens". */
export function windowField({ name, label, opensLabel = 'Abre', closesLabel = 'Cierra', description }: WindowOptions): GroupField {
  return {
    name,
    type: 'group',
    label,
    admin: { description },
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'opens',
            type: 'date',
            label: opensLabel,
            admin: { date: { pickerAppearance: 'dayAndTime' } },
          },
          {
            name: 'closes',
            type: 'date',
            label: closesLabel,
            admin: { date: { pickerAppearance: 'dayAndTime' } },
            validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
              isAfter(value, siblingData?.opens) || 'La fecha de cierre debe ser posterior a la de apertura.',
          },
        ],
      },
    ],
  }
}

/** A start/end pair: "ends" after "starts"; used for course sessions (a custom validate replaces `required`). */
export const endsAfterStart = (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
  !value
    ? 'Indica a qué hora termina la sesión.'
    : isAfter(value, siblingData?.startsAt) || 'La sesión debe terminar después de empezar.'
