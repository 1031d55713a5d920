/** Words, tags, rows and cards for adult safeguarding pages: states in words, never colour alone. */
import {
  ADVOCACY,
  ATTENDANCE,
  ATTENDEE_ROLES,
  CAPACITY,
  CONCERN_CHANNELS,
  CONCERN_DECISIONS,
  CONCERN_SOURCES,
  CONSENT,
  ENQUIRY_LEADS,
  EXIT_REASONS,
  MEETING_KINDS,
  MSP_ASKED,
  OUTCOMES_ACHIEVED,
  PRIMARY_SUPPORT_REASONS,
  RISK_LOCATIONS,
  RISK_RESULTS,
  RISK_SOURCES,
  RISK_TYPES,
  SANCTIONS,
  SIGNPOST_TEAMS,
  TEST_ANSWERS,
  TEST_RESULT_TEXT,
  THREE_POINT_TEST,
  type TestAnswer,
  threePointTest,
} from '../../domain/adult-safeguarding.js';
import { asDate } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { labelOf } from '../../domain/codes.js';
import { deadlineState } from '../../domain/timescales.js';
import { londonDate } from '../../domain/time.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { type ActionRow, type AttendeeRow, type ConcernRow, type ContributionRow, type EnquiryRow, type MeetingRow, type RiskRow, type WorklistRow } from './repository.js';
import { adultPath, concernPath } from './paths.js';

export interface Tag {
  text: string;
  classes: string;
}

type Row = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text, classes: 'app-narrative' } : { text: missing } });

/** Where a concern stands, in words. */
export function concernStatusTag(status: string, enquiryStatus: string | null, decision: string | null): Tag {
  if (status === 'open') return { text: 'To decide', classes: 'govuk-tag--blue' };
  if (status === 'awaiting_authorisation') return { text: 'Waiting for authorisation', classes: 'govuk-tag--yellow' };
  if (enquiryStatus === 'open') return { text: decision === 's42_enquiry' ? 'Section 42 enquiry open' : 'Enquiry open', classes: 'govuk-tag--purple' };
  if (enquiryStatus === 'concluded') return { text: 'Enquiry concluded', classes: 'govuk-tag--green' };
  if (enquiryStatus === 'exited') return { text: 'Enquiry ended early', classes: 'govuk-tag--grey' };
  return { text: `Decided: ${labelOf(CONCERN_DECISIONS, decision).toLowerCase()}`, classes: 'govuk-tag--grey' };
}

/** When the decision on a concern is due, in words. */
export function dueTag(calendar: WorkingCalendar, due: Date | string, now: Date): Tag {
  const dueAt = asDate(due);
  const state = deadlineState(calendar, dueAt, now);
  if (state === 'overdue') return { text: `Overdue: was due ${formatDateTime(dueAt)}`, classes: 'govuk-tag--red' };
  if (state === 'due-today') return { text: `Due today by ${formatDateTime(dueAt).split(' at ')[1] ?? ''}`.trim(), classes: 'govuk-tag--orange' };
  return { text: `Due ${formatDateTime(dueAt)}`, classes: 'govuk-tag--grey' };
}

export function worklistRow(r: WorklistRow, calendar: WorkingCalendar, now: Date) {
  return {
    href: concernPath(r.id),
    reference: r.reference,
    name: r.adult_name,
    received: formatDateTime(r.received_at),
    source: labelOf(CONCERN_SOURCES, r.source_code),
    status: concernStatusTag(r.status, r.enquiry_status, r.decision),
    due: r.status === 'open' ? dueTag(calendar, r.decision_due_at, now) : null,
    allocated: r.allocated_name ?? 'Not allocated',
    restricted: r.restricted,
    started: r.enquiry_started_at ? formatDate(r.enquiry_started_at) : null,
  };
}

export function concernRows(c: ConcernRow): Row[] {
  return [
    row('Reference', c.reference),
    row('Received', formatDateTime(c.received_at)),
    row('How it arrived', labelOf(CONCERN_CHANNELS, c.channel) + (c.contact_reference ? ` (contact ${c.contact_reference})` : '')),
    row('Where the concern came from', labelOf(CONCERN_SOURCES, c.source_code)),
    row('Raised by', [c.referrer_name, c.source_agency_name].filter(Boolean).join(', ') || null),
    row('Date of birth', c.date_of_birth ? formatDate(c.date_of_birth) : null, 'Not known'),
    row('What happened', c.what_happened),
    row('Who else is involved', c.others_involved),
    row('The adult’s own view', c.persons_view, 'Not yet known: ask the adult'),
    row('Care provider it is about', c.provider_name, 'None'),
    row('Allocated to', c.allocated_name, 'Not allocated'),
  ];
}

