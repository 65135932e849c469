import type { Plugin } from 'payload'
import { s3Storage } from '@payloadcms/storage-s3'

import type { S3Env } from '../server/env'

/**
 * The upload collections whose files move to the bucket when S3 is configured: public images and
 * PDFs, and the youths' private application documents (a slug not in the config is ignored).
 */
export const STORED_COLLECTIONS = ['media', 'documents', 'application-documents'] as const

/**
 * Media and documents on local disk (collections/uploads-dir.ts) unless S3_BUCKET is set, then in an
 * S3-compatible bucket (AWS, MinIO, DigitalOcean Spaces...). The plugin is always registered, only
 * `enabled` changes: its admin component is then always in the import map and the schema is the same
 * either way (no prefix field), so one build and one set of migrations serve both setups.
 *
 * Files keep going through Payload (`/api/<collection>/file/...`, no public bucket URLs, no ACL):
 * each collection's read access decides who gets a file, and the bucket itself stays private
 * and unlistable.
 */
export function storagePlugin(s3: S3Env | undefined): Plugin {
  return s3Storage({
    enabled: Boolean(s3),
    collections: Object.fromEntries(STORED_COLLECTIONS.map((slug) => [slug, true])),
    bucket: s3?.bucket ?? 'sin-configurar',
    config: {
      region: s3?.region ?? 'us-east-1',
      endpoint: s3?.endpoint,
      // MinIO and most non-AWS servers only understand bucket-in-path addressing.
      forcePathStyle: Boolean(s3?.endpoint),
      // The AWS SDK's default checksum trailer on streamed bodies (uploads written to a temp file) is
      // refused by S3-compatible servers that predate it ("x-amz-content-sha256 must be ..."): only
      // when an operation requires one (tests/int/object-storage.test.ts found it).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: s3 ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    },
  })
}
