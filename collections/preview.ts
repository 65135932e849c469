import type { GeneratePreviewURL } from 'payload'

import { readEnv } from '../server/env'

/**
 * The admin's "Vista previa" button: the on-demand site page that renders the newest saved version
 * with the public page's own components (site/pages/vista-previa). It is on the same origin as the
 * admin, so the staff session cookie goes along; anyone else gets a 404 there.
 */
export const previewUrl =
  (collection: 'news' | 'courses' | 'calls'): GeneratePreviewURL =>
  (doc) =>
    doc?.id ? `${readEnv().publicUrl}/vista-previa/${collection}/${doc.id}` : null
