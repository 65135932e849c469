import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_courses_draw_groups_rule" AS ENUM('first-time', 'colonia', 'age');
  CREATE TYPE "public"."enum_courses_allocation" AS ENUM('arrival', 'draw');
  CREATE TYPE "public"."enum__courses_v_version_draw_groups_rule" AS ENUM('first-time', 'colonia', 'age');
  CREATE TYPE "public"."enum__courses_v_version_allocation" AS ENUM('arrival', 'draw');
  CREATE TYPE "public"."enum_draw_requests_status" AS ENUM('requested', 'withdrawn', 'confirmed', 'waitlisted', 'excluded');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'courseDraw' BEFORE 'applicationEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'courseDraw' BEFORE 'applicationEmail';
  CREATE TABLE "courses_draw_groups" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"rule" "enum_courses_draw_groups_rule",
  	"share" numeric,
  	"age_min" numeric,
  	"age_max" numeric
  );
  
  CREATE TABLE "_courses_v_version_draw_groups" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"rule" "enum__courses_v_version_draw_groups_rule",
  	"share" numeric,
  	"age_min" numeric,
  	"age_max" numeric,
  	"_uuid" varchar
  );
  
  CREATE TABLE "draw_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"folio" varchar NOT NULL,
  	"course_id" integer NOT NULL,
  	"youth_id" integer NOT NULL,
  	"status" "enum_draw_requests_status" NOT NULL,
  	"group" varchar,
  	"rank" numeric,
  	"reason" varchar,
  	"withdrawn_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "course_draws" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"course_id" integer NOT NULL,
  	"commitment" varchar NOT NULL,
  	"secret" varchar NOT NULL,
  	"drawn_at" timestamp(3) with time zone,
  	"result" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "courses" ADD COLUMN "allocation" "enum_courses_allocation" DEFAULT 'arrival';
  ALTER TABLE "courses" ADD COLUMN "draw_requests_open" timestamp(3) with time zone;
  ALTER TABLE "courses" ADD COLUMN "draw_requests_close" timestamp(3) with time zone;
  ALTER TABLE "courses" ADD COLUMN "draw_draw_at" timestamp(3) with time zone;
  ALTER TABLE "courses" ADD COLUMN "draw_colonias" varchar;
  ALTER TABLE "_courses_v" ADD COLUMN "version_allocation" "enum__courses_v_version_allocation" DEFAULT 'arrival';
  ALTER TABLE "_courses_v" ADD COLUMN "version_draw_requests_open" timestamp(3) with time zone;
  ALTER TABLE "_courses_v" ADD COLUMN "version_draw_requests_close" timestamp(3) with time zone;
  ALTER TABLE "_courses_v" ADD COLUMN "version_draw_draw_at" timestamp(3) with time zone;
  ALTER TABLE "_courses_v" ADD COLUMN "version_draw_colonias" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "draw_requests_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "course_draws_id" integer;
  ALTER TABLE "courses_draw_groups" ADD CONSTRAINT "courses_draw_groups_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_version_draw_groups" ADD CONSTRAINT "_courses_v_version_draw_groups_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "course_draws" ADD CONSTRAINT "course_draws_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "courses_draw_groups_order_idx" ON "courses_draw_groups" USING btree ("_order");
  CREATE INDEX "courses_draw_groups_parent_id_idx" ON "courses_draw_groups" USING btree ("_parent_id");
  CREATE INDEX "_courses_v_version_draw_groups_order_idx" ON "_courses_v_version_draw_groups" USING btree ("_order");
  CREATE INDEX "_courses_v_version_draw_groups_parent_id_idx" ON "_courses_v_version_draw_groups" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "draw_requests_folio_idx" ON "draw_requests" USING btree ("folio");
  CREATE INDEX "draw_requests_course_idx" ON "draw_requests" USING btree ("course_id");
  CREATE INDEX "draw_requests_youth_idx" ON "draw_requests" USING btree ("youth_id");
  CREATE INDEX "draw_requests_status_idx" ON "draw_requests" USING btree ("status");
  CREATE INDEX "draw_requests_updated_at_idx" ON "draw_requests" USING btree ("updated_at");
  CREATE INDEX "draw_requests_created_at_idx" ON "draw_requests" USING btree ("created_at");
  CREATE UNIQUE INDEX "course_youth_1_idx" ON "draw_requests" USING btree ("course_id","youth_id");
  CREATE UNIQUE INDEX "course_draws_course_idx" ON "course_draws" USING btree ("course_id");
  CREATE INDEX "course_draws_updated_at_idx" ON "course_draws" USING btree ("updated_at");
  CREATE INDEX "course_draws_created_at_idx" ON "course_draws" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_draw_requests_fk" FOREIGN KEY ("draw_requests_id") REFERENCES "public"."draw_requests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_course_draws_fk" FOREIGN KEY ("course_draws_id") REFERENCES "public"."course_draws"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_draw_requests_id_idx" ON "payload_locked_documents_rels" USING btree ("draw_requests_id");
  CREATE INDEX "payload_locked_documents_rels_course_draws_id_idx" ON "payload_locked_documents_rels" USING btree ("course_draws_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "courses_draw_groups" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_version_draw_groups" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "draw_requests" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "course_draws" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "courses_draw_groups" CASCADE;
  DROP TABLE "_courses_v_version_draw_groups" CASCADE;
  DROP TABLE "draw_requests" CASCADE;
  DROP TABLE "course_draws" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_draw_requests_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_course_draws_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'enrollmentEmail', 'enrollmentReminders', 'applicationEmail', 'weeklyDigest', 'rebuildSite', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'enrollmentEmail', 'enrollmentReminders', 'applicationEmail', 'weeklyDigest', 'rebuildSite', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_draw_requests_id_idx";
  DROP INDEX "payload_locked_documents_rels_course_draws_id_idx";
  ALTER TABLE "courses" DROP COLUMN "allocation";
  ALTER TABLE "courses" DROP COLUMN "draw_requests_open";
  ALTER TABLE "courses" DROP COLUMN "draw_requests_close";
  ALTER TABLE "courses" DROP COLUMN "draw_draw_at";
  ALTER TABLE "courses" DROP COLUMN "draw_colonias";
  ALTER TABLE "_courses_v" DROP COLUMN "version_allocation";
  ALTER TABLE "_courses_v" DROP COLUMN "version_draw_requests_open";
  ALTER TABLE "_courses_v" DROP COLUMN "version_draw_requests_close";
  ALTER TABLE "_courses_v" DROP COLUMN "version_draw_draw_at";
  ALTER TABLE "_courses_v" DROP COLUMN "version_draw_colonias";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "draw_requests_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "course_draws_id";
  DROP TYPE "public"."enum_courses_draw_groups_rule";
  DROP TYPE "public"."enum_courses_allocation";
  DROP TYPE "public"."enum__courses_v_version_draw_groups_rule";
  DROP TYPE "public"."enum__courses_v_version_allocation";
  DROP TYPE "public"."enum_draw_requests_status";`)
}
