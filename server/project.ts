import path from 'node:path'
import { fileURLToPath } from 'node:url'

import nextEnv from '@next/env'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Reads the root .env (Next would only read cms/.env) before anything else looks at process.env. */
export function loadProjectEnv(dev = process.env.NODE_ENV !== 'production'): void {
  const { combinedEnv } = nextEnv.loadEnvConfig(ROOT, dev, { info: () => {}, error: console.error }, true)
  nextEnv.updateInitialEnv(combinedEnv)
}
