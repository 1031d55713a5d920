/**
 * What a measure is: its definition as data, with the statutory or local definition it follows. Every measure in
 * Threshold — the front door's timeliness, the domestic abuse measures, the boards' scorecard — is one of these;
 * the numbers come from the records (see `features/measures/sources.ts`), never typed in.
 */
import { CHILD_MEASURES } from './children.js';
import { CME_LADO_MEASURES } from './cme-lado.js';
import { PARTNERSHIP_MEASURES } from './partnership.js';
import { type PeriodType } from './periods.js';

export type MeasureUnit = 'count' | 'percent' | 'rate_per_10k' | 'median_days';

export const UNITS: Record<MeasureUnit, { label: string; min: number; max: number }> = {
  count: { label: 'Count', min: 0, max: 10_000_000 },
  percent: { label: 'Per cent', min: 0, max: 100 },
  rate_per_10k: { label: 'Rate per 10,000', min: 0, max: 10_000 },
  median_days: { label: 'Median days', min: 0, max: 3650 },
};

/** Higher is better, lower is better, or neither (activity to watch, not to push). */
export type Polarity = 'up' | 'down' | 'neutral';

/** Populations a rate can be per 10,000 of (mid-year estimates, by authority and year). */
export const POPULATION_GROUPS = {
  children_0_17: 'Children aged 0 to 17',
  women_16_plus: 'Women aged 16 and over',
  adults_18_plus: 'Adults aged 18 and over',
  adults_65_plus: 'Adults aged 65 and over',
} as const;
export type PopulationGroup = keyof typeof POPULATION_GROUPS;

