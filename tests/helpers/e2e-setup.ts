/**
 * One real `npm start` (demo content included) shared by the browser tests of a run: its own
 * data folder and port, stopped at the end. Tests that exercise start-up itself start their own.
 */
import fs from 'node:fs'

import type { TestProject } from 'vitest/node'

import { startApp, stopApp, tempDataDir, tempSiteDir } from './app-process'

export const E2E_ADMIN = { email: 'admin-e2e@imju.test', password: 'contraseña-e2e-muy-segura' }

export default async function setup(project: TestProject) {
  const dataDir = tempDataDir()
  const siteDir = tempSiteDir()
  const app = await startApp({ dataDir, siteDir, env: { ADMIN_EMAIL: E2E_ADMIN.email, ADMIN_PASSWORD: E2E_ADMIN.password } })
  project.provide('appUrl', app.url)
  project.provide('appDataDir', dataDir)
  // The shared app's site builds (SITE_DIR): nginx and `npm run serve` tests serve them too.
  project.provide('appSiteDir', siteDir)
  return async () => {
    await stopApp(app, 'SIGTERM')
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(siteDir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string
    appDataDir: string
    appSiteDir: string
  }
}
