import { dayInMexicoCity } from '../../lib/time'

/**
 * The receipt a youth keeps: "VJ-2026-000123" (year of submission in León, then the application's
 * number). Unique because the number is; readable aloud over the phone.
 */
export const folioFor = (applicationId: number, submittedAt: Date): string =>
  `VJ-${dayInMexicoCity(submittedAt).slice(0, 4)}-${String(applicationId).padStart(6, '0')}`
