/**
 * Adult safeguarding under the Care Act 2014: a concern, the three-point test of s42(1), the decision on it, the
 * section 42 (or other) enquiry with its risks, meetings and outcome, and Making Safeguarding Personal. Code lists
 * follow NHS England's Safeguarding Adults Collection (SAC) guidance, so the SAC tables count straight from the
 * records; pure rules decide what a record may do next.
 */
import { type Code, isCode, list } from './codes.js';

const SAC = 'NHS England, Safeguarding Adults Collection (SAC) guidance';

/** Where a concern came from: the SAC "source of concern" list, grouped as the collection groups it. */
export const CONCERN_SOURCES = list({
  social_care_domiciliary: 'Social care staff: domiciliary staff',
  social_care_residential: 'Social care staff: residential care staff',
  social_care_nursing: 'Social care staff: nursing care staff',
  social_care_day_care: 'Social care staff: day care staff',
  social_care_social_worker: 'Social care staff: social worker or care manager',
  social_care_self_directed: 'Social care staff: self-directed care staff',
  social_care_other: 'Social care staff: other',
  health_primary: 'Health staff: primary or community health staff',
  health_secondary: 'Health staff: secondary health staff',
  health_mental: 'Health staff: mental health staff',
  self: 'Self-referral',
  family: 'Family member',
  friend: 'Friend or neighbour',
  other_service_user: 'Other service user',
  cqc: 'Care Quality Commission',
  housing: 'Housing',
  education: 'Education, training or workplace establishment',
  police: 'Police',
  other: 'Other',
});
export const CONCERN_SOURCE_GROUPS: Record<string, string> = {
  social_care: 'Social care staff (council and independent)',
  health: 'Health staff',
  other: 'Other sources of referral',
};
export function sourceGroup(code: string): 'social_care' | 'health' | 'other' {
  if (code.startsWith('social_care_')) return 'social_care';
  if (code.startsWith('health_')) return 'health';
  return 'other';
}

/** How a concern reached the adult team. */
export const CONCERN_CHANNELS = list({
  mash_hand_off: 'Handed off by the children’s front door',
  front_door: 'Contact to the adult front door (form or agency system)',
  public: 'Public report',
});

// ——— the three-point test (Care Act 2014 s42(1)) ———

export type TestAnswer = 'yes' | 'no' | 'unknown';
export const TEST_ANSWERS = list({ yes: 'Yes', no: 'No', unknown: 'Not known yet' });

export const THREE_POINT_TEST = [
  { key: 'needs', question: 'Does the adult have needs for care and support (whether or not the council is meeting any of them)?', source: 'Care Act 2014 s42(1)(a)' },
  { key: 'abuse', question: 'Is the adult experiencing, or at risk of, abuse or neglect?', source: 'Care Act 2014 s42(1)(b)' },
  { key: 'protect', question: 'As a result of those needs, is the adult unable to protect themselves against the abuse or neglect or the risk of it?', source: 'Care Act 2014 s42(1)(c)' },
] as const;
export type TestPoint = (typeof THREE_POINT_TEST)[number]['key'];

export type ThreePointAnswers = Record<TestPoint, TestAnswer>;

/**
 * The s42(1) duty applies when all three conditions are met; it does not when any one is not; while any is not
 * yet known (and none is "no"), the test is not settled and the worker must find out before a duty is decided.
 */
export type TestResult = 'met' | 'not_met' | 'not_settled';
export function threePointTest(a: ThreePointAnswers): TestResult {
  const answers = [a.needs, a.abuse, a.protect];
  if (answers.includes('no')) return 'not_met';
  if (answers.every((x) => x === 'yes')) return 'met';
  return 'not_settled';
}
export const TEST_RESULT_TEXT: Record<TestResult, string> = {
  met: 'Met: the section 42 duty to make enquiries applies',
  not_met: 'Not met: the section 42 duty does not apply',
  not_settled: 'Not settled: find out what is not yet known',
};

// ——— the decision on a concern ———

export const CONCERN_DECISIONS = list({
  s42_enquiry: 'Section 42 enquiry',
  other_enquiry: 'Other safeguarding enquiry (discretionary, s42(2))',
  information_advice: 'Information and advice, or signposting',
  no_further_action: 'No further action',
});
export type ConcernDecision = 's42_enquiry' | 'other_enquiry' | 'information_advice' | 'no_further_action';
export const isConcernDecision = (v: string): v is ConcernDecision => isCode(CONCERN_DECISIONS, v);

