import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'

import { type DemoReport, seedDemo } from './demo'
import { PILLARS } from './pillars'

/** `demo`: what the demo content seed created, or null when content already existed. */
export type SeedReport = { pillarsCreated: number; admin?: { email: string; password?: string }; demo?: DemoReport | null }

/** Idempotent: creates only what is missing, so a second start changes nothing. */
export type SeedOptions = { adminEmail?: string; adminPassword?: string; demo?: boolean }

export async function seed(payload: Payload, opts: SeedOptions): Promise<SeedReport> {
  const report: SeedReport = { pillarsCreated: await seedPillars(payload) }
  const admin = await seedFirstAdmin(payload, opts)
  if (admin) report.admin = admin
  if (opts.demo) report.demo = await seedDemo(payload)
  return report
}

async function seedPillars(payload: Payload): Promise<number> {
  const { docs } = await payload.find({ collection: 'pillars', limit: 100, depth: 0, pagination: false })
  const existing = new Set(docs.map((doc) => doc.slug))
  let created = 0
  for (const [order, pillar] of PILLARS.entries()) {
    if (existing.has(pillar.slug)) continue
    await payload.create({ collection: 'pillars', data: { ...pillar, order: order + 1 } })
    created++
  }
  return created
}

async function seedFirstAdmin(
  payload: Payload,
  opts: { adminEmail?: string; adminPassword?: string },
): Promise<SeedReport['admin']> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return undefined
  const email = (opts.adminEmail || 'admin@viajejoven.local').toLowerCase()
  const generated = !opts.adminPassword
  const password = opts.adminPassword || randomBytes(12).toString('base64url')
  await payload.create({
    collection: 'users',
    data: { email, password, name: 'Administración', roles: ['admin'] },
  })
  return { email, password: generated ? password : undefined }
}
