/**
 * The children missing education (CME) quarterly scorecard and the designated officer's (LADO's) annual figures,
 * each a definition as data like every other measure (`definitions.ts`, ADR 0006). Their facts come from the CME
 * and LADO records (`features/measures/cme-sources.ts`, `lado-sources.ts`); the code lists they count by are the
 * services' own (`domain/cme.ts`, `domain/lado.ts`), imported, never copied.
 *
 * The seed report's CME scorecard is quarterly (new referrals as children and as families, recurrence, cases open at
 * the end of the quarter, cases resolved by outcome code, referrals by resident locality, phase, year group, free
 * school meals and ethnicity); its LADO figures are for the financial year (allegations progressed to the LADO
 * process, advice queries, by category, sector and outcome, cases still open).
 *
 * Counts of what happened (referrals, closures, decisions, outcomes) add up by month, so they are shown by quarter,
 * financial year, rolling 12 months and month. Families are counted once in each quarter, so only by quarter. The
 * numbers "at the end of" a period (cases open, allegations open over 3 months) are one fact per record and month
 * end, shown by month: the boards read the last month of the quarter or year.
 */
import { CME_ETHNICITIES, NOT_RECORDED as CME_NOT_RECORDED, OUTCOME_CODES, PHASES, REFUSED, YEAR_GROUPS } from '../cme.js';
import { type Code } from '../codes.js';
import { LADO_CATEGORIES, LADO_DECISIONS, LADO_OUTCOMES, LADO_SECTORS } from '../lado.js';
import type { Dimension, MeasureDefinition } from './definitions.js';
import type { PeriodType } from './periods.js';

const ACTIVITY_QUARTERLY: readonly PeriodType[] = ['quarter', 'financial_year', 'rolling_12_months', 'month'];
const ACTIVITY_ANNUAL: readonly PeriodType[] = ['financial_year', 'rolling_12_months', 'quarter', 'month'];
const AT_MONTH_END: readonly PeriodType[] = ['month'];

const CME_GUIDANCE = 'Education Act 1996 s436A; DfE, Children missing education: statutory guidance for local authorities (September 2016)';
const CME_SCORECARD = 'Local measure: the seed report’s CME quarterly scorecard (Early Help, Children Missing from Education, December 2018)';
const LADO_GUIDANCE = 'Working Together to Safeguard Children (2023), chapter 2; Keeping Children Safe in Education (2024), part 4';
const LADO_REPORT = 'Local measure: the seed LSCB annual report 2017/18, section 7 (Safer Workforce)';

/** Words for "nothing recorded" in a breakdown (the engine shows a missing value this way too). */
export const NONE_RECORDED = 'Not recorded';
/** The resident locality of a referral whose postcode is in no locality of the area (or has none). */
export const NO_LOCALITY = 'No locality registered or outside the area';

/** Ethnicity as the CME breakdown shows it: the DfE labels, with "not recorded" and "refused" kept apart and said plainly. */
export const CME_ETHNICITY_LABELS: readonly Code[] = CME_ETHNICITIES.map((c) =>
  c.code === CME_NOT_RECORDED ? { code: c.code, label: 'Not recorded (information not yet obtained)' } : c.code === REFUSED ? { code: c.code, label: 'Refused (the parent’s choice)' } : c,
);

/** The advice decisions (the queries that did not progress to the LADO process). */
export const LADO_ADVICE_DECISIONS: readonly string[] = ['advice', 'another_area'];

/** Months an allegation may stay open before it counts as open over the resolution timescale (the timescale's default). */
export const LADO_RESOLUTION_TIMESCALE = 'lado.resolution';

/**
 * A table under a board's figures: one measure split by the slot of its facts that holds a characteristic (the
 * engine's fact columns are shared by every measure; these slots are named here, not offered as the engine's generic
 * breakdowns, whose labels would mislead), every code in its list's order.
 */
