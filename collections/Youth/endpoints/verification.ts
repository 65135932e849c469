import type { Endpoint, PayloadRequest } from 'payload'

import type { Youth } from '../../../payload-types'
import { errorResponse } from '../../../lib/api-errors'
import { withTransaction } from '../../../lib/db'
import { hashToken, RESEND_GUARDIAN_LINK, RESEND_VERIFICATION, VERIFY_LINK_DAYS, GUARDIAN_LINK_DAYS } from '../hooks/profile'
import { isMinor } from '../rules'

/** A fresh link at most once a minute: enough for "it didn't arrive", too slow to flood someone's inbox. */
const RESEND_PAUSE_MS = 60_000

const notLoggedIn = () => errorResponse(401, 'Inicia sesión con tu cuenta de Viaje Joven para continuar.')

/** Finds the account a link token belongs to; the token itself is the credential, nobody need be logged in. */
export async function youthByLinkToken(req: PayloadRequest, field: 'emailTokenHash' | 'guardianTokenHash', token: unknown) {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const { docs } = await req.payload.find({
    collection: 'youth',
    where: { [field]: { equals: hashToken(token) } },
    overrideAccess: true,
    showHiddenFields: true,
    depth: 0,
    limit: 1,
    req,
  })
  return (docs[0] as Youth | undefined) ?? null
}

/**
 * For the resend endpoints: the logged-in youth's own account, read inside the transaction with
 * its hidden fields (the links' expiries), handed to `work`.
 */
async function withOwnAccount(req: PayloadRequest, work: (me: Youth) => Promise<Response>): Promise<Response> {
  if (req.user?.collection !== 'youth') return notLoggedIn()
  const id = req.user.id
  return withTransaction(req, async () => work((await req.payload.findByID({ collection: 'youth', id, depth: 0, overrideAccess: true, showHiddenFields: true, req })) as Youth))
}

/** When the current link was sent, from its expiry (links live a fixed number of days). */
const sentAt = (expiresAt: string | null | undefined, days: number) =>
  expiresAt ? new Date(expiresAt).getTime() - days * 86_400_000 : 0

/** `POST /api/youth/verify-email` { token }: the link in the verification email. Single use, expires. */
export const verifyEmailEndpoint: Endpoint = {
  path: '/verify-email',
  method: 'post',
  handler: async (req) => {
    const body = await req.json?.().catch(() => null)
    return withTransaction(req, async () => {
      const youth = await youthByLinkToken(req, 'emailTokenHash', body?.token)
      if (!youth) {
        return errorResponse(400, 'Este enlace ya se usó o no es válido. Si ya confirmaste tu correo, solo inicia sesión.', 'token')
      }
      if (!youth.emailTokenExpiresAt || new Date(youth.emailTokenExpiresAt) < new Date()) {
        return errorResponse(410, 'Este enlace venció. Inicia sesión y pide uno nuevo desde «Mi cuenta».', 'token')
      }
      await req.payload.update({
        collection: 'youth',
        id: youth.id,
        data: { _verified: true },
        overrideAccess: true, // the emailed token proves the address; `_verified` is closed to every person
        req,
      })
      return Response.json({ message: 'Listo: confirmaste tu correo.', givenNames: youth.givenNames })
    })
  },
}

/** `POST /api/youth/resend-verification`: a new verification link for the logged-in youth. */
export const resendVerificationEndpoint: Endpoint = {
  path: '/resend-verification',
  method: 'post',
  handler: (req) =>
    withOwnAccount(req, async (me) => {
      if (me._verified) return errorResponse(409, 'Tu correo ya está confirmado.')
      if (Date.now() - sentAt(me.emailTokenExpiresAt, VERIFY_LINK_DAYS) < RESEND_PAUSE_MS) {
        return errorResponse(429, 'Acabamos de enviarte un enlace. Espera un minuto antes de pedir otro y revisa tu carpeta de spam.')
      }
      await req.payload.update({ collection: 'youth', id: me.id, data: {}, overrideAccess: true, req, context: { [RESEND_VERIFICATION]: true } })
      return Response.json({ message: `Te enviamos un enlace nuevo a ${me.email}.` })
    }),
}

/** `POST /api/youth/resend-guardian-link`: a new consent link to the guardian of the logged-in minor. */
export const resendGuardianLinkEndpoint: Endpoint = {
  path: '/resend-guardian-link',
  method: 'post',
  handler: (req) =>
    withOwnAccount(req, async (me) => {
      if (!isMinor(me.birthDate) || me.guardianConsent?.status !== 'pending' || !me.guardian?.email) {
        return errorResponse(409, 'Tu cuenta no necesita una autorización pendiente.')
      }
      if (Date.now() - sentAt(me.guardianTokenExpiresAt, GUARDIAN_LINK_DAYS) < RESEND_PAUSE_MS) {
        return errorResponse(429, 'Acabamos de enviar el enlace. Espera un minuto antes de pedir otro.')
      }
      await req.payload.update({ collection: 'youth', id: me.id, data: {}, overrideAccess: true, req, context: { [RESEND_GUARDIAN_LINK]: true } })
      return Response.json({ message: `Enviamos un enlace nuevo a ${me.guardian.email}.` })
    }),
}
