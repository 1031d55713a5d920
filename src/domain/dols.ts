/**
 * Deprivation of Liberty Safeguards (Mental Capacity Act 2005, Schedule A1): the rules a DoLS lead would check line
 * by line.
 *
 * - An application comes from a **managing authority** (a care home or a hospital). It is a **standard** request, or
 *   an **urgent** authorisation the managing authority has given itself with the standard request that must go with
 *   it.
 * - The clocks are **calendar days** (the Act counts days, not working days), kept here as data with their source:
 *   an urgent authorisation lasts 7 days from the day it was given and may be extended once, by 7 more; a standard
 *   request is decided within 21 days of receipt (within the urgent authorisation when there is one).
 * - Priority follows the idea of the ADASS screening tool: an urgent authorisation, an objection, new restrictions,
 *   restraint, covert medication, a family's objection or a wish to challenge make an application **high**; a
 *   fluctuating picture, a further authorisation with changes or nobody to represent them make it **medium**; the
 *   rest are **low**. Professional judgement may raise the priority, never lower it.
 * - The six assessments (para 12: age, no refusals, mental capacity, mental health, eligibility, best interests) are
 *   each met or not met. An authorisation is **granted** only when all six are met, and **not granted** as soon as
 *   one is not met (the others need not be finished).
 * - A standard authorisation lasts at most one year; its review (the managing authority asking for a further
 *   authorisation) is due in the 28 days before it ends.
 * - What each status allows: received (unallocated) → allocate, prioritise, extend the urgent authorisation,
 *   withdraw; allocated → the same, and the assessments and the decision; granted, not granted and withdrawn are
 *   read only.
 */
import { type Code, isCode, labelOf, list } from './codes.js';
import { longDate } from './encompass.js';
import { type LocalDate, addDays, ageOn, formatLocalDate, isRealDate, parseLocalDate, toDayNumber } from './time.js';

export { longDate };

// ——— kinds, settings, statuses, priorities ———

export type DolsKind = 'urgent' | 'standard';
export const DOLS_KINDS = list({
  standard: 'Standard authorisation request',
  urgent: 'Urgent authorisation given, with a standard authorisation request',
});
export function isDolsKind(value: unknown): value is DolsKind {
  return value === 'urgent' || value === 'standard';
}

export type DolsSetting = 'care_home' | 'hospital';
export const DOLS_SETTINGS = list({ care_home: 'Care home', hospital: 'Hospital' });
export function isDolsSetting(value: unknown): value is DolsSetting {
  return value === 'care_home' || value === 'hospital';
}

/** The statuses, exactly: the measures count these. 'received' is the unallocated list. */
export type DolsStatus = 'received' | 'allocated' | 'granted' | 'not_granted' | 'withdrawn';
export const DOLS_STATUS_CODES: readonly DolsStatus[] = ['received', 'allocated', 'granted', 'not_granted', 'withdrawn'];
export const DOLS_STATUSES = list({
  received: 'Unallocated',
  allocated: 'Allocated to an assessor',
  granted: 'Granted',
  not_granted: 'Not granted',
  withdrawn: 'Withdrawn',
});
export function isDolsStatus(value: unknown): value is DolsStatus {
  return typeof value === 'string' && (DOLS_STATUS_CODES as readonly string[]).includes(value);
}
/** Statuses in which the application is still waiting for a decision. */
export const OPEN_DOLS_STATUSES: readonly DolsStatus[] = ['received', 'allocated'];
export function isOpen(status: DolsStatus): boolean {
  return OPEN_DOLS_STATUSES.includes(status);
}

export type DolsPriority = 'high' | 'medium' | 'low';
export const DOLS_PRIORITIES = list({ high: 'High', medium: 'Medium', low: 'Low' });
export function isDolsPriority(value: unknown): value is DolsPriority {
  return value === 'high' || value === 'medium' || value === 'low';
}
/** Higher is more urgent: high 3, medium 2, low 1. */
export function priorityRank(priority: DolsPriority): number {
  return priority === 'high' ? 3 : priority === 'medium' ? 2 : 1;
}

