/**
 * Runs Debian's nginx as a child process with deploy/nginx.conf rendered into a temp folder (pid,
 * logs and temp files there too), for the nginx test and the nginx-vs-node benchmark.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { renderNginxSite } from '../../deploy/render-nginx'
import { freePort } from '../../server/database'

export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((bin) => fs.existsSync(bin))

export type NginxProcess = { url: string; dir: string; errorLog: () => string; stop: () => Promise<void> }

export async function startNginx(opts: { siteRoot: string; apps: string[]; workers?: number }): Promise<NginxProcess> {
  if (!NGINX_BIN) throw new Error('nginx no está instalado (apt-get install -y nginx)')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-nginx-'))
  const port = await freePort()
  fs.mkdirSync(path.join(dir, 'tmp'))
  fs.writeFileSync(path.join(dir, 'site.conf'), renderNginxSite({ listen: `127.0.0.1:${port}`, serverName: 'localhost', siteRoot: opts.siteRoot, apps: opts.apps }))
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path tmp/${kind};`).join('\n')
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      // As root the workers would otherwise run as nobody, who cannot read the 0700 temp site folders.
      process.getuid?.() === 0 ? 'user root;' : '',
      `worker_processes ${opts.workers ?? 1};`,
      'pid nginx.pid;',
      'error_log error.log warn;',
      'events { worker_connections 4096; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      '  sendfile on;',
      temp,
      `  include ${path.join(dir, 'site.conf')};`,
      '}',
    ].join('\n'),
  )
  const conf = path.join(dir, 'nginx.conf')
  const check = spawnSync(NGINX_BIN, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' })
  if (check.status !== 0) throw new Error(`nginx -t rechazó la configuración:\n${check.stderr}`)
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx terminó al iniciar:\n${stderr}`)
    const up = await fetch(`${url}/__no-existe.txt`).then(() => true, () => false)
    if (up) break
    if (i > 100) throw new Error('nginx no respondió en 10 s')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const errorLog = () => {
    try {
      return fs.readFileSync(path.join(dir, 'error.log'), 'utf8')
    } catch {
      return ''
    }
  }
  return {
    url,
    dir,
    errorLog,
    stop: async () => {
      child.kill('SIGQUIT') // graceful: finish open requests
      await exited
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
