/**
 * "Notificaciones" in Mi cuenta (/cuenta/notificaciones/): the weekly digest opt-in
 * (`notifications.weeklyDigest`, lib/journey/digest.ts) and the interests its matching uses.
 */

export type DigestPreferences = { weeklyDigest: boolean; interests: string[] }

/** What the page shows, read from the youth's own record (`/youth/me`, depth 0). */
export function digestPreferences(youth: { notifications?: unknown; interests?: unknown }): DigestPreferences {
  const notifications = (youth.notifications ?? {}) as { weeklyDigest?: boolean | null }
  const interests = Array.isArray(youth.interests) ? youth.interests : []
  return {
    weeklyDigest: notifications.weeklyDigest === true,
    interests: interests.map((i) => String(typeof i === 'object' && i ? (i as { id: unknown }).id : i)),
  }
}

export type DigestPatch = { notifications: { weeklyDigest: boolean }; interests?: number[] }

/**
 * The only fields this form may change. An unticked checkbox is simply absent from the post, so
 * "off" is the absence of `resumen`. Interests are sent only when the form carried their list
 * (`intereses`): a page rendered without pillars must not empty them.
 */
export function digestPatch(form: FormData): DigestPatch {
  const patch: DigestPatch = { notifications: { weeklyDigest: form.get('resumen') === 'si' } }
  if (form.get('intereses') === 'lista') {
    patch.interests = form
      .getAll('interests')
      .map(Number)
      .filter((id) => Number.isSafeInteger(id) && id > 0)
  }
  return patch
}
