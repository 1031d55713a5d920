/**
 * One lead for a person's open safeguarding work, across the 18th birthday (issue 14, item 7). The peer review found
 * people lost between adults' safeguarding, MARAC and children's services when abuse began before 18: "it is not
 * clear which team would lead on any work and intervention".
 *
 * The rules a safeguarding expert would check line by line:
 * - which agencies count as **children's** teams (children's social care, schools, the education service), which as
 *   **adults'** teams (adult social care, care providers, probation), and which work with **all ages** (police, health,
 *   the domestic abuse service, community safety and MARAC, housing, the voluntary sector);
 * - which agencies may **lead** at all (every kind but a school or a care provider: they contribute, they do not lead);
 * - the **transitions window**: a person led by a children's agency appears on the transitions list from the day
 *   they are 17 years and 6 months old, for as long as a children's agency leads; from their 18th birthday they are
 *   flagged "past 18". Someone whose lead began when they were already an adult (a parent named in a children's
 *   contact) has no transition to make and is not listed;
 * - dates of age: a person is N years M months old on the day of the month they were born on, N years and M months
 *   later; when that month has no such day (born on 29 February, or on the 31st), on the first day of the month after.
 *   So someone born on 29 February 2008 is 18 on 1 March 2026, as `ageOn` counts, and someone born on 31 August 2008
 *   is 17½ on 1 March 2026;
 * - a **transfer** of the lead is proposed by the agency that leads now, to another agency or team, with a reason; it
 *   takes effect only when the receiving agency **accepts** it. It may instead be **declined** (with a reason) by the
 *   receiving agency or **withdrawn** by the proposer. One transfer waits at a time. Accepting ends the old lead and
 *   starts the new one at the same instant, so a person has exactly one open lead before and after.
 */
import { type Code, labelOf, list } from './codes.js';
import { type LocalDate, ageOn, formatLocalDate, fromDayNumber, isRealDate, parseLocalDate, toDayNumber } from './time.js';

// ——— agencies: children's, adults', all ages ———

export type AgeGroup = 'children' | 'adults' | 'all_ages';

/** Source: who each kind of agency works with (children's services and schools to 18; adult services from 18). */
export const AGE_GROUP_OF_AGENCY: Readonly<Record<string, AgeGroup>> = {
  children_social_care: 'children',
  school: 'children',
  education: 'children',
  adult_social_care: 'adults',
  care_provider: 'adults',
  probation: 'adults',
  police: 'all_ages',
  health: 'all_ages',
  idva_da_service: 'all_ages',
  community_safety: 'all_ages',
  housing: 'all_ages',
  voluntary: 'all_ages',
};

/** The age group an agency type works with; a type not listed works with all ages (it never hides a child). */
export function ageGroupOf(agencyType: string): AgeGroup {
  return Object.hasOwn(AGE_GROUP_OF_AGENCY, agencyType) ? AGE_GROUP_OF_AGENCY[agencyType]! : 'all_ages';
}

export function isChildrensAgency(agencyType: string): boolean {
  return ageGroupOf(agencyType) === 'children';
}

export function isAdultsAgency(agencyType: string): boolean {
  return ageGroupOf(agencyType) === 'adults';
}

/** The agency types SQL lists as children's teams (for the transitions list). */
export const CHILDRENS_AGENCY_TYPES: readonly string[] = Object.keys(AGE_GROUP_OF_AGENCY).filter((t) => AGE_GROUP_OF_AGENCY[t] === 'children');

/** Agencies that contribute but never lead a person's safeguarding work. */
const NEVER_LEAD: ReadonlySet<string> = new Set(['school', 'care_provider']);

/** Whether an agency of this type may be asked to lead. */
export function mayLead(agencyType: string): boolean {
  return !NEVER_LEAD.has(agencyType);
}

// ——— the work that made an agency lead ———

