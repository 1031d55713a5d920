/**
 * Screening a contact: threshold levels (the continuum of need), outcomes and the rules that tie them together.
 */
import { type Code } from './codes.js';

export const THRESHOLD_LEVELS: readonly (Code & { level: number })[] = [
  { level: 1, code: '1', label: 'Level 1 – universal' },
  { level: 2, code: '2', label: 'Level 2 – early help (targeted)' },
  { level: 3, code: '3', label: 'Level 3 – child in need (section 17)' },
  { level: 4, code: '4', label: 'Level 4 – child protection (section 47) or acute' },
];

export interface Outcome extends Code {
  /** Threshold levels at which this outcome is a coherent decision. */
  levels: readonly number[];
  /** Whether the decision must say where the work went. */
  needsDestination: boolean;
  /** The kinds of contact (child, adult) this outcome is for. */
  contactTypes: readonly string[];
  hint?: string;
}

export const SCREENING_OUTCOMES: readonly Outcome[] = [
  {
    code: 'nfa_advice',
    label: 'No further action – advice or signposting',
    levels: [1, 2],
    needsDestination: false,
    contactTypes: ['child', 'adult'],
  },
  { code: 'early_help', label: 'Early help', levels: [2, 3], needsDestination: false, contactTypes: ['child'] },
  {
    code: 'referral_csc',
    label: 'Referral to children’s social care for assessment',
    levels: [3, 4],
    needsDestination: false,
    contactTypes: ['child'],
  },
  { code: 'strategy_discussion', label: 'Strategy discussion', levels: [4], needsDestination: false, contactTypes: ['child'] },
  {
    code: 'adult_safeguarding',
    label: 'Hand off to adult safeguarding (section 42 enquiry)',
    levels: [3, 4],
    needsDestination: false,
    contactTypes: ['adult', 'child'],
    hint: 'For an adult at risk named in the contact; the adult safeguarding team picks it up from its own worklist',
  },
  {
    code: 'cme',
    label: 'Pass to children missing education',
    levels: [1, 2, 3, 4],
    needsDestination: false,
    contactTypes: ['child'],
    hint: 'For a child of school age not on a school roll and not receiving a suitable education; the children missing education officer picks it up from their own worklist',
  },
  {
    code: 'transfer_area',
    label: 'Transferred to another local authority',
    levels: [1, 2, 3, 4],
    needsDestination: true,
    contactTypes: ['child', 'adult'],
    hint: 'Say which authority, and who you spoke to there',
  },
  {
    code: 'passed_on',
    label: 'Passed to another agency',
    levels: [1, 2, 3, 4],
    needsDestination: true,
    contactTypes: ['child', 'adult'],
    hint: 'Say which agency, so the record shows where the work went',
  },
];

/** Outcomes that make a contact a referral (DfE: a contact accepted for assessment, including section 47). */
export const REFERRAL_OUTCOMES = ['referral_csc', 'strategy_discussion'] as const;

export function outcomeOf(code: string): Outcome | undefined {
  return SCREENING_OUTCOMES.find((o) => o.code === code);
}

export interface ScreeningInput {
  thresholdLevel: number;
  outcome: string;
  passedTo: string | null;
  /** child | adult; when given, the outcome must be one for that kind of contact. */
  contactType?: string;
  /** People named in the contact not yet matched to the register. */
  unmatchedPeople?: number;
}

/** Problems with a decision, keyed by field, in words a screener can act on. */
export function screeningProblems(input: ScreeningInput): Record<string, string> {
  const problems: Record<string, string> = {};
  const outcome = outcomeOf(input.outcome);
  if (!outcome) {
    problems.outcome = 'Select the outcome of screening';
    return problems;
  }
  if (!outcome.levels.includes(input.thresholdLevel)) {
    const allowed = outcome.levels.join(' or ');
    problems.outcome = `${outcome.label} is a decision for threshold level ${allowed}, not level ${input.thresholdLevel}`;
  }
  if (input.contactType && !outcome.contactTypes.includes(input.contactType)) {
    problems.outcome = `${outcome.label} is not an outcome for a contact about ${input.contactType === 'adult' ? 'an adult' : 'a child'}`;
  }
  if (input.unmatchedPeople) {
    problems.outcome = `Match the ${input.unmatchedPeople === 1 ? 'person' : `${input.unmatchedPeople} people`} named in the contact to the register before deciding`;
  }
  if (outcome.needsDestination && !input.passedTo?.trim()) {
    problems.passedTo = 'Enter the authority or agency the contact was passed to';
  }
  return problems;
}

/** Contact lifecycle. */
export type ContactStatus = 'draft' | 'open' | 'awaiting_authorisation' | 'decided' | 'merged';

export const CONTACT_STATUSES: Record<ContactStatus, string> = {
  draft: 'Draft',
  open: 'Awaiting screening',
  awaiting_authorisation: 'Awaiting authorisation',
  decided: 'Decided',
  /** A screener found it the same incident as an earlier contact: it became an update there (front-door/incident-review-service.ts). */
  merged: 'Attached to another contact',
};

export function canRecordDecision(status: string): boolean {
  return status === 'open';
}

export function canAuthorise(status: string, decidedByUserId: string, managerUserId: string): string | null {
  if (status !== 'awaiting_authorisation') return 'This contact has no decision awaiting authorisation';
  if (decidedByUserId === managerUserId) return 'A decision must be authorised by someone other than the person who made it';
  return null;
}
