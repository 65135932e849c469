import type { GlobalConfig, PayloadRequest } from 'payload'

import { anyone, isAdmin } from '../collections/access'

/** Used until administration publishes a notice of its own, so sign-up never has "no version". */
export const DEFAULT_PRIVACY_VERSION = '1'

/**
 * The privacy notice (aviso de privacidad integral, LGPDPPSO). A youth accepts one version;
 * changing the version here asks for a new acceptance.
 */
export const PrivacyNotice: GlobalConfig = {
  slug: 'privacy-notice',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  label: 'Aviso de privacidad',
  admin: { group: 'Personas' },
  access: { read: anyone, update: isAdmin },
  fields: [
    {
      name: 'version',
      type: 'text',
      label: 'Versión',
      required: true,
      defaultValue: DEFAULT_PRIVACY_VERSION,
      maxLength: 20,
      admin: { description: 'Cámbiala cuando el texto cambie de fondo: quienes aceptaron otra versión deberán aceptarla de nuevo.' },
    },
    { name: 'effectiveDate', type: 'date', label: 'Vigente desde', required: true, admin: { date: { pickerAppearance: 'dayOnly' } } },
    { name: 'body', type: 'textarea', label: 'Texto del aviso', required: true, maxLength: 50_000 },
  ],
}

export async function currentPrivacyVersion(req: PayloadRequest): Promise<string> {
  const notice = await req.payload.findGlobal({ slug: 'privacy-notice', req, depth: 0 })
  return (notice as { version?: string } | null)?.version || DEFAULT_PRIVACY_VERSION
}
