/**
 * Allegations against people who work with children: the designated officer's (LADO's) pure rules. Working
 * Together to Safeguard Children (2023), chapter 2, and Keeping Children Safe in Education (2024), part 4: every
 * allegation reaches the LADO through the front door (the MASH), the LADO decides within one working day whether it
 * is advice and guidance only or progresses to the LADO process (the harm test met), chairs allegation management
 * meetings, follows the police investigation and records the outcome and the employer's actions. Most are resolved
 * within 3 months; a case open longer carries its reason.
 *
 * The code lists are the local safeguarding children board's own (the annual report 2017/18: categories of abuse and
 * the employing sectors of the children's workforce) and KCSIE's (outcomes; employer's referrals to the DBS and the
 * regulators). No I/O.
 */
import { type Code, isCode, list } from './codes.js';
import { type LocalDate, addMonths, isLocalDate, toDayNumber } from './time.js';

export const LSCB_REPORT = 'Local Safeguarding Children Board annual report 2017/18, section 7 (Safer Workforce)';
export const KCSIE = 'Keeping Children Safe in Education (2024), part 4';

/** Not yet recorded: an allegation taken on from a contact before the LADO records its details. */
export const NOT_RECORDED = 'not_recorded';

/** Categories of allegation (the LSCB report's categories of abuse reported, 2017/18). */
export const LADO_CATEGORIES = list({
  physical: 'Physical abuse',
  physical_restraint: 'Physical restraint',
  emotional: 'Emotional harm',
  sexual: 'Sexual abuse',
  historical_sexual: 'Historical sexual abuse',
  historical: 'Historical abuse',
  cse: 'Child sexual exploitation',
  neglect: 'Neglect',
  person_posing_risk: 'Person posing risk',
  conduct: 'Conduct issues',
});

/** Employing sectors of the children's workforce (the LSCB report's sectors, 2017/18). */
export const LADO_SECTORS = list({
  education_secondary: 'Education: secondary',
  education_primary: 'Education: primary',
  teaching_assistant: 'Education: teaching assistant',
  early_years: 'Early years',
  childminder: 'Childminder',
  foster_carer_la: 'Foster carer (local authority)',
  foster_carer_independent: 'Foster carer (independent agency)',
  residential: 'Residential care',
  health: 'Health',
  social_care: 'Social care',
  family_support: 'Family support worker',
  police: 'Police',
  transport: 'Transport',
  youth_work: 'Youth worker',
  faith: 'Faith organisation',
  voluntary: 'Voluntary sector',
  private_tutor: 'Private tutor',
  other: 'Other employment',
});

/** The threshold decision (Working Together 2023; KCSIE part 4: the harm test). */
export const LADO_DECISIONS = list({
  lado_process: 'Progress to the LADO process: the harm test is met',
  advice: 'Advice and guidance only: the harm test is not met',
  another_area: 'Passed to another area’s LADO (the adult works or lives there)',
});

/** Where an allegation stands: to decide, in the LADO process, closed. */
export const LADO_STATUSES = list({ open: 'To decide', in_process: 'In the LADO process', closed: 'Closed' });
export type LadoStatus = 'open' | 'in_process' | 'closed';

/** The police investigation of the allegation. */
export const POLICE_STATUSES = list({
  none: 'No police involvement',
  referred: 'Referred to the police',
  investigating: 'Police investigating',
  charged: 'Charged',
  court: 'Court proceedings',
  no_further_action: 'Police: no further action',
  convicted: 'Convicted',
  acquitted: 'Acquitted',
});
export type PoliceStatus = 'none' | 'referred' | 'investigating' | 'charged' | 'court' | 'no_further_action' | 'convicted' | 'acquitted';

/** Which police statuses may follow each (a criminal matter moves forward; "none" may become a referral). */
export const POLICE_TRANSITIONS: Readonly<Record<PoliceStatus, readonly PoliceStatus[]>> = {
  none: ['referred', 'investigating'],
  referred: ['investigating', 'no_further_action'],
  investigating: ['charged', 'no_further_action'],
  charged: ['court', 'no_further_action'],
  court: ['convicted', 'acquitted'],
  no_further_action: [],
  convicted: [],
  acquitted: [],
};

/** Police statuses under which the LADO may record an outcome: no police matter, or it has concluded. */
export const POLICE_ALLOWS_OUTCOME: ReadonlySet<string> = new Set(['none', 'no_further_action', 'convicted', 'acquitted']);