// ——— the clocks, as data with their source ———

export interface DolsClock {
  title: string;
  amount: number;
  unit: 'calendar_days' | 'months';
  source: string;
}

export const DOLS_CLOCKS = {
  urgent: {
    title: 'An urgent authorisation',
    amount: 7,
    unit: 'calendar_days',
    source: 'Mental Capacity Act 2005, Schedule A1 paras 76 and 78: the managing authority may give itself an urgent authorisation, for no more than 7 days',
  },
  urgentExtension: {
    title: 'The extension of an urgent authorisation',
    amount: 7,
    unit: 'calendar_days',
    source: 'Mental Capacity Act 2005, Schedule A1 paras 84 to 86: the supervisory body may extend an urgent authorisation once, by no more than 7 days, when the managing authority asks and the reasons are exceptional',
  },
  standard: {
    title: 'A decision on a standard authorisation request',
    amount: 21,
    unit: 'calendar_days',
    source: 'Mental Capacity Act 2005, Schedule A1 para 50, and the MCA (Deprivation of Liberty: Standard Authorisations, Assessments and Ordinary Residence) Regulations 2008 reg 13: the assessments completed within 21 days of the request (within the urgent authorisation when there is one)',
  },
  authorisation: {
    title: 'The longest standard authorisation',
    amount: 12,
    unit: 'months',
    source: 'Mental Capacity Act 2005, Schedule A1 paras 42 and 51: a standard authorisation lasts no longer than the best interests assessor recommends, and never more than one year',
  },
  review: {
    title: 'The review before a standard authorisation ends',
    amount: 28,
    unit: 'calendar_days',
    source: 'Mental Capacity Act 2005, Schedule A1 para 24: the managing authority asks for a further authorisation when the current one will end within 28 days',
  },
} as const satisfies Record<string, DolsClock>;

// ——— dates ———

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day `years` later; 29 February in a year without it is 1 March (as a birthday is). A year's
 * authorisation from a date ends the day before this.
 */
export function anniversary(date: LocalDate, years: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const y = year + years;
  if (isRealDate(y, month, day)) return formatLocalDate(y, month, day);
  return formatLocalDate(y, 3, 1);
}

/** The date an urgent authorisation expires: 7 calendar days from the day it was given, 14 once extended. */
export function urgentExpiresOn(urgentFrom: LocalDate, extended: boolean): LocalDate {
  return addDays(urgentFrom, DOLS_CLOCKS.urgent.amount + (extended ? DOLS_CLOCKS.urgentExtension.amount : 0));
}

export interface ClockInput {
  kind: DolsKind;
  /** The London date the supervisory body received the request. */
  receivedOn: LocalDate;
  urgentFrom: LocalDate | null;
  urgentExtended: boolean;
}

/**
 * When the decision is due: 21 calendar days from receipt for a standard request; by the end of the urgent
 * authorisation (with its extension) when there is one, or 21 days from receipt if that is sooner.
 */
export function decisionDueOn(input: ClockInput): LocalDate {
  const standard = addDays(input.receivedOn, DOLS_CLOCKS.standard.amount);
  if (input.kind !== 'urgent' || !input.urgentFrom) return standard;
  const urgent = urgentExpiresOn(input.urgentFrom, input.urgentExtended);
  return urgent < standard ? urgent : standard;
}

export type DueState = 'overdue' | 'due_today' | 'due_soon' | 'in_time';

/** Where a due date stands on a day: overdue after it, due today on it, due soon within 3 days. */
export function dueState(dueOn: LocalDate, today: LocalDate): DueState {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due_today';
  if (left <= 3) return 'due_soon';
  return 'in_time';
}

/** Decided on or before its due date. */
export function decidedInTime(dueOn: LocalDate, decidedOn: LocalDate): boolean {
  return decidedOn <= dueOn;
}

