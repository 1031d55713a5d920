/**
 * Learning reviews: the partnership's pure rules for rapid reviews and local child safeguarding practice reviews
 * (Working Together to Safeguard Children 2023, chapter 5), safeguarding adults reviews (Care Act 2014 s44),
 * domestic homicide reviews (Domestic Violence, Crime and Victims Act 2004 s9; the multi-agency statutory guidance
 * for the conduct of domestic homicide reviews, 2016), practice / lessons learned reviews, and child death reviews
 * (child death overview panel: the National Child Mortality Database's categories of death).
 *
 * Each kind runs its own stages from notification to publication; its clocks (the serious incident notification,
 * the rapid review, the decision sent to the Panel, a DHR's decision, publication) are due dates with their state.
 * Publication may be held for criminal proceedings. No I/O: the timescales are data (domain/timescales.ts).
 */
import { type Code, isCode, list } from './codes.js';
import { type LocalDate, addMonths, isLocalDate } from './time.js';

export const WORKING_TOGETHER = 'Working Together to Safeguard Children (2023), chapter 5';
export const CARE_ACT_S44 = 'Care Act 2014, section 44';
export const DVCVA_S9 = 'Domestic Violence, Crime and Victims Act 2004, section 9';
export const DHR_GUIDANCE = 'Multi-agency statutory guidance for the conduct of domestic homicide reviews (Home Office, 2016)';
export const NCMD = 'National Child Mortality Database: categories of death (CDOP analysis form)';

export type ReviewKind = 'rapid_review' | 'lcspr' | 'sar' | 'dhr' | 'practice_review' | 'child_death_review';
export type ReviewStage = 'notified' | 'rapid_review' | 'in_review' | 'report' | 'published' | 'closed';

export const REVIEW_KINDS = list({
  rapid_review: 'Rapid review (serious incident notification)',
  lcspr: 'Local child safeguarding practice review (LCSPR)',
  sar: 'Safeguarding adults review (Care Act 2014 s44)',
  dhr: 'Domestic homicide review (DVCVA 2004 s9)',
  practice_review: 'Practice review (lessons learned)',
  child_death_review: 'Child death review (CDOP)',
});

/** The kinds a review may be notified as (an LCSPR is started from a rapid review's decision). */
export const NOTIFIABLE_KINDS: readonly Code[] = REVIEW_KINDS.filter((k) => k.code !== 'lcspr');

export const REVIEW_STAGES = list({
  notified: 'Notified',
  rapid_review: 'Rapid review',
  in_review: 'In review',
  report: 'Report',
  published: 'Published',
  closed: 'Closed',
});

export const BOARD_KINDS = list({ children: 'Children’s safeguarding partnership', adults: 'Safeguarding adults board', community_safety: 'Community safety partnership', joint: 'Joint (children and adults)' });

/** The board that owns a kind of review; a practice review's board is chosen (undefined). */
export const BOARD_OF_KIND: Record<ReviewKind, string | undefined> = {
  rapid_review: 'children',
  lcspr: 'children',
  sar: 'adults',
  dhr: 'community_safety',
  practice_review: undefined,
  child_death_review: 'children',
};

/** The stages each kind passes through, in order: a rapid review ends at its decision, a CDOP review is not published. */
export const STAGES_OF_KIND: Record<ReviewKind, readonly ReviewStage[]> = {
  rapid_review: ['notified', 'rapid_review', 'closed'],
  lcspr: ['in_review', 'report', 'published', 'closed'],
  sar: ['notified', 'in_review', 'report', 'published', 'closed'],
  dhr: ['notified', 'in_review', 'report', 'published', 'closed'],
  practice_review: ['in_review', 'report', 'published', 'closed'],
  child_death_review: ['in_review', 'closed'],
};

/** The stage a newly notified review starts at. */
export function firstStage(kind: ReviewKind): ReviewStage {
  return STAGES_OF_KIND[kind][0]!;
}

export function isReviewKind(value: string): value is ReviewKind {
  return isCode(REVIEW_KINDS, value);
}

/** Kinds whose report is published (and so may be held for criminal proceedings). */
export function publishes(kind: ReviewKind): boolean {
  return STAGES_OF_KIND[kind].includes('published');
}

/** Who a final report is sent to, by kind. */
export const REPORT_RECIPIENT: Record<ReviewKind, string> = {
  rapid_review: 'the Child Safeguarding Practice Review Panel',
  lcspr: 'the Child Safeguarding Practice Review Panel',
  sar: 'the Safeguarding Adults Board',
  dhr: 'the Home Office quality assurance panel',
  practice_review: 'the partnership',
  child_death_review: 'the child death overview panel',
};

// ——— decisions ———