export const WORK_KINDS = list({
  contact: 'A contact at the front door',
  da_case: 'A domestic abuse case',
  marac_referral: 'A MARAC referral',
  adult_concern: 'An adult safeguarding concern',
  adult_enquiry: 'An adult safeguarding enquiry',
  csc_referral: 'A referral to children’s social care',
  lead_transfer: 'A transfer of the lead',
});

export type WorkKind = 'contact' | 'da_case' | 'marac_referral' | 'adult_concern' | 'adult_enquiry' | 'csc_referral' | 'lead_transfer';

export function isWorkKind(value: unknown): value is WorkKind {
  return typeof value === 'string' && WORK_KINDS.some((k) => k.code === value);
}

export function workKindLabel(kind: string): string {
  return labelOf(WORK_KINDS, kind);
}

// ——— ages and the transitions window ———

/**
 * The day a person born on `dateOfBirth` is `years` years and `months` months old: the same day of the month, that
 * many months later; when that month is too short (29 February in a common year, the 31st of a 30-day month), the
 * first day of the next month.
 */
export function dateAtAge(dateOfBirth: LocalDate, years: number, months = 0): LocalDate {
  if (!Number.isInteger(years) || !Number.isInteger(months) || years < 0 || months < 0) throw new RangeError('An age is whole years and months, not negative');
  const b = parseLocalDate(dateOfBirth);
  const total = b.month - 1 + years * 12 + months;
  const year = b.year + Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (isRealDate(year, month, b.day)) return formatLocalDate(year, month, b.day);
  return month === 12 ? formatLocalDate(year + 1, 1, 1) : formatLocalDate(year, month + 1, 1);
}

/** The 18th birthday (29 February → 1 March in a common year, as `ageOn` counts it). */
export function eighteenthBirthday(dateOfBirth: LocalDate): LocalDate {
  return dateAtAge(dateOfBirth, 18);
}

/** The first day on the transitions list: 17 years and 6 months old. */
export const TRANSITIONS_FROM = { years: 17, months: 6 } as const;

export function transitionsFrom(dateOfBirth: LocalDate): LocalDate {
  return dateAtAge(dateOfBirth, TRANSITIONS_FROM.years, TRANSITIONS_FROM.months);
}

/**
 * The latest date of birth that is on the transitions list on `today`: `transitionsFrom(dob) <= today` exactly when
 * `dob <= latestBirthDateOnList(today)` (the window's start only moves forward with the date of birth), so a list
 * can ask SQL for `date_of_birth <= this`.
 */
export function latestBirthDateOnList(today: LocalDate): LocalDate {
  const t = parseLocalDate(today);
  const total = t.month - 1 - (TRANSITIONS_FROM.years * 12 + TRANSITIONS_FROM.months);
  const year = t.year + Math.floor(total / 12);
  const month = (((total % 12) + 12) % 12) + 1;
  // The same day of the month 17½ years back (or the month's last day): then step to the exact boundary.
  let day = t.day;
  while (!isRealDate(year, month, day)) day -= 1;
  let n = toDayNumber(formatLocalDate(year, month, day));
  const on = (dob: number) => transitionsFrom(fromDayNumber(dob)) <= today;
  while (on(n + 1)) n += 1;
  while (!on(n)) n -= 1;
  return fromDayNumber(n);
}

export interface TransitionsPlace {
  /** On the transitions list today. */
  onList: boolean;
  /** A children's agency still leads on or after the 18th birthday. */
  pastEighteen: boolean;
  /** The first day on the list (17½). */
  from: LocalDate;
  eighteenth: LocalDate;
  /** Days from today until the 18th birthday (0 on the day, negative after it). */
  daysUntilEighteen: number;
}

/**
 * Where a person stands on the transitions list on `today`: on it from 17½ while a children's agency leads, if the
 * lead began before their 18th birthday (`leadSince`, a London date); `null` with no date of birth (the list cannot
 * place them: the register should be completed).
 */
