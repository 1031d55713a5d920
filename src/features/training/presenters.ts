/** Words, tags and rows for training's pages: states in words, never colour alone; no attendee names in the course's figures. */
import { asDate } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import {
  BOOKING_STATUSES,
  type CourseImpact,
  IMPACT_USED,
  NEED_PRIORITIES,
  type ThemeGap,
  TRAINING_BOARDS,
  TRAINING_MODES,
  TRAINING_THEMES,
  placesLeft,
} from '../../domain/training.js';
import { formatDate, formatTime } from '../../platform/views.js';
import { coursePath, sessionPath, trainingPath } from './paths.js';
import { type AgencyBookingRow, type BookingRow, type CatalogueRow, type CourseRow, type NeedRow, type SessionRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

type Row = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text } : { text: missing } });

/** "10 June 2026, 9:30am to 12:30pm" (or with both dates when it runs over days). */
export function sessionWhen(startsAt: Date | string, endsAt: Date | string): string {
  const start = asDate(startsAt);
  const end = asDate(endsAt);
  const startDay = formatDate(start);
  const endDay = formatDate(end);
  return startDay === endDay ? `${startDay}, ${formatTime(start)} to ${formatTime(end)}` : `${startDay}, ${formatTime(start)} to ${endDay}, ${formatTime(end)}`;
}

export function durationText(minutes: number | null): string | null {
  if (minutes === null) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h ? `${h} hour${h === 1 ? '' : 's'}` : '';
  const mins = m ? `${m} minute${m === 1 ? '' : 's'}` : '';
  return [hours, mins].filter(Boolean).join(' ');
}

export function placesText(capacity: number, taken: number): string {
  const left = placesLeft(capacity, taken);
  return left === 0 ? `Full (${capacity} places)` : `${left} of ${capacity} places left`;
}

export function catalogueRow(r: CatalogueRow) {
  return {
    href: coursePath(r.id),
    title: r.title,
    theme: labelOf(TRAINING_THEMES, r.theme),
    mode: labelOf(TRAINING_MODES, r.mode),
    board: labelOf(TRAINING_BOARDS, r.board_kind),
    next: r.next_starts_at ? formatDate(r.next_starts_at) : 'No sessions to come',
    sessions: r.upcoming,
    placesLeft: r.upcoming ? (r.places_left === 0 ? 'Full' : String(r.places_left)) : '–',
  };
}

export function courseSummary(c: CourseRow): Row[] {
  return [
    row('Theme', labelOf(TRAINING_THEMES, c.theme)),
    row('How it is delivered', labelOf(TRAINING_MODES, c.mode)),
    row('Board', labelOf(TRAINING_BOARDS, c.board_kind)),
    row('Who it is for', c.audience, 'Anyone working with children, adults or families'),
    row('Length', durationText(c.duration_minutes)),
  ];
}

/** Where a session stands, in words. */
export function sessionTag(s: Pick<SessionRow, 'status' | 'starts_at' | 'capacity' | 'taken'>, now: Date): Tag {
  if (s.status === 'cancelled') return { text: 'Cancelled', classes: 'govuk-tag--grey' };
  if (s.status === 'held') return { text: 'Register taken', classes: 'govuk-tag--green' };
  if (asDate(s.starts_at).getTime() <= now.getTime()) return { text: 'Register to take', classes: 'govuk-tag--orange' };
  if (s.taken >= s.capacity) return { text: 'Full', classes: 'govuk-tag--red' };
  return { text: 'Open for booking', classes: 'govuk-tag--blue' };
}

export function sessionRow(s: SessionRow, now: Date) {
  return {
    href: sessionPath(s.id),
    when: sessionWhen(s.starts_at, s.ends_at),
    venue: s.venue,
    trainer: s.trainer ?? 'Not named',
    places: s.status === 'cancelled' ? '–' : placesText(s.capacity, s.taken),
    tag: sessionTag(s, now),
  };
}

export function bookingStatus(status: string): Tag {
  const classes: Record<string, string> = { booked: 'govuk-tag--blue', attended: 'govuk-tag--green', did_not_attend: 'govuk-tag--orange', cancelled: 'govuk-tag--grey' };
  return { text: labelOf(BOOKING_STATUSES, status), classes: classes[status] ?? 'govuk-tag--grey' };
}

/** A booking on a session's page (its agency's bookers and the training team). */
export function bookingRow(b: BookingRow) {
  return {
    id: b.id,
    name: b.attendee_name,
    email: b.attendee_email,
    role: b.job_role,
    agency: b.agency_name,
    status: bookingStatus(b.status),
    evaluated: Boolean(b.evaluation),
    evaluationHref: trainingPath('evaluation', { id: b.id }),
    cancelHref: trainingPath('cancelBooking', { id: b.id }),
    cancellable: b.status === 'booked',
  };
}

