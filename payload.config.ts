import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { es } from '@payloadcms/translations/languages/es'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Pillars } from './collections/Pillars'
import { Users } from './collections/Users'
import { readEnv } from './server/env'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = readEnv()

export default buildConfig({
  serverURL: env.publicUrl,
  secret: env.payloadSecret,
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' · Viaje Joven' },
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'cms/app/(payload)/admin/importMap.js'),
    },
  },
  i18n: {
    supportedLanguages: { es },
    fallbackLanguage: 'es',
  },
  collections: [Users, Pillars],
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: process.env.DATABASE_URL },
    // Schema comes only from committed migrations, in every environment.
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
  }),
  sharp,
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
})
