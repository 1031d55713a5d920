/** Words, tags, rows and cards for children's social care pages: states in words, never colour alone. */
import { asDate } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import {
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  ASSESSMENT_STATUSES,
  ATTENDANCE,
  CIN_REVIEW_DECISIONS,
  CLOSURE_REASONS,
  CONFERENCE_DECISIONS,
  CONFERENCE_KINDS,
  CP_CATEGORIES,
  PARENT_PARTICIPATION,
  PLAN_END_REASONS,
  PLAN_KINDS,
  PRIMARY_NEEDS,
  REPORT_VIEWS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  VIEWS_GATHERED,
  heldInTime,
  inVoiceCohort,
  isReReferral,
  visitDueOn,
  visitInTime,
} from '../../domain/children.js';
import { CONTACT_SOURCES, labelOf } from '../../domain/codes.js';
import { type LocalDate, ageOn } from '../../domain/time.js';
import { type Timescale, deadlineState } from '../../domain/timescales.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { childrenPath, casePath, conferencePath, planPath } from './paths.js';
import { type AssessmentRow, CASE_DUES, type CaseDue, type CaseRow, type ConferenceRow, type CoreGroupRow, type InviteRow, type PlanRow, type ReferralRow, type ReportQueueRow, type ReviewRow, type S47Row, type StrategyRow, type VisitRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

type Row = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text } : { text: missing } });
const narrative = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text, classes: 'app-narrative' } : { text: missing } });

/** A deadline in words: overdue, due today, or due on a date. */
export function dueTag(calendar: WorkingCalendar, due: Date | string, now: Date, what = 'Due'): Tag {
  const dueAt = asDate(due);
  const state = deadlineState(calendar, dueAt, now);
  if (state === 'overdue') return { text: `Overdue: was due ${formatDate(dueAt)}`, classes: 'govuk-tag--red' };
  if (state === 'due-today') return { text: `${what} today`, classes: 'govuk-tag--orange' };
  return { text: `${what} ${formatDate(dueAt)}`, classes: 'govuk-tag--grey' };
}

/** A day-level deadline (visits, core groups, reviews) in words. */
export function dueOnTag(dueOn: LocalDate, today: LocalDate, what = 'Due'): Tag {
  if (dueOn < today) return { text: `Overdue: was due ${formatDate(dueOn)}`, classes: 'govuk-tag--red' };
  if (dueOn === today) return { text: `${what} today`, classes: 'govuk-tag--orange' };
  return { text: `${what} ${formatDate(dueOn)}`, classes: 'govuk-tag--grey' };
}

/** Where a child's case stands: the furthest step reached. */
export function stageOf(c: Pick<CaseRow, 'plan_kind' | 's47_open' | 'assessment_status'>): string {
  if (c.plan_kind === 'cp') return 'Child protection plan';
  if (c.plan_kind === 'cin') return 'Child in need plan';
  if (c.s47_open) return 'Section 47 enquiry';
  if (c.assessment_status === 'awaiting_authorisation') return 'Assessment waiting for authorisation';
  if (c.assessment_status === 'authorised') return 'Assessment authorised';
  return 'Assessment';
}

/** What is next due on a case, and when: the assessment, the initial conference, or the next visit. */
export function nextDue(c: CaseRow, calendar: WorkingCalendar, now: Date, visitInterval: Timescale): { text: string; tag: Tag } | null {
  if (c.plan_kind && c.plan_started_on) {
    const dueOn = visitDueOn(calendar, c.plan_started_on, c.last_visit_on, visitInterval);
    return { text: 'Visit', tag: dueOnTag(dueOn, calendar.dateOf(now)) };
  }
  if (c.s47_open && c.s47_conference_due_at) return { text: 'Initial conference', tag: dueTag(calendar, c.s47_conference_due_at, now) };
  if (c.assessment_due_at && (c.assessment_status === 'not_started' || c.assessment_status === 'in_progress')) return { text: 'Assessment', tag: dueTag(calendar, c.assessment_due_at, now) };
  return null;
}

