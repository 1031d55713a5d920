/** Words, tags and rows for the early help pages: states in words (never colour alone), deadlines with their RAG. */
import { asDate } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { EARLY_HELP_CLOSURE_REASONS } from '../../domain/children.js';
import { labelOf } from '../../domain/codes.js';
import { CLOCK_TITLES, type ClockName, type EpisodeStage, STAGE_TITLES, doneInTime, episodeClocks, episodeStage, nextDeadline, ragOf } from '../../domain/early-help.js';
import { deadlineState } from '../../domain/timescales.js';
import { ageOn, londonDate } from '../../domain/time.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { type EpisodeRow, type ListRow, type TeamMember } from './repository.js';
import { episodePath } from './paths.js';

export interface Tag {
  text: string;
  classes: string;
}

const STAGE_CLASSES: Record<EpisodeStage, string> = {
  to_contact: 'govuk-tag--blue',
  to_triage: 'govuk-tag--light-blue',
  eha_to_start: 'govuk-tag--yellow',
  eha_in_progress: 'govuk-tag--purple',
  eha_completed: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

export function stageTag(stage: EpisodeStage): Tag {
  return { text: STAGE_TITLES[stage], classes: STAGE_CLASSES[stage] };
}

type Dated = Pick<ListRow, 'status' | 'contacted_at' | 'engaged' | 'triaged_at' | 'eha_started_at' | 'eha_completed_at' | 'stepped_up_to_contact_id' | 'contact_due_at' | 'triage_due_at' | 'eha_due_at'>;

function domainOf(e: Dated) {
  return {
    status: e.status,
    contactedAt: asDate(e.contacted_at),
    engaged: e.engaged,
    triagedAt: asDate(e.triaged_at),
    ehaStartedAt: asDate(e.eha_started_at),
    ehaCompletedAt: asDate(e.eha_completed_at),
    steppedUpToContactId: e.stepped_up_to_contact_id,
    contactDueAt: asDate(e.contact_due_at),
    triageDueAt: asDate(e.triage_due_at),
    ehaDueAt: asDate(e.eha_due_at),
  };
}

/** A running deadline in words, with its RAG: red overdue, amber due today, green later. */
export function deadlineTag(calendar: WorkingCalendar, dueAt: Date, now: Date): Tag & { rag: 'red' | 'amber' | 'green' } {
  const state = deadlineState(calendar, dueAt, now);
  const rag = ragOf(state);
  if (state === 'overdue') return { rag, text: `Red: overdue, was due ${formatDateTime(dueAt)}`, classes: 'govuk-tag--red' };
  if (state === 'due-today') return { rag, text: `Amber: due today by ${formatDateTime(dueAt)}`, classes: 'govuk-tag--yellow' };
  return { rag, text: `Green: due ${formatDateTime(dueAt)}`, classes: 'govuk-tag--green' };
}

/** A stopped clock in words. */
export function doneTag(dueAt: Date, doneAt: Date): Tag {
  return doneInTime(dueAt, doneAt) ? { text: `Done in time, ${formatDateTime(doneAt)}`, classes: 'govuk-tag--green' } : { text: `Done late, ${formatDateTime(doneAt)}`, classes: 'govuk-tag--orange' };
}

const NEXT_WORDS: Record<ClockName, string> = { contact: 'Contact the family', triage: 'Triage', eha: 'Complete the assessment' };

/** One row of a worklist: the family, where it stands, who leads and the next deadline with its RAG. */
export function listRow(r: ListRow, calendar: WorkingCalendar, now: Date) {
  const e = domainOf(r);
  const stage = episodeStage(e);
  const next = nextDeadline(e);
  return {
    href: episodePath(r.id),
    reference: r.reference,
    familyName: r.family_name,
    children: `${r.children} ${r.children === 1 ? 'child' : 'children'}`,
    startedOn: formatDate(asDate(r.started_at)),
    stage: stageTag(stage),
    lead: r.lead_user_name ? `${r.lead_user_name}, ${r.lead_agency_name}` : r.lead_agency_name,
    next: next ? { text: NEXT_WORDS[next.name], tag: deadlineTag(calendar, next.dueAt, now) } : null,
    closed: r.status === 'closed' ? `${formatDate(asDate(r.closed_at))}: ${labelOf(EARLY_HELP_CLOSURE_REASONS, r.closure_reason)}` : null,
    steppedUp: r.stepped_up_to_contact_id !== null,
  };
}

/** The episode's clocks: each deadline, and whether it is running (with its RAG) or done (in time or late). */
export function clockRows(e: EpisodeRow, calendar: WorkingCalendar, now: Date) {
  const d = domainOf(e);
  return episodeClocks(d).map((c) => ({
    title: CLOCK_TITLES[c.name],
    due: formatDateTime(c.dueAt),
    tag: c.doneAt ? doneTag(c.dueAt, c.doneAt) : e.status === 'open' ? deadlineTag(calendar, c.dueAt, now) : { text: 'Stopped: the episode is closed', classes: 'govuk-tag--grey' },
  }));
}

export function stageOf(e: EpisodeRow): EpisodeStage {
  return episodeStage(domainOf(e));
}

type SummaryRow = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not yet'): SummaryRow => ({ key: { text: key }, value: text ? { text } : { text: missing } });

/** Where the episode stands: how it began, contact, triage, the assessment, a step up, the close. */
export function summaryRows(e: EpisodeRow): SummaryRow[] {
  const began = e.contact_reference ? `${formatDateTime(asDate(e.started_at))}, from front door contact ${e.contact_reference}` : e.stepped_down_from_referral_id ? `${formatDateTime(asDate(e.started_at))}, stepped down from children’s social care` : formatDateTime(asDate(e.started_at));
  const contacted = e.contacted_at ? `${formatDateTime(asDate(e.contacted_at))}: ${e.engaged ? 'the family agreed to early help' : 'the family did not engage'}` : null;
  const out = [
    row('Began', began),
    row('Family contacted', contacted),
    row('Triaged', e.triaged_at ? formatDateTime(asDate(e.triaged_at)) : null),
    row('Lead agency', e.lead_agency_name),
    row('Lead practitioner', e.lead_user_name, e.triaged_at ? 'Not chosen yet: the lead agency chooses' : 'Chosen at triage'),
    row('Early help assessment started', e.eha_started_at ? formatDateTime(asDate(e.eha_started_at)) : null),
    row('Early help assessment completed', e.eha_completed_at ? `${formatDateTime(asDate(e.eha_completed_at))} by ${e.eha_agency_name ?? 'an agency'}` : null),
  ];
  if (e.stepped_up_to_contact_id) out.push(row('Stepped up to children’s social care', `Front door contact ${e.stepped_up_reference ?? ''}`.trim()));
  if (e.status === 'closed') out.push(row('Closed', `${formatDate(asDate(e.closed_at))}: ${labelOf(EARLY_HELP_CLOSURE_REASONS, e.closure_reason)}`));
  return out;
}

/** The children: name, date of birth and age today. */
export function childRows(children: readonly { id: string; given_names: string; family_name: string; date_of_birth: string | null }[], now: Date) {
  const today = londonDate(now);
  return children.map((c) => ({
    name: `${c.given_names} ${c.family_name}`,
    born: c.date_of_birth ? `${formatDate(c.date_of_birth)} (${ageOn(c.date_of_birth, today)})` : 'Date of birth not known',
  }));
}

/** The team around the family: the lead agency first, then each member with its part. */
export function teamRows(leadAgencyName: string, team: readonly TeamMember[], agencies: readonly { id: string; name: string }[]) {
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? 'An agency no longer active';
  return [{ agencyId: null, agency: leadAgencyName, role: 'Lead agency' }, ...team.map((m) => ({ agencyId: m.agencyId, agency: name(m.agencyId), role: m.role }))];
}

const DONE: Record<string, string> = {
  contacted: 'The contact with the family is recorded',
  triaged: 'Triage is recorded: the lead agency has been told',
  started: 'The early help assessment has started',
  completed: 'The early help assessment is completed',
  team: 'The team around the family is updated',
  stepped_up: 'The family is stepped up: a new contact is at the front door',
  closed: 'The episode is closed',
};

export function doneMessage(done: string): string | null {
  return DONE[done] ?? null;
}

export const SHOW_TITLES = { new: 'New families', overdue: 'Deadline overdue', open: 'Open episodes', closed: 'Closed' } as const;

/** The worklist's tabs, with their counts. */
export function tabs(show: keyof typeof SHOW_TITLES, counts: Record<keyof typeof SHOW_TITLES, number>, href: (show: string) => string) {
  return (Object.keys(SHOW_TITLES) as (keyof typeof SHOW_TITLES)[]).map((s) => ({ text: `${SHOW_TITLES[s]} (${counts[s].toLocaleString('en-GB')})`, href: href(s), current: s === show }));
}