/** Calendar days an application has waited since receipt (0 on the day it came). */
export function daysWaiting(receivedOn: LocalDate, today: LocalDate): number {
  return Math.max(0, daysBetween(receivedOn, today));
}

export interface UrgentState {
  expiresOn: LocalDate;
  /** Days until it expires (0: expires today; negative: expired that many days ago). */
  daysLeft: number;
  expired: boolean;
  extended: boolean;
}

/** An urgent authorisation on a day: when it expires and whether it has. Null for a standard request. */
export function urgentState(input: Pick<ClockInput, 'kind' | 'urgentFrom' | 'urgentExtended'>, today: LocalDate): UrgentState | null {
  if (input.kind !== 'urgent' || !input.urgentFrom) return null;
  const expiresOn = urgentExpiresOn(input.urgentFrom, input.urgentExtended);
  const daysLeft = daysBetween(today, expiresOn);
  return { expiresOn, daysLeft, expired: daysLeft < 0, extended: input.urgentExtended };
}

/** The last day a standard authorisation from `from` may run to: the day before the anniversary (one year). */
export function maxAuthorisedUntil(from: LocalDate): LocalDate {
  return addDays(anniversary(from, 1), -1);
}

/** When the review is due: 28 days before the authorisation ends. */
export function reviewDueOn(authorisedUntil: LocalDate): LocalDate {
  return addDays(authorisedUntil, -DOLS_CLOCKS.review.amount);
}

export type AuthorisationState = 'not_started' | 'in_force' | 'review_due' | 'expired';

/**
 * A granted authorisation on a day: not started yet, in force, in force with its review due (the last 28 days,
 * ending on its last day), or expired (after its last day).
 */
export function authorisationState(authorisedFrom: LocalDate, authorisedUntil: LocalDate, today: LocalDate): AuthorisationState {
  if (today > authorisedUntil) return 'expired';
  if (today < authorisedFrom) return 'not_started';
  if (today >= reviewDueOn(authorisedUntil)) return 'review_due';
  return 'in_force';
}

/** Expires within the next 28 days (from today to 28 days on, both included), and not yet expired. */
export function expiresWithin28Days(authorisedUntil: LocalDate, today: LocalDate): boolean {
  const left = daysBetween(today, authorisedUntil);
  return left >= 0 && left <= DOLS_CLOCKS.review.amount;
}

// ——— prioritisation (the idea of the ADASS screening tool) ———

export interface ScreeningFactor extends Code {
  priority: Exclude<DolsPriority, 'low'>;
}

/**
 * The screening questions. Source: ADASS, "Deprivation of Liberty Safeguards: screening tool for prioritising
 * requests" (2014), and the seed's safeguarding adults review asking that covert medication and challenging
 * behaviour needing significant restrictions be prioritised.
 */
export const SCREENING_FACTORS: readonly ScreeningFactor[] = [
  { code: 'urgent_authorisation', label: 'An urgent authorisation is in place', priority: 'high' },
  { code: 'objecting', label: 'The person objects to being there, or is trying to leave', priority: 'high' },
  { code: 'new_restrictions', label: 'A new placement, or new or increased restrictions', priority: 'high' },
  { code: 'restraint', label: 'Restraint or restrictive physical intervention is used', priority: 'high' },
  { code: 'covert_medication', label: 'Medication is given covertly, or to control behaviour', priority: 'high' },
  { code: 'family_objecting', label: 'Family or friends object to the arrangements', priority: 'high' },
  { code: 'challenge', label: 'The person or their representative wants to challenge it', priority: 'high' },
  { code: 'fluctuating', label: 'Capacity or health fluctuates, or the care may change soon', priority: 'medium' },
  { code: 'renewal_with_changes', label: 'A further authorisation, with the care changed since the last', priority: 'medium' },
  { code: 'no_representative', label: 'Nobody but paid staff to represent them', priority: 'medium' },
];
export type ScreeningFactorCode = (typeof SCREENING_FACTORS)[number]['code'];