/** The outcome of an allegation (KCSIE part 4, the definitions used to determine it). */
export const LADO_OUTCOMES = list({
  substantiated: 'Substantiated: there is sufficient evidence to prove the allegation',
  unsubstantiated: 'Unsubstantiated: there is insufficient evidence either to prove or disprove it',
  unfounded: 'Unfounded: there is no evidence or proper basis to support it',
  false: 'False: there is sufficient evidence to disprove it',
  malicious: 'Malicious: there is sufficient evidence to disprove it and a deliberate act to deceive',
});

/** Why a case is still open (shown when it passes 3 months; the seed: police investigations, forensic examination of devices). */
export const OPEN_REASONS = list({
  awaiting_police: 'Awaiting the police investigation',
  awaiting_forensics: 'Awaiting forensic examination of devices',
  awaiting_cps: 'Awaiting a charging decision (Crown Prosecution Service)',
  awaiting_court: 'Awaiting court proceedings',
  awaiting_employer: 'Awaiting the employer’s investigation or disciplinary hearing',
  awaiting_regulator: 'Awaiting a regulator or the DBS',
  awaiting_fostering_panel: 'Awaiting the fostering panel',
});

/** The employer's actions (KCSIE part 4: suspension, dismissal, the duty to refer to the DBS, referral to a regulator). */
export const EMPLOYER_ACTIONS = list({
  suspension: 'Suspended',
  dismissal: 'Dismissed (or would have been, had they not resigned)',
  dbs_referral: 'Referred to the Disclosure and Barring Service (DBS)',
  regulator_referral: 'Referred to a regulator',
  training: 'Training or supervision',
  no_further_action: 'No further action by the employer',
});

/** Regulators an employer refers to. */
export const REGULATORS = list({
  tra: 'Teaching Regulation Agency (TRA)',
  hcpc: 'Health and Care Professions Council (HCPC)',
  nmc: 'Nursing and Midwifery Council (NMC)',
  gmc: 'General Medical Council (GMC)',
  swe: 'Social Work England',
  ofsted: 'Ofsted',
});

/** Actions that need the date they were made. */
export const DATED_ACTIONS: ReadonlySet<string> = new Set(['dbs_referral', 'regulator_referral', 'dismissal', 'suspension']);

/** Agencies and roles at an allegation management meeting. */
export const MEETING_ROLES = list({
  lado: 'Designated officer (chair)',
  police: 'Police',
  employer: 'Employer',
  hr: 'Human resources',
  social_care: 'Children’s social care',
  fostering: 'Fostering service',
  health: 'Health',
  education: 'Education',
  other: 'Other',
});

// ——— employer actions as recorded ———

/** One of the employer's actions, with its date and (for a regulator referral) the regulator. */
export interface EmployerAction {
  code: string;
  on: LocalDate | null;
  regulator: string | null;
}

/**
 * The stored form of an employer's action (one text per action): `code`, `code@YYYY-MM-DD`, or for a regulator
 * `regulator_referral:tra@YYYY-MM-DD`.
 */
export function encodeEmployerAction(a: EmployerAction): string {
  return `${a.code}${a.regulator ? `:${a.regulator}` : ''}${a.on ? `@${a.on}` : ''}`;
}

export function decodeEmployerAction(text: string): EmployerAction {
  const [head = '', on = null] = text.split('@', 2);
  const [code = '', regulator = null] = head.split(':', 2);
  return { code, regulator: regulator || null, on: on || null };
}

// ——— what may be done next ———

export type LadoStep = 'details' | 'decide' | 'meeting' | 'police' | 'reason' | 'outcome' | 'close';

export interface AllegationState {
  status: string;
  decision: string | null;
  policeStatus: string;
  outcome: string | null;
}

/** Why a step cannot be taken now (null when it can). */
export function stepProblem(a: AllegationState, step: LadoStep): string | null {
  if (a.status === 'closed') return 'This allegation is closed';
  switch (step) {
    case 'details':
      return null;
    case 'decide':
      return a.status === 'open' ? null : 'The threshold decision has been made';
    case 'meeting':
    case 'police':
    case 'reason':
      return a.status === 'in_process' ? null : 'Make the threshold decision first: this step is for allegations in the LADO process';
    case 'outcome':
      if (a.status !== 'in_process') return 'Make the threshold decision first: this step is for allegations in the LADO process';
      return POLICE_ALLOWS_OUTCOME.has(a.policeStatus) ? null : 'Record the outcome once the police investigation has concluded (update the police status first)';
    case 'close':
      if (a.status !== 'in_process') return 'Make the threshold decision first';
      return a.outcome ? null : 'Record the outcome before closing the allegation';
  }
}