export function caseRow(c: CaseRow, calendar: WorkingCalendar, now: Date, visitInterval: Timescale) {
  const due = nextDue(c, calendar, now, visitInterval);
  const age = c.date_of_birth ? ageOn(c.date_of_birth, calendar.dateOf(now)) : null;
  return {
    href: casePath(c.id),
    child: c.child_name,
    reference: c.reference,
    age: age === null ? 'Age not known' : age === 0 ? 'Under 1 year old' : `${age} year${age === 1 ? '' : 's'} old`,
    referred: formatDate(c.referred_at),
    stage: stageOf(c),
    due,
    allocated: c.allocated_name ?? 'Not allocated',
    restricted: c.restricted,
  };
}

export function referralRows(r: ReferralRow, calendar: WorkingCalendar, now: Date): Row[] {
  const today = calendar.dateOf(now);
  const earlier = r.earlier_referrals;
  const re = isReReferral(calendar.dateOf(asDate(r.referred_at)), earlier);
  return [
    row('Reference', r.reference),
    row('Referred', formatDateTime(r.referred_at)),
    row('From the front door', r.contact_reference ? `Contact ${r.contact_reference} (${r.route === 'strategy_discussion' ? 'decision: strategy discussion' : 'decision: referral for assessment'})` : null, 'Recorded directly'),
    row('Referral source', labelOf(CONTACT_SOURCES, r.source_code)),
    row('Date of birth', r.date_of_birth ? `${formatDate(r.date_of_birth)} (${ageOn(r.date_of_birth, today)} years old)` : null),
    row('Primary need', r.primary_need_code ? labelOf(PRIMARY_NEEDS, r.primary_need_code) : null, 'Recorded at assessment'),
    row('Re-referral', re ? `Yes: referred before within 12 months (${earlier.map((d) => formatDate(d)).join(', ')})` : earlier.length ? `No: earlier referrals ${earlier.map((d) => formatDate(d)).join(', ')}` : 'No: first referral'),
    row('Allocated to', r.allocated_name, 'Not allocated'),
    ...(r.status === 'closed' ? [row('Closed', `${formatDateTime(r.closed_at)}: ${labelOf(CLOSURE_REASONS, r.closure_reason)}`)] : []),
  ];
}

export function caseStatusTag(r: Pick<ReferralRow, 'status' | 'nfa'>, stage: string): Tag {
  if (r.status === 'closed') return { text: r.nfa ? 'Closed: no further action' : 'Closed', classes: 'govuk-tag--grey' };
  return { text: stage, classes: 'govuk-tag--blue' };
}

export function assessmentRows(a: AssessmentRow, calendar: WorkingCalendar, now: Date) {
  return {
    status: labelOf(ASSESSMENT_STATUSES, a.status),
    due: a.status === 'authorised' ? null : dueTag(calendar, a.due_at, now),
    inTime: a.authorised_at ? (asDate(a.authorised_at) <= asDate(a.due_at) ? 'Authorised within 45 working days' : 'Authorised after 45 working days') : null,
    rows: [
      row('Due', formatDateTime(a.due_at)),
      row('Started', a.started_at ? formatDateTime(a.started_at) : null, 'Not started'),
      row('Child seen', a.seen_on ? `${formatDate(a.seen_on)}${a.seen_alone === null ? '' : a.seen_alone ? ', seen alone' : ', not seen alone'}` : null),
      row('How the child’s views were gathered', a.views_how ? labelOf(VIEWS_GATHERED, a.views_how) : null),
      narrative('What the child said', a.views_what),
      row('Heard by', a.views_by),
      { key: { text: 'Factors identified' }, value: a.factors.length ? { html: `<ul class="govuk-list">${a.factors.map((f) => `<li>${escapeHtml(labelOf(ASSESSMENT_FACTORS, f))} (${escapeHtml(f)})</li>`).join('')}</ul>` } : { text: 'None recorded' } },
      narrative('Analysis', a.analysis),
      row('Outcome', a.outcome ? labelOf(ASSESSMENT_OUTCOMES, a.outcome) : null),
      ...(a.submitted_at ? [row('Sent for authorisation', `${formatDateTime(a.submitted_at)} by ${a.submitted_by_name ?? 'a worker'}`)] : []),
      ...(a.authorised_at ? [row('Authorised', `${formatDateTime(a.authorised_at)} by ${a.authorised_by_name ?? 'a manager'}`)] : []),
    ],
  };
}