/** The three-point test as recorded: each point, its answer and reasons, and what the answers mean. */
export function testSummary(c: ConcernRow): { rows: Row[]; result: string | null } | null {
  if (!c.test_needs || !c.test_abuse || !c.test_protect) return null;
  const answers = { needs: c.test_needs as TestAnswer, abuse: c.test_abuse as TestAnswer, protect: c.test_protect as TestAnswer };
  const reasons = { needs: c.test_needs_reason, abuse: c.test_abuse_reason, protect: c.test_protect_reason };
  return {
    rows: THREE_POINT_TEST.map((p) => row(p.question, `${labelOf(TEST_ANSWERS, answers[p.key])}. ${reasons[p.key] ?? ''}`.trim())),
    result: TEST_RESULT_TEXT[threePointTest(answers)],
  };
}

export function decisionRows(c: ConcernRow): Row[] | null {
  if (!c.decision) return null;
  const rows = [
    row('Decision', labelOf(CONCERN_DECISIONS, c.decision)),
    ...(c.signpost_to ? [row('Signposted to', labelOf(SIGNPOST_TEAMS, c.signpost_to))] : []),
    row('Reasons', c.decision_reason),
    row('Proposed by', c.decided_by_name && c.decided_at ? `${c.decided_by_name}, ${formatDateTime(c.decided_at)}` : null),
    row('Authorised by', c.authorised_by_name && c.authorised_at ? `${c.authorised_by_name}, ${formatDateTime(c.authorised_at)}` : null, 'Not yet authorised'),
  ];
  return rows;
}

export function enquiryRows(e: EnquiryRow): Row[] {
  const lead = e.lead_kind === 'adult_team' ? labelOf(ENQUIRY_LEADS, 'adult_team') : `${labelOf(ENQUIRY_LEADS, e.lead_kind)}${e.lead_agency_name ? `: ${e.lead_agency_name}` : ''}`;
  return [
    row('Kind', e.kind === 's42' ? 'Section 42 enquiry' : 'Other safeguarding enquiry (s42(2))'),
    row('Started', formatDate(e.started_at)),
    row('Lead', lead),
    row('Consent', labelOf(CONSENT, e.consent)),
    row('Mental capacity', [labelOf(CAPACITY, e.capacity), e.capacity_note].filter(Boolean).join('. ') || null),
    row('Primary support reason', labelOf(PRIMARY_SUPPORT_REASONS, e.primary_support_reason)),
    row('Support through the enquiry', e.advocacy ? `${labelOf(ADVOCACY, e.advocacy)}${e.advocate_name ? `: ${e.advocate_name}` : ''}` : null),
    row('Asked what outcomes they want', labelOf(MSP_ASKED, e.msp_asked)),
    row('What the adult wants, in their words', e.desired_outcomes),
  ];
}


export function outcomeRows(e: EnquiryRow): Row[] | null {
  if (e.status === 'open') return null;
  if (e.status === 'exited') return [row('Ended early', labelOf(EXIT_REASONS, e.exit_reason)), row('About ending it', e.exit_note), row('Ended', e.ended_at ? formatDate(e.ended_at) : null)];
  return [
    row('Concluded', e.ended_at ? formatDate(e.ended_at) : null),
    row('Outcomes the adult wanted', e.outcomes_achieved ? labelOf(OUTCOMES_ACHIEVED, e.outcomes_achieved) : e.msp_asked === 'asked_expressed' ? null : 'The adult did not express outcomes'),
    row('Referrals and sanctions', e.sanctions.length ? e.sanctions.map((s) => labelOf(SANCTIONS, s)).join('; ') : null, 'None'),
    row('Conclusion', e.conclusion),
  ];
}

/** The risks as a table: one row per risk, with its result once concluded. */
export function riskTable(risks: readonly RiskRow[]) {
  return {
    head: [{ text: 'Type' }, { text: 'Where' }, { text: 'From' }, { text: 'Result' }],
    rows: risks.map((r) => [
      { text: labelOf(RISK_TYPES, r.type) },
      { text: labelOf(RISK_LOCATIONS, r.location) },
      { text: labelOf(RISK_SOURCES, r.source) },
      { text: r.result ? `${labelOf(RISK_RESULTS, r.result)}${r.action_taken === null ? '' : r.action_taken ? ' (action taken)' : ' (no action taken)'}` : 'Not yet known' },
    ]),
  };
}

