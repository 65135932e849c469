import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PILLARS } from '../../seed/pillars'
import { type AppProcess, postgresProcessesFor, startApp, stopApp, tempDataDir, tempSiteDir } from '../helpers/app-process'

const ADMIN = { email: 'coordinacion@imju.test', password: 'una-contraseña-de-prueba' }

describe('npm start on a fresh data folder', () => {
  const dataDir = tempDataDir()
  const siteDir = tempSiteDir()
  let app: AppProcess

  beforeAll(async () => {
    app = await startApp({ dataDir, siteDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } })
  })
  afterAll(async () => {
    if (app?.child.exitCode === null) await stopApp(app)
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(siteDir, { recursive: true, force: true })
  })

  it('serves the site, the API and the admin on one port', async () => {
    const home = await (await fetch(`${app.url}/`)).text()
    for (const pillar of PILLARS) expect(home).toContain(pillar.name.replace(/&/g, '&amp;'))
    expect(home).toContain('<html lang="es"')

    const pillars = await (await fetch(`${app.url}/api/pillars?limit=10`)).json()
    expect(pillars.totalDocs).toBe(6)

    const health = await fetch(`${app.url}/api/health`)
    expect(health.status).toBe(200)
    expect((await health.json()).checks).toMatchObject({ database: { ok: true }, migrations: { ok: true }, jobRunner: { ok: true } })

    const login = await fetch(`${app.url}/admin/login`)
    expect(login.status).toBe(200)
    expect(await login.text()).toMatch(/Iniciar sesión|Correo/i)

    const missing = await fetch(`${app.url}/no-existe`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('No encontramos esta página')

    // An on-demand page: rendered per request, never part of the static build.
    const account = await fetch(`${app.url}/cuenta/`)
    expect(account.status).toBe(200)
    expect(account.headers.get('cache-control')).toContain('no-store')
    expect(await account.text()).toContain('Crear mi cuenta')
  })

  it('keeps data and does not re-seed across a clean stop and a SIGKILL', async () => {
    const auth = await fetch(`${app.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    expect(auth.status).toBe(200)
    const { token } = await auth.json()
    const { docs } = await (await fetch(`${app.url}/api/pillars?where[slug][equals]=salud-bienestar`)).json()
    const edit = await fetch(`${app.url}/api/pillars/${docs[0].id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ description: 'Descripción editada antes de reiniciar' }),
    })
    expect(edit.status).toBe(200)

    // Ctrl-C: everything stops, PostgreSQL included.
    expect(await stopApp(app, 'SIGINT')).toBe(0)
    expect(postgresProcessesFor(dataDir)).toEqual([])

    app = await startApp({ dataDir, siteDir })
    expect(app.output()).toContain('Los pilares ya existen')
    expect(app.output()).not.toContain('Compilando')
    const after = await (await fetch(`${app.url}/api/pillars/${docs[0].id}`)).json()
    expect(after.description).toBe('Descripción editada antes de reiniciar')

    // SIGKILL leaves an orphaned PostgreSQL behind; the next start must recover it.
    await stopApp(app, 'SIGKILL')
    app = await startApp({ dataDir, siteDir })
    const count = await (await fetch(`${app.url}/api/pillars`)).json()
    expect(count.totalDocs).toBe(6)
    expect((await (await fetch(`${app.url}/api/pillars/${docs[0].id}`)).json()).description).toBe(
      'Descripción editada antes de reiniciar',
    )
    expect(await stopApp(app, 'SIGTERM')).toBe(0)
    expect(postgresProcessesFor(dataDir)).toEqual([])
  })
})