export function strategyCard(d: StrategyRow) {
  return {
    title: `Strategy discussion, ${formatDateTime(d.held_at)}`,
    rows: [
      { key: { text: 'Who took part' }, value: { html: `<ul class="govuk-list">${d.participants.map((p) => `<li>${escapeHtml(p.name)}, ${escapeHtml(p.role)}</li>`).join('')}</ul>` } },
      narrative('Information shared', d.information_shared),
      row('Decision', labelOf(STRATEGY_DECISIONS, d.decision)),
      narrative('Reasons', d.reason),
      row('Recorded', `${formatDateTime(d.recorded_at)} by ${d.recorded_by_name ?? 'a worker'}${asDate(d.recorded_at) > asDate(d.record_due_at) ? ' (after the end of the working day)' : ''}`),
    ],
  };
}

export function s47Rows(s: S47Row, calendar: WorkingCalendar, now: Date) {
  return {
    open: s.outcome === null,
    due: s.outcome === null ? dueTag(calendar, s.conference_due_at, now, 'Initial conference due') : null,
    rows: [
      row('Started', formatDateTime(s.started_at)),
      row('Initial conference due by', formatDateTime(s.conference_due_at)),
      row('Outcome', s.outcome ? labelOf(S47_OUTCOMES, s.outcome) : null, 'Enquiry open'),
      narrative('Reasons', s.outcome_reason, s.outcome ? 'Not recorded' : '—'),
    ],
  };
}

export function conferenceTitle(k: Pick<ConferenceRow, 'kind' | 'scheduled_at' | 'held_at'>): string {
  return `${labelOf(CONFERENCE_KINDS, k.kind)}, ${formatDateTime(k.held_at ?? k.scheduled_at)}`;
}

export function conferenceStatusTag(k: Pick<ConferenceRow, 'status' | 'due_at' | 'held_at' | 'scheduled_at'>): Tag {
  // By London date, as the census and the measures count it: held on the day it was due is in time at any hour.
  if (k.status === 'held') return heldInTime(asDate(k.held_at!), asDate(k.due_at)) ? { text: 'Held in time', classes: 'govuk-tag--green' } : { text: 'Held late', classes: 'govuk-tag--red' };
  if (!heldInTime(asDate(k.scheduled_at), asDate(k.due_at))) return { text: 'Scheduled after its due date', classes: 'govuk-tag--red' };
  return { text: 'Scheduled', classes: 'govuk-tag--blue' };
}

export function conferenceRows(k: ConferenceRow, full: boolean, calendar: WorkingCalendar): Row[] {
  const age = k.date_of_birth ? ageOn(k.date_of_birth, calendar.dateOf(asDate(k.held_at ?? k.scheduled_at))) : null;
  const base: Row[] = [
    row('Child', `${k.child_name}${age === null ? '' : ` (${age} years old)`}`),
    row('Kind', labelOf(CONFERENCE_KINDS, k.kind)),
    row('Due by', formatDateTime(k.due_at)),
    row(k.status === 'held' ? 'Held' : 'Scheduled for', formatDateTime(k.held_at ?? k.scheduled_at)),
    row('Chair', k.chair_name, 'Not chosen yet'),
  ];
  if (k.status !== 'held') return base;
  const decision = [row('Decision', labelOf(CONFERENCE_DECISIONS, k.decision)), ...(k.category ? [row('Category', labelOf(CP_CATEGORIES, k.category))] : [])];
  if (!full) return [...base, ...decision];
  const voice = [k.child_attended ? 'attended' : null, k.child_advocate ? 'had an advocate' : null, k.child_views_presented ? 'views presented' : null].filter(Boolean).join(', ');
  return [
    ...base,
    row('The child', voice ? `The child ${voice}` : 'The child did not attend and no views were presented', ''),
    ...(inVoiceCohort(age) ? [row('Voice heard (aged 8 to 17)', k.child_attended || k.child_advocate || k.child_views_presented ? 'Yes' : 'No')] : []),
    narrative('The child’s views', k.child_views),
    row('Parents', labelOf(PARENT_PARTICIPATION, k.parents_participation)),
    narrative('Parents’ views', k.parents_views),
    ...decision,
    narrative('Reasons', k.decision_reason),
    narrative('Dissent', k.dissent, 'None recorded'),
    ...(k.dissent ? [row('Escalated', k.dissent_escalated ? 'Yes: escalated under the partnership’s resolution procedure' : 'No')] : []),
  ];
}

