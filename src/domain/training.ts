/**
 * Multi-agency training's rules: what a course is (theme, mode, the board it answers to), who may book a place on a
 * session and when (capacity, one place per person, not once it has started or been cancelled), the end-of-course
 * evaluation and the 3-month impact questionnaire (scores 1–5, what must be said), when the impact check falls due
 * and how long its emailed link lasts, and the figures the course page and the training needs analysis show.
 *
 * The seed report: "20 different themed training courses and 2,410 professionals attended"; "the impact of the
 * training after 3 months of attending the course". The peer review: "no current training needs analysis".
 */
import { type WorkingCalendar } from './calendar.js';
import { type Code, list } from './codes.js';
import { type LocalDate, parseLocalDate } from './time.js';
import { type Timescale, timescaleDeadline } from './timescales.js';

export const TRAINING_MODES = list({ face_to_face: 'Face to face', e_learning: 'E-learning', webinar: 'Webinar' });

/** The board a course answers to (its training plan). */
export const TRAINING_BOARDS = list({
  children: 'Children’s safeguarding partnership',
  adults: 'Safeguarding adults board',
  both: 'Both boards',
  domestic_abuse: 'Domestic abuse partnership',
});

/** Themes: a course's and a needs analysis line's, so needs can be set against what is offered. */
export const TRAINING_THEMES = list({
  core: 'Safeguarding core (levels 1 to 3)',
  dsl: 'Designated safeguarding leads',
  neglect: 'Neglect',
  exploitation: 'Exploitation (sexual, criminal, county lines)',
  domestic_abuse: 'Domestic abuse',
  toxic_trio: 'Parental mental health, substance misuse and domestic abuse',
  early_help: 'Early help',
  resistant_families: 'Working with resistant families',
  online: 'Digital and online safeguarding',
  prevent: 'Prevent and radicalisation',
  safer_recruitment: 'Safer recruitment and allegations',
  child_death: 'Child death review',
  self_harm: 'Self-harm and suicide',
  mental_capacity: 'Mental Capacity Act and DoLS',
  self_neglect: 'Self-neglect and hoarding',
  adult_safeguarding: 'Adult safeguarding (Care Act enquiries)',
  learning_reviews: 'Learning from reviews',
  other: 'Other',
});

export const NEED_PRIORITIES = list({ high: 'High', medium: 'Medium', low: 'Low' });
export type NeedPriority = 'high' | 'medium' | 'low';

export const BOOKING_STATUSES = list({ booked: 'Booked', cancelled: 'Cancelled', attended: 'Attended', did_not_attend: 'Did not attend' });
export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'did_not_attend';

export const SESSION_STATUSES = list({ scheduled: 'Scheduled', held: 'Register taken', cancelled: 'Cancelled' });
export type SessionStatus = 'scheduled' | 'held' | 'cancelled';

/** The register's two answers for each booking. */
export const ATTENDANCE = list({ attended: 'Attended', did_not_attend: 'Did not attend' });

/** The impact questionnaire's first question: have you used what you learned? */
export const IMPACT_USED = list({ yes: 'Yes', no: 'No', not_yet: 'Not yet' });
export type ImpactUsed = 'yes' | 'no' | 'not_yet';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** How long the emailed impact link works, from when it was sent. */
export const IMPACT_TOKEN_DAYS = 60;
/** The timescale (domain/timescales.ts) from the session to the impact check. */
export const IMPACT_TIMESCALE = 'training.impact';
/** Most places a session may offer. */
export const MAX_CAPACITY = 500;

export const codeLabel = (codes: readonly Code[], code: string | null | undefined): string => codes.find((c) => c.code === code)?.label ?? (code ?? '');

/** An email address as it is compared: trimmed and in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const isScore = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= SCORE_MIN && n <= SCORE_MAX;

// ——— sessions and booking ———

export interface SessionState {
  status: string;
  startsAt: Date;
  capacity: number;
  /** Places taken: bookings not cancelled. */
  booked: number;
}

export function placesLeft(capacity: number, booked: number): number {
  return Math.max(0, capacity - booked);
}

export type BookingRefusal = 'cancelled' | 'started' | 'full' | 'duplicate';

export const BOOKING_REFUSALS: Record<BookingRefusal, string> = {
  cancelled: 'This session has been cancelled: choose another session',
  started: 'This session has already started: choose a later session',
  full: 'This session is full: choose another session of this course',
  duplicate: 'This person already has a place on this session (the same work email)',
};

/** Why a place cannot be booked, or null: a cancelled or started session, a full one, or the same person twice. */
export function bookingRefusal(session: SessionState, alreadyBooked: boolean, now: Date): BookingRefusal | null {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status !== 'scheduled' || session.startsAt.getTime() <= now.getTime()) return 'started';
  if (alreadyBooked) return 'duplicate';
  if (session.booked >= session.capacity) return 'full';
  return null;
}

