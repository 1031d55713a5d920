/** The training tables: courses, sessions, bookings (attendance, evaluation, the 3-month impact check), needs analysis. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
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

// ——— courses ———

export interface CourseRow {
  id: string;
  tenant_id: string;
  title: string;
  theme: string;
  mode: string;
  board_kind: string;
  description: string;
  audience: string | null;
  duration_minutes: number | null;
  active: boolean;
}

/** Places taken on a session: bookings not cancelled. */
const TAKEN = sql`(select count(*)::int from training_booking b where b.session_id = s.id and b.status <> 'cancelled')`;

export interface CatalogueRow extends CourseRow {
  upcoming: number;
  next_starts_at: string | null;
  places_left: number;
}

/** Courses with sessions still to come (all active courses for the training team), soonest first. */
export async function catalogue(db: Database, tenantId: string, now: Date, all: boolean, limit: number, offset: number): Promise<{ rows: CatalogueRow[]; total: number }> {
  const at = now.toISOString();
  const base = sql`
    from training_course c
    left join lateral (
      select count(*)::int as upcoming, min(s.starts_at) as next_starts_at, coalesce(sum(greatest(s.capacity - ${TAKEN}, 0)), 0)::int as places_left
        from training_session s where s.course_id = c.id and s.status = 'scheduled' and s.starts_at > ${at}
    ) u on true
    where c.tenant_id = ${tenantId} and c.active and (${all} or u.upcoming > 0)`;
  const list = await rows<CatalogueRow>(
    db,
    sql`select c.id, c.tenant_id, c.title, c.theme, c.mode, c.board_kind, c.description, c.audience, c.duration_minutes, c.active,
               u.upcoming, u.next_starts_at::text as next_starts_at, u.places_left
        ${base} order by u.next_starts_at nulls last, c.title limit ${limit} offset ${offset}`,
  );
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n ${base}`);
  return { rows: list, total: total?.n ?? 0 };
}

export function course(db: Database, id: string): Promise<CourseRow | undefined> {
  return one<CourseRow>(db, sql`select id, tenant_id, title, theme, mode, board_kind, description, audience, duration_minutes, active from training_course where id = ${id}`);
}

export async function courseTitleTaken(db: Database, tenantId: string, title: string, exceptId: string | null): Promise<boolean> {
  const row = await one<{ id: string }>(db, sql`select id from training_course where tenant_id = ${tenantId} and lower(title) = lower(${title}) and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)`);
  return Boolean(row);
}

export interface CourseInput {
  title: string;
  theme: string;
  mode: string;
  boardKind: string;
  description: string;
  audience: string | null;
  durationMinutes: number | null;
}

export async function insertCourse(tx: Database, tenantId: string, c: CourseInput): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_course (tenant_id, title, theme, mode, board_kind, description, audience, duration_minutes)
        values (${tenantId}, ${c.title}, ${c.theme}, ${c.mode}, ${c.boardKind}, ${c.description}, ${c.audience}, ${c.durationMinutes}) returning id`,
  );
  return row!.id;
}

export async function updateCourse(tx: Database, id: string, c: CourseInput): Promise<void> {
  await tx.execute(sql`update training_course set title = ${c.title}, theme = ${c.theme}, mode = ${c.mode}, board_kind = ${c.boardKind},
    description = ${c.description}, audience = ${c.audience}, duration_minutes = ${c.durationMinutes} where id = ${id}`);
}

// ——— sessions ———

export interface SessionRow {
  id: string;
  tenant_id: string;
  course_id: string;
  starts_at: string;
  ends_at: string;
  venue: string;
  trainer: string | null;
  capacity: number;
  status: string;
  register_taken_at: string | null;
  taken: number;
}

const SESSION_COLUMNS = sql`s.id, s.tenant_id, s.course_id, s.starts_at::text as starts_at, s.ends_at::text as ends_at, s.venue, s.trainer, s.capacity, s.status,
  s.register_taken_at::text as register_taken_at, ${TAKEN} as taken`;

export function sessionsOf(db: Database, courseId: string): Promise<SessionRow[]> {
  return rows<SessionRow>(db, sql`select ${SESSION_COLUMNS} from training_session s where s.course_id = ${courseId} order by s.starts_at desc`);
}

export function session(db: Database, id: string): Promise<SessionRow | undefined> {
  return one<SessionRow>(db, sql`select ${SESSION_COLUMNS} from training_session s where s.id = ${id}`);
}

