import { commitTransaction, initTransaction, killTransaction, type Endpoint } from 'payload'

import { errorResponse } from '../../../lib/api-errors'
import { hashToken } from '../hooks/profile'

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
    const token = body?.token
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) {
      return errorResponse(400, 'El enlace de autorización no es válido: ábrelo tal como llegó en el correo.', 'token')
    }
    const shouldCommit = await initTransaction(req)
    try {
      const { docs } = await req.payload.find({
        collection: 'youth',
        where: { guardianTokenHash: { equals: hashToken(token) } },
        overrideAccess: true, // the token is the guardian's credential; nobody is logged in
        showHiddenFields: true,
        depth: 0,
        limit: 1,
        req,
      })
      const youth = docs[0]
      if (!youth || youth.guardianConsent?.status !== 'pending') {
        if (shouldCommit) await killTransaction(req)
        return errorResponse(400, 'Este enlace ya se usó o no es válido. Si necesitas uno nuevo, escríbenos.', 'token')
      }
      if (!youth.guardianTokenExpiresAt || new Date(youth.guardianTokenExpiresAt) < new Date()) {
        if (shouldCommit) await killTransaction(req)
        return errorResponse(410, 'Este enlace venció. Pide a la persona joven que solicite uno nuevo desde su cuenta.', 'token')
      }
      await req.payload.update({
        collection: 'youth',
        id: youth.id,
        data: { guardianConsent: { status: 'given', method: 'email' } },
        overrideAccess: true,
        req,
      })
      if (shouldCommit) await commitTransaction(req)
      return Response.json({ message: `Gracias. ${youth.givenNames} ya puede inscribirse a cursos y convocatorias.`, givenNames: youth.givenNames })
    } catch (error) {
      if (shouldCommit) await killTransaction(req)
      throw error
    }
  },
}
