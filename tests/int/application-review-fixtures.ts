/** Staff, calls with a rubric and submitted applications for the review tests. */
import { folioFor } from '../../collections/Applications/folio'
import type { TestContext } from '../helpers/payload'
import { login } from '../helpers/youth'
import { openCall } from './applications-fixtures'

let seq = 0

/** A staff account with one role, logged in through the API. */
export async function staffMember(ctx: TestContext, role: 'admin' | 'editor' | 'coordinator' | 'reviewer') {
  seq++
  const email = `${role}.${seq}.${Date.now()}@imju.gob.mx`
  const user = await ctx.payload.create({ collection: 'users', data: { email, password: 'clave-del-equipo-larga', name: `${role} ${seq}`, roles: [role] } })
  return { id: user.id as number, token: await login(ctx, 'users', email, 'clave-del-equipo-larga') }
}

/** An open call reviewed by `reviewers` on two criteria: Trayectoria (weight 2, 0–10) and Motivación (weight 1, 0–5). */
export async function reviewedCall(ctx: TestContext, reviewers: number[], data: Record<string, unknown> = {}) {
  const call = await openCall(ctx, {
    reviewers,
    rubric: [
      { name: 'Trayectoria', weight: 2, scaleMax: 10 },
      { name: 'Motivación', weight: 1, scaleMax: 5 },
    ],
    ...data,
  })
  const [trayectoria, motivacion] = (call.rubric ?? []).map((c) => c.id!)
  return { call, criteria: { trayectoria, motivacion } }
}

/** A submitted application made below the API (the apply endpoint has its own tests). */
export async function submittedApplication(ctx: TestContext, callId: number, youthId: number, data: Record<string, unknown> = {}) {
  const created = await ctx.payload.create({
    collection: 'applications',
    data: { call: callId, youth: youthId, status: 'submitted', answers: [], ...data } as never,
  })
  const now = new Date()
  return ctx.payload.update({
    collection: 'applications',
    id: created.id,
    data: { folio: folioFor(created.id as number, now), submittedAt: now.toISOString() },
  })
}