/** The session locked for a change (a booking, the register): no two bookings take its last place. */
export function lockSession(tx: Database, id: string): Promise<SessionRow | undefined> {
  return one<SessionRow>(tx, sql`select ${SESSION_COLUMNS} from training_session s where s.id = ${id} for update`);
}

export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
  venue: string;
  trainer: string | null;
  capacity: number;
}

export async function insertSession(tx: Database, tenantId: string, courseId: string, s: SessionInput): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_session (tenant_id, course_id, starts_at, ends_at, venue, trainer, capacity)
        values (${tenantId}, ${courseId}, ${s.startsAt.toISOString()}, ${s.endsAt.toISOString()}, ${s.venue}, ${s.trainer}, ${s.capacity}) returning id`,
  );
  return row!.id;
}

export async function updateSession(tx: Database, id: string, s: SessionInput): Promise<void> {
  await tx.execute(sql`update training_session set starts_at = ${s.startsAt.toISOString()}, ends_at = ${s.endsAt.toISOString()}, venue = ${s.venue},
    trainer = ${s.trainer}, capacity = ${s.capacity} where id = ${id}`);
}

export async function cancelSession(tx: Database, id: string): Promise<number> {
  await tx.execute(sql`update training_session set status = 'cancelled' where id = ${id}`);
  const cancelled = await rows<{ id: string }>(tx, sql`update training_booking set status = 'cancelled' where session_id = ${id} and status = 'booked' returning id`);
  return cancelled.length;
}

/** Other sessions of the same course still open for booking, with places left (offered when one is full). */
export function otherSessions(db: Database, courseId: string, exceptId: string, now: Date): Promise<SessionRow[]> {
  return rows<SessionRow>(
    db,
    sql`select ${SESSION_COLUMNS} from training_session s where s.course_id = ${courseId} and s.id <> ${exceptId} and s.status = 'scheduled'
          and s.starts_at > ${now.toISOString()} and s.capacity > ${TAKEN} order by s.starts_at limit 10`,
  );
}

// ——— bookings ———

export interface BookingRow {
  id: string;
  tenant_id: string;
  session_id: string;
  attendee_name: string;
  attendee_email: string;
  attendee_user_id: string | null;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  job_role: string;
  booked_at: string;
  status: string;
  evaluation: Record<string, unknown> | null;
  evaluated_at: string | null;
  impact_due_on: string | null;
  impact_sent_at: string | null;
  impact: Record<string, unknown> | null;
  impact_answered_at: string | null;
}

const BOOKING_COLUMNS = sql`b.id, b.tenant_id, b.session_id, b.attendee_name, b.attendee_email, b.attendee_user_id, b.agency_id, a.name as agency_name,
  b.agency_type, b.job_role, b.booked_at::text as booked_at, b.status, b.evaluation, b.evaluated_at::text as evaluated_at, b.impact_due_on::text as impact_due_on,
  b.impact_sent_at::text as impact_sent_at, b.impact, b.impact_answered_at::text as impact_answered_at`;

/** A session's bookings; an agency's own only when `agencyId` is given. */
export function bookingsOf(db: Database, sessionId: string, agencyId: string | null): Promise<BookingRow[]> {
  return rows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from training_booking b join agency a on a.id = b.agency_id
        where b.session_id = ${sessionId} and (${agencyId}::uuid is null or b.agency_id = ${agencyId}::uuid)
        order by b.status = 'cancelled', a.name, b.attendee_name`,
  );
}

export function booking(db: Database, id: string): Promise<BookingRow | undefined> {
  return one<BookingRow>(db, sql`select ${BOOKING_COLUMNS} from training_booking b join agency a on a.id = b.agency_id where b.id = ${id}`);
}

export async function emailBooked(tx: Database, sessionId: string, email: string): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`select id from training_booking where session_id = ${sessionId} and lower(attendee_email) = ${email} and status <> 'cancelled'`);
  return Boolean(row);
}

export interface BookingInput {
  tenantId: string;
  sessionId: string;
  attendeeName: string;
  attendeeEmail: string;
  attendeeUserId: string | null;
  agencyId: string;
  agencyType: string;
  jobRole: string;
  bookedByUserId: string;
  bookedAt: Date;
}

