/**
 * Children's social care after the front door (Working Together to Safeguard Children 2023; Children Act 1989 s17
 * and s47): the code lists of the DfE Children in Need census, and the pure rules for what each record may do next —
 * the strategy discussion's required agencies, the section 47 outcome, conference decisions and categories, and the
 * schedule of conferences, core groups and visits on the working-day calendar.
 */
import { type WorkingCalendar } from './calendar.js';
import { type Code, isCode, list } from './codes.js';
import { type LocalDate, addDays, addMonths, londonDate } from './time.js';
import { type Timescale, timescaleDeadline } from './timescales.js';

export const CIN_CENSUS = 'DfE, Children in need census: guide for local authorities';

/** CIN census primary need (the main reason the child is in need), recorded at or after assessment. */
export const PRIMARY_NEEDS = list({
  N1: 'Abuse or neglect',
  N2: 'Child’s disability or illness',
  N3: 'Parent’s disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
});

/** CIN census factors identified at the end of assessment. */
export const ASSESSMENT_FACTORS = list({
  '1A': 'Alcohol misuse: concerns about the child',
  '1B': 'Alcohol misuse: concerns about a parent or carer',
  '1C': 'Alcohol misuse: concerns about another person living in the household',
  '2A': 'Drug misuse: concerns about the child',
  '2B': 'Drug misuse: concerns about a parent or carer',
  '2C': 'Drug misuse: concerns about another person living in the household',
  '3A': 'Domestic abuse: concerns about the child being the subject',
  '3B': 'Domestic abuse: concerns about a parent or carer being the subject',
  '3C': 'Domestic abuse: concerns about another person living in the household being the subject',
  '4A': 'Mental health: concerns about the child',
  '4B': 'Mental health: concerns about a parent or carer',
  '4C': 'Mental health: concerns about another person living in the household',
  '5A': 'Learning disability: concerns about the child',
  '5B': 'Learning disability: concerns about a parent or carer',
  '5C': 'Learning disability: concerns about another person living in the household',
  '6A': 'Physical disability or illness: concerns about the child',
  '6B': 'Physical disability or illness: concerns about a parent or carer',
  '6C': 'Physical disability or illness: concerns about another person living in the household',
  '7A': 'Young carer',
  '8B': 'Privately fostered: overseas child who intends to return',
  '8C': 'Privately fostered: overseas child who intends to stay',
  '8D': 'Privately fostered: UK child in education',
  '8E': 'Privately fostered: UK child making alternative arrangements',
  '8F': 'Privately fostered: other',
  '9A': 'Unaccompanied asylum-seeking child',
  '10A': 'Missing',
  '11A': 'Child sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Abuse or neglect: neglect',
  '17A': 'Abuse or neglect: emotional abuse',
  '18B': 'Abuse or neglect: physical abuse (child on child)',
  '18C': 'Abuse or neglect: physical abuse (adult on child)',
  '19B': 'Abuse or neglect: sexual abuse (child on child)',
  '19C': 'Abuse or neglect: sexual abuse (adult on child)',
  '20': 'Other',
  '21': 'No factors identified (only with no further action)',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Child criminal exploitation',
});

/** CIN census reason for closure of a CIN episode. */
export const CLOSURE_REASONS = list({
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including the child no longer being in need',
  RC8: 'Case closed after assessment: no further action',
  RC9: 'Case closed after assessment: referred to early help',
});

/** Category of abuse of a child protection plan (initial and latest), as the census codes them. */
export const CP_CATEGORIES = list({
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  EMO: 'Emotional abuse',
  SAB: 'Sexual abuse',
  MUL: 'Multiple',
});

export const ASSESSMENT_OUTCOMES = list({
  cin_plan: 'Child in need: support under a child in need plan',
  strategy_discussion: 'Concerns of significant harm: hold a strategy discussion',
  early_help: 'Step down to early help',
  nfa: 'No further action',
});

export const ASSESSMENT_STATUSES = list({
  not_started: 'Not started',
  in_progress: 'In progress',
  awaiting_authorisation: 'Waiting for authorisation',
  authorised: 'Authorised',
});