/** The steps open on an allegation now, in the order they are shown. */
export function openSteps(a: AllegationState): LadoStep[] {
  return (['details', 'decide', 'meeting', 'police', 'reason', 'outcome', 'close'] as const).filter((s) => stepProblem(a, s) === null);
}

// ——— the threshold decision ———

export interface ThresholdInput {
  decision: string;
  reason: string;
  category: string;
  sector: string;
}

/**
 * What the threshold decision needs: a decision and its reasons; progressing to the LADO process needs the
 * allegation's category and the adult's employing sector recorded (its details), as the process is counted by them.
 */
export function thresholdProblems(input: ThresholdInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isCode(LADO_DECISIONS, input.decision)) problems.decision = 'Select the threshold decision';
  if (input.reason.trim() === '') problems.reason = 'Enter the reasons for the decision';
  if (input.decision === 'lado_process') {
    if (!isCode(LADO_CATEGORIES, input.category)) problems.decision = 'Record the category of the allegation on its details before progressing it to the LADO process';
    else if (!isCode(LADO_SECTORS, input.sector)) problems.decision = 'Record the adult’s employing sector on the allegation’s details before progressing it to the LADO process';
  }
  return problems;
}

/** The status an allegation takes from its threshold decision: the LADO process stays open; advice or a transfer closes it. */
export function statusAfterDecision(decision: string): LadoStatus {
  return decision === 'lado_process' ? 'in_process' : 'closed';
}

// ——— the police ———

/** Why the police status cannot move from `from` to `to` (null when it can). */
export function policeTransitionProblem(from: string, to: string): string | null {
  if (!isCode(POLICE_STATUSES, to)) return 'Select the police status from the list';
  if (from === to) return 'The police status is already that: select what has changed';
  const next = POLICE_TRANSITIONS[from as PoliceStatus] as readonly string[] | undefined;
  if (!next) return 'The current police status is not one Threshold knows';
  if (!next.includes(to)) {
    if (next.length === 0) return 'The police matter has concluded: its status cannot change';
    return `From “${labelFor(from)}” the police status can become: ${next.map(labelFor).join(', ')}`;
  }
  return null;
}

function labelFor(code: string): string {
  return POLICE_STATUSES.find((c) => c.code === code)?.label ?? code;
}

// ——— the outcome and the employer's actions ———

/** Which employer actions fit each outcome (a dismissal or a referral to the DBS or a regulator follows substantiated harm). */
export const ACTIONS_FOR_OUTCOME: Readonly<Record<string, readonly string[]>> = {
  substantiated: ['suspension', 'dismissal', 'dbs_referral', 'regulator_referral', 'training', 'no_further_action'],
  unsubstantiated: ['suspension', 'training', 'no_further_action'],
  unfounded: ['suspension', 'training', 'no_further_action'],
  false: ['suspension', 'no_further_action'],
  malicious: ['suspension', 'no_further_action'],
};

/** Before an outcome, the employer's interim action: a suspension (KCSIE: considered, not automatic). */
export const ACTIONS_BEFORE_OUTCOME: readonly string[] = ['suspension'];

/**
 * Whether the employer's actions are coherent with the outcome (null while none is recorded) and with when the
 * allegation arrived: each a known action fitting the outcome; once each; a dated action (suspension, dismissal,
 * DBS or regulator referral) has its date, not before the allegation was received nor in the future; a regulator
 * referral names its regulator; "no further action" stands alone; a dismissal is referred to the DBS (the legal
 * duty to refer, Safeguarding Vulnerable Groups Act 2006).
 */
