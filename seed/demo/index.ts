/**
 * Demo content for a realistic León site: organizations, news, courses and calls across the six
 * pillars, with locally drawn images. Runs only on a database without content, in a few seconds.
 */
import type { Payload } from 'payload'

import { addDaysInMexicoCity, mexicoCityDateTime } from '../../lib/time'
import { PILLARS } from '../pillars'
import { DEMO_CALLS } from './calls'
import { DEMO_COURSES } from './courses'
import { organizationLogo, pillarCover } from './images'
import { DEMO_NEWS } from './news'
import { DEMO_ORGANIZATIONS } from './organizations'
import { paragraphs } from './rich-text'
import type { DemoSessions, PillarSlug } from './types'

export type DemoReport = { organizations: number; news: number; courses: number; calls: number; images: number }

const CONTENT = ['organizations', 'news', 'courses', 'calls'] as const

export async function seedDemo(payload: Payload, now = new Date()): Promise<DemoReport | null> {
  for (const collection of CONTENT) {
    if ((await payload.count({ collection })).totalDocs > 0) return null
  }
  const at = (days: number, time: string) => mexicoCityDateTime(addDaysInMexicoCity(now, days), time).toISOString()

  const { docs: pillarDocs } = await payload.find({ collection: 'pillars', limit: 20, depth: 0, pagination: false })
  const pillarId = new Map(pillarDocs.map((p) => [p.slug, p.id]))
  const ids = (slugs: PillarSlug[]) => slugs.map((slug) => pillarId.get(slug)).filter((id) => id !== undefined)

  const cover = new Map<string, number>()
  for (const pillar of PILLARS) {
    const doc = await payload.create({
      collection: 'media',
      data: { alt: `Portada del pilar ${pillar.name}` },
      file: await pillarCover(pillar.slug, pillar.name, pillar.color),
    })
    cover.set(pillar.slug, doc.id)
  }
  const coverFor = (slugs: PillarSlug[]) => cover.get(slugs[0])

  const organization = new Map<string, number>()
  for (const org of DEMO_ORGANIZATIONS) {
    const logo = await payload.create({
      collection: 'media',
      data: { alt: `Logotipo de ${org.name}` },
      file: await organizationLogo(org.key, org.initials, org.color),
    })
    const doc = await payload.create({
      collection: 'organizations',
      data: { name: org.name, kind: org.kind, description: org.description, website: org.website, logo: logo.id },
    })
    organization.set(org.key, doc.id)
  }

  for (const item of DEMO_NEWS) {
    await payload.create({
      collection: 'news',
      data: {
        _status: 'published',
        title: item.title,
        summary: item.summary,
        body: paragraphs(item.body),
        pillars: ids(item.pillars),
        organization: item.organization ? organization.get(item.organization) : undefined,
        cover: coverFor(item.pillars),
        publishedAt: at(-item.daysAgo, '10:00'),
      },
    })
  }

  const sessionsOf = (s: DemoSessions | undefined) =>
    s ? Array.from({ length: s.weekly ?? 1 }, (_, week) => ({ startsAt: at(s.inDays + 7 * week, s.from), endsAt: at(s.inDays + 7 * week, s.to) })) : []

  for (const course of DEMO_COURSES) {
    await payload.create({
      collection: 'courses',
      data: {
        _status: 'published',
        kind: course.kind,
        title: course.title,
        summary: course.summary,
        body: paragraphs(course.body),
        pillars: ids(course.pillars),
        organization: organization.get(course.organization),
        cover: coverFor(course.pillars),
        modality: course.modality,
        selfPaced: Boolean(course.lessons?.length),
        estimatedHours: course.lessons?.length,
        venue: course.venue,
        sessions: sessionsOf(course.sessions),
        capacity: course.capacity,
        enrollment: { opens: at(course.enrollment.opensInDays, '09:00'), closes: at(course.enrollment.closesInDays, '23:59') },
        ageRange: course.ageRange ?? { min: 12, max: 29 },
        cost: course.cost ?? 0,
        requirements: course.requirements,
        state: course.state ?? 'active',
        lessons: course.lessons?.map((lesson) => ({ title: lesson.title, content: paragraphs([lesson.text]), videoUrl: lesson.videoUrl })),
      },
    })
  }

  for (const call of DEMO_CALLS) {
    await payload.create({
      collection: 'calls',
      data: {
        _status: 'published',
        kind: call.kind,
        title: call.title,
        summary: call.summary,
        body: paragraphs(call.body),
        pillars: ids(call.pillars),
        organization: organization.get(call.organization),
        cover: coverFor(call.pillars),
        window: { opens: at(call.window.opensInDays, '09:00'), closes: at(call.window.closesInDays, '23:59') },
        eligibility: {
          ageRange: call.ageRange ?? { min: 12, max: 29 },
          mustLiveInMunicipality: true,
          otherRequirements: call.otherRequirements,
        },
        benefits: call.benefits,
        requiredDocuments: call.requiredDocuments,
        questions: call.questions as never,
        results: call.results ? paragraphs(call.results) : undefined,
      },
    })
  }

  return {
    organizations: DEMO_ORGANIZATIONS.length,
    news: DEMO_NEWS.length,
    courses: DEMO_COURSES.length,
    calls: DEMO_CALLS.length,
    images: PILLARS.length + DEMO_ORGANIZATIONS.length,
  }
}
