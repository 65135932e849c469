import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Titles people read in the admin instead of «ID: n»:
 * - enrollments.title «Ana López · Taller de serigrafía». Enrolments are inserted with raw SQL
 *   (waitlist.ts) as well as through Payload, so database triggers keep it: on every insert, and
 *   when the youth's name or the course's title changes (an anonymised youth's name leaves it too).
 * - application_documents.requirement_name: the requested document or question a file answers.
 * - reviews.title: the application's folio and who evaluates.
 * Also the job type of the weekly digest, which no earlier migration added to the enums.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE IF NOT EXISTS 'weeklyDigest' BEFORE 'rebuildSite';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE IF NOT EXISTS 'weeklyDigest' BEFORE 'rebuildSite';
  ALTER TABLE "enrollments" ADD COLUMN "title" varchar;
  ALTER TABLE "application_documents" ADD COLUMN "requirement_name" varchar;
  ALTER TABLE "reviews" ADD COLUMN "title" varchar;

  CREATE FUNCTION enrollment_title(youth_id integer, course_id integer) RETURNS varchar LANGUAGE sql STABLE AS $$
    SELECT nullif(concat_ws(' · ', (SELECT nullif(trim(y.full_name), '') FROM youth y WHERE y.id = youth_id),
                                   (SELECT c.title FROM courses c WHERE c.id = course_id)), '')
  $$;
  CREATE FUNCTION enrollments_set_title() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.title := enrollment_title(NEW.youth_id, NEW.course_id);
    RETURN NEW;
  END $$;
  CREATE TRIGGER enrollments_title BEFORE INSERT OR UPDATE OF youth_id, course_id, title ON enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollments_set_title();
  CREATE FUNCTION enrollments_refresh_titles() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_TABLE_NAME = 'youth' THEN
      UPDATE enrollments SET title = NULL WHERE enrollments.youth_id = NEW.id;
    ELSE
      UPDATE enrollments SET title = NULL WHERE enrollments.course_id = NEW.id;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER youth_enrollment_titles AFTER UPDATE OF full_name ON youth
    FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name) EXECUTE FUNCTION enrollments_refresh_titles();
  CREATE TRIGGER courses_enrollment_titles AFTER UPDATE OF title ON courses
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION enrollments_refresh_titles();
  UPDATE enrollments SET title = NULL;

  UPDATE application_documents d SET requirement_name = coalesce(
    CASE WHEN d.requirement = 'respuesta' THEN 'Respuesta a una solicitud de información' END,
    (SELECT r.name FROM calls_required_documents r WHERE r._parent_id = d.call_id AND r.id = d.requirement LIMIT 1),
    (SELECT q.label FROM calls_questions q WHERE q._parent_id = d.call_id AND q.id = d.requirement LIMIT 1),
    d.requirement);

  UPDATE reviews r SET title = concat_ws(' · ', coalesce(a.folio, 'Postulación ' || a.id), (SELECT u.name FROM users u WHERE u.id = r.reviewer_id))
    FROM applications a WHERE a.id = r.application_id;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // Enum values cannot be dropped while rows may use them: the weekly digest's stays.
  await db.execute(sql`
  DROP TRIGGER IF EXISTS courses_enrollment_titles ON courses;
  DROP TRIGGER IF EXISTS youth_enrollment_titles ON youth;
  DROP TRIGGER IF EXISTS enrollments_title ON enrollments;
  DROP FUNCTION IF EXISTS enrollments_refresh_titles();
  DROP FUNCTION IF EXISTS enrollments_set_title();
  DROP FUNCTION IF EXISTS enrollment_title(integer, integer);
  ALTER TABLE "enrollments" DROP COLUMN "title";
  ALTER TABLE "application_documents" DROP COLUMN "requirement_name";
  ALTER TABLE "reviews" DROP COLUMN "title";`)
}