/** Whether a booking may be cancelled: a place still booked on a session that has not started. */
export function cancelBookingProblem(booking: { status: string }, session: { status: string; startsAt: Date }, now: Date): string | null {
  if (booking.status !== 'booked') return 'This place is no longer booked';
  if (session.status !== 'scheduled' || session.startsAt.getTime() <= now.getTime()) return 'The session has started: the place can no longer be cancelled';
  return null;
}

/** A session's times and capacity: ends after it starts; capacity 1 to MAX_CAPACITY and not below the places already booked. */
export function sessionProblems(input: { startsAt: Date; endsAt: Date; capacity: number }, booked = 0): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.endsAt.getTime() <= input.startsAt.getTime()) problems.endsAt = 'The session must end after it starts';
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) problems.capacity = `Places must be a whole number from 1 to ${MAX_CAPACITY}`;
  else if (input.capacity < booked) problems.capacity = `Places cannot be fewer than the ${booked} already booked`;
  return problems;
}

/** Whether a session may be cancelled: scheduled and not started. */
export function cancelSessionProblem(session: { status: string; startsAt: Date }, now: Date): string | null {
  if (session.status === 'cancelled') return 'This session is already cancelled';
  if (session.status !== 'scheduled' || session.startsAt.getTime() <= now.getTime()) return 'This session has started: it cannot be cancelled';
  return null;
}

/** Whether the register may be taken: the session has started and was not cancelled (it may be taken again to correct it). */
export function registerProblem(session: { status: string; startsAt: Date }, now: Date): string | null {
  if (session.status === 'cancelled') return 'This session was cancelled: there is no register to take';
  if (session.startsAt.getTime() > now.getTime()) return 'The register can be taken once the session has started';
  return null;
}

// ——— the evaluation and the impact questionnaire ———

export interface Evaluation {
  confidenceBefore: number;
  confidenceAfter: number;
  usefulness: number;
  comments: string | null;
}

const SCORE_MESSAGE = (what: string) => `Select ${what}, from ${SCORE_MIN} to ${SCORE_MAX}`;

export function evaluationProblems(e: Partial<Evaluation>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isScore(e.confidenceBefore)) problems.confidenceBefore = SCORE_MESSAGE('how confident they felt before the course');
  if (!isScore(e.confidenceAfter)) problems.confidenceAfter = SCORE_MESSAGE('how confident they felt after the course');
  if (!isScore(e.usefulness)) problems.usefulness = SCORE_MESSAGE('how useful the course was');
  return problems;
}

/** Whether an evaluation may be recorded for a booking: the attendee was there. */
export function evaluationAllowed(booking: { status: string }): string | null {
  return booking.status === 'attended' ? null : 'An evaluation is recorded only for someone who attended';
}

export interface ImpactAnswer {
  used: ImpactUsed;
  /** How it changed their practice (required when they have used it). */
  example: string | null;
  confidenceNow: number;
  moreHelp: string | null;
}

export function impactProblems(a: Partial<ImpactAnswer>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!IMPACT_USED.some((c) => c.code === a.used)) problems.used = 'Select whether you have used what you learned';
  else if (a.used === 'yes' && !(typeof a.example === 'string' && a.example.trim() !== '')) problems.example = 'Give an example of how it changed your practice';
  if (!isScore(a.confidenceNow)) problems.confidenceNow = SCORE_MESSAGE('how confident you feel now');
  return problems;
}

// ——— the 3-month impact check ———

/** When the impact check falls due: the training.impact timescale (3 months by default) from the session's date. */
export function impactDueOn(calendar: WorkingCalendar, sessionStartsAt: Date, timescale: Pick<Timescale, 'amount' | 'unit'>): LocalDate {
  return calendar.dateOf(timescaleDeadline(calendar, sessionStartsAt, timescale));
}

/** Whether the impact email should go now: an attendee, due on or before today, not sent before. */
export function impactEmailDue(booking: { status: string; impactDueOn: LocalDate | null; impactSentAt: Date | null }, today: LocalDate): boolean {
  return booking.status === 'attended' && booking.impactDueOn !== null && booking.impactDueOn <= today && booking.impactSentAt === null;
}

export function impactTokenExpiresAt(sentAt: Date): Date {
  return new Date(sentAt.getTime() + IMPACT_TOKEN_DAYS * 86_400_000);
}

export type ImpactTokenState = 'open' | 'answered' | 'expired' | 'unknown';

/** What an impact link opens: the questionnaire, "already answered", "expired", or nothing (no such link). */
export function impactTokenState(booking: { impactSentAt: Date | null; impactAnsweredAt: Date | null } | undefined, now: Date): ImpactTokenState {
  if (!booking || !booking.impactSentAt) return 'unknown';
  if (booking.impactAnsweredAt) return 'answered';
  if (now.getTime() > impactTokenExpiresAt(booking.impactSentAt).getTime()) return 'expired';
  return 'open';
}

/** A token as the link carries it: 32 random bytes in base64url (43 characters). */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