/** Where information and advice may signpost to. */
export const SIGNPOST_TEAMS = list({
  adult_social_care_assessment: 'Adult social care: care and support assessment',
  mental_health: 'Community mental health team',
  domestic_abuse_service: 'Domestic abuse service (IDVA)',
  housing: 'Housing',
  police: 'Police',
  gp_health: 'GP or health service',
  carers_support: 'Carers’ support service',
  voluntary: 'Voluntary or community organisation',
  contract_monitoring: 'Contract monitoring (quality of a provider’s care)',
  other: 'Other',
});

/** What a proposed decision needs, given the test: an s42 enquiry only when the duty applies. */
export function decisionProblems(test: TestResult, decision: ConcernDecision, signpostTo: string | null, reason: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (decision === 's42_enquiry' && test !== 'met') {
    problems.decision = test === 'not_settled'
      ? 'Settle the three-point test before deciding on a section 42 enquiry: find out what is not yet known'
      : 'A section 42 enquiry needs all three points of the test met: choose another enquiry, information and advice, or no further action';
  }
  if (decision === 'information_advice' && !signpostTo) problems.signpostTo = 'Select the team or service you are signposting to';
  if (reason.trim() === '') problems.reason = 'Enter the reasons for the decision';
  return problems;
}

/** Decisions that open an enquiry. */
export const opensEnquiry = (d: string): boolean => d === 's42_enquiry' || d === 'other_enquiry';

/** A concern's state: waiting for the test and decision, waiting for a manager, or decided. */
export type ConcernStatus = 'open' | 'awaiting_authorisation' | 'decided';
export type ConcernAction = 'record_test' | 'propose_decision' | 'authorise' | 'allocate';
export function concernAllows(status: ConcernStatus, action: ConcernAction): boolean {
  switch (action) {
    case 'record_test':
    case 'propose_decision':
      return status === 'open';
    case 'authorise':
      return status === 'awaiting_authorisation';
    case 'allocate':
      return status !== 'decided';
  }
}

// ——— the enquiry ———

export const ENQUIRY_LEADS = list({
  adult_team: 'The adult safeguarding team',
  provider: 'Caused to the provider',
  police: 'Caused to the police',
  health: 'Caused to health',
  other: 'Caused to another organisation',
});
export const CONSENT = list({
  given: 'The adult consents to the enquiry',
  refused: 'The adult does not consent (the enquiry continues only where others are at risk or the risk is serious)',
  lacks_capacity: 'The adult lacks capacity to consent: proceeding in their best interests',
  not_yet_sought: 'Not yet sought',
});
export const CAPACITY = list({ has_capacity: 'Has capacity about the enquiry', lacks_capacity: 'Lacks capacity about the enquiry', not_assessed: 'Not assessed' });
export const ADVOCACY = list({
  s68_independent: 'Independent advocate (Care Act s68)',
  family_friend: 'Appropriate family member or friend',
  imca: 'Independent mental capacity advocate (IMCA)',
  not_needed: 'Not needed: the adult can be fully involved without support',
  declined: 'Offered and declined',
});
/** Primary support reason, SAC table SG1 (the short and long term support list). */
export const PRIMARY_SUPPORT_REASONS = list({
  physical_access_mobility: 'Physical support: access and mobility only',
  physical_personal_care: 'Physical support: personal care support',
  sensory_visual: 'Sensory support: support for visual impairment',
  sensory_hearing: 'Sensory support: support for hearing impairment',
  sensory_dual: 'Sensory support: support for dual impairment',
  memory_cognition: 'Support with memory and cognition',
  learning_disability: 'Learning disability support',
  mental_health: 'Mental health support',
  social_substance_misuse: 'Social support: substance misuse support',
  social_asylum: 'Social support: asylum seeker support',
  social_isolation: 'Social support: support for social isolation or other',
  none: 'No support reason',
  not_known: 'Not known',
});
export const MSP_ASKED = list({
  asked_expressed: 'Asked, and outcomes expressed',
  asked_not_expressed: 'Asked, but no outcomes expressed',
  not_asked: 'Not asked',
  dont_know: 'Don’t know',
});
export const OUTCOMES_ACHIEVED = list({ fully: 'Fully achieved', partially: 'Partially achieved', not: 'Not achieved' });