export function inviteRow(i: InviteRow, now: Date) {
  const late = i.submitted_at ? asDate(i.submitted_at) > asDate(i.report_due_at) : asDate(i.report_due_at) < now;
  return {
    agency: i.agency_name,
    report: i.report_status === 'submitted' ? `Sent ${formatDateTime(i.submitted_at)}${late ? ' (late)' : ''}` : i.report_status === 'not_provided' ? 'Not provided' : `Due ${formatDateTime(i.report_due_at)}${late ? ' (overdue)' : ''}`,
    view: i.report_view ? labelOf(REPORT_VIEWS, i.report_view) : null,
    attendance: i.attendance ? labelOf(ATTENDANCE, i.attendance) : 'Not recorded yet',
  };
}

export function reportQueueRow(r: ReportQueueRow, now: Date) {
  const late = r.submitted_at ? asDate(r.submitted_at) > asDate(r.report_due_at) : asDate(r.report_due_at) < now;
  return {
    href: childrenPath('report', { id: r.id }),
    child: r.child_name,
    conference: `${labelOf(CONFERENCE_KINDS, r.kind)}, ${formatDateTime(r.scheduled_at)}`,
    due: formatDateTime(r.report_due_at),
    tag: r.report_status === 'submitted' ? { text: late ? 'Sent late' : 'Sent', classes: late ? 'govuk-tag--orange' : 'govuk-tag--green' } : late ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'To write', classes: 'govuk-tag--blue' },
  };
}

export function diaryRow(k: ConferenceRow) {
  return {
    href: conferencePath(k.id),
    child: k.child_name,
    kind: labelOf(CONFERENCE_KINDS, k.kind),
    when: formatDateTime(k.scheduled_at),
    due: formatDateTime(k.due_at),
    chair: k.chair_name ?? 'Not chosen yet',
    tag: conferenceStatusTag(k),
  };
}

export function planTitle(p: Pick<PlanRow, 'kind' | 'started_on' | 'ended_on'>): string {
  return `${labelOf(PLAN_KINDS, p.kind)} from ${formatDate(p.started_on)}${p.ended_on ? ` to ${formatDate(p.ended_on)}` : ''}`;
}

export function planRows(p: PlanRow): Row[] {
  return [
    row('Child', p.child_name),
    row('Plan', labelOf(PLAN_KINDS, p.kind)),
    row('Began', formatDate(p.started_on)),
    ...(p.kind === 'cp' ? [row('Category at the start', labelOf(CP_CATEGORIES, p.initial_category)), row('Category now', labelOf(CP_CATEGORIES, p.latest_category))] : []),
    row('Social worker', p.allocated_name, 'Not allocated'),
    ...(p.ended_on ? [row('Ended', `${formatDate(p.ended_on)}: ${labelOf(PLAN_END_REASONS, p.end_reason)}`)] : []),
  ];
}

export function visitTable(visits: readonly VisitRow[]) {
  return {
    head: [{ text: 'Visited' }, { text: 'Due by' }, { text: 'In time' }, { text: 'Seen' }, { text: 'Notes' }],
    rows: visits.map((v) => [
      { text: formatDate(v.visited_on) },
      { text: formatDate(v.due_on) },
      { html: visitInTime(v.visited_on, v.due_on) ? 'Yes' : '<strong class="govuk-tag govuk-tag--red">Late</strong>' },
      { text: v.seen ? (v.seen_alone ? 'Seen, and seen alone' : 'Seen, not alone') : 'Not seen' },
      { text: v.notes, classes: 'app-narrative' },
    ]),
  };
}

export function coreGroupTable(groups: readonly CoreGroupRow[]) {
  return {
    head: [{ text: 'Held' }, { text: 'Due by' }, { text: 'In time' }, { text: 'Agencies' }],
    rows: groups.map((g) => [{ text: formatDate(g.held_on) }, { text: formatDate(g.due_on) }, { text: g.held_on <= g.due_on ? 'Yes' : 'Late' }, { text: g.agency_names.join(', ') }]),
  };
}