export interface BoardTable {
  key: string;
  heading: string;
  measureId: string;
  slot: Dimension;
  /** The rows in order; null where the rows are whatever the facts hold (localities are the area's own). */
  codes: readonly Code[] | null;
  /** A row for facts with nothing recorded, shown last. */
  noneLabel: string;
}

const yearGroupLabels: readonly Code[] = YEAR_GROUPS.map((y) => ({ code: y.code, label: y.label }));

export const CME_TABLES: readonly BoardTable[] = [
  { key: 'locality', heading: 'Children referred by resident locality', measureId: 'cme_referrals', slot: 'locality', codes: null, noneLabel: NO_LOCALITY },
  { key: 'phase', heading: 'Children referred by phase', measureId: 'cme_referrals', slot: 'risk_level', codes: PHASES, noneLabel: NONE_RECORDED },
  { key: 'year_group', heading: 'Children referred by year group', measureId: 'cme_referrals', slot: 'age_band', codes: yearGroupLabels, noneLabel: NONE_RECORDED },
  { key: 'ethnicity', heading: 'Children referred by ethnicity', measureId: 'cme_referrals', slot: 'ethnicity', codes: CME_ETHNICITY_LABELS, noneLabel: NONE_RECORDED },
  { key: 'outcome', heading: 'Cases resolved by outcome code', measureId: 'cme_resolved', slot: 'risk_level', codes: OUTCOME_CODES, noneLabel: NONE_RECORDED },
];

export const LADO_TABLES: readonly BoardTable[] = [
  { key: 'category', heading: 'Allegations progressed to the LADO process by category', measureId: 'lado_allegations', slot: 'risk_level', codes: LADO_CATEGORIES, noneLabel: NONE_RECORDED },
  { key: 'sector', heading: 'Allegations progressed to the LADO process by employing sector', measureId: 'lado_allegations', slot: 'age_band', codes: LADO_SECTORS, noneLabel: NONE_RECORDED },
  { key: 'outcome', heading: 'Outcomes of allegations', measureId: 'lado_outcomes', slot: 'risk_level', codes: LADO_OUTCOMES, noneLabel: NONE_RECORDED },
  {
    key: 'advice',
    heading: 'Queries that did not progress',
    measureId: 'lado_advice',
    slot: 'risk_level',
    codes: LADO_DECISIONS.filter((d) => LADO_ADVICE_DECISIONS.includes(d.code)),
    noneLabel: NONE_RECORDED,
  },
];

