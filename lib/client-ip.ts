import { isIP } from 'node:net'

/**
 * Who is asking, for rate limits. server/http.ts works the address out once per request (from the
 * socket, or from X-Forwarded-For when TRUST_PROXY says how many proxies of ours stand in front)
 * and hands it to Payload in this header, overwriting whatever a client sent under that name.
 */
export const CLIENT_IP_HEADER = 'x-viaje-client-ip'

type NodeRequest = { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } }

/**
 * With `trustProxy` = N proxies of ours (nginx = 1), the client is the N-th address from the right
 * of X-Forwarded-For: each proxy appends what it saw, so entries further left are the client's own
 * claims and cannot be trusted.
 */
export function clientIpOfNodeRequest(req: NodeRequest, trustProxy: number): string {
  if (trustProxy > 0) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean)
    const client = forwarded[forwarded.length - trustProxy]
    if (client && isIP(normalize(client))) return rateLimitAddress(client)
  }
  return rateLimitAddress(req.socket.remoteAddress ?? '')
}

/** The address on a Payload request (set by server/http.ts); requests that bypassed it share "unknown". */
export function clientIpOfRequest(req: { headers: Headers }): string {
  const ip = req.headers.get(CLIENT_IP_HEADER)?.trim()
  return ip && isIP(ip) ? ip : 'unknown'
}

const normalize = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')

/** IPv4 as is; IPv6 cut to its /64, because one home or phone gets a whole /64 to pick from. */
export function rateLimitAddress(address: string): string {
  const ip = normalize(address)
  if (isIP(ip) !== 6) return isIP(ip) ? ip : 'unknown'
  const [head, tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::`
}
