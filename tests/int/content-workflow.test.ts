/**
 * The editorial workflow as staff and the public live it: drafts stay private, scheduled
 * publish happens, slugs stay unique, and a bad document is refused on the field that is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPayload, type TestContext } from '../helpers/payload'
import { createStaff, pdfBytes, useTemporaryDataDir } from './content/fixtures'

type FieldError = { path: string; message: string }

describe('editorial workflow', () => {
  let ctx: TestContext
  let editor: string

  beforeAll(async () => {
    useTemporaryDataDir()
    ctx = await setupPayload()
    editor = (await createStaff(ctx, 'editora', ['editor'])).token
  })
  afterAll(() => ctx.close())

  /** What the REST API answers with `errors[0].data.errors`: the fields that are wrong. */
  async function fieldErrors(response: Response): Promise<FieldError[]> {
    expect(response.status).toBe(400)
    const body = await response.json()
    return body.errors.flatMap((e: { data?: { errors?: FieldError[] } }) => e.data?.errors ?? [])
  }

  describe('drafts never reach the public', () => {
    it('a draft-only item is absent from lists, by id, by slug and with ?draft=true', async () => {
      const created = await ctx.rest('POST', '/news?draft=true', { body: { title: 'Borrador secreto de noticia' }, token: editor })
      expect(created.status).toBe(201)
      const { doc } = await created.json()
      expect(doc._status).toBe('draft')

      const list = await (await ctx.rest('GET', '/news?limit=100')).json()
      expect(list.docs.map((d: { id: number }) => d.id)).not.toContain(doc.id)
      expect((await ctx.rest('GET', `/news/${doc.id}`)).status).toBe(404)
      expect((await ctx.rest('GET', `/news/${doc.id}?draft=true`)).status).toBe(404)
      const bySlug = await (await ctx.rest('GET', `/news?where[slug][equals]=${doc.slug}&draft=true`)).json()
      expect(bySlug.docs).toEqual([])
      // …while the editor sees it.
      expect((await ctx.rest('GET', `/news/${doc.id}?draft=true`, { token: editor })).status).toBe(200)
    })

    it('a pending draft of a published item never replaces the published text', async () => {
      const created = await ctx.rest('POST', '/calls', { body: { title: 'Beca publicada', kind: 'scholarship', _status: 'published' }, token: editor })
      const { doc } = await created.json()
      const draft = await ctx.rest('PATCH', `/calls/${doc.id}?draft=true`, { body: { title: 'Cambio sin publicar' }, token: editor })
      expect(draft.status).toBe(200)

      for (const path of [`/calls/${doc.id}`, `/calls/${doc.id}?draft=true`, '/calls?draft=true&limit=100', '/calls?limit=100']) {
        const text = await (await ctx.rest('GET', path)).text()
        expect(text, path).not.toContain('Cambio sin publicar')
        // A public list asked for drafts comes back empty rather than with the published text.
        if (path !== '/calls?draft=true&limit=100') expect(text, path).toContain('Beca publicada')
      }
      expect((await ctx.rest('GET', `/calls/versions`)).status).toBe(403)
      const staffView = await (await ctx.rest('GET', `/calls/${doc.id}?draft=true`, { token: editor })).json()
      expect(staffView.title).toBe('Cambio sin publicar')
    })
  })

  describe('scheduled publish and unpublish', () => {
    const schedule = (type: 'publish' | 'unpublish', id: number, waitUntil: Date) =>
      ctx.payload.jobs.queue({ task: 'schedulePublish', input: { type, doc: { relationTo: 'courses', value: id } }, waitUntil })

    it('publishes a draft when its time comes, and not before', async () => {
      const { doc } = await (
        await ctx.rest('POST', '/courses?draft=true', { body: { title: 'Taller programado', modality: 'online', capacity: 15 }, token: editor })
      ).json()
      await schedule('publish', doc.id, new Date(Date.now() + 60 * 60 * 1000))
      await ctx.payload.jobs.run({ queue: 'default' })
      expect((await ctx.rest('GET', `/courses/${doc.id}`)).status).toBe(404)

      await schedule('publish', doc.id, new Date(Date.now() - 1000))
      await ctx.payload.jobs.run({ queue: 'default' })
      const published = await ctx.rest('GET', `/courses/${doc.id}`)
      expect(published.status).toBe(200)
      expect((await published.json())._status).toBe('published')
    })

    it('unpublishes a published item at its time', async () => {
      const { doc } = await (
        await ctx.rest('POST', '/courses', { body: { title: 'Curso que se retira', modality: 'online', capacity: 15, _status: 'published' }, token: editor })
      ).json()
      await schedule('unpublish', doc.id, new Date(Date.now() - 1000))
      await ctx.payload.jobs.run({ queue: 'default' })
      expect((await ctx.rest('GET', `/courses/${doc.id}`)).status).toBe(404)
    })

    it('the cron that runs them is configured on the same queue', async () => {
      const configured = ctx.payload.config.jobs.autoRun
      const autoRun = typeof configured === 'function' ? await configured(ctx.payload) : configured
      expect(autoRun).toContainEqual(expect.objectContaining({ cron: '* * * * *', queue: 'default' }))
    })

    it('a youth or anonymous caller cannot trigger the job runner over REST', async () => {
      expect([401, 403]).toContain((await ctx.rest('GET', '/payload-jobs/run')).status)
      expect([401, 403]).toContain((await ctx.rest('GET', '/payload-jobs/run', { token: editor })).status)
    })
  })

  describe('slugs', () => {
    it('are generated from the title without accents and stay unique', async () => {
      const first = await (await ctx.rest('POST', '/news', { body: { title: '¡Convocatoria Jóvenes León 2027!', _status: 'published' }, token: editor })).json()
      const second = await (await ctx.rest('POST', '/news', { body: { title: '¡Convocatoria Jóvenes León 2027!', _status: 'published' }, token: editor })).json()
      expect(first.doc.slug).toBe('convocatoria-jovenes-leon-2027')
      expect(second.doc.slug).toBe('convocatoria-jovenes-leon-2027-2')
    })

    it('a slug typed by hand that is taken is refused on the slug field', async () => {
      await ctx.rest('POST', '/organizations', { body: { name: 'Universidad de León', kind: 'educational-institution' }, token: editor })
      const clash = await ctx.rest('POST', '/organizations', {
        body: { name: 'Otra universidad', slug: 'universidad-de-leon', kind: 'educational-institution' },
        token: editor,
      })
      expect(await fieldErrors(clash)).toContainEqual(expect.objectContaining({ path: 'slug', message: 'El valor debe ser único' }))
    })

    it('editing the title keeps the slug (links do not break)', async () => {
      const { doc } = await (await ctx.rest('POST', '/news', { body: { title: 'Título original', _status: 'published' }, token: editor })).json()
      const updated = await (await ctx.rest('PATCH', `/news/${doc.id}`, { body: { title: 'Título corregido' }, token: editor })).json()
      expect(updated.doc.slug).toBe('titulo-original')
    })
  })

  describe('validation names the field, in Spanish', () => {
    const course = (extra: Record<string, unknown>) =>
      ctx.rest('POST', '/courses', { body: { title: 'Curso inválido', modality: 'online', capacity: 10, _status: 'published', ...extra }, token: editor })

    it.each([
      ['enrollment closes before it opens', { enrollment: { opens: '2027-03-10T15:00:00Z', closes: '2027-03-01T15:00:00Z' } }, 'enrollment.closes', /posterior a la de apertura/],
      ['a session ends before it starts', { sessions: [{ startsAt: '2027-03-10T18:00:00Z', endsAt: '2027-03-10T16:00:00Z' }] }, 'sessions.0.endsAt', /terminar después de empezar/],
      ['capacity below 1', { capacity: 0 }, 'capacity', /al menos 1 lugar/],
      ['minimum age above maximum', { ageRange: { min: 20, max: 15 } }, 'ageRange.max', /no puede ser menor que la mínima/],
      ['age outside 12–29', { ageRange: { min: 8, max: 29 } }, 'ageRange.min', /entre 12 y 29/],
      ['in-person without a venue', { modality: 'in-person' }, 'venue.name', /obligatorio en modalidad presencial/],
    ])('courses: %s', async (_, extra, path, message) => {
      const errors = await fieldErrors(await course(extra))
      expect(errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }))
      expect((await ctx.payload.count({ collection: 'courses', where: { title: { equals: 'Curso inválido' } } })).totalDocs).toBe(0)
    })

    it('calls: closes before opens, and a choice question without options', async () => {
      const response = await ctx.rest('POST', '/calls', {
        body: {
          title: 'Convocatoria inválida',
          kind: 'contest',
          _status: 'published',
          window: { opens: '2027-05-01T15:00:00Z', closes: '2027-04-01T15:00:00Z' },
          questions: [{ label: '¿Qué categoría?', type: 'single-choice', options: ['Única'] }],
        },
        token: editor,
      })
      const errors = await fieldErrors(response)
      expect(errors.map((e) => e.path).sort()).toEqual(['questions.0.options', 'window.closes'])
    })

    it('documents accept only real PDFs', async () => {
      const upload = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
        const form = new FormData()
        form.append('file', new Blob([bytes], { type: 'application/pdf' }), name)
        form.append('_payload', JSON.stringify({ title: 'Bases' }))
        return ctx.rest('POST', '/documents', { body: form, token: editor })
      }
      expect((await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'bases.pdf')).status).toBe(400)
      expect((await upload(new Uint8Array(pdfBytes()), 'bases.pdf')).status).toBe(201)
    })

    it('media require alt text and get webp card, hero and social sizes', async () => {
      const sharp = (await import('sharp')).default
      const png = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#059669' } }).png().toBuffer()
      const upload = (data: Record<string, unknown>) => {
        const form = new FormData()
        form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'portada.png')
        form.append('_payload', JSON.stringify(data))
        return ctx.rest('POST', '/media', { body: form, token: editor })
      }
      expect(await fieldErrors(await upload({}))).toContainEqual(expect.objectContaining({ path: 'alt' }))
      const created = await upload({ alt: 'Jóvenes en un taller' })
      expect(created.status).toBe(201)
      const { doc } = await created.json()
      expect(doc.sizes.social).toMatchObject({ width: 1200, height: 630, mimeType: 'image/webp' })
      expect(doc.sizes.card.mimeType).toBe('image/webp')
      expect(doc.sizes.hero.mimeType).toBe('image/webp')
    })
  })
})
