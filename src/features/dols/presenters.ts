/**
 * Words, tags and rows for the DoLS pages: priority, status and the clocks in words, never colour alone. Pure: the
 * dates come from the row and `today` (a London date), so every sentence is tested in presenters.test.ts.
 */
import { labelOf } from '../../domain/codes.js';
import {
  ASSESSMENT_KINDS,
  DOLS_ASSESSMENTS,
  DOLS_KINDS,
  DOLS_SETTINGS,
  DOLS_STATUSES,
  type AuthorisationState,
  type DolsStatus,
  type UrgentState,
  authorisationState,
  daysBetween,
  daysWaiting,
  decidedInTime,
  dueState,
  isDolsStatus,
  isOpen,
  longDate,
  relativeDays,
  reviewDueOn,
  summariseAssessments,
  urgentState,
} from '../../domain/dols.js';
import { ageOn, isLocalDate, londonDate } from '../../domain/time.js';
import { asDate } from '../../db/client.js';
import { type ApplicationRow, type AssessmentRow, type Counts, type ListRow, type ListShow } from './repository.js';
import { applicationPath, dolsPath } from './paths.js';

export interface Tag {
  text: string;
  classes: string;
}

const PRIORITY_CLASSES: Record<string, string> = { high: 'govuk-tag--red', medium: 'govuk-tag--orange', low: 'govuk-tag--blue' };

export function priorityTag(priority: string): Tag {
  const word = { high: 'High', medium: 'Medium', low: 'Low' }[priority] ?? priority;
  return { text: `${word} priority`, classes: PRIORITY_CLASSES[priority] ?? 'govuk-tag--grey' };
}

const STATUS_CLASSES: Record<DolsStatus, string> = {
  received: 'govuk-tag--yellow',
  allocated: 'govuk-tag--light-blue',
  granted: 'govuk-tag--green',
  not_granted: 'govuk-tag--purple',
  withdrawn: 'govuk-tag--grey',
};

export function statusTag(status: string): Tag {
  return { text: labelOf(DOLS_STATUSES, status), classes: isDolsStatus(status) ? STATUS_CLASSES[status] : 'govuk-tag--grey' };
}

/** "Urgent" or "Standard", for a table. */
export function kindWord(kind: string): string {
  return kind === 'urgent' ? 'Urgent' : 'Standard';
}

/** The urgent authorisation in words on a day: when it expires, or that it has. */
export function urgentWords(state: UrgentState): string {
  const extended = state.extended ? ' (extended)' : '';
  if (state.expired) return `Urgent authorisation${extended} expired ${relativeDays(state.daysLeft)}, on ${longDate(state.expiresOn)}: no authorisation is in place`;
  if (state.daysLeft === 0) return `Urgent authorisation${extended} expires today`;
  return `Urgent authorisation${extended} expires ${relativeDays(state.daysLeft)}, on ${longDate(state.expiresOn)}`;
}

/** The decision's due date in words on a day, for an open application. */
export function dueWords(dueOn: string, today: string): string {
  const state = dueState(dueOn, today);
  const days = daysBetween(today, dueOn);
  if (state === 'overdue') return `Overdue: was due ${longDate(dueOn)} (${relativeDays(days)})`;
  if (state === 'due_today') return `Due today, ${longDate(dueOn)}`;
  return `Due ${longDate(dueOn)} (${relativeDays(days)})`;
}

/** "1 day", "12 days", or "Received today". */
export function waitedWords(days: number): string {
  if (days <= 0) return 'Received today';
  return days === 1 ? '1 day' : `${days.toLocaleString('en-GB')} days`;
}

function ageWords(dateOfBirth: string | null, today: string): string {
  return dateOfBirth && isLocalDate(dateOfBirth) ? `${ageOn(dateOfBirth, today)}` : 'Not known';
}

function urgentOf(r: Pick<ListRow, 'kind' | 'urgent_from' | 'urgent_extended_at'>, today: string): UrgentState | null {
  return urgentState({ kind: r.kind === 'urgent' ? 'urgent' : 'standard', urgentFrom: r.urgent_from, urgentExtended: r.urgent_extended_at !== null }, today);
}

/** The London date of a stored instant. */
function dayOf(value: string | null): string | null {
  return value ? londonDate(asDate(value)) : null;
}

const AUTHORISATION_WORDS: Record<AuthorisationState, string> = {
  not_started: 'Not started yet',
  in_force: 'In force',
  review_due: 'In force, review due',
  expired: 'Expired',
};

/** A granted authorisation on a day in words: its state, and when it ends or ended. */
export function authorisationWords(from: string, until: string, today: string): string {
  const state = authorisationState(from, until, today);
  const days = daysBetween(today, until);
  if (state === 'expired') return `Expired on ${longDate(until)}`;
  if (state === 'not_started') return `Starts on ${longDate(from)}, ends on ${longDate(until)}`;
  return `${AUTHORISATION_WORDS[state]}: ends on ${longDate(until)} (${relativeDays(days)})`;
}

