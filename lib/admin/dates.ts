import type { Config, Field } from 'payload'

import { TIME_ZONE } from '../time'

/**
 * Dates in the admin as people in León write them: «3 de diciembre de 2026, 08:08», 24-hour clock.
 * Payload's defaults are English patterns («MMM d, yyy h:mm a», «MMMM do yyyy» → «diciembre 3º»).
 * The patterns are date-fns patterns, read with the Spanish locale (DateLocale.tsx registers it for
 * the date picker before any field renders).
 */
export const ADMIN_DATE_TIME_FORMAT = "d 'de' MMMM 'de' yyyy, HH:mm"
export const ADMIN_DATE_FORMAT = "d 'de' MMMM 'de' yyyy"
export const ADMIN_TIME_FORMAT = 'HH:mm'

/**
 * The one zone offered where Payload lets a person pick one (scheduling a publication): León's,
 * whatever the computer's zone, instead of Payload's list of world zones with English names.
 */
export const ADMIN_TIMEZONES = { defaultTimezone: TIME_ZONE, supportedTimezones: [{ label: 'Hora de León (centro de México)', value: TIME_ZONE }] }

const DISPLAY_FORMATS: Record<string, string> = {
  default: ADMIN_DATE_FORMAT,
  dayOnly: ADMIN_DATE_FORMAT,
  dayAndTime: ADMIN_DATE_TIME_FORMAT,
  timeOnly: ADMIN_TIME_FORMAT,
  monthOnly: "MMMM 'de' yyyy",
}

type AnyField = Field & { type: string; fields?: Field[]; tabs?: { fields: Field[] }[]; blocks?: { fields: Field[] }[]; admin?: Record<string, unknown> }

/** Gives every date field without its own `displayFormat` the Spanish one for its picker, and a 24-hour time list. */
function spanishDateFields(fields: Field[]): Field[] {
  return fields.map((raw) => {
    const field = raw as AnyField
    if (field.type === 'date') {
      const date = (field.admin?.date ?? {}) as { pickerAppearance?: string; displayFormat?: string; timeFormat?: string }
      const appearance = date.pickerAppearance ?? 'default'
      return {
        ...field,
        admin: {
          ...field.admin,
          date: { ...date, displayFormat: date.displayFormat ?? DISPLAY_FORMATS[appearance], timeFormat: date.timeFormat ?? ADMIN_TIME_FORMAT },
        },
      } as Field
    }
    const out = { ...field } as AnyField
    if (field.fields) out.fields = spanishDateFields(field.fields)
    if (field.tabs) out.tabs = field.tabs.map((tab) => ({ ...tab, fields: spanishDateFields(tab.fields) }))
    if (field.blocks) out.blocks = field.blocks.map((block) => ({ ...block, fields: spanishDateFields(block.fields) }))
    return out as Field
  })
}

/**
 * A config plugin: Spanish date patterns for every date field of every collection and global
 * (those added later included), and as the admin's default (list cells, «Última modificación»).
 */
export const spanishDatesPlugin = (config: Config): Config => ({
  ...config,
  admin: {
    ...config.admin,
    dateFormat: config.admin?.dateFormat ?? ADMIN_DATE_TIME_FORMAT,
    timezones: config.admin?.timezones ?? ADMIN_TIMEZONES,
    components: { ...config.admin?.components, providers: [...(config.admin?.components?.providers ?? []), '/lib/admin/DateLocale#DateLocale'] },
  },
  collections: config.collections?.map((c) => ({ ...c, fields: spanishDateFields(c.fields) })),
  globals: config.globals?.map((g) => ({ ...g, fields: spanishDateFields(g.fields) })),
})
