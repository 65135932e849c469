/**
 * The app side of bench/enroll.ts, in a process of its own as in production: Payload on the
 * benchmark's database and the request path enrolments take in server/http.ts (the fast path,
 * before Next). Anything else answers 404: the benchmark sends nothing else. No job runner here:
 * the queued emails stay queued (in production the launcher's runner sends them afterwards).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { getPayload } from 'payload'

import { closePayload } from '../server/close-payload'
import { createFastApi } from '../server/fast-api'

const config = (await import('../payload.config')).default
const payload = await getPayload({ config, key: 'bench-server' })
const fastApi = await createFastApi(payload)
const server = http.createServer((req, res) => {
  if (!fastApi(req, res)) res.writeHead(404).end()
})
server.keepAliveTimeout = 65_000
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as AddressInfo).port}`))
process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => void closePayload(payload).then(() => process.exit(0)))
})
