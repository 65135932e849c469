/**
 * An HTTP server in front of a test's REST handlers, set as INTERNAL_API_URL: the site's on-demand
 * pages (site/lib/live.ts) then call Payload over HTTP with the visitor's cookie, as in production.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { TestContext } from './payload'

export async function apiBridge(ctx: TestContext): Promise<{ close: () => void }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
    const method = req.method as 'GET' | 'POST'
    const response = await ctx.rest(method, req.url!.replace(/^\/api/, ''), { headers, body: chunks.length ? Buffer.concat(chunks).toString() : undefined })
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' })
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.INTERNAL_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { close: () => server.close() }
}
