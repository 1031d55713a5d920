/**
 * Training records for the sweeps over every route (route walk, hostile input): a course with a session still to
 * come and one held, a place on each booked by the demo school DSL's school, and an impact questionnaire sent with
 * a known token, so training's pages are walked with real records.
 */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../src/db/client.js';
import { sha256 } from '../../src/platform/crypto.js';

/** The impact link's token (43 base64url characters, as the job makes them). */
export const TRAINING_FIXTURE_TOKEN = 'FixtureTokenForTheRouteWalkAndHostileInput0';

export async function trainingFixture(db: Database): Promise<{ trainingCourse: string; trainingSession: string; trainingHeld: string; trainingBooking: string; trainingToken: string }> {
  const dsl = (await one<{ id: string; tenant_id: string; agency_id: string }>(db, sql`select id, tenant_id, agency_id from app_user where email = 'dsl@demo.threshold.test'`))!;
  const course = (await one<{ id: string }>(
    db,
    sql`insert into training_course (tenant_id, title, theme, mode, board_kind, description) values (${dsl.tenant_id}, 'Fixture: neglect and the graded care profile', 'neglect', 'face_to_face', 'children', 'A course for the sweeps.') returning id`,
  ))!;
  const session = (await one<{ id: string }>(
    db,
    sql`insert into training_session (tenant_id, course_id, starts_at, ends_at, venue, capacity) values (${dsl.tenant_id}, ${course.id}, now() + interval '30 days', now() + interval '30 days 3 hours', 'Riverside Centre', 20) returning id`,
  ))!;
  const held = (await one<{ id: string }>(
    db,
    sql`insert into training_session (tenant_id, course_id, starts_at, ends_at, venue, capacity, status, register_taken_at) values (${dsl.tenant_id}, ${course.id}, now() - interval '100 days', now() - interval '100 days' + interval '3 hours', 'Riverside Centre', 20, 'held', now() - interval '99 days') returning id`,
  ))!;
  await db.execute(
    sql`insert into training_booking (tenant_id, session_id, attendee_name, attendee_email, agency_id, agency_type, job_role, booked_by_user_id)
        values (${dsl.tenant_id}, ${session.id}, 'Fixture Attendee', 'fixture.attendee@school.example', ${dsl.agency_id}, 'school', 'Teacher', ${dsl.id})`,
  );
  const booking = (await one<{ id: string }>(
    db,
    sql`insert into training_booking (tenant_id, session_id, attendee_name, attendee_email, agency_id, agency_type, job_role, booked_by_user_id, status, impact_due_on, impact_sent_at, impact_token_hash)
        values (${dsl.tenant_id}, ${held.id}, 'Fixture Attended', 'fixture.attended@school.example', ${dsl.agency_id}, 'school', 'Teacher', ${dsl.id}, 'attended', current_date - 10, now() - interval '1 day', ${sha256(TRAINING_FIXTURE_TOKEN)})
        returning id`,
  ))!;
  return { trainingCourse: course.id, trainingSession: session.id, trainingHeld: held.id, trainingBooking: booking.id, trainingToken: TRAINING_FIXTURE_TOKEN };
}