/** Ways a figure can be broken down, where the records carry it. */
export const DIMENSIONS = {
  agency: 'Agency',
  locality: 'Locality',
  age_band: 'Age band',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  risk_level: 'Risk level',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** Comparators boards use: statistical neighbours, England, the top quartile of authorities, the region. */
export const COMPARATOR_KINDS = {
  statistical_neighbours: 'Statistical neighbours',
  national: 'England',
  top_quartile: 'Top quartile',
  region: 'Region',
  /** One other authority's published figure (the demo quotes the seed board report's own figures this way). */
  comparable_area: 'A comparable area',
} as const;
export type ComparatorKind = keyof typeof COMPARATOR_KINDS;

export interface MeasureDefinition {
  id: string;
  /** Bumped whenever the meaning changes; stored with every published figure. */
  version: number;
  title: string;
  /** What it tells you, in plain English, shown beside the value. */
  description: string;
  /** The definition it follows and where that comes from. */
  follows: { text: string; source: string };
  unit: MeasureUnit;
  /** What is counted on top (and, for per cent, underneath), in plain English. */
  numerator: string;
  denominator?: string;
  population?: PopulationGroup;
  periods: readonly PeriodType[];
  defaultPeriod: PeriodType;
  polarity: Polarity;
  /** A starting target the partnership may change: RAG is green at or beyond it, amber within the tolerance. */
  target?: { value: number; tolerance: number };
  /**
   * Where a measure has no direction to push but a range it is expected to fall in (SafeLives expects 28% to 40% of
   * MARAC cases to be repeats), the range and whose expectation it is. Shown beside the figure; not a RAG.
   */
  expected?: { from: number; to: number; source: string };
  /** Decimal places in published figures (DfE publishes one). */
  decimals: number;
  breakdowns: readonly Dimension[];
  /** The SQL source of its facts (`features/measures/sources.ts`). */
  source: string;
}

const MONTHLY: readonly PeriodType[] = ['month', 'quarter', 'financial_year', 'rolling_12_months'];

export const MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'contacts',
    version: 1,
    title: 'Contacts received',
    description: 'How many contacts (worries about a child or an adult) reached the front door, from every channel.',
    follows: {
      text: 'A contact is any request for help or expression of concern about a child, counted once when it is submitted, by the date it was received.',
      source: 'DfE Children in need census guide: contacts (local measure)',
    },
    unit: 'count',
    numerator: 'Contacts received in the period (drafts not counted)',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'locality', 'age_band', 'gender', 'ethnicity'],
    source: 'contacts_received',
  },
  {
    id: 'contacts_to_referral',
    version: 1,
    title: 'Contacts progressing to referral',
    description: 'Of the contacts decided in the period, the share that became a referral to children’s social care (including a strategy discussion).',
    follows: {
      text: 'Contacts whose authorised screening outcome was a referral to children’s social care or a strategy discussion, over all contacts with an authorised screening decision in the period.',
      source: 'Local measure, following the DfE Children in need census definition of a referral',
    },
    unit: 'percent',
    numerator: 'Contacts decided in the period whose outcome was a referral or strategy discussion',
    denominator: 'Contacts with an authorised screening decision in the period',
    periods: MONTHLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 1,
    breakdowns: ['agency', 'locality', 'risk_level'],
    source: 'contact_decisions',
  },
  {
    id: 're_referrals',
    version: 1,
    title: 'Re-referrals within 12 months',
    description: 'Of the children referred in the period, the share who had been referred before in the previous 12 months — a sign that earlier help did not last.',
    follows: {
      text: 'Referrals in the period where the same child had a referral in the previous 12 months, over all referrals in the period.',
      source: 'DfE Characteristics of children in need: re-referral rate (Children in need census)',
    },
    unit: 'percent',
    numerator: 'Referrals of a child who had another referral in the 12 months before',
    denominator: 'Referrals of children in the period',
    periods: MONTHLY,
    defaultPeriod: 'financial_year',
    polarity: 'down',
    target: { value: 20, tolerance: 2 },
    decimals: 1,
    breakdowns: ['agency', 'locality', 'age_band', 'gender', 'ethnicity'],
    source: 'referrals',
  },
  {
    id: 'referral_rate',
    version: 1,
    title: 'Referrals per 10,000 children',
    description: 'How many referrals to children’s social care there were for every 10,000 children living in the area.',
    follows: {
      text: 'Referrals in the period divided by the mid-year population of children aged 0 to 17, times 10,000.',
      source: 'DfE Characteristics of children in need: referral rate per 10,000 children',
    },
    unit: 'rate_per_10k',
    numerator: 'Referrals of children in the period',
    population: 'children_0_17',
    periods: ['financial_year', 'rolling_12_months'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 1,
    breakdowns: ['agency', 'locality', 'age_band', 'gender'],
    source: 'referrals_all',
  },
  {
    id: 'screening_in_time',
    version: 1,
    title: 'Screening decisions within 1 working day',
    description: 'Of the contacts screened in the period, the share decided within one working day of being received.',
    follows: {
      text: 'Contacts whose first screening decision was made by the deadline set when they were received (one working day, or the area’s own timescale), over all contacts first decided in the period.',
      source: 'Working Together to Safeguard Children (2023): a decision within one working day',
    },
    unit: 'percent',
    numerator: 'Contacts first decided on or before their deadline',
    denominator: 'Contacts first decided in the period',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'up',
    target: { value: 95, tolerance: 5 },
    decimals: 1,
    breakdowns: ['agency', 'risk_level'],
    source: 'first_decisions',
  },
  {
    id: 'early_help_in_time',
    version: 1,
    title: 'Early help contacts triaged within 5 working days',
    description: 'Of the early help triages finished in the period, the share finished within five working days of the decision to offer early help.',
    follows: {
      text: 'Early help triages completed by their deadline (five working days from the screening decision), over all early help triages completed in the period.',
      source: 'Local standard (configurable timescale “Early help triage”)',
    },
    unit: 'percent',
    numerator: 'Early help triages completed on or before their deadline',
    denominator: 'Early help triages completed in the period',
    periods: MONTHLY,
    defaultPeriod: 'quarter',
    polarity: 'up',
    target: { value: 90, tolerance: 5 },
    decimals: 1,
    breakdowns: ['locality', 'age_band'],
    source: 'early_help_triages',
  },
  {
    id: 'assessments_in_time',
    version: 1,
    title: 'Assessments within 45 working days',
    description: 'Of the children’s social care assessments completed in the period, the share completed within 45 working days of the referral.',
    follows: {
      text: 'Assessments completed within 45 working days of the referral, over all assessments completed in the period.',
      source: 'DfE Characteristics of children in need: assessments completed within 45 working days; Working Together (2023)',
    },
    unit: 'percent',
    numerator: 'Assessments completed on or before their deadline',
    denominator: 'Assessments completed in the period',
    periods: MONTHLY,
    defaultPeriod: 'quarter',
    polarity: 'up',
    target: { value: 85, tolerance: 5 },
    decimals: 1,
    breakdowns: ['locality', 'age_band', 'gender', 'ethnicity'],
    source: 'assessments',
  },
  {
    id: 'incident_to_receipt',
    version: 2,
    title: 'Days from incident to receipt',
    description: 'For contacts about an incident, the middle (median) number of days between the incident and the front door receiving it — how fresh the information is.',
    follows: {
      text: 'Median of the days between the incident and the contact being received, over contacts received in the period that record when the incident happened (on the contact, or on its domestic abuse case), by the police risk grading the notification carried.',
      source: 'Local measure (peer review recommendation on timeliness of notifications)',
    },
    unit: 'median_days',
    numerator: 'Days from incident to receipt, for contacts received in the period',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'down',
    target: { value: 1, tolerance: 1 },
    decimals: 1,
    breakdowns: ['agency', 'risk_level'],
    source: 'incident_lag',
  },
  {
    id: 'info_requests_in_time',
    version: 1,
    title: 'Information requests answered in time',
    description: 'Of the questions the front door asked partner agencies whose deadline fell in the period, the share answered by the deadline (red 4 working hours, amber 1 working day, green 3 working days).',
    follows: {
      text: 'Information requests (not withdrawn) due in the period and answered by their deadline, over all information requests due in the period.',
      source: 'Local measure (peer review: information sharing replacing the requisition form)',
    },
    unit: 'percent',
    numerator: 'Requests due in the period and answered by the deadline',
    denominator: 'Requests due in the period',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'up',
    target: { value: 90, tolerance: 5 },
    decimals: 1,
    breakdowns: ['agency', 'risk_level'],
    source: 'info_requests',
  },
  // ——— domestic abuse ———
  {
    id: 'da_notifications',
    version: 1,
    title: 'Domestic abuse notifications received',
    description: 'How many domestic abuse notifications reached the front door — one for each incident, however many reports of it arrived — by the police risk grading they came with.',
    follows: {
      text: 'Domestic abuse cases (one per incident) by the London date the notification was received; later reports of the same incident are not counted again.',
      source: 'Local measure (peer review: a shared data set for domestic abuse; duplicate notifications of one incident)',
    },
    unit: 'count',
    numerator: 'Domestic abuse notifications received in the period (one per incident)',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['risk_level', 'agency', 'locality', 'age_band', 'gender', 'ethnicity'],
    source: 'da_notifications',
  },
  {
    id: 'marac_cases',
    version: 1,
    title: 'MARAC cases',
    description: 'How many cases were referred to the multi-agency risk assessment conference (MARAC), where agencies plan together for victims of domestic abuse at high risk — repeats included.',
    follows: {
      text: 'Referrals to MARAC made in the period, by the London date of referral, including repeat referrals.',
      source: 'SafeLives MARAC data (cases discussed at MARAC)',
    },
    unit: 'count',
    numerator: 'MARAC referrals made in the period',
    periods: MONTHLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'marac_referrals',
  },
  {
    id: 'marac_rate',
    version: 1,
    title: 'MARAC cases per 10,000 women',
    description: 'MARAC cases for every 10,000 women aged 16 and over living in the area. SafeLives recommends about 40 a year: a much lower rate suggests victims at high risk are not being identified and referred.',
    follows: {
      text: 'MARAC referrals in the period divided by the mid-year population of women aged 16 and over, times 10,000.',
      source: 'SafeLives: recommended MARAC volume of 40 cases a year per 10,000 women aged 16 and over',
    },
    unit: 'rate_per_10k',
    numerator: 'MARAC referrals made in the period',
    population: 'women_16_plus',
    periods: ['financial_year', 'rolling_12_months'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'up',
    target: { value: 40, tolerance: 5 },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'marac_referrals',
  },
  {
    id: 'marac_repeats',
    version: 1,
    title: 'Repeat MARAC referrals',
    description: 'Of the MARAC referrals in the period, the share that were repeats: a further incident within 12 months of the last MARAC referral. Lower than SafeLives expects suggests repeats are being missed; higher, that MARAC is not reducing the risk.',
    follows: {
      text: 'MARAC referrals in the period that repeat an earlier one (any new incident between the same victim and perpetrator within 12 months of the last MARAC referral), over all MARAC referrals in the period.',
      source: 'SafeLives MARAC guidance: the definition of a repeat, and a repeat rate of 28% to 40% expected',
    },
    unit: 'percent',
    numerator: 'MARAC referrals that are repeats',
    denominator: 'MARAC referrals made in the period',
    periods: MONTHLY,
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    expected: { from: 28, to: 40, source: 'SafeLives' },
    decimals: 1,
    breakdowns: ['agency'],
    source: 'marac_repeat_referrals',
  },
  {
    id: 'idva_referrals',
    version: 1,
    title: 'Referrals to the IDVA service',
    description: 'How many victims of domestic abuse were referred to the independent domestic violence adviser (IDVA) service, which works with victims at high risk.',
    follows: {
      text: 'Referrals to the IDVA service in the period, by the London date of referral, with the risk level at referral.',
      source: 'SafeLives Insights: referrals to IDVA services (local measure)',
    },
    unit: 'count',
    numerator: 'Referrals to the IDVA service in the period',
    periods: MONTHLY,
    defaultPeriod: 'quarter',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'risk_level', 'age_band', 'gender', 'ethnicity'],
    source: 'idva_referrals',
  },
  {
    id: 'encompass_in_time',
    version: 1,
    title: 'Operation Encompass notifications sent before the next school day',
    description: 'Of the Operation Encompass notifications due in the period, the share sent to the child’s school, nursery or health visitor before the start of the next school day after the incident, so someone can support the child that morning.',
    follows: {
      text: 'Notifications due in the period (at the start of the next school day after the incident) that were sent by then, over all notifications due in the period; one not sent by then counts as late, or as missed while it is still not sent.',
      source: 'Operation Encompass; Victims and Prisoners Act 2024 (notification before the start of the next school day)',
    },
    unit: 'percent',
    numerator: 'Notifications sent before the start of the next school day',
    denominator: 'Notifications due in the period',
    periods: MONTHLY,
    defaultPeriod: 'month',
    polarity: 'up',
    target: { value: 95, tolerance: 5 },
    decimals: 1,
    breakdowns: ['agency', 'risk_level', 'age_band'],
    source: 'encompass_notices',
  },
  // ——— adult safeguarding (Care Act 2014 s42) and Deprivation of Liberty Safeguards ———
  // Yearly activity is reported by rolling 12 months and financial year, the grain the board report and the comparators
  // (whole years) are in. Sources: `features/measures/adult-sources.ts`; the SAC rules: `domain/sac.ts`.
  {
    id: 'adult_concerns',
    version: 1,
    title: 'Adult safeguarding concerns received',
    description: 'How many safeguarding concerns about adults reached the adult safeguarding team, from any agency, the public or the children’s front door.',
    follows: {
      text: 'Adult safeguarding concerns by the London date they were received, each counted once (SAC: safeguarding concerns).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: safeguarding concerns',
    },
    unit: 'count',
    numerator: 'Concerns received in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'locality', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_concerns',
  },
  {
    id: 'adult_s42_started',
    version: 1,
    title: 'Section 42 enquiries started',
    description: 'How many statutory safeguarding enquiries (Care Act 2014 section 42) began: the three-point test was met and a manager authorised the enquiry.',
    follows: {
      text: 'Section 42 enquiries by the London date they started (SAC: section 42 safeguarding enquiries commenced).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance; Care Act 2014 s42',
    },
    unit: 'count',
    numerator: 'Section 42 enquiries started in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'locality', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_s42_started',
  },
  {
    id: 'adult_s42_conversion',
    version: 1,
    title: 'Concerns leading to a section 42 enquiry (conversion rate)',
    description: 'Of the concerns received in the period, the share that led to a section 42 enquiry. Much lower than elsewhere can mean concerns are screened out too readily; much higher, that the front door is not filtering.',
    follows: {
      text: 'Concerns received in the period whose authorised decision was a section 42 enquiry, over all concerns received in the period (concerns still undecided count underneath).',
      source: 'Local measure following the SAC conversion rate (section 42 enquiries as a share of concerns), as the seed board report quotes it',
    },
    unit: 'percent',
    numerator: 'Concerns received in the period decided as a section 42 enquiry',
    denominator: 'Concerns received in the period',
    periods: ['rolling_12_months', 'financial_year', 'quarter'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 1,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_concern_decisions',
  },
  {
    id: 'adult_other_started',
    version: 1,
    title: 'Other safeguarding enquiries started',
    description: 'How many discretionary safeguarding enquiries (Care Act 2014 s42(2), where the three-point test is not met) began. The SAC reports them apart from section 42 enquiries.',
    follows: {
      text: 'Other safeguarding enquiries by the London date they started (SAC: other safeguarding enquiries commenced).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: other safeguarding enquiries',
    },
    unit: 'count',
    numerator: 'Other safeguarding enquiries started in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_other_started',
  },
  {
    id: 'adult_s42_concluded',
    version: 1,
    title: 'Section 42 enquiries concluded',
    description: 'How many section 42 enquiries ended: concluded with an outcome, or ended early (the adult declined, moved away or died, or another process took over).',
    follows: {
      text: 'Section 42 enquiries by the London date they concluded or ended early (SAC: concluded section 42 enquiries).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: concluded section 42 enquiries',
    },
    unit: 'count',
    numerator: 'Section 42 enquiries concluded in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_s42_concluded',
  },
  {
    id: 'adult_risk_types',
    version: 1,
    title: 'Concluded section 42 enquiries by type of risk',
    description: 'The types of abuse or neglect found in the section 42 enquiries that concluded: an enquiry counts once under each different type it found, so the figure is the sum over types. The adults’ board page shows each type.',
    follows: {
      text: 'Section 42 enquiries concluded in the period, once for each different SAC type of risk among their risks (SG2a).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG2 case details, type of risk',
    },
    unit: 'count',
    numerator: 'Concluded section 42 enquiries, counted once under each type of risk they found',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity'],
    source: 'adult_risk_types',
  },
  {
    id: 'adult_risk_locations',
    version: 1,
    title: 'Concluded section 42 enquiries by location of risk',
    description: 'Where the risks in concluded section 42 enquiries were: own home, a care home, a hospital, the community. An enquiry counts once under each different location.',
    follows: {
      text: 'Section 42 enquiries concluded in the period, once for each different SAC location of risk among their risks (SG2b).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG2 case details, location of risk',
    },
    unit: 'count',
    numerator: 'Concluded section 42 enquiries, counted once under each location of risk',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity'],
    source: 'adult_risk_locations',
  },
  {
    id: 'adult_risk_sources',
    version: 1,
    title: 'Concluded section 42 enquiries by source of risk',
    description: 'Who the risk came from in concluded section 42 enquiries: a service provider, someone known to the adult, or someone unknown to them. An enquiry counts once under each different source.',
    follows: {
      text: 'Section 42 enquiries concluded in the period, once for each different SAC source of risk among their risks (SG2c).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG2 case details, source of risk',
    },
    unit: 'count',
    numerator: 'Concluded section 42 enquiries, counted once under each source of risk',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity'],
    source: 'adult_risk_sources',
  },
  {
    id: 'adult_decision_meetings',
    version: 1,
    title: 'Decision making meetings held',
    description: 'How many decision making meetings (DMMs) brought the people involved in an enquiry together to plan it, with the adult’s voice heard.',
    follows: {
      text: 'Decision making meetings by the London date they were held, in any safeguarding enquiry.',
      source: 'Local measure (the seed board report counts DMMs convened)',
    },
    unit: 'count',
    numerator: 'Decision making meetings held in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_decision_meetings',
  },
  {
    id: 'adult_outcome_meetings',
    version: 1,
    title: 'Outcome meetings held',
    description: 'How many outcome meetings brought an enquiry to its conclusion with everyone involved, the adult included if they wished.',
    follows: {
      text: 'Outcome meetings by the London date they were held, in any safeguarding enquiry.',
      source: 'Local measure (the seed board report counts outcome meetings convened)',
    },
    unit: 'count',
    numerator: 'Outcome meetings held in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_outcome_meetings',
  },
  {
    id: 'adult_msp_asked',
    version: 1,
    title: 'Adults asked what outcomes they wanted (Making Safeguarding Personal)',
    description: 'Of the section 42 enquiries that concluded, the share where the adult, or their representative, was asked what they wanted to happen — whether or not they then said.',
    follows: {
      text: 'Concluded section 42 enquiries where the adult or their representative was asked about their desired outcomes (asked, with or without outcomes expressed), over all concluded section 42 enquiries (not recorded counts underneath).',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG4 Making Safeguarding Personal',
    },
    unit: 'percent',
    numerator: 'Concluded section 42 enquiries where the adult was asked about their desired outcomes',
    denominator: 'Section 42 enquiries concluded in the period',
    periods: ['rolling_12_months', 'financial_year', 'quarter'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'up',
    decimals: 1,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_msp_asked',
  },
  {
    id: 'adult_msp_expressed',
    version: 1,
    title: 'Adults who said what outcomes they wanted',
    description: 'Of the section 42 enquiries that concluded, the share where the adult was asked and said what outcomes they wanted.',
    follows: {
      text: 'Concluded section 42 enquiries where the adult was asked and expressed desired outcomes, over all concluded section 42 enquiries.',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG4 Making Safeguarding Personal',
    },
    unit: 'percent',
    numerator: 'Concluded section 42 enquiries where outcomes were expressed',
    denominator: 'Section 42 enquiries concluded in the period',
    periods: ['rolling_12_months', 'financial_year', 'quarter'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'up',
    decimals: 1,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_msp_expressed',
  },
  {
    id: 'adult_msp_achieved',
    version: 1,
    title: 'Outcomes the adult wanted, fully or partly achieved',
    description: 'Of the concluded section 42 enquiries where the adult said what outcomes they wanted, the share where those outcomes were fully or partly achieved.',
    follows: {
      text: 'Concluded section 42 enquiries with expressed outcomes fully or partially achieved, over those with expressed outcomes and how far they were achieved recorded.',
      source: 'NHS England, Safeguarding Adults Collection (SAC) guidance: SG4 Making Safeguarding Personal (outcomes achieved)',
    },
    unit: 'percent',
    numerator: 'Enquiries whose expressed outcomes were fully or partially achieved',
    denominator: 'Concluded section 42 enquiries with expressed outcomes, achievement recorded',
    periods: ['rolling_12_months', 'financial_year', 'quarter'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'up',
    decimals: 1,
    breakdowns: ['agency', 'age_band', 'gender', 'ethnicity'],
    source: 'adult_msp_achieved',
  },
  {
    id: 'dols_received',
    version: 1,
    title: 'DoLS applications received',
    description: 'How many requests for a Deprivation of Liberty Safeguards authorisation care homes and hospitals sent to the council as supervisory body, urgent or standard.',
    follows: {
      text: 'Applications for a standard authorisation (with or without an urgent authorisation) by the London date received.',
      source: 'NHS England, Mental Capacity Act 2005 Deprivation of Liberty Safeguards (MCA DoLS) collection: applications received',
    },
    unit: 'count',
    numerator: 'DoLS applications received in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity', 'risk_level'],
    source: 'dols_received',
  },
  {
    id: 'dols_granted',
    version: 1,
    title: 'DoLS authorisations granted',
    description: 'How many applications were decided with a standard authorisation granted: all six assessments were met.',
    follows: {
      text: 'Applications decided as granted, by the London date of the decision (MCA DoLS: completed applications, granted).',
      source: 'NHS England, MCA DoLS collection: completed applications and their outcome',
    },
    unit: 'count',
    numerator: 'Applications granted in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity', 'risk_level'],
    source: 'dols_granted',
  },
  {
    id: 'dols_not_granted',
    version: 1,
    title: 'DoLS authorisations not granted',
    description: 'How many applications were decided with no authorisation: an assessment was not met, so the deprivation of liberty may not continue.',
    follows: {
      text: 'Applications decided as not granted, by the London date of the decision (MCA DoLS: completed applications, not granted).',
      source: 'NHS England, MCA DoLS collection: completed applications and their outcome',
    },
    unit: 'count',
    numerator: 'Applications not granted in the period',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'neutral',
    decimals: 0,
    breakdowns: ['age_band', 'gender', 'ethnicity', 'risk_level'],
    source: 'dols_not_granted',
  },
  {
    id: 'dols_unallocated',
    version: 1,
    title: 'DoLS applications waiting for an assessor',
    description: 'Of the applications received in the period, how many are still waiting, now, to be allocated to an assessor — the backlog the board worries about.',
    follows: {
      text: 'Applications received in the period that are still received but not allocated (not withdrawn or decided), counted now.',
      source: 'Local measure (the seed board report counts screened unallocated cases)',
    },
    unit: 'count',
    numerator: 'Applications received in the period not yet allocated',
    periods: ['rolling_12_months', 'financial_year'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'down',
    decimals: 0,
    breakdowns: ['age_band', 'risk_level'],
    source: 'dols_unallocated',
  },
  {
    id: 'dols_in_time',
    version: 1,
    title: 'DoLS applications decided in time',
    description: 'Of the applications decided in the period, the share decided in time: a standard request within 21 days of receipt; one with an urgent authorisation before that ran out (7 days, or 14 if extended).',
    follows: {
      text: 'Applications granted or not granted in the period whose decision came on or before the last day in time (21 days from receipt; the last day of the urgent authorisation), over all applications decided in the period.',
      source: 'Mental Capacity Act 2005 Schedule A1 (21 days; urgent authorisation of up to 7 days, extendable by 7); MCA DoLS collection: completed within the statutory timeframe',
    },
    unit: 'percent',
    numerator: 'Applications decided in time',
    denominator: 'Applications granted or not granted in the period',
    periods: ['rolling_12_months', 'financial_year', 'quarter', 'month'],
    defaultPeriod: 'rolling_12_months',
    polarity: 'up',
    decimals: 1,
    breakdowns: ['age_band', 'risk_level'],
    source: 'dols_decisions',
  },
  // ——— children's social care, child protection and early help (`children.ts`; sources: `features/measures/children-sources.ts`) ———
  ...CHILD_MEASURES,
  // ——— children missing education and the LADO (`cme-lado.ts`; sources: `features/measures/cme-sources.ts`, `lado-sources.ts`) ———
  ...CME_LADO_MEASURES,
  // ——— the partnership's own work: training, self-assessment, actions, attendance, reviews (`partnership.ts`; sources: `features/measures/partnership-sources.ts`) ———
  ...PARTNERSHIP_MEASURES,
];

/**
 * Bands of the time from incident to receipt, for the distribution beside the median: each is "up to" its number of
 * days (the last has none), and more than the band before.
 */
export const LAG_BANDS: readonly { label: string; hint: string; upToDays: number | null }[] = [
  { label: 'Within 24 hours', hint: 'up to 24 hours', upToDays: 1 },
  { label: '1 to 7 days', hint: 'more than 24 hours, up to 7 days', upToDays: 7 },
  { label: '8 to 21 days', hint: 'more than 7 days, up to 21 days', upToDays: 21 },
  { label: 'Over 21 days', hint: 'more than 21 days', upToDays: null },
];

export function measureById(id: string): MeasureDefinition | undefined {
  return MEASURES.find((m) => m.id === id);
}