export const VIEWS_GATHERED = list({
  seen_alone: 'Talked with the child on their own',
  with_family: 'Talked with the child with their family',
  play_or_drawing: 'Through play, drawing or an activity',
  advocate: 'Through an advocate',
  observation: 'Observation (the child is too young or cannot say)',
  other: 'Another way',
});

export const STRATEGY_DECISIONS = list({
  s47: 'Start a section 47 enquiry',
  cin: 'No section 47 enquiry: continue as a child in need assessment',
  nfa: 'No further action',
});

/** The agencies a strategy discussion must include (Working Together 2023, chapter 2). */
export const STRATEGY_REQUIRED_AGENCY_TYPES: readonly { type: string; label: string }[] = [
  { type: 'children_social_care', label: 'Children’s social care' },
  { type: 'police', label: 'Police' },
  { type: 'health', label: 'Health' },
];

export const S47_OUTCOMES = list({
  substantiated_icpc: 'Concerns substantiated, the child is likely to suffer significant harm: initial child protection conference',
  substantiated_no_icpc: 'Concerns substantiated, but the child is not judged at continuing risk of significant harm',
  not_substantiated: 'Concerns not substantiated',
  cin: 'Child in need: support under a child in need plan',
  nfa: 'No further action',
});

export const CONFERENCE_KINDS = list({ initial: 'Initial child protection conference', review: 'Review child protection conference', transfer_in: 'Transfer-in conference' });

export const CONFERENCE_DECISIONS = list({
  plan: 'The child is to be the subject of a child protection plan',
  no_plan: 'No child protection plan',
  continue: 'The child protection plan continues',
  end_plan: 'The child protection plan ends',
});

export const PARENT_PARTICIPATION = list({
  attended: 'Attended the whole conference',
  attended_part: 'Attended part of the conference',
  views_only: 'Did not attend; their views were shared',
  did_not_attend: 'Did not attend and gave no views',
  excluded: 'Excluded by the chair (reasons recorded)',
});

export const ATTENDANCE = list({ attended: 'Attended', apologies: 'Sent apologies', absent: 'Absent' });

export const REPORT_VIEWS = list({
  significant_harm: 'The child is likely to suffer significant harm',
  child_in_need: 'The child is in need, not at risk of significant harm',
  no_concerns: 'No concerns from this agency',
  not_known: 'Not known to this agency',
});

export const PLAN_KINDS = list({ cp: 'Child protection plan', cin: 'Child in need plan' });

export const PLAN_END_REASONS = list({
  step_down_cin: 'Stepped down to a child in need plan',
  step_down_early_help: 'Stepped down to early help',
  step_up_cp: 'Stepped up to a child protection plan',
  no_longer_needed: 'No longer needed: the plan’s aims were met',
  looked_after: 'The child became looked after',
  moved_away: 'The child moved to another local authority',
  turned_18: 'The child turned 18',
  died: 'The child died',
});

export const CIN_REVIEW_DECISIONS = list({
  continue: 'The child in need plan continues',
  close: 'Close the plan: needs met',
  step_up: 'Step up: concerns of significant harm (strategy discussion)',
  step_down: 'Step down to early help',
});

export const EARLY_HELP_CLOSURE_REASONS = list({
  outcomes_met: 'Outcomes met',
  family_declined: 'Family declined or withdrew consent',
  stepped_up: 'Stepped up to children’s social care',
  moved_away: 'Family moved away',
  universal: 'Needs met by universal services',
});

export const EARLY_HELP_ROLES = list({
  lead: 'Lead practitioner',
  member: 'Member of the team around the family',
});

export const codeIn = (codes: readonly Code[]) => (value: string | null | undefined): boolean => value !== null && value !== undefined && isCode(codes, value);

// ——— rules ———

export interface Participant {
  agencyType: string;
  agencyId?: string | null;
  name: string;
  role: string;
}