export function riskLabel(r: RiskRow, i: number): string {
  return `Risk ${i + 1}: ${labelOf(RISK_TYPES, r.type).toLowerCase()}, ${labelOf(RISK_LOCATIONS, r.location).toLowerCase()}, ${labelOf(RISK_SOURCES, r.source).toLowerCase()}`;
}

export function contributionItem(k: ContributionRow, now: Date) {
  const overdue = !k.answered_at && k.due_on < londonDate(now);
  return {
    agency: k.agency_name,
    question: k.question,
    asked: `${k.asked_by_name}, ${formatDateTime(k.asked_at)}`,
    due: formatDate(k.due_on),
    tag: k.answered_at ? { text: 'Answered', classes: 'govuk-tag--green' } : overdue ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'Waiting', classes: 'govuk-tag--yellow' },
    answer: k.answer,
    answered: k.answered_at ? [k.answered_by_name, formatDateTime(k.answered_at)].filter(Boolean).join(', ') : null,
    href: adultPath('contribution', { id: k.id }),
    concern: k.concern_reference,
    adultName: k.adult_name,
  };
}

export interface MeetingCard {
  id: string;
  title: string;
  href: string;
  held: string;
  attendance: { who: string; attendance: string }[];
  personsVoice: string;
  decisions: string;
  minutes: string | null;
  minutesHidden: boolean;
  actions: { description: string; owner: string; due: string; done: boolean }[];
}

export function meetingCard(m: MeetingRow, concernId: string, attendees: readonly AttendeeRow[], actions: readonly ActionRow[], minutesVisible: boolean): MeetingCard {
  return {
    id: m.id,
    title: labelOf(MEETING_KINDS, m.kind),
    href: adultPath('meeting', { id: concernId, adultMeetingId: m.id }),
    held: formatDateTime(m.held_at),
    attendance: attendees
      .filter((a) => a.meeting_id === m.id)
      .map((a) => ({ who: `${a.role === 'professional' ? (a.agency_name ?? a.name) : `${a.name} (${labelOf(ATTENDEE_ROLES, a.role).toLowerCase()})`}`, attendance: labelOf(ATTENDANCE, a.attendance) })),
    personsVoice: m.persons_voice,
    decisions: m.decisions,
    minutes: minutesVisible ? m.minutes : null,
    minutesHidden: !minutesVisible && m.minutes !== null,
    actions: actions.filter((a) => a.meeting_id === m.id).map((a) => ({ description: a.description, owner: [a.owner_agency_name, a.owner_name].filter(Boolean).join(', '), due: formatDate(a.due_on), done: a.done_at !== null })),
  };
}

/** What the adult team can do next on a concern, from its state. */
export function nextSteps(id: string, c: Pick<ConcernRow, 'status' | 'test_needs'>, enquiry: Pick<EnquiryRow, 'status'> | undefined, can: { work: boolean; authorise: boolean }) {
  const steps: { text: string; href: string }[] = [];
  {
    if (can.work && c.status === 'open') {
      steps.push({ text: c.test_needs ? 'Change the three-point test' : 'Record the three-point test', href: adultPath('test', { id }) });
      if (c.test_needs) steps.push({ text: 'Propose a decision', href: adultPath('decision', { id }) });
    }
    if (can.authorise && c.status === 'awaiting_authorisation') steps.push({ text: 'Authorise or return the decision', href: adultPath('authorisation', { id }) });
    if (can.work && enquiry?.status === 'open') {
      steps.push({ text: 'Plan the enquiry: lead, consent, capacity, advocacy and what the adult wants', href: adultPath('plan', { id }) });
      steps.push({ text: 'Add a risk', href: adultPath('risks', { id }) });
      steps.push({ text: 'Ask partners to contribute', href: adultPath('ask', { id }) });
      steps.push({ text: 'Record a meeting', href: adultPath('meetings', { id }) });
      steps.push({ text: 'Record the outcome and conclude', href: adultPath('outcome', { id }) });
      steps.push({ text: 'End the enquiry early', href: adultPath('exit', { id }) });
    }
    if (can.work && (c.status !== 'decided' || enquiry?.status === 'open')) steps.push({ text: 'Allocate', href: adultPath('allocate', { id }) });
    if (can.work) steps.push({ text: 'Change the concern’s details', href: adultPath('details', { id }) });
  }
  return steps;
}