export function isScreeningFactor(value: unknown): boolean {
  return typeof value === 'string' && isCode(SCREENING_FACTORS, value);
}

export interface ScreenedPriority {
  priority: DolsPriority;
  /** The factors that set it, in words; for low, why it is low. */
  reasons: string[];
}

/**
 * The priority the screening answers give: high if any high factor (an urgent application always has one), else
 * medium if any medium factor, else low. Unknown codes are ignored.
 */
export function screenPriority(kind: DolsKind, factors: readonly string[]): ScreenedPriority {
  const chosen = new Set(factors);
  if (kind === 'urgent') chosen.add('urgent_authorisation');
  const found = SCREENING_FACTORS.filter((f) => chosen.has(f.code));
  const high = found.filter((f) => f.priority === 'high');
  if (high.length) return { priority: 'high', reasons: high.map((f) => f.label) };
  const medium = found.filter((f) => f.priority === 'medium');
  if (medium.length) return { priority: 'medium', reasons: medium.map((f) => f.label) };
  return { priority: 'low', reasons: ['None of the screening tool’s high or medium factors: settled, not objecting, care unchanged'] };
}

/**
 * Problems with a chosen priority: never lower than the screening answers give; higher only with a reason (the
 * DoLS lead's judgement). `note` is that reason.
 */
export function priorityProblems(input: { kind: DolsKind; factors: readonly string[]; priority: DolsPriority; note: string | null }): Record<string, string> {
  const screened = screenPriority(input.kind, input.factors);
  const chosen = priorityRank(input.priority);
  const given = priorityRank(screened.priority);
  if (chosen < given) {
    return {
      priority: `The screening answers make this ${screened.priority} priority (${screened.reasons[0]!.toLowerCase()}): choose ${screened.priority} priority, or change the answers`,
    };
  }
  if (chosen > given && !input.note) return { priorityNote: `Enter why the priority is higher than the screening answers give (${screened.priority})` };
  return {};
}

/** The priority's reasons in one line, as kept on the application: the screening factors, then the lead's note. */
export function priorityReasonText(kind: DolsKind, factors: readonly string[], note: string | null): string {
  const screened = screenPriority(kind, factors);
  const text = screened.reasons.join('; ');
  return note ? `${text}. ${note}` : text;
}

// ——— the six assessments ———

export type AssessmentKind = 'age' | 'no_refusals' | 'mental_capacity' | 'mental_health' | 'eligibility' | 'best_interests';
export const ASSESSMENT_KINDS: readonly AssessmentKind[] = ['age', 'no_refusals', 'mental_capacity', 'mental_health', 'eligibility', 'best_interests'];

/** The six qualifying requirements (Schedule A1 para 12) and what each assessment asks. */
export const DOLS_ASSESSMENTS: readonly (Code & { question: string })[] = [
  { code: 'age', label: 'Age', question: 'Is the person 18 or over?' },
  { code: 'no_refusals', label: 'No refusals', question: 'Is there no valid advance decision, or decision of an attorney or deputy, refusing the care or treatment?' },
  { code: 'mental_capacity', label: 'Mental capacity', question: 'Does the person lack capacity to decide whether to be accommodated there for this care or treatment?' },
  { code: 'mental_health', label: 'Mental health', question: 'Does the person have a mental disorder within the meaning of the Mental Health Act 1983?' },
  { code: 'eligibility', label: 'Eligibility', question: 'Is the person eligible (not detained, or to be detained, under the Mental Health Act instead)?' },
  { code: 'best_interests', label: 'Best interests', question: 'Is the person deprived of their liberty, and is it in their best interests, necessary and proportionate?' },
];

export function isAssessmentKind(value: unknown): value is AssessmentKind {
  return typeof value === 'string' && (ASSESSMENT_KINDS as readonly string[]).includes(value);
}

