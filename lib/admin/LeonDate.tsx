'use client'
import {
  DatePicker,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldBaseClass,
  RenderCustomComponent,
  useConfig,
  useField,
  useTranslation,
  withCondition,
} from '@payloadcms/ui'
import { getTranslation } from '@payloadcms/translations'
import { format } from 'date-fns'
import { es } from 'date-fns/locale/es'
import type { DateFieldClientComponent, DefaultCellComponentProps } from 'payload'
import React, { useCallback, useMemo } from 'react'

import { fromLeonWallClock, leonWallClock } from '../time'

/**
 * Dates in the admin in León time whatever the zone of the staff member's computer (a coordinator
 * travelling, a laptop left on another zone). Payload shows a date field, its list cell and its
 * picker in the browser's zone unless the field has `timezone: true`, which stores a zone column
 * beside every date (a schema change for each); these two components, set on every date field by
 * lib/admin/dates.ts, show and pick León's wall clock instead, storing the same UTC instant.
 */

/** Pickers without a time (a calendar day, stored at noon UTC by Payload's picker) are not shifted when picked. */
const DAY_ONLY = new Set(['default', 'dayOnly', 'monthOnly'])

/** A stored instant in León time with a date-fns pattern, in Spanish. */
export const formatInLeon = (value: string | Date, pattern: string): string => format(leonWallClock(value), pattern, { locale: es })

/** List cell: the field's own pattern (or the admin's), León time. */
export function LeonDateCell({ cellData, field }: DefaultCellComponentProps) {
  const { config } = useConfig()
  const date = (field as { admin?: { date?: { displayFormat?: string } } }).admin?.date
  const pattern = date?.displayFormat || config.admin.dateFormat
  if (!cellData || isNaN(new Date(cellData as string).getTime())) return <span />
  return <span>{formatInLeon(cellData as string, pattern)}</span>
}

/** Edit field: Payload's date picker, fed and read in León's wall clock. */
const LeonDateFieldComponent: DateFieldClientComponent = (props) => {
  const { field, path: pathFromProps, readOnly, validate } = props
  const { label, localized, required } = field
  const { className, description, placeholder } = field.admin ?? {}
  const pickerProps = field.admin?.date as ({ pickerAppearance?: 'dayAndTime' | 'dayOnly' | 'default' | 'monthOnly' | 'timeOnly'; overrides?: object } & Record<string, unknown>) | undefined
  const { i18n } = useTranslation()
  const memoizedValidate = useCallback(
    (value: unknown, options: Record<string, unknown>) => (typeof validate === 'function' ? validate(value as never, { ...options, required } as never) : true),
    [validate, required],
  )
  const { customComponents: { AfterInput, BeforeInput, Description, Error, Label } = {}, disabled, path, setValue, showError, value } = useField<string>({
    potentiallyStalePath: pathFromProps,
    validate: memoizedValidate as never,
  })
  const appearance = pickerProps?.pickerAppearance || 'default'
  const shown = useMemo(() => (value ? leonWallClock(value).toISOString() : value), [value])
  const onChange = useCallback(
    (picked: Date | null) => {
      if (readOnly || disabled) return
      if (!picked) return setValue(null)
      setValue((DAY_ONLY.has(appearance) ? picked : fromLeonWallClock(picked)).toISOString())
    },
    [readOnly, disabled, appearance, setValue],
  )
  return (
    <div className={[fieldBaseClass, 'date-time-field', className, showError && 'date-time-field--has-error', (readOnly || disabled) && 'read-only'].filter(Boolean).join(' ')}>
      <RenderCustomComponent CustomComponent={Label} Fallback={<FieldLabel label={label} localized={localized} path={path} required={required} />} />
      <div className={`${fieldBaseClass}__wrap`} id={`field-${path.replace(/\./g, '__')}`}>
        <RenderCustomComponent CustomComponent={Error} Fallback={<FieldError path={path} showError={showError} />} />
        {BeforeInput}
        <DatePicker
          {...pickerProps}
          onChange={onChange}
          overrides={{ ...pickerProps?.overrides }}
          placeholder={getTranslation(placeholder as never, i18n)}
          readOnly={readOnly || disabled}
          value={shown}
        />
        {AfterInput}
      </div>
      <RenderCustomComponent CustomComponent={Description} Fallback={<FieldDescription description={description} path={path} />} />
    </div>
  )
}

export const LeonDateField = withCondition(LeonDateFieldComponent)
