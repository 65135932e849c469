import http from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * `npm run dev` only: hands a request (or a websocket upgrade, for hot reload) that already went
 * through the request pipeline to Next's or Astro's dev server, and its answer back unchanged
 * apart from the headers the pipeline set first (security headers), which the dev server's own
 * headers of the same name replace.
 */
export function proxyTo(target: string) {
  const { hostname, port } = new URL(target)
  const options = (req: http.IncomingMessage): http.RequestOptions => ({ hostname, port, method: req.method, path: req.url, headers: req.headers })

  const request = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const upstream = http.request(options(req), (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy()
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'El servidor de desarrollo aún no responde; intenta de nuevo en unos segundos.' }] }))
    })
    req.pipe(upstream)
  }

  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const upstream = http.request(options(req))
    upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      const lines = [`HTTP/1.1 101 ${answer.statusMessage ?? 'Switching Protocols'}`]
      for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`)
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (upstreamHead.length) socket.write(upstreamHead)
      if (head.length) upstreamSocket.write(head)
      upstreamSocket.pipe(socket).pipe(upstreamSocket)
      upstreamSocket.on('error', () => socket.destroy())
      socket.on('error', () => upstreamSocket.destroy())
    })
    upstream.on('response', (answer) => {
      socket.end(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n\r\n`)
    })
    upstream.on('error', () => socket.destroy())
    upstream.end()
  }

  return { request, upgrade }
}