export function transitionsPlace(input: { dateOfBirth: LocalDate | null; leadAgencyType: string; leadSince: LocalDate; today: LocalDate }): TransitionsPlace | null {
  if (!input.dateOfBirth) return null;
  const from = transitionsFrom(input.dateOfBirth);
  const eighteenth = eighteenthBirthday(input.dateOfBirth);
  const childrens = isChildrensAgency(input.leadAgencyType);
  const ledAsChild = ageOn(input.dateOfBirth, input.leadSince) < 18;
  const onList = childrens && ledAsChild && input.today >= from;
  return { onList, pastEighteen: onList && input.today >= eighteenth, from, eighteenth, daysUntilEighteen: toDayNumber(eighteenth) - toDayNumber(input.today) };
}

/** "18 in 12 days", "18 today", "18 for 3 days": how far off the 18th birthday is, in words. */
export function describeDaysUntilEighteen(days: number): string {
  if (days === 0) return '18 today';
  if (days > 0) return `18 in ${days} ${days === 1 ? 'day' : 'days'}`;
  return `18 for ${-days} ${days === -1 ? 'day' : 'days'}`;
}

// ——— transfers of the lead ———

export type TransferStatus = 'proposed' | 'accepted' | 'declined' | 'withdrawn';

export const TRANSFER_STATUSES: readonly Code[] = list({ proposed: 'Waiting for an answer', accepted: 'Accepted', declined: 'Declined', withdrawn: 'Withdrawn' });

export function isTransferStatus(value: unknown): value is TransferStatus {
  return value === 'proposed' || value === 'accepted' || value === 'declined' || value === 'withdrawn';
}

export type TransferEvent = 'accept' | 'decline' | 'withdraw';

const TRANSITIONS: Readonly<Record<TransferStatus, Partial<Record<TransferEvent, TransferStatus>>>> = {
  proposed: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  accepted: {},
  declined: {},
  withdrawn: {},
};

/** The status after an event, or null when the event cannot happen in this status (only a proposal can change). */
export function nextTransferStatus(status: TransferStatus, event: TransferEvent): TransferStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

export function transferIsOpen(status: string): boolean {
  return status === 'proposed';
}

/** Who leads: an agency and, when known, one of its teams. */
export interface LeadHolder {
  agencyId: string;
  teamId: string | null;
}

export function sameHolder(a: LeadHolder, b: LeadHolder): boolean {
  return a.agencyId === b.agencyId && (a.teamId ?? null) === (b.teamId ?? null);
}

/** Only the agency that leads now may propose moving the lead. */
export function mayProposeTransfer(viewerAgencyId: string, lead: Pick<LeadHolder, 'agencyId'> | null | undefined): boolean {
  return !!lead && lead.agencyId === viewerAgencyId;
}

/** Only the agency asked to take the lead may accept or decline. */
export function mayRespondToTransfer(viewerAgencyId: string, transfer: { toAgencyId: string; status: string }): boolean {
  return transfer.toAgencyId === viewerAgencyId && transferIsOpen(transfer.status);
}

/** Only the agency that proposed may withdraw. */
export function mayWithdrawTransfer(viewerAgencyId: string, transfer: { fromAgencyId: string; status: string }): boolean {
  return transfer.fromAgencyId === viewerAgencyId && transferIsOpen(transfer.status);
}

export type Problems = Record<string, string>;

export interface ProposalInput {
  viewerAgencyId: string;
  /** The open lead now, with its agency's name (for the message to others). */
  lead: (LeadHolder & { agencyName: string }) | null;
  /** A transfer of this person's lead already waiting for an answer. */
  openTransfer: boolean;
  /** Who would take the lead: null when nothing (or nothing real) was chosen. */
  to: (LeadHolder & { agencyType: string; agencyActive: boolean; teamOfAgency: boolean }) | null;
  reason: string | null;
}

