/**
 * Multi-agency training: courses (theme, mode, board), sessions with capacity, bookings by partners' staff with
 * their agency and agency type, registers (attended, did not attend), the end-of-course evaluation, the automatic
 * 3-month impact questionnaire by email, and the training needs analysis by agency and role.
 *
 * The rules are the domain's (domain/training.ts). Reads happen before each transaction (PGlite has one
 * connection); a booking and the register lock their session; every change is audited as the last write of its
 * transaction, with ids only (never an attendee's name or email); views of lists with names are audited.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, trainingBookingAccess, trainingCourseAccess, trainingSessionAccess } from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type Permission } from '../../domain/roles.js';
import { londonDate } from '../../domain/time.js';
import {
  BOOKING_REFUSALS,
  type BookingRefusal,
  type Evaluation,
  IMPACT_TIMESCALE,
  type ImpactAnswer,
  bookingRefusal,
  cancelBookingProblem,
  cancelSessionProblem,
  courseImpact,
  evaluationAllowed,
  evaluationProblems,
  impactDueOn,
  impactEmailDue,
  impactProblems,
  impactTokenExpiresAt,
  impactTokenState,
  looksLikeToken,
  normaliseEmail,
  registerProblem,
  sessionProblems,
  themeGaps,
  trainingYearRange,
} from '../../domain/training.js';
import { type Actor, type AuditTrail, SYSTEM_ACTOR } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { enqueueEmail } from '../../platform/outbox.js';
import { formatDate } from '../../platform/views.js';
import { type OrganisationService } from '../organisations/service.js';
import { trainingPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { id: string } | { problems: Problems } | { notFound: true };
export type { AgencyBookingRow, BookingRow, CatalogueRow, CourseInput, CourseRow, NeedRow, SessionInput, SessionRow } from './repository.js';

/** Who may see the catalogue and courses: anyone who books or runs training, or follows the partnership. */
export const SEES_TRAINING: readonly Permission[] = ['training:book', 'training:manage', 'partnership:view'];

export interface Viewer extends RecordViewer {
  agencyType: string;
}

/** A refused booking: why, and the course's other sessions with places. */
export interface Refused {
  refusal: BookingRefusal;
  message: string;
  others: repo.SessionRow[];
}

const has = (p: Problems) => Object.keys(p).length > 0;

