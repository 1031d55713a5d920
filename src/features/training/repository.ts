/** The training tables: courses, sessions, bookings (attendance, evaluation, the 3-month impact check), needs analysis. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type TrainingBookingFacts } from '../../domain/access.js';

// ——— record checks ———

export async function courseFacts(db: Database, courseId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from training_course where id = ${courseId}`);
  return row && { tenantId: row.tenant_id };
}

export async function sessionFacts(db: Database, sessionId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from training_session where id = ${sessionId}`);
  return row && { tenantId: row.tenant_id };
}

export async function bookingFacts(db: Database, bookingId: string): Promise<TrainingBookingFacts | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string; attendee_user_id: string | null }>(
    db,
    sql`select tenant_id, agency_id, attendee_user_id from training_booking where id = ${bookingId}`,
  );
  return row && { tenantId: row.tenant_id, agencyId: row.agency_id, attendeeUserId: row.attendee_user_id };
}