/** Risk types, SAC table SG2a. */
export const RISK_TYPES = list({
  physical: 'Physical abuse',
  sexual: 'Sexual abuse',
  psychological: 'Psychological abuse',
  financial: 'Financial or material abuse',
  discriminatory: 'Discriminatory abuse',
  organisational: 'Organisational abuse',
  neglect: 'Neglect and acts of omission',
  domestic_abuse: 'Domestic abuse',
  sexual_exploitation: 'Sexual exploitation',
  modern_slavery: 'Modern slavery',
  self_neglect: 'Self-neglect',
});
/** Where the risk is, SAC table SG2b. */
export const RISK_LOCATIONS = list({
  own_home: 'Own home',
  community: 'In the community (excluding community services)',
  community_service: 'In a community service',
  care_home_nursing: 'Care home: nursing',
  care_home_residential: 'Care home: residential',
  hospital_acute: 'Hospital: acute',
  hospital_mental_health: 'Hospital: mental health',
  hospital_community: 'Hospital: community',
  other: 'Other',
});
/** Who the risk comes from, SAC table SG2c. */
export const RISK_SOURCES = list({
  service_provider: 'Service provider',
  known_to_individual: 'Other: known to the individual',
  unknown_to_individual: 'Other: unknown to the individual',
});
/** Where the risk stands at the end, SAC table SG3. */
export const RISK_RESULTS = list({
  removed: 'Risk removed',
  reduced: 'Risk reduced',
  remains: 'Risk remains',
  no_risk: 'No risk identified',
  inconclusive: 'Enquiry ceased or inconclusive',
});
export const SANCTIONS = list({
  dbs: 'Referral to the Disclosure and Barring Service',
  regulator: 'Referral to a professional regulator (NMC, HCPC, Social Work England, GMC)',
  cqc: 'Information passed to the Care Quality Commission',
  police_action: 'Criminal investigation by the police',
  disciplinary: 'Employer’s disciplinary action',
  contract_action: 'Contract action by commissioners',
});
export const EXIT_REASONS = list({
  adult_declined: 'The adult, with capacity, declined further involvement and no one else is at risk',
  risk_resolved: 'The risk was resolved before the enquiry concluded',
  moved_away: 'The adult moved to another area (transferred to that council)',
  died: 'The adult died',
  other_process: 'Taken forward under another process (criminal investigation, MARAC, complaint)',
  other: 'Other reason',
});

export type EnquiryStatus = 'open' | 'concluded' | 'exited';
export type EnquiryAction = 'plan' | 'add_risk' | 'request_contribution' | 'meeting' | 'record_outcome' | 'conclude' | 'exit';
/** Every step of an enquiry happens while it is open: the outcome meeting comes before the enquiry concludes. */
export function enquiryAllows(status: EnquiryStatus, _action: EnquiryAction): boolean {
  return status === 'open';
}

/** Kinds of meeting in an enquiry. */
export const MEETING_KINDS = list({ decision_making: 'Decision making meeting', outcome: 'Outcome meeting' });
export const ATTENDEE_ROLES = list({ person: 'The adult', advocate: 'Advocate', family: 'Family member or friend', professional: 'Professional' });
export const ATTENDANCE = list({ attended: 'Attended', apologies: 'Sent apologies', absent: 'Did not attend' });

export interface RiskOutcome {
  result: string | null;
  actionTaken: boolean | null;
}

/** What stops an enquiry concluding: each risk needs its result, and MSP needs its answers. */
export function conclusionProblems(e: { risks: readonly RiskOutcome[]; mspAsked: string | null; outcomesAchieved: string | null; lacksCapacity: string | null; advocacy: string | null }): string[] {
  const problems: string[] = [];
  if (e.risks.length === 0) problems.push('Add at least one risk (its type, location and source) before concluding the enquiry');
  const missing = e.risks.filter((r) => !r.result || r.actionTaken === null).length;
  if (missing > 0) problems.push(`Record the result and whether action was taken for ${missing === 1 ? 'one risk' : `${missing} risks`}`);
  if (!e.mspAsked) problems.push('Record whether the adult was asked what outcomes they wanted (Making Safeguarding Personal)');
  else if (e.mspAsked === 'asked_expressed' && !e.outcomesAchieved) problems.push('Record how far the outcomes the adult wanted were achieved');
  if (e.lacksCapacity === 'lacks_capacity' && !e.advocacy) problems.push('Record who supported the adult, who lacks capacity, through the enquiry (advocate, family or friend)');
  return problems;
}

export const codesOf = (codes: readonly Code[]) => codes.map((c) => c.code);
export const SAC_SOURCE = SAC;