export class TrainingService {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly organisations: OrganisationService,
    readonly publicUrl: string,
    readonly now: () => Date,
  ) {}

  private async calendarFor(tenantId: string): Promise<WorkingCalendar> {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  // ——— record checks ———

  async courseAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.courseFacts(this.db, id);
    return facts && trainingCourseAccess(viewer, facts);
  }

  async sessionAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.sessionFacts(this.db, id);
    return facts && trainingSessionAccess(viewer, facts);
  }

  async bookingAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.bookingFacts(this.db, id);
    return facts && trainingBookingAccess(viewer, facts);
  }

  // ——— courses ———

  /** The catalogue: courses with sessions to come and their places left (every active course for the training team). */
  catalogue(viewer: RecordViewer, page: number, pageSize: number) {
    return repo.catalogue(this.db, viewer.tenantId, this.now(), viewer.permissions.has('training:manage'), pageSize, (page - 1) * pageSize);
  }

  /** A course with its sessions and its figures (attendance, evaluation, the impact check: no names). */
  async course(viewer: RecordViewer, id: string) {
    const course = await repo.course(this.db, id);
    if (!course || course.tenant_id !== viewer.tenantId) return undefined;
    const [sessions, outcomes] = await Promise.all([repo.sessionsOf(this.db, id), repo.courseOutcomes(this.db, id)]);
    const impact = courseImpact(
      outcomes.map((o) => ({
        status: o.status,
        evaluation: o.evaluation as Partial<Evaluation> | null,
        impactSentAt: asDate(o.impact_sent_at),
        impactAnsweredAt: asDate(o.impact_answered_at),
        impact: o.impact as Partial<ImpactAnswer> | null,
      })),
    );
    return { course, sessions, impact, now: this.now() };
  }

  private async courseProblems(tenantId: string, input: repo.CourseInput, exceptId: string | null): Promise<Problems> {
    return (await repo.courseTitleTaken(this.db, tenantId, input.title, exceptId)) ? { title: 'There is already a course with this title' } : {};
  }

  async addCourse(actor: UserActor, input: repo.CourseInput): Promise<ChangeResult> {
    const problems = await this.courseProblems(actor.tenantId, input, null);
    if (has(problems)) return { problems };
    const id = await transaction(this.db, async (tx) => {
      const id = await repo.insertCourse(tx, actor.tenantId, input);
      await this.audit.record(tx, actor, { action: 'training.course_added', recordType: 'training_course', recordId: id, details: { theme: input.theme, mode: input.mode, boardKind: input.boardKind } });
      return id;
    });
    return { id };
  }

  async editCourse(actor: UserActor, id: string, input: repo.CourseInput): Promise<ChangeResult> {
    const course = await repo.course(this.db, id);
    if (!course || course.tenant_id !== actor.tenantId) return { notFound: true };
    const problems = await this.courseProblems(actor.tenantId, input, id);
    if (has(problems)) return { problems };
    await transaction(this.db, async (tx) => {
      await repo.updateCourse(tx, id, input);
      await this.audit.record(tx, actor, { action: 'training.course_changed', recordType: 'training_course', recordId: id, details: { theme: input.theme, mode: input.mode, boardKind: input.boardKind } });
    });
    return { id };
  }

  // ——— sessions ———

  /**
   * A session with its course and the bookings the viewer may see: all of them for the training team, their own
   * agency's for a booker, none for those who only follow the partnership. Audited when names are shown.
   */
  async session(viewer: RecordViewer, id: string) {
    const session = await repo.session(this.db, id);
    if (!session || session.tenant_id !== viewer.tenantId) return undefined;
    const course = await repo.course(this.db, session.course_id);
    if (!course) return undefined;
    const manages = viewer.permissions.has('training:manage');
    const books = viewer.permissions.has('training:book');
    const bookings = manages ? await repo.bookingsOf(this.db, id, null) : books ? await repo.bookingsOf(this.db, id, viewer.agencyId) : [];
    const others = await repo.otherSessions(this.db, course.id, id, this.now());
    if (bookings.length) {
      await this.audit.recordNow(this.actorOf(viewer), { action: 'training.session_viewed', recordType: 'training_session', recordId: id, details: { bookings: bookings.length, scope: manages ? 'all' : 'agency' } });
    }
    return { session, course, bookings, others, manages, books, now: this.now() };
  }

  private actorOf(viewer: RecordViewer): Actor {
    return { userId: viewer.userId, tenantId: viewer.tenantId, agencyId: viewer.agencyId, roles: [], requestId: null };
  }

  async addSession(actor: UserActor, courseId: string, input: repo.SessionInput): Promise<ChangeResult> {
    const course = await repo.course(this.db, courseId);
    if (!course || course.tenant_id !== actor.tenantId) return { notFound: true };
    const problems = sessionProblems(input);
    if (has(problems)) return { problems };
    const id = await transaction(this.db, async (tx) => {
      const id = await repo.insertSession(tx, actor.tenantId, courseId, input);
      await this.audit.record(tx, actor, { action: 'training.session_added', recordType: 'training_session', recordId: id, details: { courseId, capacity: input.capacity, startsAt: input.startsAt.toISOString() } });
      return id;
    });
    return { id };
  }

  async editSession(actor: UserActor, id: string, input: repo.SessionInput): Promise<ChangeResult> {
    const current = await repo.session(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    if (current.status === 'cancelled') return { problems: { startsAt: 'This session is cancelled: it cannot be changed' } };
    const problems = sessionProblems(input, current.taken);
    if (has(problems)) return { problems };
    const outcome = await transaction(this.db, async (tx): Promise<ChangeResult> => {
      const locked = await repo.lockSession(tx, id);
      const again = sessionProblems(input, locked?.taken ?? 0);
      if (has(again)) return { problems: again };
      await repo.updateSession(tx, id, input);
      await this.audit.record(tx, actor, { action: 'training.session_changed', recordType: 'training_session', recordId: id, details: { capacity: input.capacity, startsAt: input.startsAt.toISOString() } });
      return { id };
    });
    return outcome;
  }

  async cancelSession(actor: UserActor, id: string): Promise<ChangeResult> {
    const current = await repo.session(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    const problem = cancelSessionProblem({ status: current.status, startsAt: asDate(current.starts_at) }, this.now());
    if (problem) return { problems: { form: problem } };
    await transaction(this.db, async (tx) => {
      const bookings = await repo.cancelSession(tx, id);
      await this.audit.record(tx, actor, { action: 'training.session_cancelled', recordType: 'training_session', recordId: id, details: { bookingsCancelled: bookings } });
    });
    return { id };
  }

  // ——— booking ———

  /**
   * Books a place for one of the booker's own agency's staff: the agency and its type are the booker's, never
   * chosen. Refused (with the course's other sessions) when the session is full, started or cancelled, or the
   * person already has a place.
   */
  async book(actor: UserActor & { agencyType: string; email: string }, sessionId: string, input: { attendeeName: string; attendeeEmail: string; jobRole: string }): Promise<{ id: string } | { notFound: true } | Refused> {
    const session = await repo.session(this.db, sessionId);
    if (!session || session.tenant_id !== actor.tenantId) return { notFound: true };
    const email = normaliseEmail(input.attendeeEmail);
    // The attendee is a user of Threshold when the email is theirs (the booker, or a colleague who books): they can then give their own evaluation.
    const colleagues = email === normaliseEmail(actor.email) ? [] : await this.organisations.usersWith(actor.tenantId, actor.agencyId, 'training:book');
    const attendeeUserId = email === normaliseEmail(actor.email) ? actor.userId : (colleagues.find((u) => normaliseEmail(u.email) === email)?.id ?? null);
    const others = await repo.otherSessions(this.db, session.course_id, sessionId, this.now());
    const now = this.now();
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockSession(tx, sessionId);
      if (!locked) return { notFound: true } as const;
      const refusal = bookingRefusal({ status: locked.status, startsAt: asDate(locked.starts_at), capacity: locked.capacity, booked: locked.taken }, await repo.emailBooked(tx, sessionId, email), now);
      if (refusal) return { refusal, message: BOOKING_REFUSALS[refusal], others };
      const id = await repo.insertBooking(tx, {
        tenantId: actor.tenantId,
        sessionId,
        attendeeName: input.attendeeName,
        attendeeEmail: email,
        attendeeUserId,
        agencyId: actor.agencyId,
        agencyType: actor.agencyType,
        jobRole: input.jobRole,
        bookedByUserId: actor.userId,
        bookedAt: now,
      });
      await this.audit.record(tx, actor, { action: 'training.place_booked', recordType: 'training_booking', recordId: id, details: { sessionId, agencyId: actor.agencyId, agencyType: actor.agencyType } });
      return { id };
    });
  }

  async cancelBooking(actor: UserActor, id: string): Promise<ChangeResult> {
    const booking = await repo.booking(this.db, id);
    if (!booking || booking.tenant_id !== actor.tenantId) return { notFound: true };
    const session = await repo.session(this.db, booking.session_id);
    if (!session) return { notFound: true };
    const problem = cancelBookingProblem(booking, { status: session.status, startsAt: asDate(session.starts_at) }, this.now());
    if (problem) return { problems: { form: problem } };
    await transaction(this.db, async (tx) => {
      if (!(await repo.cancelBooking(tx, id))) return;
      await this.audit.record(tx, actor, { action: 'training.place_cancelled', recordType: 'training_booking', recordId: id, details: { sessionId: booking.session_id } });
    });
    return { id: booking.session_id };
  }

  /** "Our bookings": the viewer's agency's places, upcoming first. Audited (names). */
  async ourBookings(viewer: RecordViewer, page: number, pageSize: number) {
    const list = await repo.agencyBookings(this.db, viewer.tenantId, viewer.agencyId, this.now(), false, pageSize, (page - 1) * pageSize);
    if (list.rows.length) await this.audit.recordNow(this.actorOf(viewer), { action: 'training.agency_bookings_viewed', details: { agencyId: viewer.agencyId, shown: list.rows.length } });
    return { ...list, now: this.now() };
  }

  // ——— the register and the evaluation ———

  /**
   * Takes (or corrects) a session's register: attended or did not attend for each place booked. Each attendee's
   * impact check falls due by the training.impact timescale from the session's start; one who did not attend has none.
   */
  async takeRegister(actor: UserActor, sessionId: string, attendance: Record<string, 'attended' | 'did_not_attend'>): Promise<ChangeResult> {
    const session = await repo.session(this.db, sessionId);
    if (!session || session.tenant_id !== actor.tenantId) return { notFound: true };
    const startsAt = asDate(session.starts_at);
    const problem = registerProblem({ status: session.status, startsAt }, this.now());
    if (problem) return { problems: { form: problem } };
    const bookings = (await repo.bookingsOf(this.db, sessionId, null)).filter((b) => b.status !== 'cancelled');
    const missing = bookings.filter((b) => !attendance[b.id]);
    if (missing.length) return { problems: Object.fromEntries(missing.map((b) => [`b_${b.id}`, `Select whether ${b.attendee_name} attended`])) };
    const [calendar, timescale] = await Promise.all([this.calendarFor(actor.tenantId), this.calendar.timescale(actor.tenantId, IMPACT_TIMESCALE)]);
    const due = impactDueOn(calendar, startsAt, timescale);
    const now = this.now();
    await transaction(this.db, async (tx) => {
      await repo.lockSession(tx, sessionId);
      for (const b of bookings) {
        const status = attendance[b.id]!;
        // An impact check already sent keeps its date; a correction to "did not attend" clears one not yet sent.
        const dueOn = status === 'attended' ? (b.impact_sent_at ? b.impact_due_on : due) : null;
        await repo.setAttendance(tx, b.id, status, dueOn);
      }
      await repo.markRegisterTaken(tx, sessionId, now);
      const attended = bookings.filter((b) => attendance[b.id] === 'attended').length;
      await this.audit.record(tx, actor, { action: 'training.register_taken', recordType: 'training_session', recordId: sessionId, details: { attended, didNotAttend: bookings.length - attended, impactDueOn: due } });
    });
    return { id: sessionId };
  }

  /** A booking for its evaluation form: the training team's (from the paper forms) or the attendee's own. */
  async bookingForEvaluation(viewer: RecordViewer, id: string) {
    const booking = await repo.booking(this.db, id);
    if (!booking || booking.tenant_id !== viewer.tenantId) return undefined;
    if (!viewer.permissions.has('training:manage') && booking.attendee_user_id !== viewer.userId) return undefined;
    const session = await repo.session(this.db, booking.session_id);
    const course = session && (await repo.course(this.db, session.course_id));
    if (!session || !course) return undefined;
    return { booking, session, course, own: booking.attendee_user_id === viewer.userId };
  }

  async recordEvaluation(actor: UserActor & { permissions: ReadonlySet<Permission> }, id: string, evaluation: Evaluation): Promise<ChangeResult> {
    const found = await this.bookingForEvaluation({ ...actor, agencyType: '' }, id);
    if (!found) return { notFound: true };
    const problem = evaluationAllowed(found.booking);
    if (problem) return { problems: { form: problem } };
    const problems = evaluationProblems(evaluation);
    if (has(problems)) return { problems };
    await transaction(this.db, async (tx) => {
      await repo.saveEvaluation(tx, id, { ...evaluation }, this.now());
      await this.audit.record(tx, actor, { action: 'training.evaluation_recorded', recordType: 'training_booking', recordId: id, details: { by: found.own ? 'attendee' : 'training_team' } });
    });
    return { id: found.session.id };
  }

  // ——— the 3-month impact check ———

  /**
   * Sends the impact questionnaire to every attendee whose check is due, once: a random token in the link, only its
   * SHA-256 hash stored. Safe to run from several processes (the send is marked with a conditional update).
   */
  async sendDueImpactChecks(limit = 200): Promise<{ sent: number }> {
    const now = this.now();
    const today = londonDate(now);
    const due = await repo.impactDue(this.db, today, limit);
    let sent = 0;
    for (const b of due) {
      if (!impactEmailDue({ status: 'attended', impactDueOn: b.impact_due_on, impactSentAt: null }, today)) continue;
      const token = randomToken(32);
      const done = await transaction(this.db, async (tx) => {
        if (!(await repo.markImpactSent(tx, b.id, sha256(token), now))) return false;
        await enqueueEmail(tx, {
          tenantId: b.tenant_id,
          template: 'training.impact',
          recipient: b.attendee_email,
          personalisation: { deadline: formatDate(impactTokenExpiresAt(now)), link: `${this.publicUrl}${trainingPath('impact', { token })}` },
        });
        await this.audit.record(tx, { ...SYSTEM_ACTOR, tenantId: b.tenant_id }, { action: 'training.impact_check_sent', recordType: 'training_booking', recordId: b.id, details: { dueOn: b.impact_due_on } });
        return true;
      });
      if (done) sent += 1;
    }
    return { sent };
  }

  startImpactChecks(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sendDueImpactChecks()
        .catch(() => undefined)
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  stopImpactChecks(): Promise<unknown> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.sweeping ?? Promise.resolve();
  }

  /** What an impact link opens: the questionnaire (with the course's title and date), or why not. */
  async impactLink(token: string) {
    const row = looksLikeToken(token) ? await repo.bookingByToken(this.db, sha256(token)) : undefined;
    const state = impactTokenState(row && { impactSentAt: asDate(row.impact_sent_at), impactAnsweredAt: asDate(row.impact_answered_at) }, this.now());
    return { state, row };
  }

  /** Stores the answers to an impact questionnaire, once per token. */
  async answerImpact(actor: Actor, token: string, answer: ImpactAnswer): Promise<{ ok: true } | { state: 'answered' | 'expired' | 'unknown' } | { problems: Problems }> {
    const { state, row } = await this.impactLink(token);
    if (state !== 'open' || !row) return { state: state === 'open' ? 'unknown' : state };
    const problems = impactProblems(answer);
    if (has(problems)) return { problems };
    const saved = await transaction(this.db, async (tx) => {
      if (!(await repo.saveImpact(tx, row.id, { ...answer }, this.now()))) return false;
      await this.audit.record(tx, { ...actor, tenantId: row.tenant_id }, { action: 'training.impact_answered', recordType: 'training_booking', recordId: row.id, tenantId: row.tenant_id, details: { used: answer.used } });
      return true;
    });
    return saved ? { ok: true } : { state: 'answered' };
  }

  // ——— the training needs analysis ———

  async needs(viewer: RecordViewer, year: number) {
    const range = trainingYearRange(year);
    const [lines, offer, agencies] = await Promise.all([repo.needs(this.db, viewer.tenantId, year), repo.offerByTheme(this.db, viewer.tenantId, range.from, range.to), this.organisations.agencies(viewer.tenantId, { activeOnly: true })]);
    const gaps = themeGaps(
      lines.map((l) => ({ theme: l.theme, staffCount: l.staff_count, priority: l.priority })),
      offer,
    );
    return { lines, gaps, agencies: agencies.map((a) => ({ code: a.id, label: a.name })) };
  }

  async addNeed(actor: UserActor, input: repo.NeedInput): Promise<ChangeResult> {
    const agency = await this.organisations.agency(actor.tenantId, input.agencyId);
    if (!agency) return { problems: { agencyId: 'Select the agency' } };
    const id = await transaction(this.db, async (tx) => {
      const id = await repo.insertNeed(tx, actor.tenantId, actor.userId, input, this.now());
      await this.audit.record(tx, actor, { action: 'training.need_recorded', recordType: 'training_need', recordId: id, details: { year: input.year, agencyId: input.agencyId, theme: input.theme, staffCount: input.staffCount, priority: input.priority } });
      return id;
    });
    return { id };
  }

  // ——— the home page ———

  /** A booker's panel: their agency's places still to come. */
  async agencyPanel(viewer: RecordViewer) {
    return repo.agencyBookings(this.db, viewer.tenantId, viewer.agencyId, this.now(), true, 5, 0);
  }

  /** The training team's panel: registers to take, impact checks sent and answered in the last 90 days. */
  async teamPanel(viewer: RecordViewer) {
    const now = this.now();
    const [registers, impact] = await Promise.all([repo.registersToTake(this.db, viewer.tenantId, now), repo.impactCounts(this.db, viewer.tenantId, new Date(now.getTime() - 90 * 86_400_000))]);
    return { registers, impact };
  }
}
