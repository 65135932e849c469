import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * One row per email a job sends (lib/email/send-once.ts), outside Payload's schema: written by
 * hand, so it has no snapshot and later schema diffs never touch it.
 * - key: the message's idempotency key (the job's task and id);
 * - state: 'sending' (written and committed before the SMTP transaction) or 'sent' (written
 *   right after the SMTP server accepted the message); a retry skips a 'sent' key.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "email_deliveries" (
    "key" varchar PRIMARY KEY,
    "state" varchar NOT NULL CHECK ("state" IN ('sending', 'sent')),
    "attempts" integer NOT NULL DEFAULT 1,
    "created_at" timestamp(3) with time zone NOT NULL DEFAULT now(),
    "sent_at" timestamp(3) with time zone
  );
  CREATE INDEX "email_deliveries_created_at_idx" ON "email_deliveries" USING btree ("created_at");
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE "email_deliveries";`)
}
