import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

export const MIN_STAFF_PASSWORD = 12

/** Staff accounts open the whole admin: a short password is refused on the field, in Spanish. */
export const requireLongPassword: CollectionBeforeValidateHook = ({ data, req, collection }) => {
  const password = data?.password
  if (typeof password === 'string' && password.length < MIN_STAFF_PASSWORD) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: [
          {
            path: 'password',
            message: `La contraseña del equipo debe tener al menos ${MIN_STAFF_PASSWORD} caracteres (tiene ${password.length}).`,
          },
        ],
        req,
      },
      req.t,
    )
  }
  return data
}
