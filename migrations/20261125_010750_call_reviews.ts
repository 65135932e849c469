import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_calls_results_list_outcome" AS ENUM('accepted', 'waitlisted');
  CREATE TYPE "public"."enum__calls_v_version_results_list_outcome" AS ENUM('accepted', 'waitlisted');
  CREATE TYPE "public"."enum_reviews_status" AS ENUM('draft', 'submitted');
  ALTER TYPE "public"."enum_applications_history_status" ADD VALUE 'waitlisted' BEFORE 'rejected';
  ALTER TYPE "public"."enum_applications_status" ADD VALUE 'waitlisted' BEFORE 'rejected';
  CREATE TABLE "calls_rubric" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"weight" numeric DEFAULT 1,
  	"scale_max" numeric DEFAULT 10
  );
  
  CREATE TABLE "calls_results_list" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"folio" varchar,
  	"outcome" "enum_calls_results_list_outcome",
  	"name" varchar
  );
  
  CREATE TABLE "_calls_v_version_rubric" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"weight" numeric DEFAULT 1,
  	"scale_max" numeric DEFAULT 10,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_calls_v_version_results_list" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"folio" varchar,
  	"outcome" "enum__calls_v_version_results_list_outcome",
  	"name" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "applications_replies" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"text" varchar NOT NULL,
  	"document_id" integer,
  	"at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "reviews_scores" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"criterion" varchar,
  	"name" varchar,
  	"score" numeric
  );
  
  CREATE TABLE "reviews" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"application_id" integer NOT NULL,
  	"call_id" integer,
  	"reviewer_id" integer,
  	"comment" varchar,
  	"status" "enum_reviews_status" DEFAULT 'draft' NOT NULL,
  	"total" numeric,
  	"submitted_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "calls" ADD COLUMN "results_include_waitlist" boolean DEFAULT false;
  ALTER TABLE "calls" ADD COLUMN "results_published_at" timestamp(3) with time zone;
  ALTER TABLE "calls_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "_calls_v" ADD COLUMN "version_results_include_waitlist" boolean DEFAULT false;
  ALTER TABLE "_calls_v" ADD COLUMN "version_results_published_at" timestamp(3) with time zone;
  ALTER TABLE "_calls_v_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "applications_history" ADD COLUMN "note" varchar;
  ALTER TABLE "applications" ADD COLUMN "status_note" varchar;
  ALTER TABLE "applications" ADD COLUMN "average_score" numeric;
  ALTER TABLE "applications" ADD COLUMN "review_count" numeric DEFAULT 0;
  ALTER TABLE "applications" ADD COLUMN "publish_name_consent" boolean DEFAULT false;
  ALTER TABLE "applications" ADD COLUMN "notified_status" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reviews_id" integer;
  ALTER TABLE "calls_rubric" ADD CONSTRAINT "calls_rubric_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "calls_results_list" ADD CONSTRAINT "calls_results_list_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_calls_v_version_rubric" ADD CONSTRAINT "_calls_v_version_rubric_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_calls_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_calls_v_version_results_list" ADD CONSTRAINT "_calls_v_version_results_list_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_calls_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "applications_replies" ADD CONSTRAINT "applications_replies_document_id_application_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."application_documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "applications_replies" ADD CONSTRAINT "applications_replies_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reviews_scores" ADD CONSTRAINT "reviews_scores_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "calls_rubric_order_idx" ON "calls_rubric" USING btree ("_order");
  CREATE INDEX "calls_rubric_parent_id_idx" ON "calls_rubric" USING btree ("_parent_id");
  CREATE INDEX "calls_results_list_order_idx" ON "calls_results_list" USING btree ("_order");
  CREATE INDEX "calls_results_list_parent_id_idx" ON "calls_results_list" USING btree ("_parent_id");
  CREATE INDEX "_calls_v_version_rubric_order_idx" ON "_calls_v_version_rubric" USING btree ("_order");
  CREATE INDEX "_calls_v_version_rubric_parent_id_idx" ON "_calls_v_version_rubric" USING btree ("_parent_id");
  CREATE INDEX "_calls_v_version_results_list_order_idx" ON "_calls_v_version_results_list" USING btree ("_order");
  CREATE INDEX "_calls_v_version_results_list_parent_id_idx" ON "_calls_v_version_results_list" USING btree ("_parent_id");
  CREATE INDEX "applications_replies_order_idx" ON "applications_replies" USING btree ("_order");
  CREATE INDEX "applications_replies_parent_id_idx" ON "applications_replies" USING btree ("_parent_id");
  CREATE INDEX "applications_replies_document_idx" ON "applications_replies" USING btree ("document_id");
  CREATE INDEX "reviews_scores_order_idx" ON "reviews_scores" USING btree ("_order");
  CREATE INDEX "reviews_scores_parent_id_idx" ON "reviews_scores" USING btree ("_parent_id");
  CREATE INDEX "reviews_application_idx" ON "reviews" USING btree ("application_id");
  CREATE INDEX "reviews_call_idx" ON "reviews" USING btree ("call_id");
  CREATE INDEX "reviews_reviewer_idx" ON "reviews" USING btree ("reviewer_id");
  CREATE INDEX "reviews_updated_at_idx" ON "reviews" USING btree ("updated_at");
  CREATE INDEX "reviews_created_at_idx" ON "reviews" USING btree ("created_at");
  CREATE UNIQUE INDEX "application_reviewer_idx" ON "reviews" USING btree ("application_id","reviewer_id");
  ALTER TABLE "calls_rels" ADD CONSTRAINT "calls_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_calls_v_rels" ADD CONSTRAINT "_calls_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reviews_fk" FOREIGN KEY ("reviews_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "calls_rels_users_id_idx" ON "calls_rels" USING btree ("users_id");
  CREATE INDEX "_calls_v_rels_users_id_idx" ON "_calls_v_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_reviews_id_idx" ON "payload_locked_documents_rels" USING btree ("reviews_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "calls_rubric" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "calls_results_list" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_calls_v_version_rubric" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_calls_v_version_results_list" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "applications_replies" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reviews_scores" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reviews" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "calls_rubric" CASCADE;
  DROP TABLE "calls_results_list" CASCADE;
  DROP TABLE "_calls_v_version_rubric" CASCADE;
  DROP TABLE "_calls_v_version_results_list" CASCADE;
  DROP TABLE "applications_replies" CASCADE;
  DROP TABLE "reviews_scores" CASCADE;
  DROP TABLE "reviews" CASCADE;
  ALTER TABLE "calls_rels" DROP CONSTRAINT "calls_rels_users_fk";
  
  ALTER TABLE "_calls_v_rels" DROP CONSTRAINT "_calls_v_rels_users_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reviews_fk";
  
  ALTER TABLE "applications_history" ALTER COLUMN "status" SET DATA TYPE text;
  DROP TYPE "public"."enum_applications_history_status";
  CREATE TYPE "public"."enum_applications_history_status" AS ENUM('draft', 'submitted', 'in-review', 'needs-info', 'accepted', 'rejected', 'withdrawn');
  ALTER TABLE "applications_history" ALTER COLUMN "status" SET DATA TYPE "public"."enum_applications_history_status" USING "status"::"public"."enum_applications_history_status";
  ALTER TABLE "applications" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "applications" ALTER COLUMN "status" SET DEFAULT 'draft'::text;
  DROP TYPE "public"."enum_applications_status";
  CREATE TYPE "public"."enum_applications_status" AS ENUM('draft', 'submitted', 'in-review', 'needs-info', 'accepted', 'rejected', 'withdrawn');
  ALTER TABLE "applications" ALTER COLUMN "status" SET DEFAULT 'draft'::"public"."enum_applications_status";
  ALTER TABLE "applications" ALTER COLUMN "status" SET DATA TYPE "public"."enum_applications_status" USING "status"::"public"."enum_applications_status";
  DROP INDEX "calls_rels_users_id_idx";
  DROP INDEX "_calls_v_rels_users_id_idx";
  DROP INDEX "payload_locked_documents_rels_reviews_id_idx";
  ALTER TABLE "calls" DROP COLUMN "results_include_waitlist";
  ALTER TABLE "calls" DROP COLUMN "results_published_at";
  ALTER TABLE "calls_rels" DROP COLUMN "users_id";
  ALTER TABLE "_calls_v" DROP COLUMN "version_results_include_waitlist";
  ALTER TABLE "_calls_v" DROP COLUMN "version_results_published_at";
  ALTER TABLE "_calls_v_rels" DROP COLUMN "users_id";
  ALTER TABLE "applications_history" DROP COLUMN "note";
  ALTER TABLE "applications" DROP COLUMN "status_note";
  ALTER TABLE "applications" DROP COLUMN "average_score";
  ALTER TABLE "applications" DROP COLUMN "review_count";
  ALTER TABLE "applications" DROP COLUMN "publish_name_consent";
  ALTER TABLE "applications" DROP COLUMN "notified_status";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reviews_id";
  DROP TYPE "public"."enum_calls_results_list_outcome";
  DROP TYPE "public"."enum__calls_v_version_results_list_outcome";
  DROP TYPE "public"."enum_reviews_status";`)
}
