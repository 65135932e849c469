/**
 * The data of bench/journey.ts at León scale: 50,000 youths, 200,000 enrolments, 20,000
 * applications, 300 courses and 100 calls (half of each open now), 60 organizations. Programs go
 * through the Local API; youths, enrolments and applications are generated in SQL. Shared with
 * anything that profiles the same data (the impact queries' EXPLAIN ANALYZE).
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { seed } from '../seed'
import { signUp } from '../tests/helpers/youth'

export const JOURNEY_SCALE = { youths: 50_000, enrolments: 200_000, applications: 20_000, courses: 300, calls: 100, organizations: 60 }
const DAY = 86_400_000
type Db = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }

export async function generateJourneyScale(payload: Payload, log: (line: string) => void = () => {}, SCALE = JOURNEY_SCALE): Promise<{ youthIds: number[]; now: number }> {
  const db = (payload.db as unknown as { drizzle: Db }).drizzle
  await seed(payload, { adminPassword: 'contraseña-de-banco-de-pruebas' })
  const pillars = (await payload.find({ collection: 'pillars', limit: 10, depth: 0 })).docs.map((p) => p.id as number)
  const now = Date.now()
  let started = Date.now()

  const organizations: number[] = []
  for (let i = 0; i < SCALE.organizations; i++) {
    organizations.push((await payload.create({ collection: 'organizations', data: { name: `Organización ${i + 1}`, kind: 'municipal-agency' } as never })).id as number)
  }
  const windowFor = (i: number) =>
    i % 2 === 0
      ? { opens: new Date(now - 10 * DAY).toISOString(), closes: new Date(now + 20 * DAY + i * 60_000).toISOString() }
      : { opens: new Date(now - 400 * DAY + i * DAY).toISOString(), closes: new Date(now - 30 * DAY).toISOString() }
  const courses: number[] = []
  for (let i = 0; i < SCALE.courses; i++) {
    const doc = await payload.create({
      collection: 'courses',
      data: {
        _status: 'published', title: `Curso ${i + 1}`, kind: 'workshop', modality: 'online', capacity: 400 + (i % 5) * 100,
        pillars: [pillars[i % 6], pillars[(i * 7 + 3) % 6]].filter((v, k, a) => a.indexOf(v) === k),
        organization: organizations[i % organizations.length], enrollment: windowFor(i),
        ageRange: { min: i % 10 === 0 ? 18 : 12, max: 29 },
      } as never,
    })
    courses.push(doc.id as number)
  }
  const calls: number[] = []
  for (let i = 0; i < SCALE.calls; i++) {
    const doc = await payload.create({
      collection: 'calls',
      data: {
        _status: 'published', title: `Convocatoria ${i + 1}`, kind: 'scholarship', pillars: [pillars[(i * 5) % 6]],
        organization: organizations[(i * 3) % organizations.length], window: windowFor(i),
        eligibility: { ageRange: { min: 12, max: 29 }, mustLiveInMunicipality: i % 3 === 0 },
      } as never,
    })
    calls.push(doc.id as number)
  }
  log(`${courses.length} cursos, ${calls.length} convocatorias (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  // Youths: one through the Local API (valid row, password hash), the rest copies of it in SQL.
  started = Date.now()
  const template = await payload.create({ collection: 'youth', data: { ...signUp(), _verified: true, interests: [pillars[3]] } as never, disableVerificationEmail: true })
  const copied = (
    await db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'youth'
      AND column_name NOT IN ('id', 'email', 'curp', 'colonia', 'gender', 'birth_date', 'created_at', 'updated_at')`)
  ).rows.map((r) => `"${r.column_name}"`)
  const columns = sql.raw(copied.join(', '))
  await db.execute(sql`
    INSERT INTO youth (email, colonia, gender, birth_date, ${columns}, created_at, updated_at)
    SELECT 'joven' || g || '@banco.mx',
           (ARRAY['Centro','León I','Las Joyas','San Juan de Abajo','Valle de Señora','Jardines de Jerez','El Coecillo','Obregón'])[1 + g % 8] || CASE WHEN g % 50 = 0 THEN ' ' || (g % 400) ELSE '' END,
           (ARRAY['mujer','hombre','no-binario','prefiero-no-decir']::enum_youth_gender[])[1 + g % 4],
           now() - ((18 + g % 11) * 365 + g % 300) * interval '1 day', ${columns}, now(), now()
      FROM youth, generate_series(1, ${SCALE.youths - 1}) g WHERE youth.id = ${template.id}`)
  await db.execute(sql`INSERT INTO youth_rels ("order", parent_id, path, pillars_id)
    SELECT 1, y.id, 'interests', ${sql.raw(`(ARRAY[${pillars.join(',')}])`)}[1 + y.id % 6] FROM youth y WHERE y.id <> ${template.id}`)
  const youthIds = (await db.execute(sql`SELECT id FROM youth ORDER BY id`)).rows.map((r) => Number(r.id))
  log(`${youthIds.length} jóvenes (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  started = Date.now()
  const arr = (ids: number[]) => sql.raw(`(ARRAY[${ids.join(',')}])`)
  // Four distinct courses per youth (offsets 0, 77, 154, 231 of 300): the (course, youth) index holds.
  await db.execute(sql`
    INSERT INTO enrollments (course_id, youth_id, status, confirmed_at, completed_at, created_at, updated_at)
    SELECT ${arr(courses)}[1 + ((g % ${SCALE.youths}) * 31 + (g / ${SCALE.youths}) * 77) % ${SCALE.courses}],
           ${arr(youthIds)}[1 + g % ${SCALE.youths}],
           (CASE WHEN g % 10 = 0 THEN 'cancelled' WHEN g % 10 = 1 THEN 'waitlisted' ELSE 'confirmed' END)::enum_enrollments_status,
           CASE WHEN g % 10 > 1 THEN now() - (g % 365) * interval '1 day' END,
           CASE WHEN g % 10 > 5 THEN now() - (g % 300) * interval '1 day' END,
           now() - (g % 365) * interval '1 day', now()
      FROM generate_series(0, ${SCALE.enrolments - 1}) g`)
  await db.execute(sql`
    INSERT INTO applications (call_id, youth_id, status, submitted_at, created_at, updated_at)
    SELECT ${arr(calls)}[1 + g % ${SCALE.calls}], ${arr(youthIds)}[1 + (g * 3) % ${SCALE.youths}],
           (ARRAY['submitted','in-review','accepted','rejected','waitlisted']::enum_applications_status[])[1 + g % 5],
           now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day', now()
      FROM generate_series(0, ${SCALE.applications - 1}) g`)
  await db.execute(sql`ANALYZE`)
  log(`${SCALE.enrolments} inscripciones y ${SCALE.applications} postulaciones (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  return { youthIds, now }
}
