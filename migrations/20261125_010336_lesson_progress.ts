import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "enrollments_lessons_done" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"lesson" varchar,
  	"done_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "courses" ADD COLUMN "self_paced" boolean DEFAULT false;
  ALTER TABLE "courses" ADD COLUMN "estimated_hours" numeric;
  ALTER TABLE "_courses_v" ADD COLUMN "version_self_paced" boolean DEFAULT false;
  ALTER TABLE "_courses_v" ADD COLUMN "version_estimated_hours" numeric;
  ALTER TABLE "enrollments_lessons_done" ADD CONSTRAINT "enrollments_lessons_done_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "enrollments_lessons_done_order_idx" ON "enrollments_lessons_done" USING btree ("_order");
  CREATE INDEX "enrollments_lessons_done_parent_id_idx" ON "enrollments_lessons_done" USING btree ("_parent_id");`)
  // Online courses that already had lessons and no live sessions were self-paced in all but name.
  await db.execute(sql`
   UPDATE "courses" SET "self_paced" = true
   WHERE "modality" = 'online'
     AND EXISTS (SELECT 1 FROM "courses_lessons" l WHERE l."_parent_id" = "courses"."id")
     AND NOT EXISTS (SELECT 1 FROM "courses_sessions" s WHERE s."_parent_id" = "courses"."id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "enrollments_lessons_done" CASCADE;
  ALTER TABLE "courses" DROP COLUMN "self_paced";
  ALTER TABLE "courses" DROP COLUMN "estimated_hours";
  ALTER TABLE "_courses_v" DROP COLUMN "version_self_paced";
  ALTER TABLE "_courses_v" DROP COLUMN "version_estimated_hours";`)
}
