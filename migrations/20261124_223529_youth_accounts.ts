import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_youth_consent_log_event" AS ENUM('privacy-accepted', 'guardian-link-sent', 'guardian-consent-email', 'guardian-consent-paper', 'email-changed', 'arco-request', 'data-exported', 'anonymized');
  CREATE TYPE "public"."enum_youth_gender" AS ENUM('mujer', 'hombre', 'no-binario', 'otro', 'prefiero-no-decir');
  CREATE TYPE "public"."enum_youth_how_heard" AS ENUM('redes-sociales', 'escuela', 'amistades-familia', 'evento', 'sitio-web', 'otro');
  CREATE TYPE "public"."enum_youth_guardian_consent_status" AS ENUM('not-required', 'pending', 'given');
  CREATE TYPE "public"."enum_youth_guardian_consent_method" AS ENUM('email', 'papel');
  CREATE TYPE "public"."enum_arco_requests_kind" AS ENUM('acceso', 'rectificacion', 'cancelacion', 'oposicion');
  CREATE TYPE "public"."enum_arco_requests_status" AS ENUM('received', 'in-progress', 'resolved', 'rejected');
  CREATE TABLE "youth_consent_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"event" "enum_youth_consent_log_event" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by" varchar,
  	"detail" varchar
  );
  
  CREATE TABLE "youth_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "youth" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"given_names" varchar NOT NULL,
  	"surnames" varchar NOT NULL,
  	"full_name" varchar,
  	"birth_date" timestamp(3) with time zone NOT NULL,
  	"municipality" varchar DEFAULT 'León' NOT NULL,
  	"colonia" varchar NOT NULL,
  	"curp" varchar,
  	"gender" "enum_youth_gender",
  	"occupation" varchar,
  	"how_heard" "enum_youth_how_heard",
  	"privacy_version" varchar,
  	"privacy_accepted_at" timestamp(3) with time zone,
  	"guardian_name" varchar,
  	"guardian_email" varchar,
  	"guardian_consent_status" "enum_youth_guardian_consent_status",
  	"guardian_consent_method" "enum_youth_guardian_consent_method",
  	"guardian_consent_given_at" timestamp(3) with time zone,
  	"guardian_consent_recorded_by_id" integer,
  	"guardian_token_hash" varchar,
  	"guardian_token_expires_at" timestamp(3) with time zone,
  	"anonymized_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"_verified" boolean,
  	"_verificationtoken" varchar,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "youth_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"pillars_id" integer
  );
  
  CREATE TABLE "arco_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum_arco_requests_kind" NOT NULL,
  	"text" varchar NOT NULL,
  	"youth_id" integer,
  	"status" "enum_arco_requests_status" DEFAULT 'received',
  	"due_date" timestamp(3) with time zone,
  	"response" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "privacy_notice" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"version" varchar DEFAULT '1' NOT NULL,
  	"effective_date" timestamp(3) with time zone NOT NULL,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "youth_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "arco_requests_id" integer;
  ALTER TABLE "payload_preferences_rels" ADD COLUMN "youth_id" integer;
  ALTER TABLE "youth_consent_log" ADD CONSTRAINT "youth_consent_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "youth_sessions" ADD CONSTRAINT "youth_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "youth" ADD CONSTRAINT "youth_guardian_consent_recorded_by_id_users_id_fk" FOREIGN KEY ("guardian_consent_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "youth_rels" ADD CONSTRAINT "youth_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "youth_rels" ADD CONSTRAINT "youth_rels_pillars_fk" FOREIGN KEY ("pillars_id") REFERENCES "public"."pillars"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "arco_requests" ADD CONSTRAINT "arco_requests_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "youth_consent_log_order_idx" ON "youth_consent_log" USING btree ("_order");
  CREATE INDEX "youth_consent_log_parent_id_idx" ON "youth_consent_log" USING btree ("_parent_id");
  CREATE INDEX "youth_sessions_order_idx" ON "youth_sessions" USING btree ("_order");
  CREATE INDEX "youth_sessions_parent_id_idx" ON "youth_sessions" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "youth_curp_idx" ON "youth" USING btree ("curp");
  CREATE INDEX "youth_guardian_consent_guardian_consent_recorded_by_idx" ON "youth" USING btree ("guardian_consent_recorded_by_id");
  CREATE INDEX "youth_guardian_token_hash_idx" ON "youth" USING btree ("guardian_token_hash");
  CREATE INDEX "youth_updated_at_idx" ON "youth" USING btree ("updated_at");
  CREATE INDEX "youth_created_at_idx" ON "youth" USING btree ("created_at");
  CREATE UNIQUE INDEX "youth_email_idx" ON "youth" USING btree ("email");
  CREATE INDEX "youth_rels_order_idx" ON "youth_rels" USING btree ("order");
  CREATE INDEX "youth_rels_parent_idx" ON "youth_rels" USING btree ("parent_id");
  CREATE INDEX "youth_rels_path_idx" ON "youth_rels" USING btree ("path");
  CREATE INDEX "youth_rels_pillars_id_idx" ON "youth_rels" USING btree ("pillars_id");
  CREATE INDEX "arco_requests_youth_idx" ON "arco_requests" USING btree ("youth_id");
  CREATE INDEX "arco_requests_updated_at_idx" ON "arco_requests" USING btree ("updated_at");
  CREATE INDEX "arco_requests_created_at_idx" ON "arco_requests" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_youth_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_arco_requests_fk" FOREIGN KEY ("arco_requests_id") REFERENCES "public"."arco_requests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_youth_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_youth_id_idx" ON "payload_locked_documents_rels" USING btree ("youth_id");
  CREATE INDEX "payload_locked_documents_rels_arco_requests_id_idx" ON "payload_locked_documents_rels" USING btree ("arco_requests_id");
  CREATE INDEX "payload_preferences_rels_youth_id_idx" ON "payload_preferences_rels" USING btree ("youth_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "youth_consent_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "youth_sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "youth" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "youth_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "arco_requests" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "privacy_notice" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "youth_consent_log" CASCADE;
  DROP TABLE "youth_sessions" CASCADE;
  DROP TABLE "youth" CASCADE;
  DROP TABLE "youth_rels" CASCADE;
  DROP TABLE "arco_requests" CASCADE;
  DROP TABLE "privacy_notice" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_youth_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_arco_requests_fk";
  
  ALTER TABLE "payload_preferences_rels" DROP CONSTRAINT "payload_preferences_rels_youth_fk";
  
  DROP INDEX "payload_locked_documents_rels_youth_id_idx";
  DROP INDEX "payload_locked_documents_rels_arco_requests_id_idx";
  DROP INDEX "payload_preferences_rels_youth_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "youth_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "arco_requests_id";
  ALTER TABLE "payload_preferences_rels" DROP COLUMN "youth_id";
  DROP TYPE "public"."enum_youth_consent_log_event";
  DROP TYPE "public"."enum_youth_gender";
  DROP TYPE "public"."enum_youth_how_heard";
  DROP TYPE "public"."enum_youth_guardian_consent_status";
  DROP TYPE "public"."enum_youth_guardian_consent_method";
  DROP TYPE "public"."enum_arco_requests_kind";
  DROP TYPE "public"."enum_arco_requests_status";`)
}