/** What stops a proposal, by field ('form' for what no field can fix). */
export function proposalProblems(input: ProposalInput): Problems {
  if (!input.lead) return { form: 'Nobody leads this person’s safeguarding work yet, so there is no lead to transfer' };
  if (!mayProposeTransfer(input.viewerAgencyId, input.lead)) {
    return { form: `Only ${input.lead.agencyName}, which leads this person’s safeguarding work, can propose moving the lead. Ask them to propose it.` };
  }
  if (input.openTransfer) return { form: 'A transfer of this person’s lead is already waiting for an answer: wait for it, or withdraw it first' };
  const problems: Problems = {};
  if (!input.to || !input.to.agencyActive || !input.to.teamOfAgency) problems.to = 'Select the agency or team that should take the lead';
  else if (!mayLead(input.to.agencyType)) problems.to = 'Select an agency that can lead safeguarding work: schools and care providers contribute but do not lead';
  else if (sameHolder(input.to, input.lead)) problems.to = 'Select a different agency or team: they lead already';
  if (!input.reason || input.reason.trim() === '') problems.reason = 'Enter why the lead should move';
  return problems;
}

export interface ResponseInput {
  viewerAgencyId: string;
  status: TransferStatus;
  toAgencyId: string;
  decision: 'accept' | 'decline';
  note: string | null;
  /** The transfer's "from", and the open lead now: an accepted transfer must still start from the lead. */
  from: LeadHolder;
  leadNow: LeadHolder | null;
}

function settledMessage(status: TransferStatus): string {
  return `This transfer has already been ${status === 'accepted' ? 'accepted' : status === 'declined' ? 'declined' : 'withdrawn'}`;
}

/** What stops an answer to a proposal. */
export function responseProblems(input: ResponseInput): Problems {
  if (input.toAgencyId !== input.viewerAgencyId) return { form: 'Only the agency asked to take the lead can accept or decline it' };
  if (!transferIsOpen(input.status)) return { form: settledMessage(input.status) };
  if (input.decision === 'accept' && (!input.leadNow || !sameHolder(input.leadNow, input.from))) {
    return { decision: 'The lead has changed since this transfer was proposed, so it cannot be accepted: decline it' };
  }
  if (input.decision === 'decline' && (!input.note || input.note.trim() === '')) return { note: 'Enter why you are declining the transfer' };
  return {};
}

/** What stops a proposer withdrawing. */
export function withdrawalProblems(input: { viewerAgencyId: string; status: TransferStatus; fromAgencyId: string }): Problems {
  if (input.fromAgencyId !== input.viewerAgencyId) return { form: 'Only the agency that proposed the transfer can withdraw it' };
  if (!transferIsOpen(input.status)) return { form: settledMessage(input.status) };
  return {};
}

// ——— the lead over time ———

/** A period one agency (and team) led, from `since` until `until` (null: leads now). Instants as epoch milliseconds. */
export interface LeadPeriod extends LeadHolder {
  since: number;
  until: number | null;
}

export function openLeads(periods: readonly LeadPeriod[]): LeadPeriod[] {
  return periods.filter((p) => p.until === null);
}

/**
 * The periods after an accepted transfer at `at`: the open lead ends at `at` and the receiving agency leads from
 * `at`. Refused (an error) unless there is exactly one open lead and it is the transfer's "from".
 */
export function acceptTransfer(periods: readonly LeadPeriod[], transfer: { from: LeadHolder; to: LeadHolder }, at: number): LeadPeriod[] {
  const open = openLeads(periods);
  if (open.length !== 1) throw new Error(`a transfer needs exactly one open lead, not ${open.length}`);
  const current = open[0]!;
  if (!sameHolder(current, transfer.from)) throw new Error('the transfer does not start from the lead');
  if (at < current.since) throw new Error('a transfer cannot take effect before the lead began');
  return [...periods.map((p) => (p === current ? { ...p, until: at } : p)), { agencyId: transfer.to.agencyId, teamId: transfer.to.teamId, since: at, until: null }];
}

/** Who led at an instant (a period includes its start, not its end), or null. */
export function leadAt(periods: readonly LeadPeriod[], at: number): LeadPeriod | null {
  return periods.find((p) => p.since <= at && (p.until === null || at < p.until)) ?? null;
}