export async function insertBooking(tx: Database, b: BookingInput): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_booking (tenant_id, session_id, attendee_name, attendee_email, attendee_user_id, agency_id, agency_type, job_role, booked_by_user_id, booked_at)
        values (${b.tenantId}, ${b.sessionId}, ${b.attendeeName}, ${b.attendeeEmail}, ${b.attendeeUserId}, ${b.agencyId}, ${b.agencyType}, ${b.jobRole}, ${b.bookedByUserId}, ${b.bookedAt.toISOString()})
        returning id`,
  );
  return row!.id;
}

export async function cancelBooking(tx: Database, id: string): Promise<boolean> {
  const done = await rows<{ id: string }>(tx, sql`update training_booking set status = 'cancelled' where id = ${id} and status = 'booked' returning id`);
  return done.length > 0;
}

export interface AgencyBookingRow extends BookingRow {
  course_id: string;
  course_title: string;
  starts_at: string;
  ends_at: string;
  venue: string;
  session_status: string;
}

/** An agency's bookings: upcoming first (soonest), then past (latest first). */
export async function agencyBookings(db: Database, tenantId: string, agencyId: string, now: Date, upcomingOnly: boolean, limit: number, offset: number): Promise<{ rows: AgencyBookingRow[]; total: number }> {
  const at = now.toISOString();
  const where = sql`b.tenant_id = ${tenantId} and b.agency_id = ${agencyId} and (not ${upcomingOnly} or (s.starts_at > ${at} and b.status = 'booked'))`;
  const list = await rows<AgencyBookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS}, c.id as course_id, c.title as course_title, s.starts_at::text as starts_at, s.ends_at::text as ends_at, s.venue, s.status as session_status
        from training_booking b join agency a on a.id = b.agency_id join training_session s on s.id = b.session_id join training_course c on c.id = s.course_id
        where ${where}
        order by (s.starts_at > ${at}) desc, case when s.starts_at > ${at} then s.starts_at end asc, s.starts_at desc, b.attendee_name, b.id
        limit ${limit} offset ${offset}`,
  );
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from training_booking b join training_session s on s.id = b.session_id where ${where}`);
  return { rows: list, total: total?.n ?? 0 };
}

// ——— the register and the evaluation ———

export async function setAttendance(tx: Database, id: string, status: string, impactDueOn: string | null): Promise<void> {
  await tx.execute(sql`update training_booking set status = ${status}, impact_due_on = ${impactDueOn}::date where id = ${id}`);
}

export async function markRegisterTaken(tx: Database, id: string, at: Date): Promise<void> {
  await tx.execute(sql`update training_session set status = 'held', register_taken_at = ${at.toISOString()} where id = ${id}`);
}

export async function saveEvaluation(tx: Database, id: string, evaluation: Record<string, unknown>, at: Date): Promise<void> {
  await tx.execute(sql`update training_booking set evaluation = ${JSON.stringify(evaluation)}::jsonb, evaluated_at = ${at.toISOString()} where id = ${id}`);
}

// ——— the 3-month impact check ———

export interface ImpactDueRow {
  id: string;
  tenant_id: string;
  attendee_email: string;
  impact_due_on: string;
}

/** Attendees whose impact check is due by `today` and has not been sent. */
export function impactDue(db: Database, today: string, limit: number): Promise<ImpactDueRow[]> {
  return rows<ImpactDueRow>(
    db,
    sql`select id, tenant_id, attendee_email, impact_due_on::text as impact_due_on from training_booking
        where status = 'attended' and impact_sent_at is null and impact_due_on <= ${today}::date order by impact_due_on, id limit ${limit}`,
  );
}

/** Marks the check sent with its token's hash, once: false when another run sent it first. */
export async function markImpactSent(tx: Database, id: string, tokenHash: string, at: Date): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update training_booking set impact_token_hash = ${tokenHash}, impact_sent_at = ${at.toISOString()} where id = ${id} and impact_sent_at is null and status = 'attended' returning id`,
  );
  return done.length > 0;
}

export interface TokenRow {
  id: string;
  tenant_id: string;
  course_title: string;
  starts_at: string;
  impact_sent_at: string | null;
  impact_answered_at: string | null;
}

export function bookingByToken(db: Database, tokenHash: string): Promise<TokenRow | undefined> {
  return one<TokenRow>(
    db,
    sql`select b.id, b.tenant_id, c.title as course_title, s.starts_at::text as starts_at, b.impact_sent_at::text as impact_sent_at, b.impact_answered_at::text as impact_answered_at
        from training_booking b join training_session s on s.id = b.session_id join training_course c on c.id = s.course_id where b.impact_token_hash = ${tokenHash}`,
  );
}

