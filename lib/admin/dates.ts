import type { Config, Field, SanitizedConfig } from 'payload'

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

/** The admin components that show and pick a date in León time (lib/admin/LeonDate.tsx). */
export const LEON_DATE_CELL = '/lib/admin/LeonDate#LeonDateCell'
export const LEON_DATE_FIELD = '/lib/admin/LeonDate#LeonDateField'
export const LEON_DOCUMENT_DATES = '/lib/admin/LeonDocumentDates#LeonDocumentDates'

type DateFieldShape = {
  type: string
  timezone?: unknown
  admin?: { components?: Record<string, unknown>; date?: { pickerAppearance?: string; displayFormat?: string; timeFormat?: string } }
}

function leonTimeFields(fields: Field[]): void {
  for (const raw of fields) {
    const field = raw as AnyField & DateFieldShape
    if (field.type === 'date') {
      // A field with Payload's own time-zone column keeps Payload's components.
      if (field.timezone) continue
      const admin = (field.admin ??= {})
      const date = (admin.date ??= {})
      // Without an appearance (createdAt, updatedAt, Payload's own dates) the cell uses the admin's date and time pattern.
      if (date.pickerAppearance) date.displayFormat ??= DISPLAY_FORMATS[date.pickerAppearance]
      date.timeFormat ??= ADMIN_TIME_FORMAT
      admin.components = { Cell: LEON_DATE_CELL, Field: LEON_DATE_FIELD, ...admin.components }
      continue
    }
    if (field.fields) leonTimeFields(field.fields)
    for (const tab of field.tabs ?? []) leonTimeFields(tab.fields)
    for (const block of field.blocks ?? []) if (typeof block === 'object') leonTimeFields(block.fields)
  }
}

/**
 * Every date field of the sanitized config, Payload's own included (createdAt and updatedAt of every
 * collection, its jobs and locks), shown and picked in León time in the admin, with Spanish
 * patterns. Set on the sanitized config (payload.config.ts) because Payload adds those fields only
 * while sanitizing. No schema change: the instant is stored in UTC as before.
 */
export function leonTimeDates(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    leonTimeFields(collection.fields)
    // «Última modificación» and «Creado» above the form.
    const components = (collection.admin.components ??= {})
    const edit = (components.edit ??= {})
    edit.beforeDocumentControls = [...(edit.beforeDocumentControls ?? []), LEON_DOCUMENT_DATES]
  }
  for (const global of config.globals) {
    leonTimeFields(global.fields)
    const admin = global.admin as { components?: { elements?: { beforeDocumentControls?: unknown[] } } }
    const components = (admin.components ??= {})
    const elements = (components.elements ??= {})
    elements.beforeDocumentControls = [...(elements.beforeDocumentControls ?? []), LEON_DOCUMENT_DATES]
  }
  return config
}
