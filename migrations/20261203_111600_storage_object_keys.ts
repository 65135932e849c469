import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * With S3_BUCKET set, @payloadcms/storage-s3 (3.90) adds a hidden `_objectKey` field to every
 * stored collection (the object's folder in the bucket), and every upload then failed on the
 * missing column (tests/int/object-storage.test.ts found it). Written by hand, outside the
 * snapshots: the column exists in both setups, and without S3 Payload simply never reads it, so
 * one schema still serves disk and bucket (collections/storage.ts).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "media" ADD COLUMN IF NOT EXISTS "_objectkey" varchar;
  ALTER TABLE "documents" ADD COLUMN IF NOT EXISTS "_objectkey" varchar;
  ALTER TABLE "application_documents" ADD COLUMN IF NOT EXISTS "_objectkey" varchar;
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "media" DROP COLUMN IF EXISTS "_objectkey";
  ALTER TABLE "documents" DROP COLUMN IF EXISTS "_objectkey";
  ALTER TABLE "application_documents" DROP COLUMN IF EXISTS "_objectkey";`)
}