/** A place on "our bookings". */
export function agencyBookingRow(r: AgencyBookingRow, viewerUserId: string, now: Date) {
  const upcoming = asDate(r.starts_at).getTime() > now.getTime();
  return {
    ...bookingRow(r),
    course: r.course_title,
    courseHref: coursePath(r.course_id),
    sessionHref: sessionPath(r.session_id),
    when: sessionWhen(r.starts_at, r.ends_at),
    cancellable: r.status === 'booked' && upcoming && r.session_status === 'scheduled',
    evaluateOwn: r.attendee_user_id === viewerUserId && r.status === 'attended' && !r.evaluation,
  };
}

const score = (n: number | null) => (n === null ? 'None yet' : `${n.toFixed(1)} out of 5`);

/** The course's figures: attendance, the end-of-course evaluation and the 3-month impact check. */
export function impactRows(i: CourseImpact): Row[] {
  return [
    row('Places booked', String(i.booked)),
    row('Attended', `${i.attended}${i.didNotAttend ? ` (${i.didNotAttend} did not attend)` : ''}`),
    row('Evaluations returned', String(i.evaluated)),
    row('Confidence before the course', score(i.meanBefore)),
    row('Confidence after the course', score(i.meanAfter)),
    row('How useful (end of course)', score(i.meanUsefulness)),
    row('Asked about impact after 3 months', String(i.asked)),
    row('Answered', i.asked ? `${i.answered} of ${i.asked}` : '0'),
    row('Have used what they learned', i.usedPercent === null ? 'No answers yet' : `${i.usedPercent}% (${i.used} of ${i.answered})`),
    row('Confidence 3 months on', score(i.meanNow)),
  ];
}

export function gapRow(g: ThemeGap) {
  return {
    theme: labelOf(TRAINING_THEMES, g.theme),
    staffNeeding: g.staffNeeding,
    highPriority: g.highPriority,
    courses: g.courses,
    sessions: g.sessions,
    places: g.places,
    booked: g.booked,
    gap: g.gap,
    gapTag: g.staffNeeding === 0 ? { text: 'No need recorded', classes: 'govuk-tag--grey' } : g.gap === 0 ? { text: 'Covered', classes: 'govuk-tag--green' } : g.placesShort > 0 ? { text: `${g.placesShort} more places needed`, classes: 'govuk-tag--red' } : { text: 'Places offered, not yet booked', classes: 'govuk-tag--orange' },
  };
}

export function needRow(n: NeedRow) {
  return {
    agency: n.agency_name,
    role: n.job_role,
    theme: labelOf(TRAINING_THEMES, n.theme),
    staff: n.staff_count,
    priority: labelOf(NEED_PRIORITIES, n.priority),
    notes: n.notes ?? '',
  };
}

export function usedText(code: string): string {
  return labelOf(IMPACT_USED, code);
}

const DONE: Record<string, string> = {
  course: 'The course is saved',
  session: 'The session is saved',
  cancelled: 'The session is cancelled, with its places',
  booked: 'The place is booked',
  unbooked: 'The place is cancelled',
  register: 'The register is taken: each attendee will be asked about the training’s impact after 3 months',
  evaluation: 'The evaluation is recorded',
  need: 'The line is added to the training needs analysis',
};

export function doneMessage(code: string): string | null {
  return DONE[code] ?? null;
}

// ——— the home page's panels ———

/** A booker's panel: their agency's places still to come. */
export function bookingsPanel(list: { rows: AgencyBookingRow[]; total: number }) {
  return {
    rows: list.rows.map((r) => ({ href: sessionPath(r.session_id), course: r.course_title, when: sessionWhen(r.starts_at, r.ends_at), name: r.attendee_name })),
    total: list.total,
    ours: trainingPath('ourBookings', {}),
    catalogue: trainingPath('catalogue', {}),
  };
}

/** The training team's panel: registers to take, and impact questionnaires sent and answered lately. */
export function teamPanel(data: { registers: { id: string; course_title: string; starts_at: string }[]; impact: { sent: number; answered: number } }) {
  return {
    registers: data.registers.map((r) => ({ href: trainingPath('register', { id: r.id }), text: `${r.course_title}, ${formatDate(r.starts_at)}` })),
    impact: data.impact,
    catalogue: trainingPath('catalogue', {}),
    needs: trainingPath('needs', {}),
  };
}