export type AssessmentOutcome = 'met' | 'not_met';
export const ASSESSMENT_OUTCOMES = list({ met: 'Met', not_met: 'Not met' });
export function isAssessmentOutcome(value: unknown): value is AssessmentOutcome {
  return value === 'met' || value === 'not_met';
}

export interface AssessmentResult {
  kind: string;
  outcome: string;
}

export interface AssessmentsSummary {
  met: AssessmentKind[];
  notMet: AssessmentKind[];
  missing: AssessmentKind[];
  /** All six met: the authorisation must be granted. */
  allMet: boolean;
  /** At least one not met: the authorisation cannot be granted. */
  anyNotMet: boolean;
}

/** Where the six assessments stand, in their statutory order. */
export function summariseAssessments(results: readonly AssessmentResult[]): AssessmentsSummary {
  const outcome = new Map(results.filter((r) => isAssessmentKind(r.kind) && isAssessmentOutcome(r.outcome)).map((r) => [r.kind as AssessmentKind, r.outcome as AssessmentOutcome]));
  const met = ASSESSMENT_KINDS.filter((k) => outcome.get(k) === 'met');
  const notMet = ASSESSMENT_KINDS.filter((k) => outcome.get(k) === 'not_met');
  const missing = ASSESSMENT_KINDS.filter((k) => !outcome.has(k));
  return { met, notMet, missing, allMet: met.length === ASSESSMENT_KINDS.length, anyNotMet: notMet.length > 0 };
}

/** The decision the assessments lead to: granted when all six are met, not granted when any is not, else none yet. */
export function decisionFromAssessments(results: readonly AssessmentResult[]): 'granted' | 'not_granted' | null {
  const s = summariseAssessments(results);
  if (s.anyNotMet) return 'not_granted';
  if (s.allMet) return 'granted';
  return null;
}

// ——— what each status allows ———

export type DolsAction = 'allocate' | 'prioritise' | 'assess' | 'extend_urgent' | 'decide' | 'withdraw';
export const DOLS_ACTIONS: readonly DolsAction[] = ['allocate', 'prioritise', 'assess', 'extend_urgent', 'decide', 'withdraw'];

const ALLOWED: Readonly<Record<DolsStatus, readonly DolsAction[]>> = {
  received: ['allocate', 'prioritise', 'extend_urgent', 'withdraw'],
  allocated: ['allocate', 'prioritise', 'assess', 'extend_urgent', 'decide', 'withdraw'],
  granted: [],
  not_granted: [],
  withdrawn: [],
};

export function actionsFor(status: DolsStatus): readonly DolsAction[] {
  return ALLOWED[status];
}

export function applicationAllows(status: DolsStatus, action: DolsAction): boolean {
  return ALLOWED[status].includes(action);
}

const CLOSED_WORDS: Record<'granted' | 'not_granted' | 'withdrawn', string> = {
  granted: 'This application has been decided: the authorisation was granted',
  not_granted: 'This application has been decided: the authorisation was not granted',
  withdrawn: 'This application has been withdrawn',
};

/** Why an action is not possible in a status, in words for the error summary; null when it is. */
export function actionProblem(status: DolsStatus, action: DolsAction): string | null {
  if (applicationAllows(status, action)) return null;
  if (status === 'received') return action === 'assess' ? 'Allocate the application to an assessor before recording assessments' : 'Allocate the application to an assessor before recording the decision';
  if (status === 'allocated') return null;
  return CLOSED_WORDS[status];
}

// ——— the application ———

export interface ApplicationInput {
  kind: DolsKind;
  dateOfBirth: LocalDate;
  urgentFrom: LocalDate | null;
  /** The London date it is received (today, when recorded). */
  receivedOn: LocalDate;
}

/** The oldest age a date of birth may give: anything older is a mistyped year. */
const OLDEST = 120;

