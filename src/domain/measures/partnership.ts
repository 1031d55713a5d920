/**
 * The partnership's own measures (issue 17 §7): multi-agency training and its 3-month impact, the self-assessments'
 * completion and per-standard compliance, the action tracker, board attendance and learning reviews — each a
 * definition as data like every other measure (`definitions.ts`, ADR 0006), its facts worked out from the
 * partnership's records (`features/measures/partnership-sources.ts`).
 *
 * Each figure belongs to a board. A fact carries its "scope" (the course's board, the framework, the plan's or
 * review's board) in the locality slot of the engine's shared fact columns, and each board reads the scopes it owns
 * (`BOARD_SCOPES`): a course for "both" boards counts for the children's and the adults' board, a joint plan for all
 * three, the joint self-assessment for the children's and the adults' board (each standard for the board it
 * answers to). The area's own figure on a measure's page is every scope once.
 *
 * The other slots hold, per measure, what the board's tables split by (`PARTNERSHIP_SLOTS`): the agency type of a
 * trainee, a return's completion band, a standard, a review's kind and stage, a course's title, an action's RAG.
 */
import type { MeasureDefinition } from './definitions.js';
import type { PeriodType } from './periods.js';

export const PARTNERSHIP_BOARDS = {
  children: 'Children’s safeguarding partnership',
  adults: 'Safeguarding adults board',
  community_safety: 'Community safety partnership',
} as const;
export type PartnershipBoard = keyof typeof PARTNERSHIP_BOARDS;

export function isPartnershipBoard(x: unknown): x is PartnershipBoard {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(PARTNERSHIP_BOARDS, x);
}

/** What a fact's scope is drawn from. */
export type ScopeFamily = 'training' | 'sa_return' | 'sa_answer' | 'action' | 'review' | 'attendance';

/**
 * The scopes each board reads. Training: the course's board (children | adults | both | domestic_abuse).
 * Self-assessment returns: the framework (s11 | s175 | vcs | joint | da); answers: the framework, and for the joint
 * tool the board its standard answers to (joint:children | joint:adults | joint:both). Plans and reviews: their
 * board kind (joint plans are every board's). Attendance: the board the meeting's group belongs to.
 */
export const BOARD_SCOPES: Record<PartnershipBoard, Record<ScopeFamily, readonly string[]>> = {
  children: {
    training: ['children', 'both'],
    sa_return: ['s11', 's175', 'vcs', 'joint'],
    sa_answer: ['s11', 's175', 'vcs', 'joint:children', 'joint:both'],
    action: ['children', 'joint'],
    review: ['children', 'joint'],
    attendance: ['children'],
  },
  adults: {
    training: ['adults', 'both'],
    sa_return: ['joint'],
    sa_answer: ['joint:adults', 'joint:both'],
    action: ['adults', 'joint'],
    review: ['adults', 'joint'],
    attendance: ['adults'],
  },
  community_safety: {
    training: ['domestic_abuse'],
    sa_return: ['da'],
    sa_answer: ['da'],
    action: ['community_safety', 'joint'],
    review: ['community_safety', 'joint'],
    attendance: ['community_safety'],
  },
};

export const COURSE_KINDS: readonly { code: string; label: string }[] = [
  { code: 'children', label: 'Children’s courses' },
  { code: 'adults', label: 'Adults’ courses' },
  { code: 'both', label: 'Children’s and adults’ courses' },
  { code: 'domestic_abuse', label: 'Domestic abuse courses' },
];

export const FRAMEWORK_LABELS: Record<string, string> = {
  s11: 'Section 11 (agencies)',
  s175: 'Section 175 (schools)',
  vcs: 'Voluntary and community sector',
  joint: 'Joint children’s and adults’',
  da: 'Domestic abuse',
};

// ——— self-assessment completion bands ———

/** The seed report's completion bands, in its order. */
export const COMPLETION_BANDS = [
  { code: 'complete', label: '90–100% complete' },
  { code: 'over_half', label: 'Over 50% complete' },
  { code: 'up_to_half', label: 'Up to 50% complete' },
  { code: 'not_started', label: 'Not started' },
] as const;
export type CompletionBand = (typeof COMPLETION_BANDS)[number]['code'];

/**
 * A return's completion band from the standards answered out of the framework's standards: 90% or more is
 * "90–100%", more than 50% "over 50%", anything answered up to 50% "up to 50%", nothing answered "not started"
 * (a framework with no standards has nothing to answer: not started).
 */
export function completionBand(answered: number, standards: number): CompletionBand {
  if (standards <= 0 || answered <= 0) return 'not_started';
  const share = Math.min(answered, standards) / standards;
  if (share >= 0.9) return 'complete';
  if (share > 0.5) return 'over_half';
  return 'up_to_half';
}

