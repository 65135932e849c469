/**
 * The access-control table of the content model: every collection × operation × actor,
 * asserted through the REST handlers and checked against what is really in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { type Actor, ACTORS, createStaff, pdfBytes, pngBytes, STAFF_PASSWORD, tokensByActor, unique, useTemporaryDataDir } from './content/fixtures'

type Op = 'create' | 'read published' | 'read draft' | 'update' | 'delete'
type Slug = 'news' | 'courses' | 'calls' | 'organizations' | 'pillars' | 'media' | 'documents' | 'users'

const STAFF: Actor[] = ['editor', 'coordinator', 'reviewer', 'admin']
const EVERYONE: Actor[] = ACTORS
const EDITORS: Actor[] = ['editor', 'admin']
const COURSE_STAFF: Actor[] = ['editor', 'coordinator', 'admin']
const ADMIN: Actor[] = ['admin']

/** Who may do what. `null`: the collection has no drafts. */
const TABLE: Record<Slug, Record<Op, Actor[] | null>> = {
  news: { create: EDITORS, 'read published': EVERYONE, 'read draft': STAFF, update: EDITORS, delete: EDITORS },
  courses: { create: COURSE_STAFF, 'read published': EVERYONE, 'read draft': STAFF, update: COURSE_STAFF, delete: EDITORS },
  calls: { create: EDITORS, 'read published': EVERYONE, 'read draft': STAFF, update: EDITORS, delete: EDITORS },
  organizations: { create: EDITORS, 'read published': EVERYONE, 'read draft': null, update: EDITORS, delete: ADMIN },
  pillars: { create: ADMIN, 'read published': EVERYONE, 'read draft': null, update: EDITORS, delete: ADMIN },
  media: { create: COURSE_STAFF, 'read published': EVERYONE, 'read draft': null, update: COURSE_STAFF, delete: EDITORS },
  documents: { create: COURSE_STAFF, 'read published': EVERYONE, 'read draft': null, update: COURSE_STAFF, delete: EDITORS },
  users: { create: ADMIN, 'read published': STAFF, 'read draft': null, update: ADMIN, delete: ADMIN },
}

/** The field each collection's update changes, and a valid new document. */
const SAMPLES: Record<Slug, { field: string; data: () => Record<string, unknown> }> = {
  news: { field: 'title', data: () => ({ title: unique('Noticia') }) },
  courses: { field: 'title', data: () => ({ title: unique('Curso'), kind: 'course', modality: 'online', capacity: 10 }) },
  calls: { field: 'title', data: () => ({ title: unique('Convocatoria'), kind: 'contest' }) },
  organizations: { field: 'name', data: () => ({ name: unique('Organización'), kind: 'civil-society' }) },
  pillars: { field: 'name', data: () => ({ name: unique('Pilar'), slug: unique('pilar').replace(/\W+/g, '-'), order: 99 }) },
  media: { field: 'alt', data: () => ({ alt: unique('Foto de un taller') }) },
  documents: { field: 'title', data: () => ({ title: unique('Bases') }) },
  users: { field: 'name', data: () => ({ name: unique('Persona'), email: `${unique('p').replace(/\W+/g, '')}@imju.test`, password: STAFF_PASSWORD, roles: ['editor'] }) },
}

const DRAFTS: Slug[] = ['news', 'courses', 'calls']

