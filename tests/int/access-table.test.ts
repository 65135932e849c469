/**
 * The access-control table for people's data and every custom endpoint: anonymous, two different
 * youths (Ana owns the record under test, Beto does not) and every staff role, each cell asserted
 * through the REST handlers and checked against the database. The content collections (news,
 * courses, calls, organizations, pillars, media, documents, users) have their table in
 * content-access.test.ts; to them both youths are simply the public.
 */
import { createHmac } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { linkIn, useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { birthDayForAge, login, signUp, verifiedYouth } from '../helpers/youth'
import { applyForm, openCall, requiredFiles, validAnswers } from './applications-fixtures'
import { createStaff, useTemporaryDataDir } from './content/fixtures'
import { openCourse, openDrawCourse } from './enrollment-fixtures'

const outbox = useOutbox()

const ACTORS = ['anonymous', 'ana', 'beto', 'editor', 'coordinator', 'reviewer', 'admin'] as const
type Actor = (typeof ACTORS)[number]
const ALL: Actor[] = [...ACTORS]
const YOUTHS: Actor[] = ['ana', 'beto']

/** A record belonging to `owner` (Ana's token for the `ana` column). */
type Fixture = { id: number; ownerToken: string; key?: string }
type Op = 'read' | 'create' | 'update' | 'delete'
type Slug =
  | 'youth'
  | 'arco-requests'
  | 'enrollments'
  | 'draw-requests'
  | 'course-draws'
  | 'applications'
  | 'application-documents'
  | 'reviews'
  | 'site-builds'
  | 'payload-locked-documents'
  | 'payload-preferences'
  | 'payload-jobs'
  | 'payload-migrations'
const STAFF: Actor[] = ['editor', 'coordinator', 'reviewer', 'admin']

describe('access table: people’s data and custom endpoints', () => {
  let ctx: TestContext
  const tokens = {} as Record<Actor, string | undefined>
  let ana: Awaited<ReturnType<typeof verifiedYouth>>
  let reviewerId: number
  let adminId: number
  let betoId: number

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    ana = await verifiedYouth(ctx)
    tokens.ana = ana.token
    const beto = await verifiedYouth(ctx)
    tokens.beto = beto.token
    betoId = beto.id
    for (const role of ['editor', 'coordinator', 'reviewer', 'admin'] as const) {
      const staff = await createStaff(ctx, role, [role])
      tokens[role] = staff.token
      if (role === 'reviewer') reviewerId = staff.id
      if (role === 'admin') adminId = staff.id
    }
  })
  afterAll(async () => {
    await ctx.close()
    outbox.cleanup()
  })

  const tokenFor = (actor: Actor, fixture?: Fixture) => (actor === 'ana' && fixture ? fixture.ownerToken : tokens[actor])
  const ok = (response: Response) => response.status >= 200 && response.status < 300

  // ---- fixtures: records of Ana's, made as the platform makes them ---------------------------

  async function enrolledCourse() {
    const course = await openCourse(ctx)
    const response = await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: ana.token })
    expect(response.status).toBe(201)
    const enrollment = (await ctx.payload.find({ collection: 'enrollments', where: { course: { equals: course.id } }, depth: 0 })).docs[0]
    return { course, enrollment }
  }

  async function submittedApplication() {
    // Assigned to the reviewer: reviewers see the calls they are assigned to (and admins all).
    const call = await openCall(ctx, { reviewers: [reviewerId] })
    const form = applyForm({ answers: validAnswers(call), submit: true }, await requiredFiles(call))
    expect((await ctx.rest('POST', `/calls/${call.id}/apply`, { body: form, token: ana.token })).status).toBe(201)
    const application = (await ctx.payload.find({ collection: 'applications', where: { call: { equals: call.id } }, depth: 0 })).docs[0]
    return { call, application }
  }

  async function freshYouth(overrides: Record<string, unknown> = {}) {
    const data = signUp(overrides)
    const response = await ctx.rest('POST', '/youth', { body: data })
    expect(response.status).toBe(201)
    const { doc } = await response.json()
    return { id: doc.id as number, email: String(data.email), token: await login(ctx, 'youth', String(data.email), String(data.password)) }
  }

  // ---- collections --------------------------------------------------------------------------

  type Row = Record<Op, Actor[]> & {
    fixture: () => Promise<Fixture>
    create: Actor[]
    createBody: () => Promise<Record<string, unknown>>
    change: { field: string; value: unknown; read?: (doc: Record<string, unknown>) => unknown }
    /** Payload declares no REST route for it: every request is a 404. */
    noRest?: true
    /** Its single-record routes go by key (`/payload-preferences/:key`, each account's own): reads are checked through the list. */
    byKey?: true
  }

  const TABLE: Record<Slug, Row> = {
    youth: {
      // The record is a fresh account; its own token is the `ana` column.
      fixture: async () => {
        const youth = await freshYouth()
        return { id: youth.id, ownerToken: youth.token }
      },
      // A coordinator or reviewer reaches a youth only through their own courses or calls (see below);
      // this fresh account is in none.
      read: ['ana', 'admin'],
      create: ALL, // signing up is public
      update: ['ana', 'admin'],
      delete: ['admin'],
      createBody: async () => signUp(),
      change: { field: 'colonia', value: 'Cambiada por la prueba' },
    },
    'arco-requests': {
      fixture: async () => {
        const doc = await ctx.payload.create({ collection: 'arco-requests', data: { kind: 'acceso', text: 'Quiero ver mis datos.', youth: ana.id } as never })
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: ['ana', 'admin'],
      create: ['ana', 'beto', 'admin'],
      update: ['admin'],
      delete: ['admin'],
      createBody: async () => ({ kind: 'acceso', text: 'Quiero saber qué datos tienen de mí.' }),
      change: { field: 'response', value: 'Respondida por la prueba' },
    },
    enrollments: {
      fixture: async () => ({ id: (await enrolledCourse()).enrollment.id as number, ownerToken: ana.token }),
      read: ['ana', 'coordinator', 'admin'],
      create: [], // only POST /api/courses/:id/enroll creates them
      update: ['coordinator', 'admin'],
      delete: ['admin'],
      createBody: async () => ({ course: (await openCourse(ctx)).id, youth: ana.id, status: 'confirmed' }),
      change: {
        field: 'attendance',
        value: [{ sessionStartsAt: new Date().toISOString(), present: true }],
        read: (doc) => (doc.attendance as unknown[] | undefined)?.length ?? 0,
      },
    },
    // Written only by «Solicitar lugar», its withdrawal and the draw itself (collections/DrawRequests).
    'draw-requests': {
      fixture: async () => {
        const course = await openDrawCourse(ctx)
        expect((await ctx.rest('POST', `/courses/${course.id}/draw-request`, { token: ana.token })).status).toBe(201)
        const doc = (await ctx.payload.find({ collection: 'draw-requests', where: { course: { equals: course.id } }, depth: 0 })).docs[0]
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: ['ana', 'coordinator', 'admin'],
      create: [],
      update: [],
      delete: ['admin'],
      createBody: async () => ({ course: (await openDrawCourse(ctx)).id, youth: ana.id, folio: 'S-FALS-O000', status: 'confirmed' }),
      change: { field: 'status', value: 'confirmed' },
    },
    // A draw's secret and result: staff read it (the secret field never); nobody writes it through the API.
    'course-draws': {
      fixture: async () => {
        const course = await openDrawCourse(ctx)
        const doc = (await ctx.payload.find({ collection: 'course-draws', where: { course: { equals: course.id } }, depth: 0 })).docs[0]
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: STAFF,
      create: [],
      update: [],
      delete: [],
      createBody: async () => ({ course: (await openCourse(ctx)).id, commitment: '0'.repeat(64), secret: '0'.repeat(64) }),
      change: { field: 'commitment', value: 'f'.repeat(64) },
    },
    applications: {
      fixture: async () => ({ id: (await submittedApplication()).application.id as number, ownerToken: ana.token }),
      read: ['ana', 'reviewer', 'admin'],
      create: [], // only POST /api/calls/:id/apply creates them
      update: ['reviewer', 'admin'],
      delete: ['admin'],
      createBody: async () => ({ call: (await openCall(ctx)).id, youth: ana.id, status: 'accepted' }),
      change: { field: 'status', value: 'in-review' },
    },
    'application-documents': {
      fixture: async () => {
        const { application } = await submittedApplication()
        const docs = application.documents as ({ id: number } | number)[]
        const first = docs[0]
        return { id: typeof first === 'object' ? first.id : first, ownerToken: ana.token }
      },
      read: ['ana', 'reviewer', 'admin'],
      create: [],
      update: [],
      delete: ['admin'],
      createBody: async () => ({ requirement: 'Identificación', youth: ana.id }),
      change: { field: 'requirement', value: 'Cambiado' },
    },
    reviews: {
      // A draft review by the reviewer assigned to the call of Ana's application; youths never see one.
      fixture: async () => {
        const response = await ctx.rest('POST', '/reviews', { body: { application: (await submittedApplication()).application.id, status: 'draft' }, token: tokens.reviewer })
        expect(response.status, await response.clone().text()).toBe(201)
        return { id: (await response.json()).doc.id as number, ownerToken: ana.token }
      },
      read: ['reviewer', 'admin'],
      create: ['reviewer', 'admin'],
      update: ['reviewer', 'admin'],
      delete: ['admin'],
      createBody: async () => ({ application: (await submittedApplication()).application.id, status: 'draft' }),
      change: { field: 'comment', value: 'Comentario de la prueba' },
    },
    'site-builds': {
      fixture: async () => {
        const doc = await ctx.payload.create({ collection: 'site-builds', data: { label: 'Prueba', result: 'success' } as never })
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: ['editor', 'coordinator', 'reviewer', 'admin'],
      create: [],
      update: [],
      delete: ['admin'],
      createBody: async () => ({ label: 'Falsa', result: 'success' }),
      change: { field: 'label', value: 'Cambiada' },
    },
    // ---- Payload's own collections (features/payload-owned.ts): Payload's default lets any logged-in account in.
    // An admin's edit lock: nobody outside the staff can plant, read or lift one.
    'payload-locked-documents': {
      fixture: async () => {
        const doc = await ctx.payload.create({ collection: 'payload-locked-documents', data: { globalSlug: 'privacy-notice', user: { relationTo: 'users', value: adminId } } as never })
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: STAFF,
      create: STAFF,
      update: STAFF,
      delete: STAFF,
      createBody: async () => ({ globalSlug: 'privacy-notice', user: { relationTo: 'users', value: adminId } }),
      change: { field: 'globalSlug', value: 'otro-global' },
    },
    // The admin's screen settings of one staff account (here the admin's): only that account reaches them.
    'payload-preferences': {
      fixture: async () => {
        const key = `prueba-${Math.random().toString(36).slice(2, 8)}`
        const response = await ctx.rest('POST', `/payload-preferences/${key}`, { body: { value: { abierto: true } }, token: tokens.admin })
        expect(response.status, await response.clone().text()).toBe(200)
        return { id: (await response.json()).doc.id as number, ownerToken: ana.token, key }
      },
      byKey: true,
      read: ['admin'],
      create: STAFF,
      update: ['admin'],
      delete: ['admin'],
      createBody: async () => ({ key: `prueba-${Math.random().toString(36).slice(2, 8)}`, value: { abierto: false } }),
      change: { field: 'value', value: { cambiado: true }, read: (doc) => JSON.stringify(doc.value) },
    },
    // Jobs are queued and run through the jobs routes (below); their rows only admins read.
    'payload-jobs': {
      fixture: async () => {
        const job = await ctx.payload.jobs.queue({ task: 'enrollmentEmail' as never, input: { enrollment: 0, kind: 'confirmed' } as never, queue: 'prueba-de-acceso' })
        return { id: (job as { id: number }).id, ownerToken: ana.token }
      },
      read: ['admin'],
      create: [],
      update: [],
      delete: [],
      createBody: async () => ({ taskSlug: 'enrollmentEmail', input: { enrollment: 0, kind: 'confirmed' } }),
      change: { field: 'queue', value: 'otra-cola' },
    },
    // No REST route at all (Payload declares none); the Local API reads it for an admin only.
    'payload-migrations': {
      fixture: async () => {
        const doc = await ctx.payload.create({ collection: 'payload-migrations', data: { name: `prueba-${Date.now()}`, batch: 999 } })
        return { id: doc.id as number, ownerToken: ana.token }
      },
      read: [],
      create: [],
      update: [],
      delete: [],
      createBody: async () => ({ name: 'falsa', batch: 1000 }),
      change: { field: 'batch', value: 1001 },
      noRest: true,
    },
  }

  const stored = (slug: Slug, id: number) =>
    ctx.payload.findByID({ collection: slug, id, depth: 0, disableErrors: true, overrideAccess: true } as never) as unknown as Promise<Record<string, unknown> | null>

  const collectionCells = (Object.keys(TABLE) as Slug[]).flatMap((slug) =>
    (['read', 'create', 'update', 'delete'] as Op[]).flatMap((op) => ACTORS.map((actor) => ({ slug, op, actor, allowed: TABLE[slug][op].includes(actor) }))),
  )

  it.each(collectionCells)('$slug · $op · $actor → allowed: $allowed', async ({ slug, op, actor, allowed }) => {
    const row = TABLE[slug]

    if (op === 'create') {
      const before = (await ctx.payload.count({ collection: slug })).totalDocs
      const response = await ctx.rest('POST', `/${slug}`, { body: await row.createBody(), token: tokens[actor] })
      const refused = row.noRest ? [404] : actor === 'anonymous' ? [401, 403] : [403]
      if (allowed) expect(response.status, await response.clone().text()).toBe(201)
      else expect(refused, await response.clone().text()).toContain(response.status)
      expect((await ctx.payload.count({ collection: slug })).totalDocs).toBe(before + (allowed ? 1 : 0))
      return
    }

    const fixture = await row.fixture()
    const token = tokenFor(actor, fixture)
    if (op === 'read') {
      if (!row.byKey) {
        const one = await ctx.rest('GET', `/${slug}/${fixture.id}`, { token })
        if (allowed) expect(one.status).toBe(200)
        else expect([401, 403, 404]).toContain(one.status)
      }
      const list = await ctx.rest('GET', `/${slug}?limit=100&depth=0&where[id][equals]=${fixture.id}`, { token })
      const ids = ok(list) ? ((await list.json()).docs as { id: number }[]).map((doc) => doc.id) : []
      expect(ids).toEqual(allowed ? [fixture.id] : [])
      return
    }

    if (op === 'update') {
      const before = await stored(slug, fixture.id)
      const response = await ctx.rest('PATCH', `/${slug}/${fixture.id}`, { body: { [row.change.field]: row.change.value }, token })
      const after = await stored(slug, fixture.id)
      const read = row.change.read ?? ((doc: Record<string, unknown>) => doc[row.change.field])
      if (allowed) {
        expect(response.status, await response.clone().text()).toBe(200)
        expect(read(after!)).not.toEqual(read(before!))
      } else {
        expect([401, 403, 404]).toContain(response.status)
        expect(read(after!)).toEqual(read(before!))
      }
      return
    }

    const response = await ctx.rest('DELETE', `/${slug}/${row.byKey ? fixture.key : fixture.id}`, { token })
    if (allowed) expect(response.status).toBe(200)
    else expect([401, 403, 404]).toContain(response.status)
    expect(await stored(slug, fixture.id)).toEqual(allowed ? null : expect.objectContaining({ id: fixture.id }))
  })

  it('lists every collection of the config in one of the two tables', () => {
    const content = ['users', 'pillars', 'news', 'courses', 'calls', 'organizations', 'media', 'documents']
    const internal = ['payload-kv']
    const slugs = ctx.payload.config.collections.map((c) => c.slug)
    expect(slugs.filter((slug) => !content.includes(slug) && !internal.includes(slug) && !(slug in TABLE))).toEqual([])
  })

  it.each(['payload-jobs', 'payload-locked-documents', 'payload-preferences', 'payload-migrations', 'payload-kv'])(
    'Payload’s own %s: nothing listed to anonymous visitors or youths',
    async (slug) => {
      if (!ctx.payload.config.collections.some((c) => c.slug === slug)) return
      await ctx.payload.jobs.queue({ task: 'enrollmentEmail' as never, input: { enrollment: 0, kind: 'confirmed' } as never })
      for (const actor of ['anonymous', 'ana'] as const) {
        const response = await ctx.rest('GET', `/${slug}?limit=5`, { token: tokens[actor] })
        const docs = ok(response) ? (await response.json()).docs : []
        expect({ actor, status: response.status, docs: docs.length }).toEqual({ actor, status: response.status, docs: 0 })
      }
    },
  )

  // ---- custom endpoints --------------------------------------------------------------------

  type EndpointRow = {
    method: 'GET' | 'POST' | 'DELETE'
    /** The request for one cell, on fresh state where the endpoint consumes it. */
    request: () => Promise<{ path: string; body?: unknown }>
    allowed: Actor[]
    /** The answer an allowed caller gets (access passed; a business rule may still say no). */
    okStatus: number[]
    /** When access passes but a business rule answers with a "denied-looking" status, the message that tells them apart. */
    okMessage?: RegExp
    /** Payload's own endpoint: its refusal is Payload's `{ message }`, not our Spanish error shape. */
    payloadOwn?: boolean
  }

  async function guardianLinkToken() {
    const guardian = `tutora.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@ejemplo.mx`
    await freshYouth({ birthDate: birthDayForAge(15), guardian: { name: 'Rosa Pérez', email: guardian } })
    return linkIn(outbox.latestTo(guardian), '/cuenta/tutor').searchParams.get('token')!
  }
  async function certificateCode() {
    const { enrollment } = await enrolledCourse()
    await ctx.payload.update({ collection: 'enrollments', id: enrollment.id, data: { completedAt: new Date().toISOString() } })
    return String((await ctx.payload.findByID({ collection: 'enrollments', id: enrollment.id, depth: 0 })).certificateCode)
  }

  const ENDPOINTS: Record<string, EndpointRow> = {
    // What each collection allows the caller: it maps the admin's permissions, of no use to the public.
    'GET /access': { method: 'GET', request: async () => ({ path: '/access' }), allowed: STAFF, okStatus: [200] },
    // A staff account's own admin settings, by key; youths and visitors have none (features/payload-owned.ts).
    'GET /payload-preferences/:key': { method: 'GET', request: async () => ({ path: '/payload-preferences/nav' }), allowed: STAFF, okStatus: [200] },
    'POST /payload-preferences/:key': {
      method: 'POST',
      request: async () => ({ path: '/payload-preferences/nav', body: { value: { abierto: true } } }),
      allowed: STAFF,
      okStatus: [200],
    },
    'DELETE /payload-preferences/:key': { method: 'DELETE', request: async () => ({ path: '/payload-preferences/nav' }), allowed: STAFF, okStatus: [200, 404] },
    // The job queue runs emails and site builds: over REST only an admin may run it (payload.config.ts jobs.access).
    'GET /payload-jobs/run': { method: 'GET', request: async () => ({ path: '/payload-jobs/run?limit=1&queue=nada' }), allowed: ['admin'], okStatus: [200], payloadOwn: true },
    'GET /payload-jobs/handle-schedules': {
      method: 'GET',
      request: async () => ({ path: '/payload-jobs/handle-schedules?queue=nada' }),
      allowed: ['admin'],
      okStatus: [200],
      payloadOwn: true,
    },
    // Payload's file route for the private documents: the collection's read access decides.
    'GET /application-documents/file/:filename': {
      method: 'GET',
      request: async () => {
        const { application } = await submittedApplication()
        const first = (application.documents as ({ id: number } | number)[])[0]
        const doc = await ctx.payload.findByID({ collection: 'application-documents', id: typeof first === 'object' ? first.id : first, depth: 0 })
        return { path: `/application-documents/file/${doc.filename}` }
      },
      allowed: ['ana', 'reviewer', 'admin'],
      okStatus: [200],
      payloadOwn: true,
    },
    'GET /calls/:id/ranking': {
      method: 'GET',
      request: async () => ({ path: `/calls/${(await submittedApplication()).call.id}/ranking` }),
      allowed: ['reviewer', 'admin'], // reviewers assigned to the call
      okStatus: [200],
    },
    'GET /calls/:id/applications.csv': {
      method: 'GET',
      request: async () => ({ path: `/calls/${(await submittedApplication()).call.id}/applications.csv` }),
      allowed: ['reviewer', 'admin'],
      okStatus: [200],
    },
    'POST /calls/:id/publish-results': {
      method: 'POST',
      request: async () => ({ path: `/calls/${(await submittedApplication()).call.id}/publish-results` }),
      allowed: ['editor', 'admin'],
      okStatus: [200],
    },
    // Nothing was asked of Ana: past the access check she hears "no pending request".
    'POST /applications/:id/reply': {
      method: 'POST',
      request: async () => ({ path: `/applications/${(await submittedApplication()).application.id}/reply`, body: { text: 'Aquí está lo que faltaba.' } }),
      allowed: ['ana'],
      okStatus: [409],
    },
    // A course without online lessons: Ana (enrolled) hears so; anyone else cannot reach her enrolment.
    ...Object.fromEntries(
      (
        [
          ['GET /enrollments/:id/lessons', 'GET', ''],
          ['GET /enrollments/:id/lessons/:n', 'GET', '/1'],
          ['POST /enrollments/:id/lessons/:n/complete', 'POST', '/1/complete'],
        ] as const
      ).map(([name, method, suffix]) => [
        name,
        {
          method,
          request: async () => ({ path: `/enrollments/${(await enrolledCourse()).enrollment.id}/lessons${suffix}` }),
          allowed: ['ana'] as Actor[],
          okStatus: [404],
          okMessage: /no tiene lecciones en línea/,
        },
      ]),
    ),
    // The signed link in the weekly digest is the credential (lib/journey/digest.ts): whoever holds it.
    ...Object.fromEntries(
      (['GET', 'POST'] as const).map((method) => [
        `${method} /youth/digest/unsubscribe`,
        {
          method,
          request: async () => {
            const t = createHmac('sha256', ctx.payload.secret).update(`digest-unsubscribe:${ana.id}`).digest('base64url')
            return { path: `/youth/digest/unsubscribe?u=${ana.id}&t=${t}` }
          },
          allowed: ALL,
          okStatus: [200],
        },
      ]),
    ),
    'GET /youth/me/journey': { method: 'GET', request: async () => ({ path: '/youth/me/journey' }), allowed: YOUTHS, okStatus: [200] },
    'GET /youth/me/recommendations': { method: 'GET', request: async () => ({ path: '/youth/me/recommendations' }), allowed: YOUTHS, okStatus: [200] },
    'GET /youth/me/opportunities': { method: 'GET', request: async () => ({ path: '/youth/me/opportunities' }), allowed: YOUTHS, okStatus: [200] },
    'GET /impact': { method: 'GET', request: async () => ({ path: '/impact' }), allowed: ['editor', 'coordinator', 'admin'], okStatus: [200] },
    'GET /health': { method: 'GET', request: async () => ({ path: '/health' }), allowed: ALL, okStatus: [200, 503] },
    'GET /courses/:id/availability': {
      method: 'GET',
      request: async () => ({ path: `/courses/${(await openCourse(ctx)).id}/availability` }),
      allowed: ALL,
      okStatus: [200],
    },
    // Staff enrol someone by naming them: admins and coordinators (Beto here, once per fresh course).
    'POST /courses/:id/enroll': {
      method: 'POST',
      request: async () => ({ path: `/courses/${(await openCourse(ctx)).id}/enroll`, body: { youth: betoId } }),
      allowed: ['ana', 'beto', 'coordinator', 'admin'],
      okStatus: [201],
    },
    // «Solicitar lugar» in a course «Por sorteo»: a youth for themself only (collections/DrawRequests/endpoints.ts).
    'POST /courses/:id/draw-request': {
      method: 'POST',
      request: async () => ({ path: `/courses/${(await openDrawCourse(ctx)).id}/draw-request` }),
      allowed: YOUTHS,
      okStatus: [201],
    },
    // No request in this fresh course: past the access check the youth hears so.
    'POST /courses/:id/draw-request/withdraw': {
      method: 'POST',
      request: async () => ({ path: `/courses/${(await openDrawCourse(ctx)).id}/draw-request/withdraw` }),
      allowed: YOUTHS,
      okStatus: [404],
      okMessage: /No tienes una solicitud activa/,
    },
    // The draw's public facts: window, time, commitment, and after the draw its result (folios only).
    'GET /courses/:id/draw': { method: 'GET', request: async () => ({ path: `/courses/${(await openDrawCourse(ctx)).id}/draw` }), allowed: ALL, okStatus: [200] },
    'POST /enrollments/:id/cancel': {
      method: 'POST',
      request: async () => ({ path: `/enrollments/${(await enrolledCourse()).enrollment.id}/cancel` }),
      allowed: ['ana', 'coordinator', 'admin'],
      okStatus: [200],
    },
    'GET /enrollments/certificate/:code': { method: 'GET', request: async () => ({ path: `/enrollments/certificate/${await certificateCode()}` }), allowed: ALL, okStatus: [200] },
    'GET /enrollments/certificate/:code/pdf': {
      method: 'GET',
      request: async () => ({ path: `/enrollments/certificate/${await certificateCode()}/pdf` }),
      allowed: ALL,
      okStatus: [200],
    },
    'GET /enrollments/export/:course': {
      method: 'GET',
      request: async () => ({ path: `/enrollments/export/${(await enrolledCourse()).course.id}` }),
      allowed: ['coordinator', 'admin'],
      okStatus: [200],
    },
    'POST /calls/:id/apply': {
      method: 'POST',
      request: async () => {
        const call = await openCall(ctx)
        return { path: `/calls/${call.id}/apply`, body: applyForm({ answers: validAnswers(call), submit: true }, await requiredFiles(call)) }
      },
      allowed: YOUTHS,
      okStatus: [201],
    },
    'POST /applications/:id/withdraw': {
      method: 'POST',
      request: async () => ({ path: `/applications/${(await submittedApplication()).application.id}/withdraw` }),
      allowed: ['ana'],
      okStatus: [200],
    },
    'GET /youth/guardian-consent': {
      method: 'GET',
      request: async () => ({ path: `/youth/guardian-consent?token=${encodeURIComponent(await guardianLinkToken())}` }),
      allowed: ALL, // the emailed token is the credential
      okStatus: [200],
    },
    'POST /youth/guardian-consent': { method: 'POST', request: async () => ({ path: '/youth/guardian-consent', body: { token: await guardianLinkToken() } }), allowed: ALL, okStatus: [200] },
    'POST /youth/verify-email': {
      method: 'POST',
      request: async () => {
        const youth = await freshYouth()
        return { path: '/youth/verify-email', body: { token: linkIn(outbox.latestTo(youth.email), '/cuenta/verificar').searchParams.get('token') } }
      },
      allowed: ALL,
      okStatus: [200],
    },
    // Both youths are verified adults: past the login check they hear "nothing to resend".
    'POST /youth/resend-verification': { method: 'POST', request: async () => ({ path: '/youth/resend-verification' }), allowed: YOUTHS, okStatus: [409] },
    'POST /youth/resend-guardian-link': { method: 'POST', request: async () => ({ path: '/youth/resend-guardian-link' }), allowed: YOUTHS, okStatus: [409] },
    'GET /youth/me/export': { method: 'GET', request: async () => ({ path: '/youth/me/export' }), allowed: YOUTHS, okStatus: [200] },
    // Without the typed confirmation nothing is deleted: the cell proves who gets past the login check.
    'POST /youth/me/delete': { method: 'POST', request: async () => ({ path: '/youth/me/delete', body: {} }), allowed: YOUTHS, okStatus: [400] },
  }

  it('has a row for every custom endpoint of the config', () => {
    // Payload's own handlers are shared objects: those of collections that declare none of their own.
    const collections = ctx.payload.config.collections
    // payload-preferences: each staff account's own admin-screen settings, keyed by that account.
    const builtIn = new Set(
      collections.filter((c) => ['pillars', 'users', 'media'].includes(c.slug)).flatMap((c) => (c.endpoints || []).map((e) => e.handler)),
    )
    const PAYLOAD_ROOT = ['/og']
    const declared = [
      ...ctx.payload.config.endpoints.filter((e) => !PAYLOAD_ROOT.includes(e.path)).map((e) => `${e.method.toUpperCase()} ${e.path}`),
      ...collections.flatMap((c) =>
        (c.endpoints || []).filter((e) => !builtIn.has(e.handler)).map((e) => `${e.method.toUpperCase()} /${c.slug}${e.path}`),
      ),
    ]
    expect(declared.filter((name) => !(name in ENDPOINTS))).toEqual([])
  })

  const endpointCells = Object.entries(ENDPOINTS).flatMap(([name, row]) => ACTORS.map((actor) => ({ name, actor, allowed: row.allowed.includes(actor) })))

  it.each(endpointCells)('$name · $actor → allowed: $allowed', async ({ name, actor, allowed }) => {
    const row = ENDPOINTS[name]
    const { path, body } = await row.request()
    const response = await ctx.rest(row.method, path, { body, token: tokens[actor] })
    const text = await response.clone().text()
    if (allowed) {
      expect(row.okStatus, text).toContain(response.status)
      if (row.okMessage) expect(text).toMatch(row.okMessage)
    } else {
      expect([401, 403, 404], text).toContain(response.status)
      if (row.okMessage) expect(text).not.toMatch(row.okMessage)
      if (row.payloadOwn) return
      expect(actor !== 'anonymous' || response.status === 401 || response.status === 404, `anonymous gets 401: ${text}`).toBe(true)
      expect((await response.json()).errors[0].message).toMatch(/[a-záéíóúñ]/i)
    }
  })

  // ---- versions and a youth seen through programs ---------------------------------------------

  const versionCells = ['/courses/versions', '/news/versions', '/calls/versions'].flatMap((path) =>
    ACTORS.map((actor) => ({ path, actor, allowed: STAFF.includes(actor) })),
  )

  it.each(versionCells)('draft history $path · $actor → allowed: $allowed', async ({ path, actor, allowed }) => {
    const response = await ctx.rest('GET', `${path}?limit=1`, { token: tokens[actor] })
    const text = await response.clone().text()
    if (allowed) expect(response.status, text).toBe(200)
    else {
      expect([401, 403], text).toContain(response.status)
      expect((await response.json()).errors[0].message).toMatch(/[a-záéíóúñ]/i)
    }
  })

  it('a coordinator or reviewer sees a youth only through their own courses or calls, and only the fields they need', async () => {
    const org = async (name: string) => (await ctx.payload.create({ collection: 'organizations', data: { name, kind: 'educational-institution' } as never })).id as number
    const [ours, theirs] = [await org(`Prepa Norte ${Date.now()}`), await org(`Prepa Sur ${Date.now()}`)]
    const coordinatorOurs = await createStaff(ctx, 'coordinadora-norte', ['coordinator'], { organization: ours })
    const coordinatorTheirs = await createStaff(ctx, 'coordinadora-sur', ['coordinator'], { organization: theirs })
    const enrolled = await freshYouth({ curp: undefined, gender: 'mujer' })
    await ctx.payload.update({ collection: 'youth', id: enrolled.id, data: { _verified: true } })
    const course = await openCourse(ctx, { organization: ours })
    expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: enrolled.token })).status).toBe(201)
    const stranger = await freshYouth()

    const seen = async (token: string | undefined, id: number) => {
      const response = await ctx.rest('GET', `/youth/${id}?depth=0`, { token })
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : response.status
    }
    const listed = async (token: string | undefined) => {
      const response = await ctx.rest('GET', '/youth?limit=100&depth=0', { token })
      return response.status === 200 ? ((await response.json()).docs as { id: number }[]).map((d) => d.id) : []
    }
    const PRIVATE = ['curp', 'gender', 'occupation', 'interests', 'howHeard', 'notifications', 'privacy', 'consentLog']

    // Their own course's youth: the roster's fields (name, contact, age, colonia, consent), nothing else.
    const asOurs = (await seen(coordinatorOurs.token, enrolled.id)) as Record<string, unknown>
    expect(asOurs).toMatchObject({ id: enrolled.id, email: enrolled.email, fullName: 'María José Hernández López' })
    expect(asOurs.birthDate).toBeTruthy()
    expect(PRIVATE.filter((field) => field in asOurs)).toEqual([])
    expect(await listed(coordinatorOurs.token)).toEqual([enrolled.id])
    expect([403, 404]).toContain(await seen(coordinatorOurs.token, stranger.id))
    // Another organization's coordinator: nobody at all.
    expect([403, 404]).toContain(await seen(coordinatorTheirs.token, enrolled.id))
    expect(await listed(coordinatorTheirs.token)).toEqual([])
    const update = await ctx.rest('PATCH', `/youth/${enrolled.id}`, { token: coordinatorTheirs.token, body: { colonia: 'Cambiada' } })
    expect([403, 404]).toContain(update.status)

    // A reviewer: the applicants of the calls assigned to them only.
    expect([403, 404]).toContain(await seen(tokens.reviewer, stranger.id))
    await submittedApplication()
    const asReviewer = (await seen(tokens.reviewer, ana.id)) as Record<string, unknown>
    expect(asReviewer.id).toBe(ana.id)
    expect(PRIVATE.filter((field) => field in asReviewer)).toEqual([])
    expect(await listed(tokens.reviewer)).not.toContain(stranger.id)

    // An admin and the youth themself see everything.
    const asAdmin = (await seen(tokens.admin, enrolled.id)) as Record<string, unknown>
    expect(asAdmin).toMatchObject({ gender: 'mujer' })
    expect('privacy' in asAdmin && 'occupation' in asAdmin).toBe(true)
    expect((await seen(enrolled.token, enrolled.id)) as Record<string, unknown>).toMatchObject({ gender: 'mujer', occupation: 'Universidad de Guanajuato' })
  })
})
