/**
 * Staff accounts, sample documents and files for the content tests. Fixtures are written with the
 * Local API (as an admin would); what is under test always goes through the REST handlers.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import type { TestContext } from '../../helpers/payload'
import { verifiedYouth } from '../../helpers/youth'

/** `youth`: a signed-up, verified young person; for content they are the public. */
export type Actor = 'anonymous' | 'youth' | 'editor' | 'coordinator' | 'reviewer' | 'admin'
export const ACTORS: Actor[] = ['anonymous', 'youth', 'editor', 'coordinator', 'reviewer', 'admin']
export const STAFF_PASSWORD = 'contraseña-de-equipo-segura'

/** Uploads of a test run go to a throw-away data directory, never the developer's `.data`. */
export function useTemporaryDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-content-'))
  process.env.DATA_DIR = dir
  return dir
}

export async function createStaff(
  ctx: TestContext,
  name: string,
  roles: Exclude<Actor, 'anonymous' | 'youth'>[],
  extra: Record<string, unknown> = {},
): Promise<{ id: number; token: string }> {
  const email = `${name}-${Math.random().toString(36).slice(2, 8)}@imju.test`
  const user = await ctx.payload.create({
    collection: 'users',
    data: { name, email, password: STAFF_PASSWORD, roles, ...extra } as never,
  })
  const { token } = await ctx.payload.login({ collection: 'users', data: { email, password: STAFF_PASSWORD } })
  return { id: user.id as number, token: token! }
}

export async function tokensByActor(ctx: TestContext): Promise<Record<Actor, string | undefined>> {
  const tokens: Record<Actor, string | undefined> = { anonymous: undefined } as Record<Actor, string | undefined>
  for (const actor of ACTORS) {
    if (actor === 'youth') tokens.youth = (await verifiedYouth(ctx)).token
    else if (actor !== 'anonymous') tokens[actor] = (await createStaff(ctx, actor, [actor])).token
  }
  return tokens
}

export const pngBytes = (): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#7c3aed' } }).png().toBuffer()

/** The smallest file Payload accepts as a PDF: header, xref and EOF marker. */
export const pdfBytes = (): Buffer =>
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 1\n0000000000 65535 f \ntrailer<</Root 1 0 R>>\nstartxref\n9\n%%EOF\n')

let counter = 0
export const unique = (prefix: string) => `${prefix} ${++counter}-${Math.random().toString(36).slice(2, 6)}`
