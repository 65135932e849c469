/**
 * The staff per-course view in the admin (CourseRoster, a server component in the course's edit
 * view): the confirmed list and the waitlist in order for the course's staff only, the CSV link,
 * and coordinators bound to an organization seeing only its courses.
 */
import { createLocalReq, type Payload } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CourseRoster } from '../../collections/Enrollments/admin/CourseRoster'
import { Courses } from '../../collections/Courses'
import { paragraphs } from '../../seed/demo/rich-text'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, staffToken } from '../helpers/youth'
import { openCourse, youths } from './enrollment-fixtures'

describe('staff per-course view', () => {
  let ctx: TestContext
  const enrol = (courseId: number, token: string) => ctx.rest('POST', `/courses/${courseId}/enroll`, { token })

  async function staff(roles: string[], organization: number | null = null) {
    const user = await ctx.payload.create({
      collection: 'users',
      data: { email: `equipo.${Math.random().toString(36).slice(2)}@imju.gob.mx`, password: 'clave-del-equipo-larga', name: 'Equipo', roles, organization } as never,
    })
    return { ...user, collection: 'users' as const }
  }
  const organization = (name: string) => ctx.payload.create({ collection: 'organizations', data: { name: `${name} ${Date.now()}`, kind: 'municipal-agency' } as never })

  /** The component as the admin renders it for `user` on the course's edit view. */
  async function render(user: Record<string, unknown>, id: number | undefined) {
    const req = await createLocalReq({ user: user as never }, ctx.payload as Payload)
    return renderToStaticMarkup(await CourseRoster({ id, req } as never))
  }

  beforeAll(async () => {
    ctx = await setupPayload()
  })
  afterAll(() => ctx.close())

  it('shows the course’s staff the confirmed people, then the waitlist in order, with the CSV link', async () => {
    const org = await organization('Casa de la Juventud')
    const course = await openCourse(ctx, { capacity: 1, organization: org.id })
    const [ana, beto, carla] = await youths(ctx, 3, { birthDate: birthDayForAge(19), colonia: 'León I' })
    for (const youth of [ana, beto, carla]) await enrol(course.id, youth.token)

    for (const user of [await staff(['admin']), await staff(['coordinator'], org.id), await staff(['coordinator'])]) {
      const html = await render(user, course.id)
      expect(html).toContain('1 de 1 lugares confirmados · 2 en lista de espera')
      expect(html).toContain(`href="/api/enrollments/export/${course.id}" download="">Descargar CSV</a>`)
      const emails = [...html.matchAll(/mailto:([^"]+)/g)].map((m) => m[1])
      expect(emails).toEqual([ana.email, beto.email, carla.email])
      const [seats, line] = html.split('Lista de espera (en orden)')
      expect(seats).toContain('Confirmada')
      expect(seats).toContain('<td>19</td><td>León I</td>')
      expect(line.match(/<tr><td>(\d)<\/td>/g)).toEqual(['<tr><td>1</td>', '<tr><td>2</td>'])
      expect(html.match(/<button[^>]*>Quitar</g)).toHaveLength(3)
    }
  })

  it('shows nothing personal to editors, youths and other organizations’ coordinators', async () => {
    const ours = await organization('Universidad')
    const theirs = await organization('Empresa')
    const course = await openCourse(ctx, { organization: ours.id })
    const [youth] = await youths(ctx, 1)
    await enrol(course.id, youth.token)
    const youthUser = { ...(await ctx.payload.findByID({ collection: 'youth', id: youth.id })), collection: 'youth' }

    const cases: [Record<string, unknown>, string][] = [
      [await staff(['editor']), 'Solo la coordinación y la administración ven las listas de inscripción.'],
      [youthUser, 'Solo la coordinación y la administración ven las listas de inscripción.'],
      [await staff(['coordinator'], theirs.id), 'Este curso es de otra organización: solo su coordinación ve la lista.'],
    ]
    for (const [user, message] of cases) {
      const html = await render(user, course.id)
      expect(html).toContain(message)
      expect(html).not.toContain(youth.email)
    }
    expect(await render(await staff(['admin']), undefined)).toContain('Guarda el curso para ver aquí su lista de inscripción.')
  })

  it('the CSV of a self-paced course counts lessons done', async () => {
    const course = await openCourse(ctx, {
      selfPaced: true,
      estimatedHours: 2,
      sessions: [],
      lessons: ['Uno', 'Dos', 'Tres'].map((title) => ({ title, content: paragraphs([title]) })),
    })
    const [youth] = await youths(ctx, 1)
    await enrol(course.id, youth.token)
    const { id } = (await ctx.payload.find({ collection: 'enrollments', where: { youth: { equals: youth.id } }, depth: 0 })).docs[0]
    expect((await ctx.rest('POST', `/enrollments/${id}/lessons/1/complete`, { token: youth.token })).status).toBe(200)
    const csv = await (await ctx.rest('GET', `/enrollments/export/${course.id}`, { token: await staffToken(ctx, 'admin') })).text()
    expect(csv.trim().split('\r\n')[1]).toContain('"Confirmada","","1 de 3 lecciones","No"')
  })

  it('a coordinator bound to an organization lists only its courses in the admin', async () => {
    const ours = await organization('Instituto')
    const theirs = await organization('Otra')
    const mine = await openCourse(ctx, { organization: ours.id })
    const other = await openCourse(ctx, { organization: theirs.id })
    const filterFor = async (user: Record<string, unknown>) =>
      Courses.admin!.baseFilter!({ req: await createLocalReq({ user: user as never }, ctx.payload), limit: 10, page: 1, sort: '-createdAt' })

    const where = await filterFor(await staff(['coordinator'], ours.id))
    const listed = await ctx.payload.find({ collection: 'courses', where: where ?? {}, limit: 0, depth: 0 })
    expect(listed.docs.map((c) => c.id)).toContain(mine.id)
    expect(listed.docs.map((c) => c.id)).not.toContain(other.id)
    for (const user of [await staff(['admin']), await staff(['editor']), await staff(['coordinator'])]) expect(await filterFor(user)).toBeNull()
  })
})
