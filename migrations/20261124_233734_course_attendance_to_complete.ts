import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "courses" ADD COLUMN "attendance_to_complete" numeric DEFAULT 80;
  ALTER TABLE "_courses_v" ADD COLUMN "version_attendance_to_complete" numeric DEFAULT 80;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "courses" DROP COLUMN "attendance_to_complete";
  ALTER TABLE "_courses_v" DROP COLUMN "version_attendance_to_complete";`)
}