export function employerActionProblems(outcome: string | null, actions: readonly EmployerAction[], bounds: { receivedOn: LocalDate; today: LocalDate }): string | null {
  const allowed = outcome === null ? ACTIONS_BEFORE_OUTCOME : ACTIONS_FOR_OUTCOME[outcome];
  if (!allowed) return 'Select the outcome from the list';
  const seen = new Set<string>();
  for (const a of actions) {
    if (!isCode(EMPLOYER_ACTIONS, a.code)) return 'Select the employer’s actions from the list';
    const label = EMPLOYER_ACTIONS.find((c) => c.code === a.code)?.label ?? a.code;
    if (!allowed.includes(a.code)) {
      return outcome === null ? `“${label}” is recorded with the outcome: before it, only a suspension` : `“${label}” does not fit an outcome of ${outcome}`;
    }
    const key = a.code === 'regulator_referral' ? `${a.code}:${a.regulator ?? ''}` : a.code;
    if (seen.has(key)) return `“${label}” is recorded twice`;
    seen.add(key);
    if (DATED_ACTIONS.has(a.code)) {
      if (!a.on || !isLocalDate(a.on)) return `Enter the date of “${label}”`;
      if (a.on < bounds.receivedOn) return `The date of “${label}” must be on or after the allegation was received`;
      if (a.on > bounds.today) return `The date of “${label}” must be today or in the past`;
    }
    if (a.code === 'regulator_referral' && (!a.regulator || !isCode(REGULATORS, a.regulator))) return 'Select the regulator the employer referred to';
  }
  const codes = actions.map((a) => a.code);
  if (codes.includes('no_further_action') && codes.length > 1) return '“No further action by the employer” cannot be recorded with other actions';
  if (codes.includes('dismissal') && !codes.includes('dbs_referral')) return 'A dismissal must be referred to the DBS: record the DBS referral and its date';
  return null;
}

/** What recording the outcome needs: a known outcome, the police matter concluded (or none), and coherent employer actions. */
export function outcomeProblems(input: { outcome: string; outcomeOn: LocalDate | null; policeStatus: string; actions: readonly EmployerAction[]; receivedOn: LocalDate; today: LocalDate }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isCode(LADO_OUTCOMES, input.outcome)) problems.outcome = 'Select the outcome';
  else if (!POLICE_ALLOWS_OUTCOME.has(input.policeStatus)) problems.outcome = 'The police investigation has not concluded: update the police status before recording the outcome';
  if (!input.outcomeOn) problems.outcomeOn = 'Enter the date of the outcome';
  else if (input.outcomeOn < input.receivedOn) problems.outcomeOn = 'The date of the outcome must be on or after the allegation was received';
  else if (input.outcomeOn > input.today) problems.outcomeOn = 'The date of the outcome must be today or in the past';
  if (!problems.outcome) {
    const actions = employerActionProblems(input.outcome, input.actions, input);
    if (actions) problems.employerActions = actions;
  }
  return problems;
}

// ——— open over 3 months; the time to an outcome ———

/** Days from one date to another (London dates). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Whether an allegation received on `receivedOn` and still open on `today` has passed the resolution timescale (in months). */
export function isOverdue(receivedOn: LocalDate, today: LocalDate, months: number): boolean {
  return today > addMonths(receivedOn, months);
}

/** An allegation open past the resolution timescale needs its reason: the problem when it has none. */
export function openReasonProblem(input: { status: string; receivedOn: LocalDate; today: LocalDate; months: number; openReason: string | null }): string | null {
  if (input.status !== 'in_process') return null;
  if (!isOverdue(input.receivedOn, input.today, input.months)) return null;
  return input.openReason && isCode(OPEN_REASONS, input.openReason) ? null : `Open more than ${input.months} months: record why it is still open`;
}

/** The median of the days from receipt to outcome (null for none), half-days rounded up. */
export function medianDaysToOutcome(cases: readonly { receivedOn: LocalDate; outcomeOn: LocalDate | null }[]): number | null {
  const days = cases.flatMap((c) => (c.outcomeOn ? [daysBetween(c.receivedOn, c.outcomeOn)] : [])).sort((a, b) => a - b);
  if (days.length === 0) return null;
  const mid = Math.floor(days.length / 2);
  return days.length % 2 === 1 ? days[mid]! : Math.ceil((days[mid - 1]! + days[mid]!) / 2);
}

/** A sector's default from the kind of agency that employs the adult (a school's phase, the council's fostering…). */
export function sectorFromSchoolPhase(phase: string | null): string {
  if (phase === 'primary' || phase === 'nursery') return 'education_primary';
  if (phase === 'secondary' || phase === 'all_through' || phase === 'sixteen_plus' || phase === 'special' || phase === 'alternative_provision') return 'education_secondary';
  return NOT_RECORDED;
}

/** A category's default from the front door's concerns (the first that maps), else not recorded. */
export function categoryFromConcerns(concerns: readonly string[]): string {
  const map: Record<string, string> = { physical_abuse: 'physical', emotional_abuse: 'emotional', sexual_abuse: 'sexual', sexual_exploitation: 'cse', neglect: 'neglect' };
  for (const c of concerns) if (map[c]) return map[c];
  return NOT_RECORDED;
}

export function isKnown(codes: readonly Code[], value: string | null): boolean {
  return value !== null && isCode(codes, value);
}
