/**
 * Public content for the site build tests, written with the Local API as staff would: published
 * items of every type, plus drafts and a youth account whose data must never reach the build.
 */
import type { Payload } from 'payload'
import sharp from 'sharp'

import { pdfBytes } from '../content/fixtures'

export const SECRET = {
  draftTitle: 'Borrador confidencial que nadie debe ver',
  youthEmail: 'joven.privada.sitio@correo.test',
  youthName: 'Ximena Privadísima',
}

export const paragraph = (text: string) => ({
  root: {
    type: 'root', format: '' as const, indent: 0, version: 1, direction: 'ltr' as const,
    children: [{
      type: 'paragraph', format: '', indent: 0, version: 1, direction: 'ltr', textFormat: 0,
      children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
    }],
  },
})

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

export async function seedSiteContent(payload: Payload) {
  const pillars = (await payload.find({ collection: 'pillars', sort: 'order', limit: 10 })).docs
  const health = pillars.find((p) => p.slug === 'salud-bienestar')!
  const jobs = pillars.find((p) => p.slug === 'empleo-emprendimiento')!

  const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#0e7490' } }).png().toBuffer()
  const cover = await payload.create({
    collection: 'media',
    data: { alt: 'Jóvenes en un taller de serigrafía' },
    file: { data: png, mimetype: 'image/png', name: 'taller.png', size: png.length },
  })
  const pdf = pdfBytes()
  const bases = await payload.create({
    collection: 'documents',
    data: { title: 'Bases de la beca' },
    file: { data: pdf, mimetype: 'application/pdf', name: 'bases.pdf', size: pdf.length },
  })
  const organization = await payload.create({
    collection: 'organizations',
    data: { name: 'Centro de Innovación Juvenil', kind: 'municipal-agency', description: 'Espacio municipal para proyectos de jóvenes.' },
  })

  const published = { _status: 'published' as const }
  const news = []
  for (let i = 1; i <= 13; i++) {
    news.push(
      await payload.create({
        collection: 'news',
        data: {
          ...published,
          title: `Noticia número ${i} del instituto`,
          summary: `Resumen de la noticia ${i}.`,
          body: paragraph(`Cuerpo de la noticia ${i} con <etiquetas> que deben escaparse.`),
          publishedAt: new Date(Date.now() - i * DAY).toISOString(),
          pillars: i === 1 ? [health.id] : [],
          cover: i === 1 ? cover.id : undefined,
          organization: i === 1 ? organization.id : undefined,
        },
      }),
    )
  }
  await payload.create({ collection: 'news', draft: true, data: { _status: 'draft', title: SECRET.draftTitle, summary: SECRET.draftTitle } })

  const course = await payload.create({
    collection: 'courses',
    data: {
      ...published,
      kind: 'workshop',
      state: 'active',
      modality: 'in-person',
      title: 'Taller de serigrafía',
      summary: 'Aprende a estampar tus propias playeras.',
      body: paragraph('Diez horas de práctica con materiales incluidos.'),
      pillars: [jobs.id],
      organization: organization.id,
      cover: cover.id,
      capacity: 15,
      cost: 0,
      requirements: 'Traer una playera de algodón.',
      venue: { name: 'Casa de la Juventud', address: 'Blvd. Adolfo López Mateos 123', colonia: 'Centro', lat: 21.1221, lng: -101.6826 },
      // 00:00 UTC on 10 March 2030 is 18:00 on Saturday 9 March in León (UTC-6, no daylight saving).
      sessions: [{ startsAt: '2030-03-10T00:00:00.000Z', endsAt: '2030-03-10T02:00:00.000Z' }],
    },
  })
  const onlineCourse = await payload.create({
    collection: 'courses',
    data: { ...published, state: 'active', kind: 'course', modality: 'online', title: 'Curso en línea de finanzas personales', capacity: 100, cost: 150 },
  })
  await payload.create({
    collection: 'courses',
    draft: true,
    data: { _status: 'draft', kind: 'course', modality: 'online', title: `${SECRET.draftTitle} curso`, capacity: 5 },
  })

  const openCall = await payload.create({
    collection: 'calls',
    data: {
      ...published,
      kind: 'scholarship',
      title: 'Beca de transporte 2026',
      summary: 'Apoyo mensual para tu transporte a la escuela.',
      window: { opens: inDays(-2), closes: inDays(10) },
      eligibility: { ageRange: { min: 15, max: 24 }, mustLiveInMunicipality: true, otherRequirements: 'Estar inscrito en una escuela.' },
      benefits: 'Tarjeta con saldo para el transporte.',
      requiredDocuments: [{ name: 'Comprobante de estudios', required: true }],
      basesDocument: bases.id,
      pillars: [health.id],
    },
  })
  const closedCall = await payload.create({
    collection: 'calls',
    data: {
      ...published,
      kind: 'contest',
      title: 'Concurso de cortometraje',
      window: { opens: inDays(-40), closes: inDays(-10) },
      results: paragraph('Primer lugar: «La calle nos cuenta».'),
    },
  })
  const upcomingCall = await payload.create({
    collection: 'calls',
    data: { ...published, kind: 'volunteering', title: 'Voluntariado de verano', window: { opens: inDays(20), closes: inDays(40) } },
  })
  await payload.create({ collection: 'calls', draft: true, data: { _status: 'draft', kind: 'other', title: `${SECRET.draftTitle} convocatoria` } })

  let youth = false
  if (payload.collections.youth) {
    await payload.create({
      collection: 'youth' as never,
      data: {
        email: SECRET.youthEmail,
        password: 'Una-contraseña-segura-123',
        givenNames: 'Ximena',
        surnames: 'Privadísima',
        birthDate: '2004-05-06T12:00:00.000Z',
        colonia: 'Centro',
        privacy: { version: '1' },
      } as never,
    })
    youth = true
  }

  return { news, course, onlineCourse, openCall, closedCall, upcomingCall, organization, pillars, youth }
}
