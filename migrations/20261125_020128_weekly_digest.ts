import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "youth" ADD COLUMN "notifications_weekly_digest" boolean DEFAULT false;
  ALTER TABLE "youth" ADD COLUMN "notifications_digest_sent_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "youth" DROP COLUMN "notifications_weekly_digest";
  ALTER TABLE "youth" DROP COLUMN "notifications_digest_sent_at";`)
}