export const bandLabel = (band: string): string => COMPLETION_BANDS.find((b) => b.code === band)?.label ?? band;

// ——— the action tracker now ———

export type ActionState = 'completed' | 'overdue' | 'on_track' | 'cancelled';

/** Where an action stands on a day: completed, cancelled, overdue (open past its due date), or on track (open, not yet due). */
export function actionState(status: string, dueOn: string, today: string): ActionState {
  if (status === 'completed') return 'completed';
  if (status === 'cancelled') return 'cancelled';
  return dueOn < today ? 'overdue' : 'on_track';
}

// ——— board attendance ———

/** Attendance counts when the member came or sent a deputy. */
export const ATTENDED_STATUSES: readonly string[] = ['attended', 'deputy'];

/** The attendance table's mark for a member's status at a meeting (the seed report's: blank attended, D deputy, Aps apologies, x absent). */
export function attendanceMark(status: string | null | undefined): string {
  switch (status) {
    case 'attended':
      return 'A';
    case 'deputy':
      return 'D';
    case 'apologies':
      return 'Aps';
    case 'absent':
      return 'x';
    default:
      return '';
  }
}

/** Attended or deputy over expected, as a whole per cent (no figure when nobody was expected). */
export function attendancePercent(attendedOrDeputy: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.round((attendedOrDeputy / expected) * 100);
}

// ——— learning reviews ———

export const REVIEW_KINDS: readonly { code: string; label: string }[] = [
  { code: 'rapid_review', label: 'Rapid review' },
  { code: 'lcspr', label: 'Local child safeguarding practice review' },
  { code: 'sar', label: 'Safeguarding adults review' },
  { code: 'dhr', label: 'Domestic homicide review' },
  { code: 'practice_review', label: 'Practice / lessons learned review' },
  { code: 'child_death_review', label: 'Child death review' },
];

export const REVIEW_STAGES: readonly { code: string; label: string }[] = [
  { code: 'notified', label: 'Notified' },
  { code: 'rapid_review', label: 'Rapid review' },
  { code: 'in_review', label: 'In review' },
  { code: 'report', label: 'Report' },
  { code: 'published', label: 'Published' },
  { code: 'closed', label: 'Closed' },
];

// ——— the definitions ———

const ANNUAL: readonly PeriodType[] = ['financial_year', 'quarter', 'rolling_12_months', 'month'];
const SEED = 'Local measure: the seed LSCB and SAB annual reports 2017/18';
const WT = 'Working Together to Safeguard Children (2023)';

/** Which family of scopes each measure's facts carry (so a board knows which of its scopes to read). */
export const MEASURE_FAMILY: Record<string, ScopeFamily> = {
  pship_training_attended: 'training',
  pship_training_dna: 'training',
  pship_elearning_completed: 'training',
  pship_impact_answered: 'training',
  pship_impact_used: 'training',
  pship_sa_complete: 'sa_return',
  pship_sa_green: 'sa_answer',
  pship_actions_on_time: 'action',
  pship_board_attendance: 'attendance',
  pship_reviews: 'review',
  pship_rapid_reviews_in_time: 'review',
  pship_notifications_in_time: 'review',
};

/**
 * What the text slots of each measure's facts hold (the engine's slot names are shared by every measure; these
 * are named here for the board's tables, not offered as generic breakdowns).
 */
export const PARTNERSHIP_SLOTS: Record<string, { age_band?: string; risk_level?: string; ethnicity?: string }> = {
  pship_training_attended: { age_band: 'Agency type', risk_level: 'Course' },
  pship_training_dna: { age_band: 'Agency type', risk_level: 'Course' },
  pship_elearning_completed: { age_band: 'Agency type', risk_level: 'Course' },
  pship_impact_answered: { age_band: 'Agency type', risk_level: 'Course' },
  pship_impact_used: { age_band: 'Agency type', risk_level: 'Course' },
  pship_sa_complete: { age_band: 'Completion band', risk_level: 'Framework' },
  pship_sa_green: { age_band: 'Standard', risk_level: 'Framework' },
  pship_actions_on_time: { age_band: 'RAG', risk_level: 'Source' },
  pship_board_attendance: { risk_level: 'Meeting' },
  pship_reviews: { age_band: 'Kind', risk_level: 'Stage' },
  pship_rapid_reviews_in_time: { age_band: 'Kind' },
  pship_notifications_in_time: { age_band: 'Kind' },
};

