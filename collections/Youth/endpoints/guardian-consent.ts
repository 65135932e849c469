import type { Endpoint } from 'payload'

import { errorResponse } from '../../../lib/api-errors'
import { withTransaction } from '../../../lib/db'
import { youthByLinkToken } from './verification'

const unusable = () => errorResponse(400, 'Este enlace ya se usó o no es válido. Si necesitas uno nuevo, pide a la persona joven que lo solicite desde su cuenta.', 'token')
const expired = () => errorResponse(410, 'Este enlace venció. Pide a la persona joven que solicite uno nuevo desde su cuenta.', 'token')
const isExpired = (at: string | null | undefined) => !at || new Date(at) < new Date()

/**
 * `GET /api/youth/guardian-consent?token=…`: whom the link is for (first name only), so the
 * guardian's page can say it before they confirm. Reading does not use the link up.
 */
export const guardianConsentLookupEndpoint: Endpoint = {
  path: '/guardian-consent',
  method: 'get',
  handler: async (req) => {
    const youth = await youthByLinkToken(req, 'guardianTokenHash', req.searchParams.get('token'))
    if (!youth || youth.guardianConsent?.status !== 'pending') return unusable()
    if (isExpired(youth.guardianTokenExpiresAt)) return expired()
    return Response.json({ givenNames: youth.givenNames }, { headers: { 'Cache-Control': 'no-store' } })
  },
}

/**
 * `POST /api/youth/guardian-consent` { token }: the guardian's link. Single use (the token's
 * hash is cleared when consent is recorded) and valid for GUARDIAN_LINK_DAYS. Answers with the
 * minor's first name only, for the page to say whom the consent was for.
 */
export const guardianConsentEndpoint: Endpoint = {
  path: '/guardian-consent',
  method: 'post',
  handler: async (req) => {
    const body = await req.json?.().catch(() => null)
    return withTransaction(req, async () => {
      const youth = await youthByLinkToken(req, 'guardianTokenHash', body?.token)
      if (!youth || youth.guardianConsent?.status !== 'pending' || isExpired(youth.guardianTokenExpiresAt)) {
        return youth && youth.guardianConsent?.status === 'pending' ? expired() : unusable()
      }
      await req.payload.update({
        collection: 'youth',
        id: youth.id,
        data: { guardianConsent: { status: 'given', method: 'email' } },
        overrideAccess: true, // the token is the guardian's credential; nobody is logged in
        req,
      })
      return Response.json({ message: `Gracias. ${youth.givenNames} ya puede inscribirse a cursos y convocatorias.`, givenNames: youth.givenNames })
    })
  },
}
