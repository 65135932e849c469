import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "youth" ADD COLUMN "email_token_hash" varchar;
  ALTER TABLE "youth" ADD COLUMN "email_token_expires_at" timestamp(3) with time zone;
  CREATE INDEX "youth_email_token_hash_idx" ON "youth" USING btree ("email_token_hash");
  ALTER TABLE "youth" DROP COLUMN "_verificationtoken";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "youth_email_token_hash_idx";
  ALTER TABLE "youth" ADD COLUMN "_verificationtoken" varchar;
  ALTER TABLE "youth" DROP COLUMN "email_token_hash";
  ALTER TABLE "youth" DROP COLUMN "email_token_expires_at";`)
}
