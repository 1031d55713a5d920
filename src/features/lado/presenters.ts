/** Words, tags, rows and cards for the LADO's pages: states in words, never colour alone. */
import { asDate } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { labelOf } from '../../domain/codes.js';
import {
  EMPLOYER_ACTIONS,
  LADO_CATEGORIES,
  LADO_DECISIONS,
  LADO_OUTCOMES,
  LADO_SECTORS,
  MEETING_ROLES,
  NOT_RECORDED,
  OPEN_REASONS,
  POLICE_STATUSES,
  REGULATORS,
  daysBetween,
  decodeEmployerAction,
  isOverdue,
} from '../../domain/lado.js';
import { type LocalDate } from '../../domain/time.js';
import { deadlineState } from '../../domain/timescales.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { allegationPath, employerAllegationPath } from './paths.js';
import { type ActionRow, type AllegationRow, type ListRow, type MeetingRow, type WorklistShow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

type Row = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text } : { text: missing } });
const narrative = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text, classes: 'app-narrative' } : { text: missing } });

export const SHOW_TITLES: Record<WorklistShow, string> = {
  decide: 'To decide',
  late: 'Past the 1 working day to decide',
  open: 'In the LADO process',
  over: 'Open over 3 months',
  no_reason: 'Open over 3 months without a reason recorded',
  advice: 'Advice given',
  closed: 'Closed',
};

/** A code's words, or "Not recorded" for an allegation not yet described. */
export function codeText(codes: readonly { code: string; label: string }[], code: string | null): string {
  if (!code || code === NOT_RECORDED) return 'Not recorded';
  return labelOf(codes, code);
}

/** The 1-working-day decision deadline in words. */
export function decisionTag(calendar: WorkingCalendar, due: Date | string, now: Date): Tag {
  const dueAt = asDate(due);
  const state = deadlineState(calendar, dueAt, now);
  if (state === 'overdue') return { text: `Decision overdue: was due ${formatDateTime(dueAt)}`, classes: 'govuk-tag--red' };
  if (state === 'due-today') return { text: 'Decide today', classes: 'govuk-tag--orange' };
  return { text: `Decide by ${formatDate(dueAt)}`, classes: 'govuk-tag--grey' };
}

/** Where an allegation stands, in words. */
export function stageTag(a: Pick<AllegationRow, 'status' | 'decision' | 'outcome'>): Tag {
  if (a.status === 'open') return { text: 'To decide', classes: 'govuk-tag--blue' };
  if (a.status === 'in_process') return a.outcome ? { text: 'Outcome recorded', classes: 'govuk-tag--turquoise' } : { text: 'In the LADO process', classes: 'govuk-tag--yellow' };
  if (a.decision === 'advice') return { text: 'Advice given', classes: 'govuk-tag--grey' };
  if (a.decision === 'another_area') return { text: 'Passed to another area', classes: 'govuk-tag--grey' };
  return { text: 'Closed', classes: 'govuk-tag--grey' };
}

/** How long an open allegation has been open, and whether it has passed the resolution timescale (with its reason). */
export function ageOf(receivedOn: LocalDate, today: LocalDate, months: number, openReason: string | null): { days: number; text: string; over: boolean; reason: string | null; tag: Tag | null } {
  const days = daysBetween(receivedOn, today);
  const over = isOverdue(receivedOn, today, months);
  const reason = openReason ? labelOf(OPEN_REASONS, openReason) : null;
  return {
    days,
    text: days === 1 ? '1 day' : `${days} days`,
    over,
    reason,
    tag: over ? (reason ? { text: `Over ${months} months: ${reason}`, classes: 'govuk-tag--orange' } : { text: `Over ${months} months: no reason recorded`, classes: 'govuk-tag--red' }) : null,
  };
}

/** The employer's actions in words (with their dates and regulators). */
export function employerActionsText(stored: readonly string[]): string[] {
  return stored.map((s) => {
    const a = decodeEmployerAction(s);
    const regulator = a.regulator ? `: ${labelOf(REGULATORS, a.regulator)}` : '';
    return `${labelOf(EMPLOYER_ACTIONS, a.code)}${regulator}${a.on ? `, ${formatDate(a.on)}` : ''}`;
  });
}

/** A row of the LADO's worklist. */
export function listRow(r: ListRow, show: WorklistShow, calendar: WorkingCalendar, now: Date, today: LocalDate, months: number) {
  const age = ageOf(r.received_on, today, months, r.open_reason);
  const open = r.status === 'in_process';
  return {
    href: allegationPath(r.id),
    reference: r.reference,
    adult: r.adult_name,
    role: [r.role_title, r.employer_name].filter(Boolean).join(', ') || 'Role and employer not recorded',
    category: codeText(LADO_CATEGORIES, r.category),
    sector: codeText(LADO_SECTORS, r.sector),
    received: formatDate(r.received_at),
    due: show === 'decide' || show === 'late' ? decisionTag(calendar, r.decision_due_at, now) : null,
    age: open ? age.text : null,
    over: open ? age.tag : null,
    police: open && r.police_status !== 'none' ? labelOf(POLICE_STATUSES, r.police_status) : null,
    status: stageTag(r),
    outcome: r.outcome ? labelOf(LADO_OUTCOMES, r.outcome).split(':')[0]! : null,
    restricted: r.restricted,
  };
}