export const PARTNERSHIP_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'pship_training_attended',
    version: 1,
    title: 'Places attended on multi-agency training',
    description: 'How many professionals attended the partnership’s courses (face to face, webinars and e-learning), one for each place attended.',
    follows: {
      text: 'Bookings marked attended on a session (not cancelled) that started in the period (London date of the session’s start), one for each booking; a person on two courses counts twice.',
      source: `${SEED}: professionals trained (2,410 on the children’s courses, 1,058 on the adults’); ${WT}, chapter 2`,
    },
    unit: 'count',
    numerator: 'Bookings attended on sessions in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'pship_training_attended',
  },
  {
    id: 'pship_training_dna',
    version: 1,
    title: 'Training places not attended',
    description: 'Of the places on sessions whose register was taken, the share where the person booked did not come: places another professional could have had.',
    follows: {
      text: 'Bookings marked did not attend, over bookings marked attended or did not attend, on sessions (not cancelled) that started in the period. Cancelled bookings are in neither.',
      source: `${SEED}: did not attend`,
    },
    unit: 'percent',
    numerator: 'Bookings marked did not attend',
    denominator: 'Bookings marked attended or did not attend on sessions in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'down',
    target: { value: 10, tolerance: 5 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_training_dna',
  },
  {
    id: 'pship_elearning_completed',
    version: 1,
    title: 'E-learning completions',
    description: 'How many partnership e-learning courses were completed.',
    follows: {
      text: 'Bookings marked attended (completed) on e-learning courses, by the London date the session started, one for each booking.',
      source: `${SEED}: e-learning completions`,
    },
    unit: 'count',
    numerator: 'E-learning bookings completed in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'pship_elearning_completed',
  },
  {
    id: 'pship_impact_answered',
    version: 1,
    title: 'Impact questionnaires answered at 3 months',
    description: 'Of the professionals sent the 3-month impact questionnaire, the share who answered it.',
    follows: {
      text: 'Bookings whose 3-month impact questionnaire was sent in the period (London date sent) and has been answered, over all bookings whose questionnaire was sent in the period.',
      source: `${SEED}: the impact of training after 3 months`,
    },
    unit: 'percent',
    numerator: 'Questionnaires answered',
    denominator: 'Questionnaires sent in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 50, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_impact_answered',
  },
  {
    id: 'pship_impact_used',
    version: 1,
    title: 'Trainees who used the learning in practice',
    description: 'Of the professionals who answered the 3-month impact questionnaire, the share who said they had used the learning in their practice.',
    follows: {
      text: 'Impact questionnaires answered in the period (London date answered) saying the learning was used in practice, over all questionnaires answered in the period.',
      source: `${SEED}: respondents could evidence improvement in their practice`,
    },
    unit: 'percent',
    numerator: 'Answers saying the learning was used',
    denominator: 'Questionnaires answered in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 75, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_impact_used',
  },
  {
    id: 'pship_sa_complete',
    version: 1,
    title: 'Self-assessments 90–100% complete',
    description: 'Of the organisations asked for a self-assessment (S11, S175, the voluntary sector’s, the joint or the DA tool) in rounds opened in the period, the share whose return is 90–100% complete.',
    follows: {
      text: 'Returns in rounds opened in the period (London date opened) with answers to 90% or more of the framework’s standards, over all returns in those rounds. The other bands: over 50%, up to 50%, not started (nothing answered).',
      source: `${SEED}: progress towards completion of the self-assessment (5 of 24 VCS organisations and 67 of 129 schools 90–100%); Children Act 2004 s11; Education Act 2002 s175`,
    },
    unit: 'percent',
    numerator: 'Returns 90–100% complete',
    denominator: 'Returns asked for in rounds opened in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 90, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_sa_complete',
  },
  {
    id: 'pship_sa_green',
    version: 1,
    title: 'Self-assessment standards met (green)',
    description: 'Of the standards answered in the self-assessment returns, the share the organisation rated green (met).',
    follows: {
      text: 'Answers rated green, over all answers, in returns of rounds opened in the period (London date opened); by standard, the same for each standard.',
      source: `${SEED}: per-standard compliance of the schools’ S175 returns`,
    },
    unit: 'percent',
    numerator: 'Answers rated green',
    denominator: 'Answers in returns of rounds opened in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 80, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_sa_green',
  },
  {
    id: 'pship_actions_on_time',
    version: 1,
    title: 'Partnership actions completed by their due date',
    description: 'Of the actions on the tracker due in the period, the share completed on or before their due date.',
    follows: {
      text: 'Actions (not cancelled) due in the period, completed on or before the due date, over all actions (not cancelled) due in the period, by the owner agency.',
      source: 'Local measure: the peer review’s recommendation 1 (“a much smaller number of game changing actions”) and the boards’ action tracker',
    },
    unit: 'percent',
    numerator: 'Actions completed by their due date',
    denominator: 'Actions due in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 80, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_actions_on_time',
  },
  {
    id: 'pship_board_attendance',
    version: 1,
    title: 'Board attendance',
    description: 'Of the members expected at the board’s meetings, the share who attended or sent a deputy.',
    follows: {
      text: 'Attendance records at the board’s own meetings (its main group; not cancelled, held in the period by London date) marked attended or deputy, over all attendance records at those meetings (each member expected once per meeting).',
      source: `${SEED}: appendix 1, board member attendance; ${WT}, chapter 2 (the safeguarding partners’ arrangements)`,
    },
    unit: 'percent',
    numerator: 'Members attended or sent a deputy',
    denominator: 'Members expected at the meetings held in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 75, tolerance: 10 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'pship_board_attendance',
  },
  {
    id: 'pship_reviews',
    version: 1,
    title: 'Learning reviews begun',
    description: 'How many learning reviews (rapid reviews, LCSPRs, SARs, DHRs, practice reviews, child death reviews) began in the period, by kind and the stage each has reached.',
    follows: {
      text: 'Learning reviews by the London date they began: the serious incident notification, else the date the area learned of it, else the incident; one for each review.',
      source: `${SEED}: serious case reviews, lessons learned reviews and child death reviews; ${WT}, chapter 5; Care Act 2014 s44`,
    },
    unit: 'count',
    numerator: 'Learning reviews begun in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: [],
    source: 'pship_reviews',
  },
  {
    id: 'pship_rapid_reviews_in_time',
    version: 1,
    title: 'Rapid reviews within 15 working days',
    description: 'Of the rapid reviews held in the period, the share held within 15 working days of the serious incident notification.',
    follows: {
      text: 'Reviews whose rapid review meeting was held in the period on or before its due date (15 working days after the notification, by the area’s working-day calendar), over all rapid reviews held in the period.',
      source: `${WT}, chapter 5: a rapid review within 15 working days of the serious incident notification`,
    },
    unit: 'percent',
    numerator: 'Rapid reviews held by their due date',
    denominator: 'Rapid reviews held in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 100, tolerance: 10 },
    decimals: 1,
    breakdowns: [],
    source: 'pship_rapid_reviews_in_time',
  },
  {
    id: 'pship_notifications_in_time',
    version: 1,
    title: 'Serious incident notifications within 5 working days',
    description: 'Of the serious incidents notified to the Child Safeguarding Practice Review Panel in the period, the share notified within 5 working days of the area learning of them.',
    follows: {
      text: 'Reviews notified in the period (London date) on or before the notification’s due date (5 working days after the area learned of the incident), over all reviews notified in the period with a due date.',
      source: `${WT}, chapter 5: notify the Panel within 5 working days of becoming aware of a serious incident`,
    },
    unit: 'percent',
    numerator: 'Notifications made by their due date',
    denominator: 'Notifications made in the period',
    periods: ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'up',
    target: { value: 100, tolerance: 10 },
    decimals: 1,
    breakdowns: [],
    source: 'pship_notifications_in_time',
  },
];