export const CME_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'cme_referrals',
    version: 1,
    title: 'Children referred as missing education',
    description: 'How many new referrals of a child missing education the service received: one for each child referred, whoever referred them (a school, admissions, another authority, the front door).',
    follows: {
      text: 'CME referrals by the London date they were made, one for each referral of a child (a child referred twice in the period counts twice).',
      source: `${CME_SCORECARD}: new CME referrals (children); ${CME_GUIDANCE}`,
    },
    unit: 'count',
    numerator: 'New CME referrals in the period',
    periods: ACTIVITY_QUARTERLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'locality', 'gender'],
    source: 'cme_referrals',
  },
  {
    id: 'cme_families',
    version: 1,
    title: 'Families referred as missing education',
    description: 'How many families the new referrals in the quarter were about: brothers and sisters referred together, or in the same quarter, count as one family.',
    follows: {
      text: 'Distinct families (the referral’s family, or the child alone) with a CME referral made in the quarter, each family once in each quarter, counted on the London date of its first referral in the quarter.',
      source: `${CME_SCORECARD}: new CME referrals (families)`,
    },
    unit: 'count',
    numerator: 'Families with a new CME referral in the quarter',
    periods: ['quarter'],
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['locality'],
    source: 'cme_families',
  },
  {
    id: 'cme_recurrent',
    version: 1,
    title: 'Children referred with a previous closed episode',
    description: 'Of the new referrals in the period, the share for a child who had been missing education before, in an episode already closed — recurrence, often of families who move away and return.',
    follows: {
      text: 'New CME referrals in the period for a child (the same child after any merge of their record) with another CME referral closed before this one was made, over all new CME referrals in the period. Rounded to one decimal place, half away from zero.',
      source: `${CME_SCORECARD}: children known to have previous episodes of CME that were closed`,
    },
    unit: 'percent',
    numerator: 'New referrals of a child with a previous closed episode',
    denominator: 'New CME referrals in the period',
    periods: ACTIVITY_QUARTERLY,
    defaultPeriod: 'quarter',
    polarity: 'down',
    decimals: 1,
    breakdowns: ['agency', 'locality', 'gender'],
    source: 'cme_recurrent',
  },
  {
    id: 'cme_open',
    version: 1,
    title: 'CME cases open at the end of the month',
    description: 'How many referrals of a child missing education were still open at the end of the month: the child not yet found, or enquiries not yet exhausted. The CME scorecard reads the last month of the quarter.',
    follows: {
      text: 'CME referrals made on or before the last day of the month and not closed by the end of it (London dates), one for each referral.',
      source: `${CME_SCORECARD}: active cases that remained open to CME at the end of the reporting period`,
    },
    unit: 'count',
    numerator: 'CME referrals open at the end of the month',
    periods: AT_MONTH_END,
    defaultPeriod: 'month',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['locality', 'gender'],
    source: 'cme_open',
  },
  {
    id: 'cme_resolved',
    version: 1,
    title: 'CME cases resolved',
    description: 'How many referrals of a child missing education were closed in the period, each with its outcome code: where the child was found, or that enquiries were exhausted or the child left the UK.',
    follows: {
      text: 'CME referrals closed in the period, by the London date of closure, one for each referral, with the outcome code recorded on closure.',
      source: `${CME_SCORECARD}: resolved cases and their outcome codes; ${CME_GUIDANCE}`,
    },
    unit: 'count',
    numerator: 'CME referrals closed in the period',
    periods: ACTIVITY_QUARTERLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['locality', 'gender'],
    source: 'cme_resolved',
  },
  {
    id: 'cme_fsm',
    version: 1,
    title: 'Children referred as missing education eligible for free school meals',
    description: 'Of the new referrals in the period, the share for a child eligible for free school meals (asked for by elected members, to see whether the CME cohort is poorer than others).',
    follows: {
      text: 'New CME referrals in the period whose child was recorded as eligible for free school meals, over all new CME referrals in the period (those with eligibility not recorded count underneath only).',
      source: `${CME_SCORECARD}: children within the CME cohort eligible for free school meals`,
    },
    unit: 'percent',
    numerator: 'New referrals of a child eligible for free school meals',
    denominator: 'New CME referrals in the period',
    periods: ACTIVITY_QUARTERLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 1,
    breakdowns: ['locality'],
    source: 'cme_fsm',
  },
  {
    id: 'cme_ethnicity_not_recorded',
    version: 1,
    title: 'Children referred as missing education with ethnicity not recorded',
    description: 'Of the new referrals in the period, the share whose ethnicity was not recorded (information not yet obtained). A parent’s refusal to give it is their right and is counted apart, not here.',
    follows: {
      text: 'New CME referrals in the period with the DfE ethnicity code NOBT (information not yet obtained), over all new CME referrals in the period. Referrals coded REFU (refused) are in the denominator only.',
      source: `${CME_SCORECARD}: ethnicity unclassified; DfE school census ethnicity codes (REFU, NOBT)`,
    },
    unit: 'percent',
    numerator: 'New referrals with ethnicity not recorded',
    denominator: 'New CME referrals in the period',
    periods: ACTIVITY_QUARTERLY,
    defaultPeriod: 'quarter',
    polarity: 'down',
    decimals: 1,
    breakdowns: ['locality'],
    source: 'cme_ethnicity_not_recorded',
  },
];