/**
 * Problems with a new application: an adult's date of birth (DoLS is for people aged 18 or over); an urgent
 * authorisation's start date, given on or before receipt and not already expired on receipt; none for a standard
 * request.
 */
export function applicationProblems(input: ApplicationInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.dateOfBirth > input.receivedOn) out.dateOfBirth = 'Date of birth must be today or in the past';
  else if (ageOn(input.dateOfBirth, input.receivedOn) < 18) out.dateOfBirth = 'The person must be 18 or over: a deprivation of liberty of someone under 18 is authorised by the court, not under DoLS';
  else if (ageOn(input.dateOfBirth, input.receivedOn) > OLDEST) out.dateOfBirth = `Date of birth must be within the last ${OLDEST} years`;
  if (input.kind === 'urgent') {
    if (!input.urgentFrom) out.urgentFrom = 'Enter the date the managing authority gave the urgent authorisation';
    else if (input.urgentFrom > input.receivedOn) out.urgentFrom = 'The urgent authorisation must have been given today or before';
    else if (urgentExpiresOn(input.urgentFrom, false) < input.receivedOn) out.urgentFrom = `The urgent authorisation expired on ${longDate(urgentExpiresOn(input.urgentFrom, false))}: record the application as a standard request`;
  } else if (input.urgentFrom) {
    out.urgentFrom = 'Only an urgent application has an urgent authorisation date: choose urgent, or leave the date empty';
  }
  return out;
}

/** Problems with allocating to an assessor (`eligible`: the user may assess DoLS in the area). */
export function allocationProblems(input: { status: DolsStatus; assessorUserId: string; currentAssessorUserId: string | null; eligible: boolean }): Record<string, string> {
  const blocked = actionProblem(input.status, 'allocate');
  if (blocked) return { assessorId: blocked };
  if (!input.eligible) return { assessorId: 'Select an assessor from the list' };
  if (input.currentAssessorUserId && input.currentAssessorUserId.toLowerCase() === input.assessorUserId.toLowerCase()) return { assessorId: 'This assessor already has the application: select a different assessor' };
  return {};
}

/** Problems with extending an urgent authorisation on a day: urgent, not yet extended, still in force, open. */
export function extensionProblems(input: { status: DolsStatus; kind: DolsKind; urgentFrom: LocalDate | null; extended: boolean; today: LocalDate }): Record<string, string> {
  const blocked = actionProblem(input.status, 'extend_urgent');
  if (blocked) return { exceptional: blocked };
  if (input.kind !== 'urgent' || !input.urgentFrom) return { exceptional: 'Only an urgent authorisation can be extended: this is a standard request' };
  if (input.extended) return { exceptional: 'The urgent authorisation has already been extended once: it cannot be extended again' };
  const expiresOn = urgentExpiresOn(input.urgentFrom, false);
  if (input.today > expiresOn) return { exceptional: `The urgent authorisation expired on ${longDate(expiresOn)}: an expired authorisation cannot be extended` };
  return {};
}

/** Problems with recording one assessment: allocated, not already recorded, done between receipt and today, a reason when not met. */
export function assessmentProblems(input: {
  status: DolsStatus;
  kind: AssessmentKind;
  outcome: AssessmentOutcome;
  note: string | null;
  completedOn: LocalDate;
  receivedOn: LocalDate;
  today: LocalDate;
  recorded: readonly string[];
}): Record<string, string> {
  const blocked = actionProblem(input.status, 'assess');
  if (blocked) return { kind: blocked };
  const out: Record<string, string> = {};
  if (input.recorded.includes(input.kind)) out.kind = `The ${labelOf(DOLS_ASSESSMENTS, input.kind).toLowerCase()} assessment has already been recorded`;
  if (input.completedOn > input.today) out.completedOn = 'The date the assessment was completed must be today or in the past';
  else if (input.completedOn < input.receivedOn) out.completedOn = `The date the assessment was completed must be on or after the day the application was received (${longDate(input.receivedOn)})`;
  if (input.outcome === 'not_met' && !input.note) out.note = 'Enter why the requirement is not met';
  return out;
}