/** Stores the answers once: false when the token was already used. */
export async function saveImpact(tx: Database, id: string, impact: Record<string, unknown>, at: Date): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update training_booking set impact = ${JSON.stringify(impact)}::jsonb, impact_answered_at = ${at.toISOString()} where id = ${id} and impact_answered_at is null returning id`,
  );
  return done.length > 0;
}

export interface OutcomeRow {
  status: string;
  evaluation: Record<string, unknown> | null;
  impact_sent_at: string | null;
  impact_answered_at: string | null;
  impact: Record<string, unknown> | null;
}

/** Every booking on a course's sessions, for its figures (no names). */
export function courseOutcomes(db: Database, courseId: string): Promise<OutcomeRow[]> {
  return rows<OutcomeRow>(
    db,
    sql`select b.status, b.evaluation, b.impact_sent_at::text as impact_sent_at, b.impact_answered_at::text as impact_answered_at, b.impact
        from training_booking b join training_session s on s.id = b.session_id where s.course_id = ${courseId} order by b.impact_answered_at nulls last, b.id`,
  );
}

// ——— the training needs analysis ———

export interface NeedRow {
  id: string;
  year: number;
  agency_id: string;
  agency_name: string;
  job_role: string;
  theme: string;
  staff_count: number;
  priority: string;
  notes: string | null;
}

export function needs(db: Database, tenantId: string, year: number): Promise<NeedRow[]> {
  return rows<NeedRow>(
    db,
    sql`select n.id, n.year, n.agency_id, a.name as agency_name, n.job_role, n.theme, n.staff_count, n.priority, n.notes
        from training_need n join agency a on a.id = n.agency_id where n.tenant_id = ${tenantId} and n.year = ${year}
        order by a.name, n.job_role, n.theme`,
  );
}

export interface NeedInput {
  year: number;
  agencyId: string;
  jobRole: string;
  theme: string;
  staffCount: number;
  priority: string;
  notes: string | null;
}

export async function insertNeed(tx: Database, tenantId: string, userId: string, n: NeedInput, at: Date): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_need (tenant_id, year, agency_id, job_role, theme, staff_count, priority, notes, recorded_by_user_id, recorded_at)
        values (${tenantId}, ${n.year}, ${n.agencyId}, ${n.jobRole}, ${n.theme}, ${n.staffCount}, ${n.priority}, ${n.notes}, ${userId}, ${at.toISOString()}) returning id`,
  );
  return row!.id;
}

/** What was offered in a year by theme: courses, sessions not cancelled, their places, and the places booked. */
export function offerByTheme(db: Database, tenantId: string, from: string, to: string): Promise<{ theme: string; courses: number; sessions: number; places: number; booked: number }[]> {
  return rows(
    db,
    sql`select c.theme, count(distinct c.id)::int as courses, count(s.id)::int as sessions, coalesce(sum(s.capacity), 0)::int as places, coalesce(sum(${TAKEN}), 0)::int as booked
        from training_session s join training_course c on c.id = s.course_id
        where s.tenant_id = ${tenantId} and s.status <> 'cancelled' and s.starts_at >= ${from}::date and s.starts_at < ${to}::date
        group by c.theme`,
  );
}

// ——— the home page ———

/** Sessions that have started and whose register is still to take. */
export async function registersToTake(db: Database, tenantId: string, now: Date): Promise<{ id: string; course_title: string; starts_at: string }[]> {
  return rows(
    db,
    sql`select s.id, c.title as course_title, s.starts_at::text as starts_at from training_session s join training_course c on c.id = s.course_id
        where s.tenant_id = ${tenantId} and s.status = 'scheduled' and s.starts_at <= ${now.toISOString()} order by s.starts_at limit 10`,
  );
}

export async function impactCounts(db: Database, tenantId: string, since: Date): Promise<{ sent: number; answered: number }> {
  const row = await one<{ sent: number; answered: number }>(
    db,
    sql`select count(*) filter (where impact_sent_at >= ${since.toISOString()})::int as sent, count(*) filter (where impact_answered_at >= ${since.toISOString()})::int as answered
        from training_booking where tenant_id = ${tenantId} and impact_sent_at is not null`,
  );
  return row ?? { sent: 0, answered: 0 };
}