/** A row of an employer's list: no notes, the stage and outcome only. */
export function employerRow(r: ListRow) {
  return {
    href: employerAllegationPath(r.id),
    reference: r.reference,
    adult: r.adult_name,
    role: r.role_title ?? 'Not recorded',
    received: formatDate(r.received_at),
    status: stageTag(r),
    outcome: r.outcome ? labelOf(LADO_OUTCOMES, r.outcome).split(':')[0]! : null,
  };
}

/** The allegation's summary on the LADO's page. */
export function summaryRows(a: AllegationRow, calendar: WorkingCalendar, now: Date, today: LocalDate, months: number): Row[] {
  const rows: Row[] = [
    row('Adult', a.adult_name),
    row('Their role', a.role_title),
    row('Employer', a.employer_agency_name ?? a.employer_name),
    row('Employing sector', codeText(LADO_SECTORS, a.sector)),
    row('Category', codeText(LADO_CATEGORIES, a.category)),
    row('Referred by', a.referring_agency_name),
    row('Received', formatDateTime(a.received_at)),
    row('Front-door contact', a.contact_reference, 'None (recorded directly)'),
    narrative('What is alleged', a.what_happened),
  ];
  if (a.status === 'open') rows.push({ key: { text: 'Decision due' }, value: { text: decisionTag(calendar, a.decision_due_at, now).text } });
  if (a.decision) {
    rows.push(row('Threshold decision', labelOf(LADO_DECISIONS, a.decision)));
    rows.push(narrative('Reasons', a.decision_reason));
    rows.push(row('Decided', a.decided_at ? `${formatDateTime(a.decided_at)}${a.decided_by_name ? ` by ${a.decided_by_name}` : ''}${asDate(a.decided_at).getTime() > asDate(a.decision_due_at).getTime() ? ' (after the 1 working day)' : ''}` : null));
  }
  if (a.status === 'in_process') {
    const age = ageOf(a.received_on, today, months, a.open_reason);
    rows.push(row('Open for', age.text));
    if (age.over) rows.push(row('Why it is still open', age.reason, `Not recorded: it is open over ${months} months, record why`));
  }
  rows.push(row('Police', `${labelOf(POLICE_STATUSES, a.police_status)}${a.police_updated_on ? ` (since ${formatDate(a.police_updated_on)})` : ''}`));
  if (a.outcome) rows.push(row('Outcome', `${labelOf(LADO_OUTCOMES, a.outcome)} (${formatDate(a.outcome_on)})`));
  if (a.outcome || a.employer_actions.length) rows.push(row('Employer’s actions', employerActionsText(a.employer_actions).join('; '), 'None recorded'));
  rows.push(row('Designated officer', a.allocated_name, 'Not allocated'));
  return rows;
}

/** A meeting as a card: attendees, decisions, review date and its actions. */
export function meetingCard(m: MeetingRow, actions: readonly ActionRow[], today: LocalDate) {
  return {
    title: `Allegation management meeting, ${formatDateTime(m.held_at)}`,
    rows: [
      row('Attended', m.attendees.map((p) => `${p.name} (${labelOf(MEETING_ROLES, p.role)})`).join('; ')),
      narrative('Decisions', m.decisions),
      row('Review', m.review_on ? formatDate(m.review_on) : null, 'No review date'),
      row('Recorded by', m.recorded_by_name),
    ],
    actions: actions.filter((x) => x.meeting_id === m.id).map((x) => actionRow(x, today)),
  };
}

/** An action with its owner, due date and whether it is done. */
export function actionRow(x: ActionRow, today: LocalDate) {
  const owner = [x.owner_agency_name, x.owner_name].filter(Boolean).join(', ') || 'Not recorded';
  const state: Tag = x.done_on
    ? { text: `Done ${formatDate(x.done_on)}`, classes: 'govuk-tag--green' }
    : x.due_on < today
      ? { text: `Overdue: was due ${formatDate(x.due_on)}`, classes: 'govuk-tag--red' }
      : { text: `Due ${formatDate(x.due_on)}`, classes: 'govuk-tag--grey' };
  return { id: x.id, description: x.description, owner, state, done: !!x.done_on };
}

/** What a `done` code on the allegation's page says happened. */
export function doneMessage(done: string): string | null {
  const words: Record<string, string> = {
    details: 'The allegation’s details are saved',
    decided: 'The threshold decision is recorded',
    meeting: 'The meeting is recorded',
    police: 'The police status is updated',
    reason: 'The reason it is still open is recorded',
    outcome: 'The outcome is recorded',
    closed: 'The allegation is closed',
    action: 'Your action is recorded',
    done: 'The action is marked done',
  };
  return words[done] ?? null;
}