export interface ApplicationListRow {
  id: string;
  href: string;
  reference: string;
  personName: string;
  age: string;
  managingAuthority: string;
  setting: string;
  kind: string;
  priority: Tag;
  status: Tag;
  receivedOn: string;
  waited: string;
  daysWaiting: number;
  urgent: string | null;
  urgentExpired: boolean;
  due: string | null;
  overdue: boolean;
  assessor: string;
  assessments: string;
  decided: string | null;
  authorisation: string | null;
}

/** A row of any of the lists, with its clocks in words on `today`. */
export function listRow(r: ListRow, today: string): ApplicationListRow {
  const urgent = urgentOf(r, today);
  const open = isDolsStatus(r.status) && isOpen(r.status);
  const waited = daysWaiting(r.received_on, today);
  return {
    id: r.id,
    href: applicationPath(r.id),
    reference: r.reference,
    personName: r.person_name,
    age: ageWords(r.date_of_birth, today),
    managingAuthority: r.managing_authority,
    setting: labelOf(DOLS_SETTINGS, r.setting),
    kind: kindWord(r.kind),
    priority: priorityTag(r.priority),
    status: statusTag(r.status),
    receivedOn: r.received_on,
    waited: waitedWords(waited),
    daysWaiting: waited,
    urgent: open && urgent ? urgentWords(urgent) : null,
    urgentExpired: open && !!urgent?.expired,
    due: open ? dueWords(r.due_on, today) : null,
    overdue: open && dueState(r.due_on, today) === 'overdue',
    assessor: r.assessor_name ?? 'Not allocated',
    assessments: `${Number(r.assessments_done)} of ${ASSESSMENT_KINDS.length}`,
    decided: r.decided_at,
    authorisation: r.status === 'granted' && r.authorised_from && r.authorised_until ? authorisationWords(r.authorised_from, r.authorised_until, today) : null,
  };
}

/** The summary cards of the DoLS lead's overview. */
export function countCards(c: Counts) {
  return [
    { label: 'Unallocated', value: c.unallocated, detail: `${c.unallocated_high} high, ${c.unallocated_medium} medium, ${c.unallocated_low} low priority; ${c.overdue - c.overdue_allocated} past their due date`, href: dolsPath('overview', {}, { show: 'unallocated' }) },
    { label: 'Urgent authorisations expiring within 2 days', value: c.urgent_expiring, detail: `${c.urgent_expired} expired without a decision`, href: dolsPath('overview', {}, { show: 'urgent_expiring' }) },
    { label: 'Allocated to an assessor', value: c.allocated, detail: `${c.overdue_allocated} past their due date`, href: dolsPath('overview', {}, { show: 'allocated' }) },
    { label: 'Authorisations expiring within 28 days', value: c.expiring, detail: `${c.in_force} authorisations in force`, href: dolsPath('overview', {}, { show: 'expiring' }) },
  ];
}

type TabShow = 'unallocated' | 'allocated' | 'decided' | 'expiring';
const TAB_TITLES: Record<TabShow, string> = {
  unallocated: 'Unallocated',
  allocated: 'Allocated',
  decided: 'Decided',
  expiring: 'Expiring within 28 days',
};
/** The lists a home page's counts open that are not tabs: parts of the unallocated and allocated lists. */
const OTHER_TITLES: Record<Exclude<ListShow, TabShow>, string> = {
  overdue: 'Open applications past their due date',
  urgent_expiring: 'Urgent authorisations ending within 2 days',
};

export function tabs(show: ListShow, c: Counts) {
  return (Object.keys(TAB_TITLES) as TabShow[]).map((s) => ({ href: dolsPath('overview', {}, { show: s }), text: `${TAB_TITLES[s]} (${c[s].toLocaleString('en-GB')})`, current: s === show }));
}

export function tabTitle(show: ListShow): string {
  return show in TAB_TITLES ? TAB_TITLES[show as TabShow] : OTHER_TITLES[show as Exclude<ListShow, TabShow>];
}

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