describe('content access table', () => {
  let ctx: TestContext
  let tokens: Record<Actor, string | undefined>
  let png: Buffer

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    tokens = await tokensByActor(ctx)
    png = await pngBytes()
  })
  afterAll(() => ctx.close())

  const fileFor = (slug: Slug) =>
    slug === 'media'
      ? { data: png, mimetype: 'image/png', name: 'foto.png', size: png.length }
      : slug === 'documents'
        ? { data: pdfBytes(), mimetype: 'application/pdf', name: 'bases.pdf', size: pdfBytes().length }
        : undefined

  /** A document written as an admin would, published unless asked otherwise. */
  async function fixture(slug: Slug, status: 'published' | 'draft' = 'published') {
    const drafts = DRAFTS.includes(slug)
    const doc = await ctx.payload.create({
      collection: slug,
      data: { ...SAMPLES[slug].data(), ...(drafts ? { _status: status } : {}) } as never,
      draft: drafts && status === 'draft',
      file: fileFor(slug),
    } as never)
    return doc as unknown as { id: number } & Record<string, unknown>
  }

  function restCreate(slug: Slug, token: string | undefined) {
    const data = { ...SAMPLES[slug].data(), ...(DRAFTS.includes(slug) ? { _status: 'published' } : {}) }
    const file = fileFor(slug)
    if (!file) return ctx.rest('POST', `/${slug}`, { body: data, token })
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
    form.append('_payload', JSON.stringify(data))
    return ctx.rest('POST', `/${slug}`, { body: form, token })
  }

  const cells = (Object.keys(TABLE) as Slug[]).flatMap((slug) =>
    (Object.keys(TABLE[slug]) as Op[])
      .filter((op) => TABLE[slug][op] !== null)
      .flatMap((op) => ACTORS.map((actor) => ({ slug, op, actor, allowed: TABLE[slug][op]!.includes(actor) }))),
  )

  it.each(cells)('$slug · $op · $actor → allowed: $allowed', async ({ slug, op, actor, allowed }) => {
    const token = tokens[actor]
    const { field } = SAMPLES[slug]

    if (op === 'create') {
      const before = (await ctx.payload.count({ collection: slug })).totalDocs
      const response = await restCreate(slug, token)
      expect(response.status, await response.clone().text()).toBe(allowed ? 201 : 403)
      expect((await ctx.payload.count({ collection: slug })).totalDocs).toBe(before + (allowed ? 1 : 0))
      return
    }

    if (op === 'read published' || op === 'read draft') {
      const doc = await fixture(slug, op === 'read draft' ? 'draft' : 'published')
      const query = op === 'read draft' ? '?draft=true' : ''
      const response = await ctx.rest('GET', `/${slug}/${doc.id}${query}`, { token })
      if (allowed) {
        expect(response.status).toBe(200)
        expect((await response.json())[field]).toBe(doc[field])
      } else {
        expect([403, 404]).toContain(response.status)
        expect(JSON.stringify(await response.json())).not.toContain(String(doc[field]))
      }
      return
    }

    const doc = await fixture(slug)
    if (op === 'update') {
      const response = await ctx.rest('PATCH', `/${slug}/${doc.id}`, { body: { [field]: 'Cambiado por la prueba' }, token })
      expect([allowed ? 200 : 403, allowed ? 200 : 404]).toContain(response.status)
      const after = await ctx.payload.findByID({ collection: slug, id: doc.id, draft: true } as never)
      expect((after as unknown as Record<string, unknown>)[field]).toBe(allowed ? 'Cambiado por la prueba' : doc[field])
      return
    }

    const response = await ctx.rest('DELETE', `/${slug}/${doc.id}`, { token })
    expect([allowed ? 200 : 403, allowed ? 200 : 404]).toContain(response.status)
    const { totalDocs } = await ctx.payload.count({ collection: slug, where: { id: { equals: doc.id } } })
    expect(totalDocs).toBe(allowed ? 0 : 1)
  })

  it('a coordinator of an organization writes only that organization’s courses', async () => {
    const ours = await ctx.payload.create({ collection: 'organizations', data: { name: unique('Universidad'), kind: 'educational-institution' } })
    const theirs = await ctx.payload.create({ collection: 'organizations', data: { name: unique('Empresa'), kind: 'private-company' } })
    const { token } = await createStaff(ctx, 'coordinadora', ['coordinator'], { organization: ours.id })
    const course = (data: Record<string, unknown>) =>
      ctx.payload.create({ collection: 'courses', data: { ...SAMPLES.courses.data(), _status: 'published', ...data } as never })

    const own = await course({ organization: ours.id })
    const other = await course({ organization: theirs.id })
    expect((await ctx.rest('PATCH', `/courses/${own.id}`, { body: { title: 'Mío' }, token })).status).toBe(200)
    expect([403, 404]).toContain((await ctx.rest('PATCH', `/courses/${other.id}`, { body: { title: 'Ajeno' }, token })).status)
    expect((await ctx.payload.findByID({ collection: 'courses', id: other.id })).title).toBe(other.title)

    // Creating for another organization lands in the coordinator's own one.
    const created = await ctx.rest('POST', '/courses', { body: { ...SAMPLES.courses.data(), organization: theirs.id }, token })
    expect(created.status).toBe(201)
    const { doc } = await created.json()
    expect(typeof doc.organization === 'object' ? doc.organization.id : doc.organization).toBe(ours.id)
  })

  it('staff update their own account but not their roles', async () => {
    const editor = await createStaff(ctx, 'editora', ['editor'])
    const response = await ctx.rest('PATCH', `/users/${editor.id}`, { body: { name: 'Editora renombrada', roles: ['admin'] }, token: editor.token })
    expect(response.status).toBe(200)
    const user = await ctx.payload.findByID({ collection: 'users', id: editor.id })
    expect(user.name).toBe('Editora renombrada')
    expect(user.roles).toEqual(['editor'])
  })

  it('refuses a staff password shorter than 12 characters, naming the field', async () => {
    const response = await ctx.rest('POST', '/users', {
      body: { name: 'Corta', email: 'corta@imju.test', password: 'corta123', roles: ['editor'] },
      token: tokens.admin,
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.errors[0].data.errors).toEqual([
      expect.objectContaining({ path: 'password', message: expect.stringMatching(/al menos 12 caracteres/) }),
    ])
  })

  it('no stranger can lock a staff account: after 5 failed logins the owner still logs in (throttling: rate-limits.test.ts)', async () => {
    const email = 'bloqueo@imju.test'
    await ctx.payload.create({ collection: 'users', data: { name: 'Bloqueo', email, password: STAFF_PASSWORD, roles: ['editor'] } })
    for (let i = 0; i < 5; i++) {
      const wrong = await ctx.rest('POST', '/users/login', { body: { email, password: 'contraseña-equivocada' } })
      expect(wrong.status).toBe(401)
    }
    const right = await ctx.rest('POST', '/users/login', { body: { email, password: STAFF_PASSWORD } })
    expect(right.status).toBe(200)
  })
})