export function reviewTable(reviews: readonly ReviewRow[]) {
  return {
    head: [{ text: 'Held' }, { text: 'Due by' }, { text: 'Decision' }, { text: 'Notes' }],
    rows: reviews.map((r) => [{ text: formatDate(r.held_on) }, { text: formatDate(r.due_on) }, { text: labelOf(CIN_REVIEW_DECISIONS, r.decision) }, { text: r.notes, classes: 'app-narrative' }]),
  };
}

/** What the viewer can do next on a case, in the order the work goes. */
export function caseSteps(
  id: string,
  r: Pick<ReferralRow, 'status'>,
  a: Pick<AssessmentRow, 'status'> | undefined,
  s47Open: boolean,
  can: { work: boolean; authorise: boolean },
): { href: string; text: string }[] {
  if (r.status !== 'open') return [];
  const steps: { href: string; text: string }[] = [];
  if (can.authorise) steps.push({ href: childrenPath('allocate', { id }), text: 'Allocate a social worker' });
  if (can.work && a && (a.status === 'not_started' || a.status === 'in_progress')) steps.push({ href: childrenPath('assessment', { id }), text: a.status === 'not_started' ? 'Start the assessment' : 'Continue the assessment' });
  if (can.authorise && a?.status === 'awaiting_authorisation') steps.push({ href: childrenPath('authorisation', { id }), text: 'Authorise the assessment' });
  if (can.work) steps.push({ href: childrenPath('strategy', { id }), text: 'Record a strategy discussion' });
  if (can.work && s47Open) steps.push({ href: childrenPath('s47', { id }), text: 'Record the section 47 outcome' });
  if (can.work) steps.push({ href: childrenPath('close', { id }), text: 'Close the case' });
  return steps;
}

export function planSteps(p: Pick<PlanRow, 'id' | 'kind' | 'ended_on'>, canWork: boolean): { href: string; text: string }[] {
  if (!canWork || p.ended_on) return [];
  const steps = [{ href: childrenPath('visit', { id: p.id }), text: 'Record a visit' }];
  if (p.kind === 'cp') steps.push({ href: childrenPath('coreGroup', { id: p.id }), text: 'Record a core group meeting' });
  if (p.kind === 'cin') steps.push({ href: childrenPath('review', { id: p.id }), text: 'Record a review of the plan' }, { href: childrenPath('endPlan', { id: p.id }), text: 'End the plan' });
  return steps;
}

export const planLink = (p: Pick<PlanRow, 'id' | 'kind' | 'started_on' | 'ended_on'>) => ({ href: planPath(p.id), text: planTitle(p) });

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Each `due` filter of a case list, in words after its count ("3 assessments overdue"): [one, many]. */
export const CASE_DUE_WORDS: Record<CaseDue, [string, string]> = {
  assessment_overdue: ['assessment overdue', 'assessments overdue'],
  assessment_soon: ['assessment due in the next 5 working days', 'assessments due in the next 5 working days'],
  s47_overdue: ['section 47 enquiry past its initial conference date', 'section 47 enquiries past their initial conference date'],
  visit_overdue: ['child with a visit overdue', 'children with a visit overdue'],
  core_group_overdue: ['child protection plan with a core group overdue', 'child protection plans with a core group overdue'],
  review_overdue: ['child in need plan with its review overdue', 'child in need plans with their review overdue'],
};

export const caseDueWords = (due: CaseDue, count: number): string => CASE_DUE_WORDS[due][count === 1 ? 0 : 1];

/** Whether a `due` filter is already late (red) or only coming (no tag: "Due today" would not be true). */
export const caseDueTone = (due: CaseDue): 'waiting' | 'overdue' => (due === 'assessment_soon' ? 'waiting' : 'overdue');

/** Strictly one of the case list's `due` filters, or none. */
export function parseCaseDue(raw: string): CaseDue | null {
  return (CASE_DUES as readonly string[]).includes(raw) ? (raw as CaseDue) : null;
}

/** The case list's "what is due" links: each filter with cases in it, overdue first, the current one marked. */
export function caseDueLinks(dues: Record<CaseDue, number>, href: (due: CaseDue) => string, current: CaseDue | null) {
  return CASE_DUES.filter((d) => dues[d] > 0 || d === current).map((d) => ({ count: dues[d], text: caseDueWords(d, dues[d]), href: href(d), current: d === current, tone: caseDueTone(d) }));
}