export type DolsDecision = 'granted' | 'not_granted';
export const DOLS_DECISIONS = list({ granted: 'Granted', not_granted: 'Not granted' });

export interface DecisionInput {
  status: DolsStatus;
  decision: DolsDecision;
  assessments: readonly AssessmentResult[];
  authorisedFrom: LocalDate | null;
  authorisedUntil: LocalDate | null;
  note: string | null;
  receivedOn: LocalDate;
  /** The day of the decision (today). */
  decidedOn: LocalDate;
}

/** How far ahead an authorisation may start: a request may be made up to 28 days before it is needed (para 24). */
const LATEST_START_DAYS = 28;

/**
 * Problems with a decision: allocated; granted only when all six assessments are met, from a date between receipt
 * and 28 days after the decision, until a date after it and no more than a year on; not granted only when one is
 * not met, with the reason.
 */
export function decisionProblems(input: DecisionInput): Record<string, string> {
  const blocked = actionProblem(input.status, 'decide');
  if (blocked) return { decision: blocked };
  const s = summariseAssessments(input.assessments);
  const out: Record<string, string> = {};
  if (input.decision === 'granted') {
    if (s.anyNotMet) return { decision: `The authorisation cannot be granted: the ${names(s.notMet)} ${s.notMet.length === 1 ? 'requirement is' : 'requirements are'} not met` };
    if (!s.allMet) return { decision: `The authorisation can be granted only when all six assessments are met: record the ${names(s.missing)} ${s.missing.length === 1 ? 'assessment' : 'assessments'} first` };
    if (!input.authorisedFrom) out.authorisedFrom = 'Enter the date the authorisation starts';
    else if (input.authorisedFrom < input.receivedOn) out.authorisedFrom = `The authorisation must start on or after the day the application was received (${longDate(input.receivedOn)})`;
    else if (input.authorisedFrom > addDays(input.decidedOn, LATEST_START_DAYS)) out.authorisedFrom = `The authorisation must start within ${LATEST_START_DAYS} days of the decision`;
    if (!input.authorisedUntil) out.authorisedUntil = 'Enter the date the authorisation ends';
    else if (input.authorisedFrom && !out.authorisedFrom) {
      if (input.authorisedUntil < input.authorisedFrom) out.authorisedUntil = 'The authorisation must end on or after the day it starts';
      else if (input.authorisedUntil > maxAuthorisedUntil(input.authorisedFrom)) out.authorisedUntil = `An authorisation lasts no more than 12 months: it must end on or before ${longDate(maxAuthorisedUntil(input.authorisedFrom))}`;
      else if (input.authorisedUntil < input.decidedOn) out.authorisedUntil = 'The authorisation must end today or later';
    }
    return out;
  }
  if (!s.anyNotMet) {
    return { decision: s.allMet ? 'All six assessments are met: the authorisation must be granted' : 'The authorisation is not granted only when an assessment is not met: record the assessment that is not met first' };
  }
  if (input.authorisedFrom || input.authorisedUntil) out.authorisedFrom = 'An authorisation that is not granted has no start or end date: leave the dates empty';
  if (!input.note) out.note = 'Enter why the authorisation is not granted';
  return out;
}

/** Problems with withdrawing an application (the person has died, moved, or is no longer deprived of liberty). */
export function withdrawalProblems(input: { status: DolsStatus; reason: string | null }): Record<string, string> {
  const blocked = actionProblem(input.status, 'withdraw');
  if (blocked) return { reason: blocked };
  if (!input.reason) return { reason: 'Enter why the application is withdrawn' };
  return {};
}

// ——— words ———

function names(kinds: readonly AssessmentKind[]): string {
  const words = kinds.map((k) => labelOf(DOLS_ASSESSMENTS, k).toLowerCase());
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "today", "tomorrow", "in 3 days", "yesterday", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
