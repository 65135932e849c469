import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { freePort } from '../../server/database'
import { startApp, tempDataDir, tempSiteDir } from '../helpers/app-process'

const made: string[] = []
const track = (dir: string) => (made.push(dir), dir)
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

/** Each bad configuration gives one clear Spanish line and a non-zero exit, before anything heavy starts. */
async function startFails(env: Record<string, string>, port?: number, dataDir = track(tempDataDir())): Promise<string> {
  const error = await startApp({ dataDir, siteDir: track(tempSiteDir()), env, port }).then(
    () => {
      throw new Error('the app started but should have refused')
    },
    (e: Error) => e.message,
  )
  expect(error).toMatch(/exit code [1-9]/)
  return error
}

describe('npm start refuses bad configuration clearly', () => {
  it('a port already in use', async () => {
    const port = await freePort()
    const blocker = net.createServer().listen(port, '0.0.0.0')
    try {
      expect(await startFails({}, port)).toContain(`El puerto ${port} ya está en uso`)
    } finally {
      blocker.close()
    }
  })

  it('a malformed DATABASE_URL', async () => {
    expect(await startFails({ DATABASE_URL: 'no es una url' })).toContain('DATABASE_URL no es una URL válida')
  })

  it('an unreachable DATABASE_URL', async () => {
    const port = await freePort()
    const message = await startFails({ DATABASE_URL: `postgres://x:y@127.0.0.1:${port}/nada` })
    expect(message).toContain('No se pudo conectar a DATABASE_URL')
    expect(message).not.toContain(':y@') // the password is never printed
  })

  it('production with the default or a short secret', async () => {
    expect(await startFails({ NODE_ENV: 'production' })).toContain('PAYLOAD_SECRET falta, es demasiado corto o es el de un ejemplo')
    expect(await startFails({ NODE_ENV: 'production', PAYLOAD_SECRET: 'corto' })).toContain('PAYLOAD_SECRET')
  })

  it('a database folder owned by someone else', async () => {
    const dataDir = track(tempDataDir())
    fs.mkdirSync(path.join(dataDir, 'postgres'))
    fs.chownSync(path.join(dataDir, 'postgres'), 54321, 54321)
    expect(await startFails({}, undefined, dataDir)).toContain('pertenece a otro usuario (uid 54321)')
  })

  it('a database folder made by another PostgreSQL major (the 18 this project used before)', async () => {
    const dataDir = track(tempDataDir())
    const folder = path.join(dataDir, 'postgres')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'PG_VERSION'), '18\n')
    // Owned as the embedded server expects, so only the version can be what is refused.
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
      fs.chownSync(folder, uid, uid)
    }
    const message = await startFails({}, undefined, dataDir)
    expect(message).toContain(`${folder} es de PostgreSQL 18, pero la base integrada es PostgreSQL 15`)
    expect(message).toContain('npm run restore')
  })
})