/** What a strategy discussion record lacks: the required agencies, and a decision that fits. */
export function strategyProblems(input: { participants: readonly Participant[]; decision: string; informationShared: string; reason: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  const present = new Set(input.participants.map((p) => p.agencyType));
  const missing = STRATEGY_REQUIRED_AGENCY_TYPES.filter((a) => !present.has(a.type)).map((a) => a.label);
  if (missing.length > 0) problems.participants = `A strategy discussion must include children’s social care, the police and health: add ${listInWords(missing.map((m) => m.toLowerCase()))}`;
  if (!isCode(STRATEGY_DECISIONS, input.decision)) problems.decision = 'Select what the strategy discussion decided';
  if (!input.informationShared.trim()) problems.informationShared = 'Enter the information each agency shared';
  if (!input.reason.trim()) problems.reason = 'Enter the reasons for the decision';
  return problems;
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** The plan a section 47 outcome leads to: an initial conference, a child in need plan, or nothing. */
export function s47Next(outcome: string): 'conference' | 'cin_plan' | 'close' {
  if (outcome === 'substantiated_icpc') return 'conference';
  if (outcome === 'cin' || outcome === 'substantiated_no_icpc') return 'cin_plan';
  return 'close';
}

/** Whether a conference decision fits its kind and category (the census keeps initial and latest category). */
export function conferenceDecisionProblems(input: { kind: string; decision: string; category: string | null; onPlan: boolean }): Record<string, string> {
  const problems: Record<string, string> = {};
  const forNew = input.kind === 'initial' || input.kind === 'transfer_in';
  const allowed = forNew ? ['plan', 'no_plan'] : ['continue', 'end_plan'];
  if (!allowed.includes(input.decision)) {
    problems.decision = forNew ? 'Select whether the child is to be the subject of a child protection plan' : 'Select whether the child protection plan continues or ends';
    return problems;
  }
  if (!forNew && !input.onPlan) problems.decision = 'A review conference reviews a child protection plan: this child is not on one';
  const needsCategory = input.decision === 'plan' || input.decision === 'continue';
  if (needsCategory && !codeIn(CP_CATEGORIES)(input.category)) problems.category = 'Select the category of abuse or neglect for the plan';
  if (!needsCategory && input.category) problems.category = 'A category is given only when the child is, or stays, on a plan';
  return problems;
}

/** The conference a plan's next review is due by: 3 months after the initial conference, then 6 months after the last review. */
export function nextReviewDue(calendar: WorkingCalendar, lastConference: { kind: string; heldAt: Date }, timescales: { firstReview: Timescale; laterReview: Timescale }): Date {
  const ts = lastConference.kind === 'review' ? timescales.laterReview : timescales.firstReview;
  return timescaleDeadline(calendar, lastConference.heldAt, ts);
}

/** A conference in time: held on or before the London date it was due (at any hour that day, as the census counts). */
export function heldInTime(heldAt: Date, dueAt: Date): boolean {
  return londonDate(heldAt) <= londonDate(dueAt);
}

/** When the next core group is due: 10 working days after the conference, then at the local interval after the last one. */
export function coreGroupDueOn(calendar: WorkingCalendar, conferenceOn: LocalDate, lastHeldOn: LocalDate | null, timescales: { first: Timescale; next: Timescale }): LocalDate {
  return lastHeldOn ? calendar.addWorkingDays(lastHeldOn, timescales.next.amount) : calendar.addWorkingDays(conferenceOn, timescales.first.amount);
}

/** When the next visit is due: the local interval (10 working days) after the last visit, or after the plan began. */
export function visitDueOn(calendar: WorkingCalendar, planStartedOn: LocalDate, lastVisitOn: LocalDate | null, interval: Timescale): LocalDate {
  return calendar.addWorkingDays(lastVisitOn ?? planStartedOn, interval.amount);
}

/**
 * The earliest date a working-day clock of `n` days can have started and still be in time today: a visit or meeting
 * last made (or a plan started) before it is overdue, exactly when `calendar.addWorkingDays(last, n) < today`. Lets a
 * query count overdue clocks by comparing dates.
 */
export function inTimeSince(calendar: WorkingCalendar, today: LocalDate, n: number): LocalDate {
  let since = today;
  for (;;) {
    const before = addDays(since, -1);
    if (calendar.addWorkingDays(before, n) < today) return since;
    since = before;
  }
}

/** The day an agency's conference report is due: `workingDaysBefore` working days before the conference's date. */
export function reportDueOn(calendar: WorkingCalendar, conferenceOn: LocalDate, workingDaysBefore: number): LocalDate {
  return calendar.subtractWorkingDays(conferenceOn, workingDaysBefore);
}

/** A visit in time: on or before the day it was due. */
export function visitInTime(visitedOn: LocalDate, dueOn: LocalDate): boolean {
  return visitedOn <= dueOn;
}

/** A referral within 12 months of a previous referral of the same child is a re-referral (CIN census definition). */
export function isReReferral(referredOn: LocalDate, earlierReferralDates: readonly LocalDate[]): boolean {
  const yearBefore = addMonths(referredOn, -12); // the same date a year before (29 February → 28), as intake.ts
  return earlierReferralDates.some((d) => d < referredOn && d >= yearBefore);
}

/** Children aged 8–17 at the conference are the ones whose voice the board measures (the advocacy service's cohort). */
export function inVoiceCohort(ageAtConference: number | null): boolean {
  return ageAtConference !== null && ageAtConference >= 8 && ageAtConference <= 17;
}

/** An assessment's next states: who may do what, when. */
export type AssessmentAction = 'start' | 'record' | 'submit' | 'authorise' | 'return';
export function assessmentAllows(status: string, action: AssessmentAction): boolean {
  switch (action) {
    case 'start':
      return status === 'not_started';
    case 'record':
    case 'submit':
      return status === 'not_started' || status === 'in_progress';
    case 'authorise':
    case 'return':
      return status === 'awaiting_authorisation';
  }
}

/** What an assessment lacks before it can go to a manager. */
export function assessmentSubmitProblems(a: {
  factors: readonly string[];
  seenOn: LocalDate | null;
  seenAlone: boolean | null;
  viewsHow: string | null;
  viewsWhat: string | null;
  viewsBy: string | null;
  analysis: string | null;
  outcome: string | null;
  primaryNeedCode: string | null;
  referredOn: LocalDate;
  today: LocalDate;
}): Record<string, string> {
  const p: Record<string, string> = {};
  if (a.factors.some((f) => !isCode(ASSESSMENT_FACTORS, f))) p.factors = 'Select factors from the list';
  if (a.factors.includes('21') && (a.outcome !== 'nfa' || a.factors.length > 1)) p.factors = '“No factors identified” goes alone, and only with the outcome no further action';
  else if (a.factors.length === 0) p.factors = a.outcome === 'nfa' ? 'Select the factors identified at assessment, or “No factors identified” (the census needs one)' : 'Select the factors identified at assessment (the census needs at least one)';
  if (!a.seenOn) p.seenOn = 'Enter the date the child was seen';
  else if (a.seenOn < a.referredOn) p.seenOn = 'The date the child was seen must be on or after the referral';
  else if (a.seenOn > a.today) p.seenOn = 'The date the child was seen must be today or in the past';
  if (a.seenAlone === null) p.seenAlone = 'Select whether the child was seen alone';
  if (!a.viewsHow || !isCode(VIEWS_GATHERED, a.viewsHow)) p.viewsHow = 'Select how the child’s views were gathered';
  if (!a.viewsWhat?.trim()) p.viewsWhat = 'Enter what the child said, in their words';
  if (!a.viewsBy?.trim()) p.viewsBy = 'Enter who heard the child';
  if (!a.analysis?.trim()) p.analysis = 'Enter the analysis';
  if (!a.outcome || !isCode(ASSESSMENT_OUTCOMES, a.outcome)) p.outcome = 'Select the outcome of the assessment';
  if (!a.primaryNeedCode || !isCode(PRIMARY_NEEDS, a.primaryNeedCode)) p.primaryNeedCode = 'Select the child’s primary need';
  return p;
}

/** The plan category follows the factors: a neglect plan should come from an assessment that found neglect (advice, not a block). */
export function categoryFromFactors(factors: readonly string[]): string | null {
  const hits = new Set<string>();
  for (const f of factors) {
    if (f === '16A') hits.add('NEG');
    if (f === '17A') hits.add('EMO');
    if (f === '18B' || f === '18C') hits.add('PHY');
    if (f === '19B' || f === '19C') hits.add('SAB');
  }
  if (hits.size === 0) return null;
  return hits.size > 1 ? 'MUL' : [...hits][0]!;
}
