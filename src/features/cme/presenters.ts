/** Words, tags and rows for the children missing education pages: states in words (never colour alone). */
import { labelOf } from '../../domain/codes.js';
import {
  CME_ETHNICITIES,
  CME_REASONS,
  CME_SOURCES,
  EHE_CHECK_METHODS,
  EHE_CHECK_OUTCOMES,
  EHE_END_REASONS,
  ENQUIRY_KINDS,
  PHASES,
  YEAR_GROUPS,
  dueOnState,
  ethnicityRecorded,
  outcomeText,
  schoolDaysBetween,
} from '../../domain/cme.js';
import { type LocalDate } from '../../domain/time.js';
import { type SchoolDays } from '../../domain/timescales.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { referralPath, registrationPath } from './paths.js';
import { type CheckRow, type EnquiryRow, type ReferralRow, type RegistrationRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The joint-enquiry deadline of an open referral, in school days: red overdue, amber today, green later. */
export function dueTag(dueOn: LocalDate, today: LocalDate, school: SchoolDays): Tag {
  const state = dueOnState(dueOn, today);
  if (state === 'overdue') {
    const late = Math.max(1, schoolDaysBetween(school, dueOn, today));
    return { text: `Overdue by ${plural(late, 'school day')} (due ${formatDate(dueOn)})`, classes: 'govuk-tag--red' };
  }
  if (state === 'due-today') return { text: `Due today (${formatDate(dueOn)})`, classes: 'govuk-tag--yellow' };
  return { text: `${plural(schoolDaysBetween(school, today, dueOn), 'school day')} left (due ${formatDate(dueOn)})`, classes: 'govuk-tag--green' };
}

export function statusTag(r: Pick<ReferralRow, 'status' | 'outcome_code' | 'found_at'>): Tag {
  if (r.status === 'open') return { text: 'Open', classes: 'govuk-tag--blue' };
  return { text: `Closed: ${outcomeText(r.outcome_code, null)}`, classes: 'govuk-tag--grey' };
}

export const RECURRENT_TAG: Tag = { text: 'Missing education before', classes: 'govuk-tag--orange' };

export interface ListRow {
  href: string;
  reference: string;
  childName: string;
  referredOn: string;
  source: string;
  reason: string;
  locality: string;
  yearGroup: string;
  recurrent: boolean;
  enquiries: string;
  due: Tag | null;
  status: Tag;
}

export function listRow(r: ReferralRow, today: LocalDate, school: SchoolDays): ListRow {
  return {
    href: referralPath(r.id),
    reference: r.reference,
    childName: r.child_name,
    referredOn: formatDate(r.referred_at),
    source: r.referring_agency_name ?? labelOf(CME_SOURCES, r.source),
    reason: labelOf(CME_REASONS, r.reason),
    locality: r.locality_name ?? 'No locality (outside the area or not known)',
    yearGroup: r.year_group ? labelOf(YEAR_GROUPS, r.year_group) : 'Not known',
    recurrent: r.recurrent,
    enquiries: r.enquiries === 0 ? 'None yet' : `${plural(r.enquiries, 'enquiry', 'enquiries')}, last ${formatDate(r.last_enquiry_on)}`,
    due: r.status === 'open' ? dueTag(r.joint_enquiry_due_on, today, school) : null,
    status: statusTag(r),
  };
}

const yesNoUnknown = (v: boolean | null) => (v === true ? 'Yes' : v === false ? 'No' : 'Not known');

/** The referral's facts as summary-list rows. */
export function summaryRows(r: ReferralRow): { key: { text: string }; value: { text: string } }[] {
  const ethnicity = ethnicityRecorded(r.ethnicity);
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  return [
    row('Child', r.child_name),
    row('Date of birth', r.date_of_birth ? formatDate(r.date_of_birth) : 'Not known'),
    row('Referred', formatDateTime(r.referred_at)),
    row('Referred by', r.referring_agency_name ? `${r.referring_agency_name} (${labelOf(CME_SOURCES, r.source).toLowerCase()})` : labelOf(CME_SOURCES, r.source)),
    ...(r.contact_reference ? [row('Front door contact', r.contact_reference)] : []),
    row('Why', labelOf(CME_REASONS, r.reason)),
    row('Last school', r.last_school_name ? `${r.last_school_name}${r.last_school_urn ? ` (URN ${r.last_school_urn})` : ''}` : 'Not known'),
    row('Year group', r.year_group ? `${labelOf(YEAR_GROUPS, r.year_group)}${r.phase ? ` (${labelOf(PHASES, r.phase).toLowerCase()})` : ''}` : 'Not known'),
    row('Eligible for free school meals', yesNoUnknown(r.fsm_eligible)),
    row('Ethnicity', ethnicity === 'recorded' ? labelOf(CME_ETHNICITIES, r.ethnicity) : ethnicity === 'refused' ? 'Refused (the parent chose not to say)' : 'Not recorded (information not yet obtained)'),
    row('Last known postcode', r.postcode ?? 'Not known'),
    row('Resident locality', r.locality_name ?? 'No locality (outside the area or not known)'),
    row('What is known', r.narrative),
  ];
}

export function outcomeRows(r: ReferralRow): { key: { text: string }; value: { text: string } }[] {
  if (r.status !== 'closed') return [];
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  return [
    row('Outcome', outcomeText(r.outcome_code, null)),
    ...(r.found_at ? [row('Where the child was found', r.found_at)] : []),
    row('Closed', formatDate(r.closed_at)),
    ...(r.outcome_note ? [row('Notes', r.outcome_note)] : []),
  ];
}

/** The child's other referrals, newest first, with how each ended. */
export function historyRows(history: readonly ReferralRow[]) {
  return history.map((h) => [
    { html: `<a class="govuk-link" href="${referralPath(h.id)}">${escape(h.reference)}</a>` },
    { text: formatDate(h.referred_at) },
    { text: labelOf(CME_REASONS, h.reason) },
    { text: h.status === 'closed' ? `${outcomeText(h.outcome_code, h.found_at)}, closed ${formatDate(h.closed_at)}` : 'Open' },
  ]);
}

export function enquiryRows(enquiries: readonly EnquiryRow[]) {
  return enquiries.map((e) => [{ text: formatDate(e.made_on) }, { text: labelOf(ENQUIRY_KINDS, e.kind) }, { text: e.result }, { text: e.recorded_by_name }]);
}

export function registrationRow(h: RegistrationRow, today: LocalDate) {
  const due = h.status !== 'active' ? null : !h.next_due_on ? { text: 'Never checked: check now', classes: 'govuk-tag--red' } : h.next_due_on < today ? { text: `Overdue (due ${formatDate(h.next_due_on)})`, classes: 'govuk-tag--red' } : { text: `Due ${formatDate(h.next_due_on)}`, classes: h.next_due_on === today ? 'govuk-tag--yellow' : 'govuk-tag--green' };
  return {
    href: registrationPath(h.id),
    childName: h.child_name,
    registeredOn: formatDate(h.registered_on),
    yearGroup: h.year_group ? labelOf(YEAR_GROUPS, h.year_group) : 'Not known',
    locality: h.locality_name ?? 'No locality',
    lastCheck: h.last_checked_on ? `${formatDate(h.last_checked_on)}: ${labelOf(EHE_CHECK_OUTCOMES, h.last_outcome)}` : 'None yet',
    due,
    ended: h.status === 'ended' ? `Left ${formatDate(h.ended_on)}: ${labelOf(EHE_END_REASONS, h.end_reason)}` : null,
    fromReferral: h.cme_reference,
  };
}

export function checkRows(checks: readonly CheckRow[]) {
  return checks.map((c) => [
    { text: formatDate(c.checked_on) },
    { text: labelOf(EHE_CHECK_METHODS, c.method) },
    { text: labelOf(EHE_CHECK_OUTCOMES, c.outcome) },
    { text: c.notes },
    { text: c.next_due_on ? formatDate(c.next_due_on) : '' },
  ]);
}

const DONE: Record<string, string> = {
  referred: 'Referral made. The children missing education service has been told.',
  enquiry: 'Enquiry recorded.',
  closed: 'Referral closed with its outcome code.',
  registered: 'Child added to the home education register.',
  check: 'Suitability check recorded.',
  ended: 'The child has left the register.',
  saved: 'Locality saved.',
};

/** The success banner for a done code (unknown codes show nothing). */
export function doneMessage(done: string): string | null {
  return DONE[done] ?? null;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