/** A rapid review's decision, sent to the national Panel (Working Together 2023, chapter 5). */
export const RAPID_REVIEW_DECISIONS = list({
  lcspr: 'A local child safeguarding practice review (LCSPR)',
  no_lcspr: 'No local child safeguarding practice review',
  national_review: 'Refer to the national Panel for a national review',
});

export const DHR_DECISIONS = list({ dhr: 'Hold a domestic homicide review', no_dhr: 'No domestic homicide review' });

export const SAR_DECISIONS = list({ sar: 'Arrange a safeguarding adults review', no_sar: 'No safeguarding adults review' });

/** Every decision's words, whatever the kind. */
export const ALL_DECISIONS: readonly Code[] = [...RAPID_REVIEW_DECISIONS, ...DHR_DECISIONS, ...SAR_DECISIONS];

// ——— Care Act 2014 s44 ———

/** What a safeguarding adults board recorded against s44 (each a yes or no). */
export interface S44Answers {
  /** s44(1)(a): an adult in its area with needs for care and support (whether or not the local authority met them). */
  careAndSupportNeeds: boolean;
  /** s44(1)(b): reasonable cause for concern about how the board, its members or others worked together to safeguard the adult. */
  concernAboutPartners: boolean;
  /** The adult has died (s44(2)) or is still alive (s44(3)). */
  adultDied: boolean;
  /** s44(2): abuse or neglect known or suspected (the death resulted from it); s44(3): the adult has experienced serious abuse or neglect, known or suspected. */
  abuseOrNeglect: boolean;
}

export type S44Basis = 's44(1)' | 's44(4)' | null;

/** Whether s44(1) makes a review mandatory: needs, concern about partners, and s44(2) or s44(3). */
export function s44Mandatory(a: S44Answers): boolean {
  return a.careAndSupportNeeds && a.concernAboutPartners && a.abuseOrNeglect;
}

/** Which criteria are met, in the Act's words, for the review's page and the audit. */
export function s44CriteriaMet(a: S44Answers): string[] {
  const met: string[] = [];
  if (a.careAndSupportNeeds) met.push('s44(1)(a): an adult with needs for care and support (whether or not the local authority has been meeting them)');
  if (a.concernAboutPartners) met.push('s44(1)(b): reasonable cause for concern about how the board, its members or others worked together to safeguard the adult');
  if (a.abuseOrNeglect && a.adultDied) met.push('s44(2): the adult has died and the board knows or suspects that the death resulted from abuse or neglect');
  if (a.abuseOrNeglect && !a.adultDied) met.push('s44(3): the adult is alive and the board knows or suspects that they have experienced serious abuse or neglect');
  return met;
}

/**
 * The basis of a SAR decision, or the problem with it: when s44(1)'s criteria are met the board must arrange a review
 * (mandatory); otherwise it may arrange one for any adult with needs for care and support (s44(4), discretionary);
 * without such needs s44 does not apply.
 */
export function sarDecision(a: S44Answers, decision: string): { basis: S44Basis } | { problem: string } {
  if (decision === 'sar') {
    if (s44Mandatory(a)) return { basis: 's44(1)' };
    if (a.careAndSupportNeeds) return { basis: 's44(4)' };
    return { problem: 'A safeguarding adults review is for an adult with needs for care and support (s44(1) and s44(4)): record the adult’s needs, or decide no review' };
  }
  if (s44Mandatory(a)) return { problem: 'The criteria in s44(1) are met: the board must arrange a safeguarding adults review' };
  return { basis: null };
}

// ——— child death reviews ———

/** The National Child Mortality Database's categories of death (1–10). */
export const CDOP_CATEGORIES = list({
  '1': '1. Deliberately inflicted injury, abuse or neglect',
  '2': '2. Suicide or deliberate self-inflicted harm',
  '3': '3. Trauma and other external factors',
  '4': '4. Malignancy',
  '5': '5. Acute medical or surgical condition',
  '6': '6. Chronic medical condition',
  '7': '7. Chromosomal, genetic and congenital anomalies',
  '8': '8. Perinatal or neonatal event',
  '9': '9. Infection',
  '10': '10. Sudden unexpected, unexplained death',
});

export const MODIFIABLE_FACTORS = list({ yes: 'Yes: modifiable factors identified', no: 'No modifiable factors identified', insufficient: 'Insufficient information' });

// ——— the steps and what each needs ———

export type ReviewStep = 'notification' | 'rapid' | 'panel' | 'lcspr' | 'decision' | 'sar' | 'cdop' | 'terms' | 'agencies' | 'findings' | 'report' | 'hold' | 'release' | 'publish' | 'close' | 'plan';

