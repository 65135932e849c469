import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { es } from '@payloadcms/translations/languages/es'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { hasRole } from './collections/access'
import { ApplicationDocuments, Applications, applicationTasks, Reviews } from './collections/Applications'
import { Calls } from './collections/Calls'
import { Courses } from './collections/Courses'
import { Documents } from './collections/Documents'
import { Enrollments, enrollmentTasks } from './collections/Enrollments'
import { CourseDraws, DrawRequests, drawTasks } from './collections/DrawRequests'
import { Media } from './collections/Media'
import { News } from './collections/News'
import { Organizations } from './collections/Organizations'
import { Pillars } from './collections/Pillars'
import { storagePlugin } from './collections/storage'
import { Users } from './collections/Users'
import { ArcoRequests } from './collections/ArcoRequests'
import { Youth } from './collections/Youth'
import { PrivacyNotice } from './globals/PrivacyNotice'
import { publicErrors } from './lib/api-errors'
import { sitePublishing } from './publishing'
import { emailAdapter } from './lib/email'
import { MAIL_QUEUE } from './lib/email/queue'
import { healthEndpoint } from './features/health'
import { survivePoolErrors } from './lib/pool-errors'
import { impactEndpoint } from './lib/impact/endpoint'
import { weeklyDigestTask } from './lib/journey/digest'
import { leonTimeDates, spanishDatesPlugin } from './lib/admin/dates'
import { spanishSystemLabels } from './lib/admin/system-labels'
import { hardeningPlugin } from './features/hardening'
import { jobClaimsPlugin } from './lib/job-claims'
import { isDesignatedJobRunner } from './lib/job-runner'
import { payloadLogger } from './lib/log'
import { lockDownPayloadCollections } from './features/payload-owned'
import { rateLimitLogLevels, rateLimitsPlugin } from './lib/rate-limit-hooks'
import { readEnv } from './server/env'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = readEnv()

// Payload's own collections (locks, preferences, jobs, migrations) exist only once sanitized: their rules are set then.
export default buildConfig({
  serverURL: env.publicUrl,
  secret: env.payloadSecret,
  // Browsers may use the session cookie, and read API answers, only from the site's own origin.
  csrf: [env.publicUrl],
  cors: [env.publicUrl],
  // Nothing uses GraphQL: one query language less to defend.
  graphQL: { disable: true },
  // Deep population multiplies the rows read per request; the site and admin never go past 2.
  defaultDepth: 2,
  maxDepth: 3,
  upload: {
    limits: { fileSize: env.maxMediaMb * 1024 * 1024 },
    abortOnLimit: true,
    responseOnLimit: `El archivo es demasiado grande: el máximo es ${env.maxMediaMb} MB.`,
  },
  logger: payloadLogger(),
  loggingLevels: rateLimitLogLevels,
  admin: {
    user: Users.slug,
    // Gravatar would send a hash of each staff email to a third party (and the CSP blocks it anyway).
    avatar: 'default',
    meta: { titleSuffix: ' · Viaje Joven' },
    components: {
      views: { impact: { Component: '/lib/impact/admin/ImpactView#ImpactView', path: '/impacto' } },
      afterNavLinks: ['/lib/impact/admin/ImpactNavLink#ImpactNavLink'],
    },
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'cms/app/(payload)/admin/importMap.js'),
    },
  },
  i18n: {
    supportedLanguages: { es },
    fallbackLanguage: 'es',
  },
  collections: [Users, Pillars, News, Courses, Calls, Organizations, Media, Documents, Youth, ArcoRequests, Enrollments, DrawRequests, CourseDraws, Applications, ApplicationDocuments, Reviews],
  globals: [PrivacyNotice],
  endpoints: [healthEndpoint, impactEndpoint],
  // The last word on any route's error: Spanish for Payload's own messages, 400 for values the database cannot hold.
  hooks: { afterError: [publicErrors] },
  onInit: survivePoolErrors,
  email: emailAdapter(env.email, env.production),
  jobs: {
    tasks: [...enrollmentTasks, ...drawTasks, ...applicationTasks, weeklyDigestTask] as never[],
    // Scheduled publish/unpublish are `schedulePublish` jobs on the default queue; this cron runs
    // them every minute, only in the instance the launcher designates (lib/job-runner.ts).
    // Emails that answer a person's action have their own queue, polled every second (lib/email/queue.ts).
    autoRun: [
      { cron: '* * * * *', queue: 'default', limit: 20 },
      { cron: '* * * * * *', queue: MAIL_QUEUE, limit: 10, disableScheduling: true },
    ],
    shouldAutoRun: isDesignatedJobRunner,
    // Payload's default lets any logged-in account (a youth too) queue or run jobs over REST.
    access: {
      queue: ({ req }) => hasRole(req.user, 'admin', 'editor', 'coordinator'),
      run: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
  },
  plugins: [
    storagePlugin(env.s3),
    sitePublishing(), // collections and globals with `custom: { publishedOnSite: true }`
    rateLimitsPlugin(),
    hardeningPlugin({ secureCookies: env.production && env.publicUrl.startsWith('https://') }),
    // Several app instances on one database: each job claimed once, a failed job update rolled back.
    jobClaimsPlugin(),
    // Last, so that the date fields of every collection above (plugins' too) read in Spanish.
    spanishDatesPlugin,
  ],
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: process.env.DATABASE_URL, max: env.databasePoolMax },
    // Schema comes only from committed migrations, in every environment.
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
  }),
  sharp,
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
}).then((config) => spanishSystemLabels(leonTimeDates(lockDownPayloadCollections(config))))