/** The scorecard's sections, in the order a board reads them. */
export const PARTNERSHIP_SECTIONS: readonly { key: string; heading: string; measures: readonly string[] }[] = [
  { key: 'training', heading: 'Multi-agency training', measures: ['pship_training_attended', 'pship_training_dna', 'pship_elearning_completed', 'pship_impact_answered', 'pship_impact_used'] },
  { key: 'self_assessment', heading: 'Self-assessment', measures: ['pship_sa_complete', 'pship_sa_green'] },
  { key: 'actions', heading: 'The action tracker', measures: ['pship_actions_on_time'] },
  { key: 'attendance', heading: 'Board attendance', measures: ['pship_board_attendance'] },
  { key: 'reviews', heading: 'Learning reviews', measures: ['pship_reviews', 'pship_rapid_reviews_in_time', 'pship_notifications_in_time'] },
];

// ——— the public website ———

/**
 * How the public used the partnership's website (issue 18 §6): views of each public page in each language over the
 * board's year. Unlike the measures above it is not worked out from records one by one: the site keeps totals per
 * page, language and day (no cookies, no personal data), read through the public site's published read
 * (`features/public-site/published.ts`), so it is shown as a table under its own section, with its definition, on
 * every board's scorecard and in the annual report data pack. Reports made on the site are shown beside it by month.
 */
export const PUBLIC_SITE_MEASURE = {
  id: 'pship_public_page_views',
  title: 'Public website: page views by page and language',
  description: 'How many times each page of the public website (report a concern, find help, signs of abuse, campaigns) was viewed in the year, in each of the site’s languages.',
  follows: {
    text: 'Views of each public page (under /help) on London days in the financial year, counted by the server as each page is sent, by the language it was read in. No cookie, address or identifier is kept, so a person who reads a page twice counts twice; error pages are not counted.',
    source: `Local measure: the peer review’s recommendation 12 (“one front door” through one website); ${SEED}: visits to the website increased by 65%`,
  },
  section: { key: 'public_site', heading: 'Public website' },
} as const;
