import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { EMAIL } from '../rules'

const GROUPS = ['privacy', 'guardian', 'guardianConsent'] as const

/**
 * Shapes Payload's own field hooks crash on (a 500 for a person's typo or a hostile client): an
 * email that is not text, a group sent as null or a list. Refused first, as ordinary field errors.
 * A reset asked for something that is not an email address is refused too, instead of Payload's
 * silent "success" (which stays for well-formed unknown addresses: it must not reveal accounts).
 */
export const rejectMalformedInput: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || typeof data !== 'object') return args
  const errors: { path: string; message: string }[] = []
  if (data.email !== undefined && typeof data.email !== 'string') errors.push({ path: 'email', message: 'debe ser texto.' })
  else if (operation === 'forgotPassword' && typeof data.email === 'string' && data.email.trim() && !EMAIL.test(data.email.trim())) {
    errors.push({ path: 'email', message: 'no es un correo electrónico válido.' })
  }
  for (const group of GROUPS) {
    const value = data[group]
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      errors.push({ path: group, message: 'no tiene la forma esperada.' })
    }
  }
  if (errors.length) throw new ValidationError({ collection: 'youth', errors }, req.t)
  return args
}
