// @ts-check
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import node from '@astrojs/node'
import { defineConfig } from 'astro/config'

import { publicUrl } from './lib/public-url.ts'

/**
 * The public site. Pages are prerendered from Payload's Local API at build time (site/lib/data.ts);
 * the few on-demand routes (`export const prerender = false`: account pages, preview) are served by
 * the @astrojs/node middleware that server/http.ts mounts. `npm start` builds into a fresh folder
 * per build (SITE_OUT_DIR: static files in client/, on-demand handler in server/) and switches atomically.
 */
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.SITE_OUT_DIR || './dist/site',
  site: publicUrl(), // the same address as emails and the API (lib/public-url.ts)
  output: 'static',
  // The apply form (/convocatorias/[slug]/postular) forwards its documents to the API, which checks
  // each file's size (MAX_UPLOAD_MB) and type; this only bounds a whole form in memory.
  adapter: node({ mode: 'middleware', bodySizeLimit: 64 * 1024 * 1024 }),
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  compressHTML: true,
  integrations: [closePayloadAfterBuild(), keepRendererWarm()],
  vite: {
    // `npm run dev`: one URL; the admin and API come from Next's dev server.
    server: process.env.CMS_DEV_URL
      ? { proxy: Object.fromEntries(['/admin', '/api', '/_next'].map((p) => [p, { target: process.env.CMS_DEV_URL, ws: true }])) }
      : undefined,
    // Payload and its database driver run in Node as they are; bundling them gains nothing.
    ssr: { external: ['payload', 'sharp', 'pg', '@payloadcms/db-postgres', '@payloadcms/richtext-lexical', '@payloadcms/translations'] },
  },
})

/** The Local API holds a PostgreSQL pool open; close it so `astro build` exits when done. */
function closePayloadAfterBuild() {
  return {
    name: 'viaje-joven:close-payload',
    hooks: {
      'astro:build:done': async () => {
        // The warm renderer (publishing/render-worker.mjs) keeps it for the renders that follow.
        if (/** @type {any} */ (globalThis).__viajeJovenWarmRenderer) return
        const close = /** @type {any} */ (globalThis).__viajeJovenClosePayload
        if (close) await close()
      },
    },
  }
}

/**
 * Inside the warm renderer (publishing/render-worker.mjs) only: tells it which file is Astro's
 * prerender entry, whose app keeps the compiled pages after the build (imported again while generating:
 * the same module, from Node's cache), so later publishes render without a new build. Changes no output.
 */
function keepRendererWarm() {
  return {
    name: 'viaje-joven:warm-renderer',
    hooks: {
      'astro:config:setup': (/** @type {any} */ { updateConfig }) => {
        const warm = /** @type {any} */ (globalThis).__viajeJovenWarmRenderer
        if (!warm) return
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'viaje-joven:prerender-entry',
                writeBundle(/** @type {any} */ options, /** @type {any} */ bundle) {
                  for (const chunk of Object.values(bundle)) {
                    if (chunk.type === 'chunk' && chunk.isEntry && /^prerender-entry\./.test(chunk.fileName)) {
                      warm.prerenderEntry = path.join(options.dir, chunk.fileName)
                    }
                  }
                },
              },
            ],
          },
        })
      },
      // Still inside Astro's generation, before it deletes the file: the same module Astro loaded.
      'astro:build:generated': async () => {
        const warm = /** @type {any} */ (globalThis).__viajeJovenWarmRenderer
        if (warm?.prerenderEntry) warm.app = (await import(pathToFileURL(warm.prerenderEntry).href)).app
      },
    },
  }
}