export interface ReviewState {
  kind: ReviewKind;
  stage: ReviewStage;
  decision: string | null;
  panelSentOn: LocalDate | null;
  publicationHeld: boolean;
  /** CDOP fields recorded (category, modifiable factors, learning). */
  cdopRecorded: boolean;
  findings: number;
  /** A rapid review whose LCSPR has been started. */
  hasLcspr: boolean;
}

const WORKING = new Set<ReviewStage>(['in_review', 'report']);
const DECIDED_KINDS = new Set<ReviewKind>(['sar', 'dhr']);

/** Why a step is not open on a review now, or null when it is. */
export function stepProblem(r: ReviewState, step: ReviewStep): string | null {
  if (r.stage === 'closed' && step !== 'lcspr' && step !== 'plan') return 'This review is closed';
  switch (step) {
    case 'notification':
      if (r.kind !== 'rapid_review') return 'Only a serious incident is notified to the Panel';
      return r.stage === 'notified' ? null : 'The notification has been recorded';
    case 'rapid':
      if (r.kind !== 'rapid_review') return 'This step is for a rapid review';
      if (r.stage === 'notified') return 'Record the notification to the Panel first';
      return r.decision ? 'The rapid review has been recorded' : null;
    case 'panel':
      if (r.kind !== 'rapid_review') return 'This step is for a rapid review';
      if (!r.decision) return 'Record the rapid review and its decision first';
      return r.panelSentOn ? 'The decision has been sent to the Panel' : null;
    case 'lcspr':
      if (r.kind !== 'rapid_review') return 'An LCSPR is started from a rapid review';
      if (r.decision !== 'lcspr') return 'Start an LCSPR when the rapid review decides on one';
      return r.hasLcspr ? 'The LCSPR has been started' : null;
    case 'decision':
      if (r.kind !== 'dhr') return 'This step is for a domestic homicide review';
      return r.stage === 'notified' ? null : 'The decision has been recorded';
    case 'sar':
      if (r.kind !== 'sar') return 'This step is for a safeguarding adults review';
      return r.stage === 'notified' ? null : 'The decision has been recorded';
    case 'cdop':
      if (r.kind !== 'child_death_review') return 'This step is for a child death review';
      return null;
    case 'terms':
    case 'agencies':
      if (r.kind === 'rapid_review' || r.kind === 'child_death_review') return 'This step is for a review with terms of reference';
      return WORKING.has(r.stage) ? null : DECIDED_KINDS.has(r.kind) && r.stage === 'notified' ? 'Record the decision to hold the review first' : 'The review is past this step';
    case 'findings':
      return WORKING.has(r.stage) || (r.kind === 'rapid_review' && r.stage === 'rapid_review') ? null : 'Findings are added while the review is under way';
    case 'report':
      if (!publishes(r.kind)) return 'This kind of review has no report to send';
      if (r.stage === 'notified') return 'Record the decision to hold the review first';
      return r.stage === 'in_review' ? null : 'The report has been sent';
    case 'hold':
      if (!publishes(r.kind)) return 'This kind of review is not published';
      if (r.publicationHeld) return 'Publication is already held';
      return WORKING.has(r.stage) ? null : 'Publication can be held while the review is under way';
    case 'release':
      return r.publicationHeld ? null : 'Publication is not held';
    case 'publish':
      if (!publishes(r.kind)) return 'This kind of review is not published';
      if (r.publicationHeld) return 'Publication is held for criminal proceedings: release it before publishing';
      if (r.stage === 'in_review' || r.stage === 'notified') return 'Send the final report before publishing';
      return r.stage === 'report' ? null : 'The review has been published';
    case 'close':
      return closeProblem(r);
    case 'plan':
      return r.findings > 0 ? null : 'Add the review’s findings before making its action plan';
  }
}

function closeProblem(r: ReviewState): string | null {
  if (r.kind === 'rapid_review') return 'A rapid review closes when its decision is sent to the Panel';
  if (r.kind === 'child_death_review') return r.cdopRecorded ? null : 'Record the category of death, modifiable factors and learning before closing';
  if (r.publicationHeld) return 'Publication is held for criminal proceedings: release and publish it before closing';
  return r.stage === 'published' ? null : 'Publish the review before closing it';
}

export const STEP_ORDER: readonly ReviewStep[] = ['notification', 'rapid', 'panel', 'lcspr', 'decision', 'sar', 'cdop', 'terms', 'agencies', 'findings', 'report', 'hold', 'release', 'publish', 'close', 'plan'];

/** The steps open on a review now, in the order they are shown. */
export function openSteps(r: ReviewState): ReviewStep[] {
  return STEP_ORDER.filter((s) => stepProblem(r, s) === null);
}

