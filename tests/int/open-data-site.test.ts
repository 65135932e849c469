/**
 * /datos-abiertos/ as the site build writes it: the suppressed figures and their CSV downloads,
 * and nothing that points at a person (names, emails, a colonia where only one youth lives).
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, siteStaticDir } from '../../publishing'
import { seed } from '../../seed'
import { tempSiteDir } from '../helpers/app-process'
import { useOutbox } from '../helpers/outbox'
import { setupPayload, type TestContext } from '../helpers/payload'
import { openCourse, youths } from './enrollment-fixtures'

const outbox = useOutbox()

describe('open data page', () => {
  let ctx: TestContext
  const siteDir = tempSiteDir()
  let out: string

  beforeAll(async () => {
    ctx = await setupPayload()
    await seed(ctx.payload, { adminPassword: 'contraseña-de-prueba-larga' })
    const [culture] = (await ctx.payload.find({ collection: 'pillars', where: { slug: { equals: 'cultura-deporte-recreacion' } } })).docs
    const course = await openCourse(ctx, { title: 'Muralismo', capacity: 20, pillars: [culture.id] })
    const many = await youths(ctx, 6, { colonia: 'Centro' })
    const [alone] = await youths(ctx, 1, { colonia: 'Colonia Solitaria', givenNames: 'Ximena', surnames: 'Privadísima' })
    for (const p of [...many, alone]) expect((await ctx.rest('POST', `/courses/${course.id}/enroll`, { token: p.token })).status).toBe(201)
    out = siteStaticDir(await buildSite(siteDir, () => {}))
  }, 600_000)
  afterAll(async () => {
    await ctx.close()
    fs.rmSync(siteDir, { recursive: true, force: true })
    outbox.cleanup()
  })

  it('publishes the totals, tables and CSV links, and hides the youth who is alone in a colonia', () => {
    const html = fs.readFileSync(path.join(out, 'datos-abiertos', 'index.html'), 'utf8')
    expect(html).toContain('<h1>Datos abiertos</h1>')
    expect(html).toMatch(/Personas jóvenes atendidas: <strong>7<\/strong>/)
    expect(html).toContain('Cultura, Deporte y Recreación')
    expect(html).toContain('Otros (grupos de menos de 5 personas)')
    expect(html).toContain('menos de 5')
    expect(html).toContain('href="/datos-abiertos/colonia.csv"')
    expect(html).not.toMatch(/Solitaria|Ximena|Privadísima|@ejemplo\.mx/i)
  })

  it('writes one CSV per table from the same suppressed figures', () => {
    for (const table of ['pillar', 'age', 'gender', 'colonia', 'organization', 'month', 'capacity']) {
      expect(fs.existsSync(path.join(out, 'datos-abiertos', `${table}.csv`)), table).toBe(true)
    }
    const colonia = fs.readFileSync(path.join(out, 'datos-abiertos', 'colonia.csv'), 'utf8').replace('\uFEFF', '').trim().split('\r\n')
    expect(colonia[0]).toBe('Grupo,Personas jóvenes atendidas,Inscripciones,Cursos concluidos,Postulaciones')
    // Centro (6) and the folded "Otros" (1, suppressed; Centro then hidden too so 7 − 6 cannot reveal it).
    expect(colonia.slice(1)).toEqual(['Centro,,,0,0', 'Otros (grupos de menos de 5 personas),,,0,0'])
  })
})
