/**
 * The site's one data-access layer. Every read is anonymous (`overrideAccess: false`, no user),
 * so a page can only ever see what the public may see.
 */
import { getPayload, type Payload } from 'payload'

import config from '../../payload.config'
import { closePayload } from '../../server/close-payload'

let instance: Promise<Payload> | undefined

function payload(): Promise<Payload> {
  if (!instance) {
    instance = getPayload({ config, key: 'site' })
    ;(globalThis as Record<string, unknown>).__viajeJovenClosePayload = async () => closePayload(await instance!)
  }
  return instance
}

const publicRead = { overrideAccess: false, depth: 1 } as const

export async function listPillars() {
  const { docs } = await (await payload()).find({ collection: 'pillars', sort: 'order', limit: 20, ...publicRead })
  return docs
}