/** The rows of the application's summary list on `today`. */
export function summaryRows(a: ApplicationRow, today: string): SummaryRow[] {
  const row = (key: string, text: string): SummaryRow => ({ key: { text: key }, value: { text } });
  const urgent = urgentOf(a, today);
  const open = isDolsStatus(a.status) && isOpen(a.status);
  const out: SummaryRow[] = [
    row('Reference', a.reference),
    row('Date of birth', a.date_of_birth ? `${longDate(a.date_of_birth)} (age ${ageWords(a.date_of_birth, today)})` : 'Not known'),
    row('Managing authority', `${a.managing_authority} (${labelOf(DOLS_SETTINGS, a.setting).toLowerCase()})`),
    row('Kind', labelOf(DOLS_KINDS, a.kind)),
    row('Received', `${longDate(a.received_on)}${a.created_by_name ? ` by ${a.created_by_name}` : ''}`),
  ];
  if (a.kind === 'urgent' && a.urgent_from) {
    const extended = dayOf(a.urgent_extended_at);
    out.push(row('Urgent authorisation', `Given on ${longDate(a.urgent_from)}${extended ? `; extended on ${longDate(extended)}` : ''}`));
    if (urgent) out.push(row('Urgent authorisation ends', open ? urgentWords(urgent) : `${longDate(urgent.expiresOn)}`));
  }
  out.push(row('Priority', `${priorityTag(a.priority).text}${a.priority_reason ? `: ${a.priority_reason}` : ''}`));
  if (open) out.push(row('Waiting', waitedWords(daysWaiting(a.received_on, today))), row('Decision due', dueWords(a.due_on, today)));
  out.push(row('Assessor', a.assessor_name ? `${a.assessor_name}${a.allocated_at ? `, allocated on ${longDate(dayOf(a.allocated_at)!)}` : ''}` : 'Not allocated'));
  const decidedOn = dayOf(a.decided_at);
  if (decidedOn && (a.status === 'granted' || a.status === 'not_granted')) {
    out.push(row('Decided', `${longDate(decidedOn)}: ${decidedInTime(a.due_on, decidedOn) ? 'in time' : `late (due ${longDate(a.due_on)})`}`));
  }
  if (a.status === 'granted' && a.authorised_from && a.authorised_until) {
    out.push(
      row('Authorised', `From ${longDate(a.authorised_from)} to ${longDate(a.authorised_until)}`),
      row('Now', authorisationWords(a.authorised_from, a.authorised_until, today)),
    );
    if (today <= a.authorised_until) out.push(row('Review due', `From ${longDate(reviewDueOn(a.authorised_until))}: the managing authority asks for a further authorisation before it ends`));
  }
  if (a.status === 'withdrawn' && decidedOn) out.push(row('Withdrawn', longDate(decidedOn)));
  return out;
}

export interface AssessmentView {
  kind: string;
  label: string;
  question: string;
  outcome: Tag;
  recorded: boolean;
  completedOn: string | null;
  assessor: string | null;
  note: string | null;
}

/** The six assessments in statutory order, recorded or not. */
export function assessmentViews(found: readonly AssessmentRow[]): AssessmentView[] {
  return DOLS_ASSESSMENTS.map((a) => {
    const s = found.find((f) => f.kind === a.code);
    const outcome: Tag = !s ? { text: 'Not recorded', classes: 'govuk-tag--grey' } : s.outcome === 'met' ? { text: 'Met', classes: 'govuk-tag--green' } : { text: 'Not met', classes: 'govuk-tag--red' };
    return { kind: a.code, label: a.label, question: a.question, outcome, recorded: !!s, completedOn: s?.completed_on ?? null, assessor: s?.assessor_name ?? null, note: s?.note ?? null };
  });
}

/** What the assessments lead to, in a sentence for the page (`open`: the application still waits for its decision). */
export function assessmentsAdvice(found: readonly AssessmentRow[], open = true): string {
  const s = summariseAssessments(found);
  const notMet = s.notMet.map((k) => labelOf(DOLS_ASSESSMENTS, k).toLowerCase()).join(', ');
  if (!open) return s.anyNotMet ? `Not met: ${notMet}.` : s.allMet ? 'All six requirements were met.' : `${s.met.length} of 6 recorded as met before the application was closed.`;
  if (s.anyNotMet) return `Not met: ${notMet}. The authorisation cannot be granted.`;
  if (s.allMet) return 'All six requirements are met: the authorisation must be granted.';
  return `${s.met.length} of 6 met so far. Still to record: ${s.missing.map((k) => labelOf(DOLS_ASSESSMENTS, k).toLowerCase()).join(', ')}.`;
}

/** The message shown after a change, from the `done` query parameter. */
export function doneMessage(done: unknown): string | null {
  const messages: Record<string, string> = {
    received: 'Application recorded: it is on the unallocated list',
    allocated: 'Allocated: the assessor has been told',
    prioritised: 'Priority saved',
    assessed: 'Assessment recorded',
    extended: 'Urgent authorisation extended by 7 days',
    granted: 'Authorisation granted',
    not_granted: 'Recorded: the authorisation is not granted',
    withdrawn: 'Application withdrawn',
  };
  return typeof done === 'string' ? (messages[done] ?? null) : null;
}

/** The decision's words for a decided application: granted with conditions, not granted with reasons, or withdrawn. */
export function decisionText(a: Pick<ApplicationRow, 'status' | 'decision_note' | 'conditions'>): { heading: string; conditions: string | null; note: string | null } | null {
  if (a.status === 'granted') return { heading: 'Granted', conditions: a.conditions, note: a.decision_note };
  if (a.status === 'not_granted') return { heading: 'Not granted', conditions: null, note: a.decision_note };
  if (a.status === 'withdrawn') return { heading: 'Withdrawn', conditions: null, note: a.decision_note };
  return null;
}
