/**
 * The same page and the same API call through nginx (deploy/nginx.conf) and straight from the Node
 * one-port server: requests/s and p99 with autocannon, loopback only, a few seconds per case.
 * Run after `npm run build`: `npx tsx bench/nginx-vs-node.ts` starts the app as `npm run serve` would
 * (production mode, no build, throw-away embedded database) on the site build in BENCH_SITE_DIR
 * (default dist/site). Or measure a running app: BENCH_APP_URL=http://127.0.0.1:3000 as well.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) tune the runs.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { type AppProcess, SERVE_ARGS, startApp, stopApp, tempDataDir } from '../tests/helpers/app-process'
import { startNginx } from '../tests/helpers/nginx'

const seconds = Number(process.env.BENCH_SECONDS || 10)
const connections = Number(process.env.BENCH_CONNECTIONS || 50)
const PAGE = '/cursos/'
const API = '/api/pillars?limit=6&depth=0'

const siteDir = path.resolve(process.env.BENCH_SITE_DIR || 'dist/site')
let app: AppProcess | undefined
let dataDir: string | undefined
let appUrl = process.env.BENCH_APP_URL
if (!appUrl) {
  dataDir = tempDataDir()
  console.log('Iniciando la aplicación en modo producción sobre las compilaciones existentes …')
  app = await startApp({
    dataDir,
    siteDir,
    env: {
      NODE_ENV: 'production',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: 'https://viajejoven.example.mx',
      ALLOW_HTTP: '1', // loopback benchmark: no TLS
      ALLOW_EMBEDDED_DB: '1', // and a throw-away database
    },
    nodeArgs: SERVE_ARGS,
  })
  // 127.0.0.1, not localhost: the app listens on IPv4 only, and both sides should take the same path.
  appUrl = app.url.replace('localhost', '127.0.0.1')
}
const nginx = await startNginx({ siteRoot: path.join(siteDir, 'current', 'client'), apps: [new URL(appUrl).host], workers: os.cpus().length })

type Row = { caso: string; 'req/s': number; 'p50 ms': number; 'p99 ms': number; errores: number }
const rows: Row[] = []
async function measure(caso: string, url: string): Promise<void> {
  const check = await fetch(url)
  if (check.status !== 200) throw new Error(`${url} respondió ${check.status}`)
  await autocannon({ url, connections, duration: 2 }) // warm-up: JIT, keep-alive pools, page cache
  const result = await autocannon({ url, connections, duration: seconds })
  rows.push({
    caso,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errores: result.errors + result.timeouts + result.non2xx,
  })
  console.log(`  ${caso}: ${rows.at(-1)!['req/s']} req/s, p99 ${result.latency.p99} ms`)
}

try {
  console.log(`${seconds} s por caso, ${connections} conexiones, ${os.cpus().length} núcleos (${os.cpus()[0]?.model ?? '?'})`)
  await measure(`página ${PAGE} — nginx`, `${nginx.url}${PAGE}`)
  await measure(`página ${PAGE} — Node directo`, `${appUrl}${PAGE}`)
  await measure(`API ${API} — vía nginx`, `${nginx.url}${API}`)
  await measure(`API ${API} — Node directo`, `${appUrl}${API}`)
  console.table(rows)
  const [viaNginx, direct] = rows
  console.log(`nginx sirve la página ${(viaNginx['req/s'] / direct['req/s']).toFixed(1)} veces más rápido que Node.`)
} finally {
  await nginx.stop()
  if (app) await stopApp(app, 'SIGTERM')
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
