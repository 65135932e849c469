'use client'
import { es } from 'date-fns/locale/es'
import type React from 'react'
import { registerLocale, setDefaultLocale } from 'react-datepicker'

// Payload's date picker registers the Spanish locale only in an effect, after its first render, so
// a saved date first showed in English («Dec 3, 2026 8:08 AM») and stayed so until something
// re-rendered the field. Registered here, when the admin's client code loads, before any field.
registerLocale('es', es)
setDefaultLocale('es')

/** Admin provider (payload.config.ts): renders its children; importing it is what matters. */
export function DateLocale({ children }: { children?: React.ReactNode }) {
  return children
}