// ——— the course page's figures ———

export interface BookingOutcome {
  status: string;
  evaluation: Partial<Evaluation> | null;
  impactSentAt: Date | null;
  impactAnsweredAt: Date | null;
  impact: Partial<ImpactAnswer> | null;
}

export interface CourseImpact {
  booked: number;
  attended: number;
  didNotAttend: number;
  evaluated: number;
  /** Sent the impact questionnaire. */
  asked: number;
  answered: number;
  used: number;
  /** Of those who answered, the share who have used it (a whole percentage), or null when none answered. */
  usedPercent: number | null;
  meanBefore: number | null;
  meanAfter: number | null;
  meanUsefulness: number | null;
  /** Confidence 3 months on, from the impact answers. */
  meanNow: number | null;
  /** How it changed practice, in the attendees' words, without their names. */
  examples: string[];
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

export function courseImpact(bookings: readonly BookingOutcome[]): CourseImpact {
  const attended = bookings.filter((b) => b.status === 'attended');
  const evaluations = attended.map((b) => b.evaluation).filter((e): e is Partial<Evaluation> => e !== null);
  const answers = attended.filter((b) => b.impactAnsweredAt && b.impact).map((b) => b.impact as Partial<ImpactAnswer>);
  const used = answers.filter((a) => a.used === 'yes').length;
  return {
    booked: bookings.filter((b) => b.status !== 'cancelled').length,
    attended: attended.length,
    didNotAttend: bookings.filter((b) => b.status === 'did_not_attend').length,
    evaluated: evaluations.length,
    asked: attended.filter((b) => b.impactSentAt).length,
    answered: answers.length,
    used,
    usedPercent: answers.length ? Math.round((used / answers.length) * 100) : null,
    meanBefore: mean(evaluations.map((e) => e.confidenceBefore).filter(isScore)),
    meanAfter: mean(evaluations.map((e) => e.confidenceAfter).filter(isScore)),
    meanUsefulness: mean(evaluations.map((e) => e.usefulness).filter(isScore)),
    meanNow: mean(answers.map((a) => a.confidenceNow).filter(isScore)),
    examples: answers.map((a) => (typeof a.example === 'string' ? a.example.trim() : '')).filter((x) => x !== ''),
  };
}

// ——— the training needs analysis ———

/** A training year runs April to March, like the partnership's annual report ("2017/18"). */
export function trainingYearOf(date: LocalDate): number {
  const { year, month } = parseLocalDate(date);
  return month >= 4 ? year : year - 1;
}

export function trainingYearRange(year: number): { from: LocalDate; to: LocalDate } {
  return { from: `${year}-04-01`, to: `${year + 1}-04-01` };
}

export function trainingYearLabel(year: number): string {
  return `${year} to ${year + 1}`;
}

export interface NeedLine {
  theme: string;
  staffCount: number;
  priority: string;
}

export interface ThemeOffer {
  theme: string;
  courses: number;
  sessions: number;
  places: number;
  booked: number;
}

export interface ThemeGap {
  theme: string;
  /** Staff the analysis says need the theme, and of them those at high priority. */
  staffNeeding: number;
  highPriority: number;
  courses: number;
  sessions: number;
  places: number;
  booked: number;
  /** Staff needing the theme beyond the places booked on it (0 when covered). */
  gap: number;
  /** Staff needing it beyond the places offered at all: more sessions are needed. */
  placesShort: number;
}

/**
 * The needs set against the offer, by theme: every theme with a need or an offer, the largest gap first (then high
 * priority, then the theme's order).
 */
export function themeGaps(needs: readonly NeedLine[], offer: readonly ThemeOffer[]): ThemeGap[] {
  const order = new Map(TRAINING_THEMES.map((t, i) => [t.code, i]));
  const byTheme = new Map<string, ThemeGap>();
  const row = (theme: string): ThemeGap => {
    let r = byTheme.get(theme);
    if (!r) {
      r = { theme, staffNeeding: 0, highPriority: 0, courses: 0, sessions: 0, places: 0, booked: 0, gap: 0, placesShort: 0 };
      byTheme.set(theme, r);
    }
    return r;
  };
  for (const n of needs) {
    const r = row(n.theme);
    r.staffNeeding += n.staffCount;
    if (n.priority === 'high') r.highPriority += n.staffCount;
  }
  for (const o of offer) {
    const r = row(o.theme);
    r.courses += o.courses;
    r.sessions += o.sessions;
    r.places += o.places;
    r.booked += o.booked;
  }
  for (const r of byTheme.values()) {
    r.gap = Math.max(0, r.staffNeeding - r.booked);
    r.placesShort = Math.max(0, r.staffNeeding - r.places);
  }
  return [...byTheme.values()].sort((a, b) => b.gap - a.gap || b.highPriority - a.highPriority || (order.get(a.theme) ?? 999) - (order.get(b.theme) ?? 999) || a.theme.localeCompare(b.theme));
}