/** The stage after a decision: the review goes ahead, or the matter closes. */
export function stageAfterDecision(decision: string): ReviewStage {
  return decision === 'dhr' || decision === 'sar' ? 'in_review' : 'closed';
}

// ——— dates ———

/** Problems with a date that must be in the past and on or after another (both calendar dates). */
export function dateProblem(field: { name: string; label: string }, date: LocalDate, bounds: { notBefore?: { date: LocalDate | null; label: string }; today: LocalDate }): Record<string, string> {
  if (!isLocalDate(date)) return { [field.name]: `${field.label} must be a real date` };
  if (date > bounds.today) return { [field.name]: `${field.label} must be today or in the past` };
  const nb = bounds.notBefore;
  if (nb?.date && date < nb.date) return { [field.name]: `${field.label} must be on or after ${nb.label}` };
  return {};
}

/** The new incident's dates: it happened, then the local authority learned of it, both in the past. */
export function incidentProblems(input: { incidentOn: LocalDate; learnedOn: LocalDate; today: LocalDate }): Record<string, string> {
  return {
    ...dateProblem({ name: 'incidentOn', label: 'The date of the incident' }, input.incidentOn, { today: input.today }),
    ...dateProblem({ name: 'learnedOn', label: 'The date the local authority learned of it' }, input.learnedOn, { today: input.today, notBefore: { date: input.incidentOn, label: 'the incident' } }),
  };
}

// ——— clocks ———

export type ClockCode = 'notification' | 'rapid_review' | 'panel' | 'dhr_decision' | 'publication';
export type ClockState = 'met' | 'late' | 'overdue' | 'due' | 'held';

export interface Clock {
  code: ClockCode;
  title: string;
  dueOn: LocalDate;
  doneOn: LocalDate | null;
  state: ClockState;
  /** Where the timescale comes from. */
  source: string;
}

export interface ReviewDates {
  kind: ReviewKind;
  stage: ReviewStage;
  learnedOn: LocalDate | null;
  notifiedOn: LocalDate | null;
  notificationDueOn: LocalDate | null;
  rapidReviewDueOn: LocalDate | null;
  rapidReviewHeldOn: LocalDate | null;
  decision: string | null;
  decidedOn: LocalDate | null;
  panelSentOn: LocalDate | null;
  publicationDueOn: LocalDate | null;
  publicationHeld: boolean;
  publishedOn: LocalDate | null;
}

export const CLOCK_TITLES: Record<ClockCode, string> = {
  notification: 'Serious incident notified to the Panel',
  rapid_review: 'Rapid review held',
  panel: 'Rapid review’s decision sent to the Panel',
  dhr_decision: 'Decision on a domestic homicide review',
  publication: 'Final report published',
};

function stateOf(dueOn: LocalDate, doneOn: LocalDate | null, today: LocalDate, held = false): ClockState {
  if (doneOn) return doneOn <= dueOn ? 'met' : 'late';
  if (held) return 'held';
  return today > dueOn ? 'overdue' : 'due';
}

/**
 * A review's clocks with their due dates and states. The DHR's decision is due `dhrMonths` after the community
 * safety partnership learned of the death; the others' due dates are stored when their clock starts. A clock
 * whose start has not happened is not shown; publication held for criminal proceedings is held, not overdue.
 */
export function clocksOf(r: ReviewDates, today: LocalDate, sources: { dhrMonths: number; source: (code: ClockCode) => string }): Clock[] {
  const out: Clock[] = [];
  const add = (code: ClockCode, dueOn: LocalDate | null, doneOn: LocalDate | null, held = false) => {
    if (dueOn) out.push({ code, title: CLOCK_TITLES[code], dueOn, doneOn, state: stateOf(dueOn, doneOn, today, held), source: sources.source(code) });
  };
  if (r.kind === 'rapid_review') {
    add('notification', r.notificationDueOn, r.notifiedOn);
    add('rapid_review', r.rapidReviewDueOn, r.rapidReviewHeldOn);
    add('panel', r.rapidReviewDueOn, r.panelSentOn);
  }
  if (r.kind === 'dhr' && r.learnedOn) add('dhr_decision', addMonths(r.learnedOn, sources.dhrMonths), r.decidedOn);
  if (publishes(r.kind)) add('publication', r.publicationDueOn, r.publishedOn, r.publicationHeld);
  return out;
}

/** Clocks that are overdue, or due on or before `horizon` (the home page's next 5 working days). */
export function clocksNeedingAttention(clocks: readonly Clock[], horizon: LocalDate): Clock[] {
  return clocks.filter((c) => c.state === 'overdue' || (c.state === 'due' && c.dueOn <= horizon));
}

