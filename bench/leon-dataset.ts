/**
 * "León scale" content for the site benchmarks: 2,000 news, 300 courses, 100 calls and 60
 * organizations, spread over the six pillars, all published, written through the Local API.
 */
import type { Payload } from 'payload'

import { seed } from '../seed'
import { paragraphs } from '../seed/demo/rich-text'

export const LEON_SCALE = { news: 2000, courses: 300, calls: 100, organizations: 60 }

const COLONIAS = ['Centro', 'León I', 'Las Joyas', 'San Juan de Abajo', 'Valle de Señora', 'Jardines de Jerez', 'El Coecillo', 'Obregón']
const day = 86_400_000

export async function generateLeonScale(payload: Payload, scale = LEON_SCALE, log: (line: string) => void = () => {}) {
  await seed(payload, { adminPassword: 'contraseña-de-banco-de-pruebas' })
  const pillars = (await payload.find({ collection: 'pillars', limit: 10, depth: 0 })).docs.map((p) => p.id)
  const pick = (i: number) => [pillars[i % pillars.length], pillars[(i * 7 + 3) % pillars.length]].filter((v, k, a) => a.indexOf(v) === k)
  const now = Date.now()

  const organizations: number[] = []
  for (let i = 0; i < scale.organizations; i++) {
    const kinds = ['municipal-agency', 'educational-institution', 'private-company', 'civil-society'] as const
    const doc = await payload.create({
      collection: 'organizations',
      data: { name: `Organización juvenil ${i + 1}`, kind: kinds[i % kinds.length], description: `Programas para jóvenes en ${COLONIAS[i % COLONIAS.length]}.` },
    })
    organizations.push(doc.id)
  }
  log(`${organizations.length} organizaciones`)

  for (let i = 0; i < scale.news; i++) {
    await payload.create({
      collection: 'news',
      data: {
        _status: 'published',
        title: `Noticia ${i + 1}: jóvenes de ${COLONIAS[i % COLONIAS.length]} impulsan un proyecto comunitario`,
        summary: 'Un resumen breve de la noticia para las tarjetas y los buscadores.',
        body: paragraphs([
          'Las y los jóvenes de la colonia se organizaron con el Instituto Municipal de la Juventud para mejorar su entorno.',
          'El proyecto incluye talleres, jornadas de limpieza y actividades culturales abiertas a toda la comunidad.',
        ]),
        pillars: pick(i),
        organization: organizations[i % organizations.length],
        publishedAt: new Date(now - (i % 700) * day).toISOString(),
      } as never,
    })
    if ((i + 1) % 500 === 0) log(`${i + 1} noticias`)
  }

  for (let i = 0; i < scale.courses; i++) {
    const starts = now + ((i % 60) - 20) * day
    await payload.create({
      collection: 'courses',
      data: {
        _status: 'published',
        kind: i % 2 ? 'workshop' : 'course',
        modality: i % 3 === 0 ? 'online' : 'in-person',
        title: `Curso ${i + 1} de habilidades para la vida`,
        summary: 'Un curso gratuito para jóvenes de 12 a 29 años.',
        body: paragraphs(['Aprende con personas expertas en grupos pequeños.']),
        pillars: pick(i),
        organization: organizations[i % organizations.length],
        venue: i % 3 === 0 ? undefined : { name: 'Casa de la Juventud', address: 'Blvd. López Mateos 1000', colonia: COLONIAS[i % COLONIAS.length] },
        sessions: [{ startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 2 * 3_600_000).toISOString() }],
        capacity: 20 + (i % 30),
        enrollment: { opens: new Date(starts - 30 * day).toISOString(), closes: new Date(starts - day).toISOString() },
      } as never,
    })
  }
  log(`${scale.courses} cursos`)

  for (let i = 0; i < scale.calls; i++) {
    const opens = now + ((i % 40) - 20) * day
    await payload.create({
      collection: 'calls',
      data: {
        _status: 'published',
        kind: 'scholarship',
        title: `Convocatoria ${i + 1}: becas y apoyos juveniles`,
        summary: 'Apoyos para estudiar, emprender o participar.',
        body: paragraphs(['Consulta las bases completas antes de postularte.']),
        pillars: pick(i),
        organization: organizations[i % organizations.length],
        window: { opens: new Date(opens).toISOString(), closes: new Date(opens + 30 * day).toISOString() },
      } as never,
    })
  }
  log(`${scale.calls} convocatorias`)
}
