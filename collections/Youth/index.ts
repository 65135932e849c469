import type { CollectionConfig } from 'payload'

import { spanishErrors } from '../../lib/api-errors'
import { emails } from '../../lib/email'
import { digestEndpoints } from '../../lib/journey/digest'
import { journeyEndpoints } from '../../lib/journey/endpoints'
import { anyOf, anyone, isAdmin, isOwnYouth, nobody, youthThroughPrograms } from '../access'
import { guardianConsentEndpoint, guardianConsentLookupEndpoint } from './endpoints/guardian-consent'
import { deleteMyAccountEndpoint, exportMyDataEndpoint } from './endpoints/my-data'
import { resendGuardianLinkEndpoint, resendVerificationEndpoint, verifyEmailEndpoint } from './endpoints/verification'
import { youthFields } from './fields'
import { checkPassword, normalizeInput, prepareProfile, resetLink, sendQueuedMail } from './hooks/profile'
import { rejectMalformedInput } from './hooks/shape'
import { hideFromProgramStaff } from './hooks/program-staff'

type Named = { givenNames?: string }

/**
 * Youth accounts ("perfil único"): the only people who sign up from the site. They log in
 * through /api/youth and never reach /admin, which belongs to the `users` collection.
 */
export const Youth: CollectionConfig = {
  slug: 'youth',
  labels: { singular: 'Persona joven', plural: 'Personas jóvenes' },
  admin: {
    useAsTitle: 'fullName',
    defaultColumns: ['fullName', 'email', 'municipality', '_verified', 'guardianConsent.status'],
    listSearchableFields: ['fullName', 'email', 'curp'],
    group: 'Personas',
  },
  auth: {
    // Payload's lockout let anyone lock any account from anywhere; failures are throttled per
    // account and address instead (lib/login-throttle.ts).
    maxLoginAttempts: 0,
    tokenExpiration: 7 * 24 * 60 * 60,
    // No `verify`: Payload's would refuse login to unverified accounts, and the issue wants them to
    // log in and browse. Verification is ours (hooks/profile.ts, endpoints/verification.ts).
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailSubject: () => emails.resetPassword({ name: '', url: '' }).subject,
      generateEmailHTML: (args) =>
        emails.resetPassword({ name: (args?.user as Named)?.givenNames ?? '', url: resetLink(args!.req!, args!.token!) }).html,
    },
  },
  access: {
    admin: () => false,
    create: anyone,
    // Staff other than admins reach a youth only through their own courses and calls (issue #16).
    read: anyOf(youthThroughPrograms, isOwnYouth),
    update: anyOf(youthThroughPrograms, isOwnYouth),
    delete: isAdmin,
    unlock: isAdmin,
    readVersions: nobody,
  },
  endpoints: [
    guardianConsentLookupEndpoint,
    guardianConsentEndpoint,
    verifyEmailEndpoint,
    resendVerificationEndpoint,
    resendGuardianLinkEndpoint,
    exportMyDataEndpoint,
    deleteMyAccountEndpoint,
    ...journeyEndpoints,
    ...digestEndpoints,
  ],
  hooks: {
    beforeOperation: [rejectMalformedInput, checkPassword],
    beforeValidate: [normalizeInput],
    beforeChange: [prepareProfile],
    afterChange: [sendQueuedMail],
    afterRead: [hideFromProgramStaff],
    afterError: [spanishErrors],
  },
  fields: youthFields,
}
