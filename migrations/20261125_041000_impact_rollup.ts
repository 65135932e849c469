import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The impact report's rollup (lib/impact/rollup.ts), outside Payload's schema: written by hand, so it
 * has no snapshot and later schema diffs never touch it.
 * - impact_youth_days: one row per youth and León day with a counted step, with the youth's previous
 *   such day (so "distinct youths in a range" is "rows in the range whose previous day is before it").
 * - impact_group_days: per group (total, gender, colonia, quarter of birth, organization, pillar)
 *   and day, the sorted previous days of the youths active that day in that group, and its counts.
 * - impact_courses: published, not cancelled courses with their enrolment opening, capacity, seats
 *   held (confirmed) and pillars, for the capacity table.
 * - impact_snapshot: when the rollup was built and how long that took.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "impact_youth_days" (
    "youth_id" integer NOT NULL,
    "day" date NOT NULL,
    "prev_day" date,
    "birth_date" date,
    "enrolments" integer NOT NULL,
    "completions" integer NOT NULL,
    "applications" integer NOT NULL,
    PRIMARY KEY ("day", "youth_id")
  );
  CREATE INDEX "impact_youth_days_birth_date_idx" ON "impact_youth_days" USING btree ("birth_date");
  CREATE TABLE "impact_group_days" (
    "dim" varchar NOT NULL,
    "key" varchar NOT NULL,
    "day" date NOT NULL,
    "prevs" date[] NOT NULL,
    "enrolments" integer NOT NULL,
    "completions" integer NOT NULL,
    "applications" integer NOT NULL,
    PRIMARY KEY ("day", "dim", "key")
  );
  CREATE TABLE "impact_courses" (
    "course_id" integer PRIMARY KEY,
    "opens" timestamp(3) with time zone NOT NULL,
    "capacity" numeric,
    "used" integer NOT NULL,
    "pillars" integer[] NOT NULL
  );
  CREATE INDEX "impact_courses_opens_idx" ON "impact_courses" USING btree ("opens");
  CREATE TABLE "impact_snapshot" (
    "id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
    "as_of" timestamp(3) with time zone NOT NULL,
    "build_ms" integer NOT NULL
  );
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "impact_courses";
  DROP TABLE "impact_snapshot";
  DROP TABLE "impact_group_days";
  DROP TABLE "impact_youth_days";`)
}
