import { randomBytes } from 'node:crypto'
import type http from 'node:http'

/**
 * The security headers of every response (site, on-demand pages, API, admin), set in one place
 * before any handler runs. A handler may still set a header of its own (e.g. Cache-Control);
 * none of ours is set anywhere else. docs/security.md explains each choice.
 */

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => (value ? `${name} ${value}` : name))
    .join('; ')

const COMMON = {
  'default-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'connect-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'media-src': "'self'",
  'manifest-src': "'self'",
}

export type CspPolicies = { site: string; preview: string; admin: string; api: string }

export function cspPolicies(production: boolean, dev = false): CspPolicies {
  const upgrade: Record<string, string> = production ? { 'upgrade-insecure-requests': '' } : {}
  // `npm run dev` only: React and Vite in development mode evaluate code (stack traces, hot reload).
  const devEval = dev ? " 'unsafe-eval'" : ''
  // Astro inlines small scripts and styles, pages set `style="--pillar: …"`, and Pagefind's search
  // index is WebAssembly: inline, 'wasm-unsafe-eval', nothing from another origin.
  const site = {
    ...COMMON,
    'script-src': `'self' 'unsafe-inline' 'wasm-unsafe-eval'${devEval}`,
    'style-src': "'self' 'unsafe-inline'",
    'worker-src': "'self' blob:",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
    ...upgrade,
  }
  // Next's app router bootstraps with inline scripts: each admin page gets a fresh nonce, which
  // Next reads from the request's own CSP header and puts on every script it writes (NONCE below).
  // 'unsafe-inline' only serves browsers too old for nonces; the others ignore it. Payload's UI sets inline styles.
  const admin = {
    ...COMMON,
    // Nothing from another host: the one JSON field (an application's answers) has its own view.
    'script-src': `'self' ${NONCE} 'unsafe-inline'${devEval}`,
    'style-src': "'self' 'unsafe-inline'",
    'font-src': "'self' data:",
    'worker-src': "'self' blob:",
    // The "Vista previa" page of the site, if ever shown inside the admin.
    'frame-src': "'self'",
    'frame-ancestors': "'none'",
    ...upgrade,
  }
  return {
    site: csp(site),
    // The preview page is the site page plus the staff's session: the admin (same origin) may frame it.
    preview: csp({ ...site, 'frame-ancestors': "'self'" }),
    admin: csp(admin),
    // JSON and files (images, PDFs, uploaded documents): nothing in them may run.
    api: csp({ 'default-src': "'none'", 'img-src': "'self' data:", 'style-src': "'unsafe-inline'", 'frame-ancestors': "'none'", 'base-uri': "'none'", 'form-action': "'none'" }),
  }
}

/** Placeholder in the admin policy, replaced per request. */
const NONCE = "'nonce-{nonce}'"

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()'

type Area = keyof CspPolicies

export function areaOf(url: string): Area {
  if (/^\/api(\/|\?|$)/.test(url)) return 'api'
  if (/^\/(admin|_next)(\/|\?|$)/.test(url)) return 'admin'
  if (/^\/vista-previa(\/|\?|$)/.test(url)) return 'preview'
  return 'site'
}

/**
 * The headers of a static site page, for a web server that serves the build itself (nginx:
 * deploy/render-nginx.ts writes them into its site file), so both serve the site alike.
 */
export function staticSiteHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': cspPolicies(false).site,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/** Returns the function http.ts calls first on every request. */
export function securityHeaders(opts: { production: boolean; https: boolean; dev?: boolean }) {
  const policies = cspPolicies(opts.production, opts.dev)
  const hsts = opts.production && opts.https
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const area = areaOf(req.url ?? '/')
    let policy = policies[area]
    if (area === 'admin') {
      policy = policy.replace('{nonce}', randomBytes(16).toString('base64'))
      // Next takes the nonce for its inline scripts from the request's CSP header: only ours may arrive there.
      req.headers['content-security-policy'] = policy
      delete req.headers['content-security-policy-report-only']
    }
    res.setHeader('Content-Security-Policy', policy)
    res.setHeader('X-Frame-Options', area === 'preview' ? 'SAMEORIGIN' : 'DENY')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
}