export const LADO_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'lado_allegations',
    version: 1,
    title: 'Allegations progressed to the LADO process',
    description: 'How many allegations against people who work with children met the harm test and progressed to the LADO process (allegation management).',
    follows: {
      text: 'Allegations whose threshold decision was “progress to the LADO process”, by the London date of the decision, one for each allegation.',
      source: `${LADO_REPORT}: enquiries progressed to the LADO process; ${LADO_GUIDANCE}`,
    },
    unit: 'count',
    numerator: 'Allegations progressed to the LADO process in the period',
    periods: ACTIVITY_ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_allegations',
  },
  {
    id: 'lado_advice',
    version: 1,
    title: 'LADO queries given advice (not progressed)',
    description: 'How many queries to the designated officer did not meet the harm test: advice and guidance were given, or the query was passed to another area’s LADO.',
    follows: {
      text: 'Allegations and queries whose threshold decision was “advice and guidance only” or “passed to another area’s LADO”, by the London date of the decision, one for each.',
      source: `${LADO_REPORT}: further queries taken in the year, advice and guidance provided`,
    },
    unit: 'count',
    numerator: 'Queries decided as advice only or passed to another area in the period',
    periods: ACTIVITY_ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_advice',
  },
  {
    id: 'lado_outcomes',
    version: 1,
    title: 'LADO allegations with an outcome',
    description: 'How many allegations in the LADO process reached their outcome — substantiated, unsubstantiated, unfounded, false or malicious.',
    follows: {
      text: 'Allegations with an outcome recorded, by the date of the outcome, one for each allegation, with the outcome (KCSIE part 4’s definitions).',
      source: `${LADO_REPORT}: the outcome of the investigations; ${LADO_GUIDANCE}`,
    },
    unit: 'count',
    numerator: 'Allegations with an outcome in the period',
    periods: ACTIVITY_ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_outcomes',
  },
  {
    id: 'lado_days_to_outcome',
    version: 1,
    title: 'Median days from referral to outcome (LADO)',
    description: 'For the allegations that reached their outcome in the period, the middle number of days from the referral reaching the LADO to the outcome. Most should be resolved within 3 months.',
    follows: {
      text: 'The median of the days from the London date the allegation was received to the date of its outcome, over the allegations with an outcome in the period; half days rounded up.',
      source: `${LADO_GUIDANCE}: allegations resolved as quickly as possible, most within 3 months`,
    },
    unit: 'median_days',
    numerator: 'Allegations with an outcome in the period',
    periods: ACTIVITY_ANNUAL,
    defaultPeriod: 'financial_year',
    polarity: 'down',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_outcomes',
  },
  {
    id: 'lado_open',
    version: 1,
    title: 'LADO allegations open at the end of the month',
    description: 'How many allegations in the LADO process had no outcome closed yet at the end of the month (the annual figures read the last month of the year).',
    follows: {
      text: 'Allegations progressed to the LADO process on or before the last day of the month and not closed by the end of it (London dates), one for each allegation.',
      source: `${LADO_REPORT}: incomplete outcomes, cases remaining under investigation`,
    },
    unit: 'count',
    numerator: 'Allegations in the LADO process open at the end of the month',
    periods: AT_MONTH_END,
    defaultPeriod: 'month',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_open',
  },
  {
    id: 'lado_open_over_3_months',
    version: 1,
    title: 'LADO allegations open more than 3 months at the end of the month',
    description: 'Of the allegations open at the end of the month, how many had been open longer than the resolution timescale (3 months unless the area has set another): each should carry its reason, often a police investigation.',
    follows: {
      text: 'Allegations in the LADO process and not closed at the end of the last day of the month whose receipt was more than the resolution timescale (months, “lado.resolution”) before that day, one for each allegation.',
      source: `${LADO_GUIDANCE}: most allegations resolved within 3 months; a case open longer needs its reason recorded`,
    },
    unit: 'count',
    numerator: 'Allegations open more than 3 months at the end of the month',
    periods: AT_MONTH_END,
    defaultPeriod: 'month',
    polarity: 'down',
    decimals: 0,
    breakdowns: ['agency'],
    source: 'lado_open_over_3_months',
  },
];

export const CME_LADO_MEASURES: readonly MeasureDefinition[] = [...CME_MEASURES, ...LADO_MEASURES];
