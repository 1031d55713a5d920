/**
 * The DfE Children in Need (CIN) census as pure rules: the census model (the XML's Header, Child, ChildIdentifiers,
 * ChildCharacteristics, CINdetails and their modules), how a collection year's records become that model (which
 * episodes and modules the year holds, as they stood on the reference date), the DfE validation rules that can be
 * checked over it (their codes and messages), and the XML the DfE's COLLECT takes.
 *
 * Sources: DfE, "Children in need census: guide for local authorities" and "Children in need census:
 * specification" with its XML schema and Annex A validation rules (codes and messages as published; a code ending
 * in Q is a query, "please check", not an error). The census runs 1 April to 31 March; its reference date is 31 March
 * and its Year the year that ends it (2025-26 is Year 2026). The return (`features/measures/cin-census-return.ts`)
 * loads the records and writes what these rules make.
 */
import { type WorkingCalendar } from './calendar.js';
import { isCode, list } from './codes.js';
import { ASSESSMENT_FACTORS, CLOSURE_REASONS, CP_CATEGORIES, PRIMARY_NEEDS } from './children.js';
import { CONTACT_SOURCES, ETHNICITIES } from './codes.js';
import { isValidUpn, normaliseUpn } from './identifiers.js';
import { type CollectionYear, collectionYear } from './sac.js';
import { type LocalDate, addDays, addMonths, ageOn, dayOfWeek } from './time.js';

export const CIN_CENSUS_SPECIFICATION = 'DfE, Children in need census: specification, XML schema and Annex A validation rules';

// ——— code lists the census adds to those of `children.ts` ———

/** GenderCurrent. */
export const CENSUS_GENDERS = list({ '0': 'Not known (or unborn)', '1': 'Male', '2': 'Female', '9': 'Indeterminate' });

/** Why a child has no UPN (UPNunknown). Threshold derives UN1 and UN7; the others are for a case system to give. */
export const UPN_UNKNOWN_REASONS = list({
  UN1: 'Child is aged under 6 years old and is not yet assigned a UPN',
  UN2: 'Child has never attended a state school in England',
  UN3: 'Child lives abroad',
  UN4: 'Child has moved to a new local authority where the school is not known',
  UN5: 'Sources collating UPNs reflect a discrepancy in the child’s details',
  UN6: 'Child aged 6 or over and not yet assigned a UPN',
  UN7: 'Referral with no further action',
});

/** The census disability codes (a child has one or more, or NONE). */
export const CENSUS_DISABILITIES = list({
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
});

/** The three digits after a UPN's check letter are the local authority that issued it (DfE rule 1530's list). */
const UPN_LA_RANGES: readonly (readonly [number, number])[] = [
  [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384], [390, 394], [660, 681], [701, 708],
  [800, 803], [805, 808], [810, 813], [820, 823], [835, 839], [850, 852], [855, 857], [865, 896], [935, 938], [940, 941],
];
const UPN_LA_SINGLES = new Set([420, 815, 816, 825, 826, 830, 831, 840, 841, 845, 846, 860, 861, 908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933]);

export function isUpnLaCode(three: string): boolean {
  if (!/^\d{3}$/.test(three)) return false;
  const n = Number(three);
  return UPN_LA_SINGLES.has(n) || UPN_LA_RANGES.some(([a, b]) => n >= a && n <= b);
}

// ——— the census year ———

export interface CensusYear extends CollectionYear {
  /** The census's Year: the year it ends (2025-26 → 2026). */
  dfeYear: number;
  /** 31 March, the census's reference date (its last day). */
  referenceDate: LocalDate;
}

/** The census for the collection year starting 1 April `year` (2025 is 2025-26, reference date 31 March 2026). */
export function censusYear(year: number): CensusYear {
  const y = collectionYear(year);
  return { ...y, dfeYear: year + 1, referenceDate: y.lastDay };
}

const inCensus = (d: LocalDate | null | undefined, y: CensusYear): d is LocalDate => !!d && d >= y.start && d <= y.lastDay;
/** What had happened by the reference date: a later date is not known yet on 31 March. */
const asAt = (d: LocalDate | null | undefined, y: CensusYear): LocalDate | null => (d && d <= y.lastDay ? d : null);

// ——— the model (as the XML has it) ———

export interface CensusHeader {
  collection: 'CIN';
  year: number;
  referenceDate: LocalDate;
  sourceLevel: 'L';
  /** The local authority's three-digit DfE number. */
  lea: string;
  softwareCode: 'Local Authority';
  release: string;
  serialNo: string;
  /** When the file was made, xs:dateTime in UTC without fractions (2026-05-01T09:30:00Z). */
  dateTime: string;
}

export interface ChildIdentifiers {
  laChildId: string;
  upn: string | null;
  formerUpn: string | null;
  upnUnknown: string | null;
  personBirthDate: LocalDate | null;
  expectedPersonBirthDate: LocalDate | null;
  genderCurrent: string | null;
  personDeathDate: LocalDate | null;
}

export interface ChildCharacteristics {
  ethnicity: string | null;
  /** The child's disability codes; null when the records hold none (Threshold does not record disability). */
  disabilities: string[] | null;
}

export interface CensusAssessment {
  actualStartDate: LocalDate;
  internalReviewDate: LocalDate | null;
  authorisationDate: LocalDate | null;
  /** FactorsIdentifiedAtAssessment/AssessmentFactors, given only for an authorised assessment. */
  factors: string[];
}

export interface CinPlanDates {
  startDate: LocalDate;
  endDate: LocalDate | null;
}

export interface CensusSection47 {
  actualStartDate: LocalDate;
  initialCpcTarget: LocalDate | null;
  dateOfInitialCpc: LocalDate | null;
  icpcNotRequired: boolean;
}

export interface CensusCpPlan {
  startDate: LocalDate;
  endDate: LocalDate | null;
  initialCategory: string | null;
  latestCategory: string | null;
  numberOfPreviousCpp: number;
  reviewDates: LocalDate[];
}

export interface CinDetails {
  /** Threshold's referral (not in the XML: for the report's links). */
  referralId: string;
  referralDate: LocalDate;
  referralSource: string | null;
  primaryNeedCode: string | null;
  closureDate: LocalDate | null;
  reasonForClosure: string | null;
  /** An initial conference with no section 47 in this episode (a transfer in, or a conference recorded alone). */
  dateOfInitialCpc: LocalDate | null;
  assessments: CensusAssessment[];
  cinPlans: CinPlanDates[];
  section47: CensusSection47[];
  referralNfa: boolean;
  cpPlans: CensusCpPlan[];
}

export interface CensusChild {
  /** Threshold's person (not in the XML: for the report's links). */
  personId: string;
  identifiers: ChildIdentifiers;
  characteristics: ChildCharacteristics;
  cinDetails: CinDetails[];
}

export interface CinCensus {
  year: CensusYear;
  header: CensusHeader;
  children: CensusChild[];
}

// ——— the records a year is made from (dates as London dates) ———

export interface CensusPersonInput {
  personId: string;
  dateOfBirth: LocalDate | null;
  /** exact | estimated | unborn (then dateOfBirth is the expected date). */
  dobPrecision: string;
  /** Threshold's gender: female | male | other | unknown. */
  gender: string;
  ethnicity: string | null;
  deceasedOn: LocalDate | null;
  /** The child's UPNs, newest first. */
  upns: string[];
  disabilities: string[] | null;
  /** Every child protection plan the child has had (any episode), by start date, for NumberOfPreviousCPP. */
  cpPlanStarts: LocalDate[];
}

export interface CensusReferralInput {
  id: string;
  personId: string;
  referredOn: LocalDate;
  sourceCode: string | null;
  primaryNeedCode: string | null;
  nfa: boolean;
  closedOn: LocalDate | null;
  closureReason: string | null;
  assessments: { startedOn: LocalDate | null; authorisedOn: LocalDate | null; factors: string[] }[];
  cinPlans: { startedOn: LocalDate; endedOn: LocalDate | null }[];
  s47s: { startedOn: LocalDate; conferenceDueOn: LocalDate | null; outcome: string | null; completedOn: LocalDate | null; icpcHeldOn: LocalDate | null }[];
  /** Initial or transfer-in conferences held with no section 47 of this referral. */
  conferencesWithoutS47: LocalDate[];
  cpPlans: { startedOn: LocalDate; endedOn: LocalDate | null; initialCategory: string | null; latestCategory: string | null; reviewsHeldOn: LocalDate[] }[];
}

export interface CensusSource {
  lea: string;
  release: string;
  serialNo: string;
  generatedAt: Date;
}

// ——— derivations ———

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LA_CHILD_ID_PREFIX = 'T';

/**
 * The child's LAchildID: T and nine characters (Crockford base 32) of a 64-bit FNV-1a hash of Threshold's person id. The same child has
 * the same id every year; it says nothing about the child and is at most 10 characters, as the census allows.
 */
export function laChildIdOf(personId: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (const byte of new TextEncoder().encode(personId.toLowerCase())) {
    h ^= BigInt(byte);
    h = (h * prime) & mask;
  }
  // MurmurHash3's finaliser, so that every character of the id moves every character of the result.
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & mask;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & mask;
  h ^= h >> 33n;
  let out = '';
  for (let i = 0; i < 9; i += 1) {
    out += CROCKFORD[Number(h & 31n)];
    h >>= 5n;
  }
  return LA_CHILD_ID_PREFIX + out;
}

/** GenderCurrent from Threshold's gender: male 1, female 2, other 9 (indeterminate), not known or unborn 0. */
export function censusGender(gender: string, unborn: boolean): string {
  if (unborn) return '0';
  return ({ male: '1', female: '2', other: '9' } as Record<string, string>)[gender] ?? '0';
}

/** Ethnicity: the child's census code, or NOBT (information not yet obtained) when none is recorded. */
export function censusEthnicity(ethnicity: string | null): string {
  return ethnicity && ethnicity.trim() ? ethnicity.trim() : 'NOBT';
}

/** The child's age on a date (null when no date of birth, or unborn on that date). */
export function censusAge(person: Pick<CensusPersonInput, 'dateOfBirth' | 'dobPrecision'>, on: LocalDate): number | null {
  if (!person.dateOfBirth || person.dateOfBirth > on) return null;
  return ageOn(person.dateOfBirth, on);
}

/**
 * ReferralNFA: the referral led to no further action with nothing done under it — no assessment, section 47 or plan.
 * A referral marked NFA after an assessment is not an NFA referral for the census: it closes with RC8 (or RC9).
 */
export function referralNfa(r: Pick<CensusReferralInput, 'nfa' | 'assessments' | 's47s' | 'cinPlans' | 'cpPlans' | 'conferencesWithoutS47'>): boolean {
  if (!r.nfa) return false;
  const activity = r.assessments.some((a) => a.startedOn || a.authorisedOn) || r.s47s.length > 0 || r.cinPlans.length > 0 || r.cpPlans.length > 0 || r.conferencesWithoutS47.length > 0;
  return !activity;
}

/** A referral is in the year's census when it was open at any time from 1 April to 31 March. */
export function referralInYear(r: Pick<CensusReferralInput, 'referredOn' | 'closedOn'>, y: CensusYear): boolean {
  return r.referredOn <= y.lastDay && (r.closedOn === null || r.closedOn >= y.start);
}

/** NumberOfPreviousCPP: the child's plans that started before this one. */
export function numberOfPreviousCpp(planStarts: readonly LocalDate[], startedOn: LocalDate): number {
  return planStarts.filter((d) => d < startedOn).length;
}

/** UPNunknown when there is no UPN: UN1 under 6 (or unborn) on the reference date; UN7 when every episode is an NFA referral. */
export function upnUnknownReason(person: Pick<CensusPersonInput, 'dateOfBirth' | 'dobPrecision'>, episodesNfa: readonly boolean[], y: CensusYear): string | null {
  const age = person.dobPrecision === 'unborn' ? null : censusAge(person, y.referenceDate);
  if (person.dobPrecision === 'unborn' || (age !== null && age < 6)) return 'UN1';
  if (episodesNfa.length > 0 && episodesNfa.every(Boolean)) return 'UN7';
  return null;
}

/** One episode as it stood on 31 March: later dates unknown, modules the year holds. */
export function cinDetailsOf(r: CensusReferralInput, person: Pick<CensusPersonInput, 'cpPlanStarts'>, y: CensusYear): CinDetails {
  const nfa = referralNfa(r);
  const closureDate = asAt(r.closedOn, y);
  const assessments: CensusAssessment[] = r.assessments
    .filter((a): a is typeof a & { startedOn: LocalDate } => !!a.startedOn && a.startedOn <= y.lastDay)
    .map((a) => ({ start: a.startedOn, authorised: asAt(a.authorisedOn, y), factors: a.factors }))
    .filter((a) => a.authorised === null || a.authorised >= y.start)
    .map((a) => ({ actualStartDate: a.start, internalReviewDate: null, authorisationDate: a.authorised, factors: a.authorised ? [...a.factors] : [] }))
    .sort((a, b) => a.actualStartDate.localeCompare(b.actualStartDate));
  const cinPlans: CinPlanDates[] = r.cinPlans
    .filter((p) => p.startedOn <= y.lastDay)
    .map((p) => ({ startDate: p.startedOn, endDate: asAt(p.endedOn, y) }))
    .filter((p) => p.endDate === null || p.endDate >= y.start)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const section47: CensusSection47[] = r.s47s
    .filter((s) => s.startedOn <= y.lastDay)
    .map((s) => {
      const icpc = asAt(s.icpcHeldOn, y);
      const completed = asAt(s.completedOn, y);
      const notRequired = !icpc && completed !== null && s.outcome !== null && s.outcome !== 'substantiated_icpc';
      return { s, icpc, completed, notRequired };
    })
    .filter(({ s, icpc, completed, notRequired }) => s.startedOn >= y.start || (icpc ? icpc >= y.start : notRequired ? completed! >= y.start : true))
    .map(({ s, icpc, notRequired }) => ({ actualStartDate: s.startedOn, initialCpcTarget: s.conferenceDueOn, dateOfInitialCpc: icpc, icpcNotRequired: notRequired }))
    .sort((a, b) => a.actualStartDate.localeCompare(b.actualStartDate));
  const cpPlans: CensusCpPlan[] = r.cpPlans
    .filter((p) => p.startedOn <= y.lastDay)
    .map((p) => ({ p, end: asAt(p.endedOn, y) }))
    .filter(({ end }) => end === null || end >= y.start)
    .map(({ p, end }) => ({
      startDate: p.startedOn,
      endDate: end,
      initialCategory: p.initialCategory,
      latestCategory: p.latestCategory,
      numberOfPreviousCpp: numberOfPreviousCpp(person.cpPlanStarts, p.startedOn),
      reviewDates: [...new Set(p.reviewsHeldOn.filter((d) => inCensus(d, y)))].sort(),
    }))
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const conference = [...r.conferencesWithoutS47].filter((d) => inCensus(d, y)).sort()[0] ?? null;
  return {
    referralId: r.id,
    referralDate: r.referredOn,
    referralSource: r.sourceCode,
    primaryNeedCode: r.primaryNeedCode,
    closureDate,
    reasonForClosure: closureDate ? r.closureReason : null,
    dateOfInitialCpc: conference,
    assessments,
    cinPlans,
    section47,
    referralNfa: nfa,
    cpPlans,
  };
}

/** The child's identifiers and characteristics on the reference date. */
export function childOf(person: CensusPersonInput, episodes: CinDetails[], y: CensusYear): CensusChild {
  const unborn = person.dobPrecision === 'unborn';
  const upns = [...new Set(person.upns.map(normaliseUpn).filter((u) => u.length > 0))];
  const upn = upns[0] ?? null;
  return {
    personId: person.personId,
    identifiers: {
      laChildId: laChildIdOf(person.personId),
      upn,
      formerUpn: upns[1] ?? null,
      upnUnknown: upn ? null : upnUnknownReason(person, episodes.map((e) => e.referralNfa), y),
      personBirthDate: unborn ? null : person.dateOfBirth,
      expectedPersonBirthDate: unborn ? person.dateOfBirth : null,
      genderCurrent: censusGender(person.gender, unborn),
      personDeathDate: asAt(person.deceasedOn, y),
    },
    characteristics: { ethnicity: censusEthnicity(person.ethnicity), disabilities: person.disabilities ? [...person.disabilities] : null },
    cinDetails: episodes,
  };
}

/** The year's census from its records: each child once, with the episodes open in the year, in a stable order. */
export function buildCensus(year: number, source: CensusSource, people: ReadonlyMap<string, CensusPersonInput>, referrals: readonly CensusReferralInput[]): CinCensus {
  const y = censusYear(year);
  const byPerson = new Map<string, CensusReferralInput[]>();
  for (const r of referrals) {
    if (!referralInYear({ referredOn: r.referredOn, closedOn: asAt(r.closedOn, y) }, y)) continue;
    const list = byPerson.get(r.personId) ?? [];
    list.push(r);
    byPerson.set(r.personId, list);
  }
  const children: CensusChild[] = [];
  for (const [personId, list] of byPerson) {
    const person = people.get(personId) ?? { personId, dateOfBirth: null, dobPrecision: 'exact', gender: 'unknown', ethnicity: null, deceasedOn: null, upns: [], disabilities: null, cpPlanStarts: [] };
    const episodes = list
      .map((r) => cinDetailsOf(r, person, y))
      .sort((a, b) => a.referralDate.localeCompare(b.referralDate) || a.referralId.localeCompare(b.referralId));
    children.push(childOf(person, episodes, y));
  }
  children.sort((a, b) => a.identifiers.laChildId.localeCompare(b.identifiers.laChildId) || a.personId.localeCompare(b.personId));
  return {
    year: y,
    header: {
      collection: 'CIN',
      year: y.dfeYear,
      referenceDate: y.referenceDate,
      sourceLevel: 'L',
      lea: source.lea,
      softwareCode: 'Local Authority',
      release: source.release,
      serialNo: source.serialNo,
      dateTime: source.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    children,
  };
}

// ——— counts ———

export interface CensusCounts {
  children: number;
  episodes: number;
  referralsInYear: number;
  nfaReferrals: number;
  closedInYear: number;
  openAtYearEnd: number;
  assessments: number;
  assessmentsCompleted: number;
  cinPlans: number;
  section47: number;
  initialConferences: number;
  cpPlans: number;
  cpPlansStarted: number;
  cpPlansOpenAtYearEnd: number;
  cpReviews: number;
}

export function censusCounts(c: CinCensus): CensusCounts {
  const y = c.year;
  const episodes = c.children.flatMap((ch) => ch.cinDetails);
  const s47 = episodes.flatMap((e) => e.section47);
  const plans = episodes.flatMap((e) => e.cpPlans);
  return {
    children: c.children.length,
    episodes: episodes.length,
    referralsInYear: episodes.filter((e) => inCensus(e.referralDate, y)).length,
    nfaReferrals: episodes.filter((e) => e.referralNfa).length,
    closedInYear: episodes.filter((e) => e.closureDate !== null).length,
    openAtYearEnd: episodes.filter((e) => e.closureDate === null).length,
    assessments: episodes.reduce((n, e) => n + e.assessments.length, 0),
    assessmentsCompleted: episodes.reduce((n, e) => n + e.assessments.filter((a) => a.authorisationDate !== null).length, 0),
    cinPlans: episodes.reduce((n, e) => n + e.cinPlans.length, 0),
    section47: s47.length,
    initialConferences: s47.filter((s) => inCensus(s.dateOfInitialCpc, y)).length + episodes.filter((e) => inCensus(e.dateOfInitialCpc, y)).length,
    cpPlans: plans.length,
    cpPlansStarted: plans.filter((p) => inCensus(p.startDate, y)).length,
    cpPlansOpenAtYearEnd: plans.filter((p) => p.endDate === null).length,
    cpReviews: plans.reduce((n, p) => n + p.reviewDates.length, 0),
  };
}

// ——— validation ———

export type IssueSeverity = 'error' | 'query';

export interface CensusIssue {
  rule: string;
  message: string;
  severity: IssueSeverity;
  /** null for the return as a whole. */
  laChildId: string | null;
  personId: string | null;
  /** The episode's referral date, when the issue is about one episode or its modules. */
  referralDate: LocalDate | null;
  referralId: string | null;
  field: string;
}

/** The DfE rules Threshold checks: code → message, as Annex A words them. */
export const CIN_RULES = {
  '100': 'Reference Date is incorrect',
  '1103': 'The assessment start date cannot be before the referral date',
  '1104': 'The date of the initial child protection conference cannot be before the referral date',
  '1105': 'The child protection plan start date cannot be before the referral date',
  '1510': 'UPN invalid (wrong check letter at character 1)',
  '1520': 'More than one record with the same UPN',
  '1530': 'UPN invalid (characters 2-4 not a recognised LA code)',
  '1540': 'UPN invalid (characters 5-12 not all numeric)',
  '1550': 'UPN invalid (character 13 not a recognised value)',
  '1560Q': 'Please check: Former UPN wrongly formatted',
  '2883': 'There are more child protection plans starting than initial conferences taking place',
  '2884': 'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  '2885': 'Child protection plan shown as starting a different day to the initial child protection conference',
  '2886Q': 'Please check: Percentage of children with no gender recorded is more than 2% (excluding unborns)',
  '2889': 'The S47 start date cannot be before the referral date.',
  '2990': 'Activity is recorded against a case marked as ‘Case closed after assessment, no further action’',
  '2991Q': 'Please check: A Section 47 module is recorded and there is no assessment on the episode',
  '4000': 'CIN Plan details provided for a referral with no further action',
  '4001': 'A CIN Plan cannot run concurrently with a Child Protection Plan',
  '4003': 'A CPP review date is shown as being held at the same time as an open CIN Plan',
  '4004': 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  '4008': 'CIN Plan shown as starting after the child’s Date of Death',
  '4009': 'CIN Plan cannot end after the child’s Date of Death',
  '4010': 'CIN Plan start date is missing or out of data collection period',
  '4011': 'CIN Plan End Date earlier than Start Date',
  '4012Q': 'CIN Plan shown as starting and ending on the same day – please check',
  '4013': 'CIN Plan end date must fall within the census year',
  '4014': 'CIN Plan data contains overlapping dates',
  '4015': 'The CIN Plan start date cannot be before the referral date',
  '4016': 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  '4017': 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  '4180': 'Gender is missing',
  '4220': 'Ethnicity is missing or invalid (see Ethnicity table)',
  '8500': 'LA Child ID missing',
  '8510': 'More than one child record with the same LA Child ID',
  '8520': 'Date of Birth is after data collection period (must be on or before the end of the census period)',
  '8525': 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  '8530Q': 'Please check: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  '8535Q': 'Please check: Child’s date of death should not be prior to the date of birth',
  '8540': 'Child’s disability is missing or invalid (see Disability table)',
  '8545Q': 'Please check: Child’s date of death should be within the census year',
  '8555': 'Child cannot be referred after its recorded date of death',
  '8565': 'Activity shown after a case has been closed',
  '8569': 'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  '8585Q': 'Please check: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  '8590': 'Child does not have a recorded CIN episode.',
  '8606': 'Child referral date is more than 40 weeks before DOB or expected DOB',
  '8608': 'Assessment Start Date cannot be later than its End Date',
  '8610': 'Primary Need code is missing for a referral which led to further action',
  '8614': 'Parental or child factors at assessment should only be present for a completed assessment.',
  '8615': 'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  '8617': 'Code 8A has been returned. This code is not a valid code.',
  '8620': 'CIN Closure Date present and does not fall within the Census year',
  '8630': 'CIN Closure Date is before CIN Referral Date for the same CIN episode',
  '8640': 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  '8650': 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  '8670Q': 'Please check: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  '8675Q': 'Please check: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  '8696': 'Assessment end date must fall within the census year',
  '8715': 'Date of Initial Child Protection Conference must fall within the census year',
  '8720': 'Child Protection Plan Start Date missing or out of data collection period',
  '8736': 'For an Assessment that has not been completed, the start date must fall within the census year',
  '8740': 'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  '8750': 'Gender must equal 0 for an unborn child',
  '8770Q': 'Please check: UPN or reason UPN missing expected for a child who is more than 5 years old',
  '8772': 'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  '8775Q': 'Please check: Child is over 25 years old',
  '8790': 'Disability information includes both None and other values',
  '8794': 'Child has two or more disabilities with the same code',
  '8805': 'A CIN case cannot have a CIN closure date without a Reason for Closure',
  '8810': 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
  '8815': 'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  '8816': 'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  '8820': 'The dates on the CIN episodes for this child overlap',
  '8825Q': 'Reason for Closure code RC8 (case closed after assessment) has been returned but there is no assessment present for the episode.',
  '8831': 'Activity is recorded against a case marked as a referral with no further action',
  '8832': 'Child Protection details provided for a referral with no further action',
  '8839': 'Within one CINDetails group there are 2 or more open S47 Assessments',
  '8840': 'Child Protection Plan cannot start and end on the same day',
  '8841': 'The review date cannot be on the same day or before the Child protection Plan start date.',
  '8863': 'An Assessment is shown as starting when there is another Assessment ongoing',
  '8866': 'Source of Referral is missing or an invalid code',
  '8867': 'CIN episode is shown as closed, however Assessment is not shown as completed',
  '8868': 'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  '8869': 'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  '8870Q': 'Please check: The Target Date for Initial Child Protection Conference should not be a weekend',
  '8873': 'When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ must be used.',
  '8875': 'The Date of Initial Child Protection Conference cannot be a weekend',
  '8890': 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  '8896': 'Within one CINDetails group there are 2 or more open Assessments groups',
  '8897': 'Parental or child factors at assessment information is missing from a completed assessment',
  '8898': 'The assessment has more than one parental or child factors with the same code',
  '8899Q': 'Please check: A child identified as having a disability does not have a disability factor recorded at the end of assessment.',
  '8905': 'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  '8910': 'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  '8915': 'Child Protection Plan shown as starting after the child’s Date of Death',
  '8920': 'Child Protection Plan cannot end after the child’s Date of Death',
  '8925': 'Child Protection Plan End Date earlier than Start Date',
  '8930': 'Child Protection Plan End Date must fall within the census year',
  '8935': 'This child is showing more than one open Child Protection plan, i.e. with no End Date',
  '8940': 'Child Protection Plan data contains overlapping dates',
  /** Threshold's own checks of what the schema requires (no DfE code). */
  LEA: 'The local authority’s three-digit DfE number is not recorded: enter it as the code of the area’s children’s social care agency',
  SCHEMA: 'A value is not one the census XML schema allows',
} as const;

export type CinRule = keyof typeof CIN_RULES;

export const severityOf = (rule: string): IssueSeverity => (rule.endsWith('Q') ? 'query' : 'error');

const VALID_SOURCES = new Set(CONTACT_SOURCES.map((c) => c.code));
const VALID_FACTORS = new Set(ASSESSMENT_FACTORS.map((c) => c.code));
const VALID_DISABILITIES = new Set(CENSUS_DISABILITIES.map((c) => c.code));

const dup = <T>(xs: readonly T[]) => new Set(xs).size !== xs.length;
const weekend = (d: LocalDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

/** The working day before a date (weekends and the calendar's bank holidays skipped). */
function previousWorkingDay(calendar: WorkingCalendar, date: LocalDate): LocalDate {
  let d = addDays(date, -1);
  while (!calendar.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * Checks the census against every DfE rule Threshold can express over its model, and the schema's code lists.
 * `calendar` counts working days for the rules that do (8569, 8670Q, 8675Q). For a year still running, `asAt` (today)
 * is the day an assessment or enquiry is overdue by, not a 31 March still to come.
 */
export function validateCensus(c: CinCensus, calendar: WorkingCalendar, asAt?: LocalDate): CensusIssue[] {
  const y = c.year;
  const overdueBy = asAt && asAt < y.referenceDate ? asAt : y.referenceDate;
  const issues: CensusIssue[] = [];
  const add = (rule: CinRule, field: string, child: CensusChild | null, episode: CinDetails | null = null, message?: string) =>
    issues.push({
      rule,
      message: message ?? CIN_RULES[rule],
      severity: severityOf(rule),
      laChildId: child?.identifiers.laChildId ?? null,
      personId: child?.personId ?? null,
      referralDate: episode?.referralDate ?? null,
      referralId: episode?.referralId ?? null,
      field,
    });
  const schema = (field: string, value: string, child: CensusChild | null, episode: CinDetails | null = null) =>
    add('SCHEMA', field, child, episode, `${field} “${value}” is not in the census code set`);

  // ——— the return ———
  if (c.header.referenceDate !== y.referenceDate || c.header.year !== y.dfeYear) add('100', 'ReferenceDate', null);
  if (!/^\d{3}$/.test(c.header.lea)) add('LEA', 'LEA', null);
  const episodesAll = c.children.flatMap((ch) => ch.cinDetails);
  const plansStarting = episodesAll.flatMap((e) => e.cpPlans).filter((p) => inCensus(p.startDate, y)).length;
  const conferences = episodesAll.filter((e) => inCensus(e.dateOfInitialCpc, y)).length + episodesAll.flatMap((e) => e.section47).filter((s) => inCensus(s.dateOfInitialCpc, y)).length;
  if (plansStarting > conferences) add('2883', 'CPPstartDate', null);
  const born = c.children.filter((ch) => ch.identifiers.expectedPersonBirthDate === null);
  const noGender = born.filter((ch) => ch.identifiers.genderCurrent === null || ch.identifiers.genderCurrent === '0').length;
  if (born.length > 0 && noGender * 50 > born.length) add('2886Q', 'GenderCurrent', null);

  // ——— each child ———
  const idCount = new Map<string, number>();
  const upnCount = new Map<string, number>();
  for (const ch of c.children) {
    idCount.set(ch.identifiers.laChildId, (idCount.get(ch.identifiers.laChildId) ?? 0) + 1);
    if (ch.identifiers.upn) upnCount.set(ch.identifiers.upn, (upnCount.get(ch.identifiers.upn) ?? 0) + 1);
  }
  for (const ch of c.children) {
    const id = ch.identifiers;
    const episodes = ch.cinDetails;
    const dob = id.personBirthDate;
    const expected = id.expectedPersonBirthDate;
    const death = id.personDeathDate;
    const anyFurther = episodes.some((e) => !e.referralNfa);

    if (!id.laChildId) add('8500', 'LAchildID', ch);
    else if ((idCount.get(id.laChildId) ?? 0) > 1) add('8510', 'LAchildID', ch);

    if (id.upn) {
      const upn = id.upn;
      if (!/^[A-Z]\d{11}.$/.test(upn)) add('1540', 'UPN', ch);
      else {
        if (!isUpnLaCode(upn.slice(1, 4))) add('1530', 'UPN', ch);
        if (!/^[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(upn[12]!)) add('1550', 'UPN', ch);
        else if (!isValidUpn(upn)) add('1510', 'UPN', ch);
      }
      if ((upnCount.get(upn) ?? 0) > 1) add('1520', 'UPN', ch);
    }
    if (id.formerUpn && (!/^[A-Z]\d{11}[0-9A-Z]$/.test(id.formerUpn) || !isValidUpn(id.formerUpn))) add('1560Q', 'FormerUPN', ch);
    if (id.upnUnknown && !isCode(UPN_UNKNOWN_REASONS, id.upnUnknown)) schema('UPNunknown', id.upnUnknown, ch);
    if (id.upnUnknown === 'UN7' && anyFurther) add('8772', 'UPNunknown', ch);
    if (!id.upn && anyFurther && dob && ageOn(dob, y.referenceDate) >= 6 && !['UN2', 'UN3', 'UN4', 'UN5', 'UN6'].includes(id.upnUnknown ?? '')) add('8770Q', 'UPN', ch);

    if ((dob === null) === (expected === null)) add('8525', 'PersonBirthDate', ch);
    if (dob && dob > y.referenceDate) add('8520', 'PersonBirthDate', ch);
    if (expected && (expected < addDays(y.referenceDate, -30) || expected > addMonths(y.referenceDate, 9))) add('8530Q', 'ExpectedPersonBirthDate', ch);
    if (dob && addMonths(dob, 25 * 12) < y.referenceDate && episodes.some((e) => e.closureDate === null || addMonths(dob, 25 * 12) < e.closureDate)) add('8775Q', 'PersonBirthDate', ch);

    if (id.genderCurrent === null || !isCode(CENSUS_GENDERS, id.genderCurrent)) add('4180', 'GenderCurrent', ch);
    else if (expected && id.genderCurrent !== '0') add('8750', 'GenderCurrent', ch);

    if (death && (!dob || death < dob)) add('8535Q', 'PersonDeathDate', ch);
    if (death && !inCensus(death, y)) add('8545Q', 'PersonDeathDate', ch);

    const ethnicity = ch.characteristics.ethnicity;
    if (!ethnicity || !isCode(ETHNICITIES, ethnicity)) add('4220', 'Ethnicity', ch);

    const disabilities = ch.characteristics.disabilities;
    if (disabilities !== null) {
      if (dob && anyFurther && (disabilities.length === 0 || disabilities.some((d) => !VALID_DISABILITIES.has(d)))) add('8540', 'Disability', ch);
      if (disabilities.includes('NONE') && disabilities.some((d) => d !== 'NONE')) add('8790', 'Disability', ch);
      if (dup(disabilities)) add('8794', 'Disability', ch);
    }

    if (episodes.length === 0) add('8590', 'CINdetails', ch);
    const openFurther = episodes.filter((e) => e.closureDate === null && !e.referralNfa);
    if (openFurther.length > 1) add('8815', 'CINclosureDate', ch);
    if (openFurther.some((a) => episodes.some((b) => b.referralDate > a.referralDate))) add('8816', 'CINclosureDate', ch);
    const overlap = episodes.some((a) =>
      episodes.some((b) => {
        const bEnd = b.closureDate ?? (b.referralNfa ? null : y.referenceDate);
        return a !== b && a.referralDate >= b.referralDate && bEnd !== null && a.referralDate < bEnd;
      }),
    );
    if (overlap) add('8820', 'CINreferralDate', ch);

    // ——— each episode ———
    for (const e of episodes) {
      const ep = (rule: CinRule, field: string) => add(rule, field, ch, e);
      if (dob && e.referralDate < addDays(dob, -280)) ep('8606', 'CINreferralDate');
      else if (expected && e.referralDate < addDays(expected, -280)) ep('8606', 'CINreferralDate');
      if (death && death < e.referralDate) ep('8555', 'CINreferralDate');
      if (!e.referralSource || !VALID_SOURCES.has(e.referralSource)) ep('8866', 'ReferralSource');
      if (!e.referralNfa && !e.primaryNeedCode) ep('8610', 'PrimaryNeedCode');
      if (e.primaryNeedCode && !isCode(PRIMARY_NEEDS, e.primaryNeedCode)) ep('8650', 'PrimaryNeedCode');
      if (e.referralNfa && e.referralDate < previousWorkingDay(calendar, y.start)) ep('8569', 'ReferralNFA');

      if (e.closureDate && !inCensus(e.closureDate, y)) ep('8620', 'CINclosureDate');
      if (e.closureDate && e.closureDate < e.referralDate) ep('8630', 'CINclosureDate');
      if (e.reasonForClosure && !isCode(CLOSURE_REASONS, e.reasonForClosure)) ep('8640', 'ReasonForClosure');
      if (e.closureDate && !e.reasonForClosure) ep('8805', 'ReasonForClosure');
      if (!e.closureDate && e.reasonForClosure) ep('8810', 'CINclosureDate');
      if (e.reasonForClosure === 'RC2' && !death) ep('8585Q', 'ReasonForClosure');
      if (e.reasonForClosure === 'RC8' && e.assessments.length === 0) ep('8825Q', 'ReasonForClosure');

      const closed = e.closureDate;
      if (
        closed &&
        (e.assessments.some((a) => closed < a.actualStartDate || (a.authorisationDate !== null && closed < a.authorisationDate)) ||
          e.section47.some((s) => closed < s.actualStartDate || (s.dateOfInitialCpc !== null && closed < s.dateOfInitialCpc)) ||
          (e.dateOfInitialCpc !== null && closed < e.dateOfInitialCpc) ||
          e.cinPlans.some((p) => closed < p.startDate || (p.endDate !== null && closed < p.endDate)) ||
          e.cpPlans.some((p) => p.endDate !== null && closed < p.endDate))
      )
        ep('8565', 'CINclosureDate');
      if (closed && e.section47.some((s) => !s.dateOfInitialCpc && !s.icpcNotRequired)) ep('8868', 'CINclosureDate');
      if (closed && e.assessments.some((a) => !a.authorisationDate)) ep('8867', 'CINclosureDate');
      if (e.reasonForClosure === 'RC8' && (e.section47.length > 0 || e.cinPlans.length > 0 || e.cpPlans.length > 0 || e.dateOfInitialCpc)) ep('2990', 'ReasonForClosure');
      if (e.referralNfa && (e.assessments.length > 0 || e.section47.length > 0 || e.dateOfInitialCpc)) ep('8831', 'ReferralNFA');
      if (e.referralNfa && e.cinPlans.length > 0) ep('4000', 'ReferralNFA');
      if (e.referralNfa && e.cpPlans.length > 0) ep('8832', 'ReferralNFA');

      // assessments
      if (e.assessments.filter((a) => !a.authorisationDate).length > 1) ep('8896', 'AssessmentAuthorisationDate');
      const ongoing = e.assessments.some((a) => e.assessments.some((b) => a !== b && a.actualStartDate >= b.actualStartDate && a.actualStartDate < (b.authorisationDate ?? y.referenceDate)));
      if (ongoing) ep('8863', 'AssessmentActualStartDate');
      if (e.assessments.length === 1 && e.assessments[0]!.factors.includes('21') && e.reasonForClosure !== 'RC8') ep('8873', 'ReasonForClosure');
      for (const a of e.assessments) {
        if (a.actualStartDate < e.referralDate) ep('1103', 'AssessmentActualStartDate');
        if (a.authorisationDate && a.actualStartDate > a.authorisationDate) ep('8608', 'AssessmentActualStartDate');
        if (!a.authorisationDate && calendar.workingDaysBetween(a.actualStartDate, overdueBy) > 45) ep('8670Q', 'AssessmentAuthorisationDate');
        if (a.authorisationDate && !inCensus(a.authorisationDate, y)) ep('8696', 'AssessmentAuthorisationDate');
        if (!a.authorisationDate && !inCensus(a.actualStartDate, y)) ep('8736', 'AssessmentActualStartDate');
        if (a.authorisationDate && !a.factors.some((f) => VALID_FACTORS.has(f))) ep('8897', 'AssessmentFactors');
        if (!a.authorisationDate && a.factors.length > 0) ep('8614', 'AssessmentFactors');
        if (dup(a.factors)) ep('8898', 'AssessmentFactors');
        if (a.factors.includes('21') && a.factors.some((f) => f !== '21')) ep('8869', 'AssessmentFactors');
        if (a.factors.includes('8A')) ep('8617', 'AssessmentFactors');
        for (const f of a.factors) if (f !== '8A' && !VALID_FACTORS.has(f)) schema('AssessmentFactors', f, ch, e);
        if (a.authorisationDate && disabilities && disabilities.some((d) => d !== 'NONE') && !a.factors.some((f) => f === '5A' || f === '6A')) ep('8899Q', 'AssessmentFactors');
      }

      // child in need plans
      if (e.cinPlans.filter((p) => !p.endDate).length > 1) ep('4004', 'CINPlanEndDate');
      if (e.cinPlans.some((a) => e.cinPlans.some((b) => a !== b && a.startDate >= b.startDate && a.startDate <= (b.endDate ?? y.referenceDate) && a.startDate !== b.endDate))) ep('4014', 'CINPlanStartDate');
      if (e.cinPlans.some((p) => !p.endDate) && e.cpPlans.some((p) => !p.endDate)) ep('4001', 'CINPlanEndDate');
      if (e.cinPlans.some((p) => e.cpPlans.some((cp) => p.startDate >= cp.startDate && p.startDate <= (cp.endDate ?? y.referenceDate) && p.startDate !== cp.endDate))) ep('4016', 'CINPlanStartDate');
      if (e.cpPlans.some((cp) => e.cinPlans.some((p) => cp.startDate >= p.startDate && cp.startDate <= (p.endDate ?? y.referenceDate) && cp.startDate !== p.endDate))) ep('4017', 'CPPstartDate');
      if (e.cinPlans.some((p) => e.cpPlans.some((cp) => cp.reviewDates.some((r) => r > p.startDate && p.endDate !== null && r < p.endDate)))) ep('4003', 'CPPreviewDate');
      for (const p of e.cinPlans) {
        if (death && p.startDate > death) ep('4008', 'CINPlanStartDate');
        if (death && (!p.endDate || p.endDate > death)) ep('4009', 'CINPlanEndDate');
        if (p.startDate > y.referenceDate) ep('4010', 'CINPlanStartDate');
        if (p.endDate && p.endDate < p.startDate) ep('4011', 'CINPlanEndDate');
        if (p.endDate && p.endDate === p.startDate) ep('4012Q', 'CINPlanEndDate');
        if (p.endDate && !inCensus(p.endDate, y)) ep('4013', 'CINPlanEndDate');
        if (p.startDate < e.referralDate) ep('4015', 'CINPlanStartDate');
      }

      // section 47 enquiries
      if (e.section47.filter((s) => !s.dateOfInitialCpc && !s.icpcNotRequired).length > 1) ep('8839', 'DateOfInitialCPC');
      const s47Ongoing = e.section47.some((a) =>
        e.section47.some((b) => {
          const bEnd = b.dateOfInitialCpc ?? (b.icpcNotRequired ? null : y.referenceDate);
          return a !== b && a.actualStartDate >= b.actualStartDate && bEnd !== null && a.actualStartDate < bEnd;
        }),
      );
      if (s47Ongoing) ep('8890', 'S47ActualStartDate');
      if (e.dateOfInitialCpc && e.section47.some((s) => s.dateOfInitialCpc === e.dateOfInitialCpc)) ep('2884', 'DateOfInitialCPC');
      if (e.section47.length > 0 && e.assessments.length === 0) ep('2991Q', 'Assessments');
      if (e.dateOfInitialCpc) {
        if (e.dateOfInitialCpc < e.referralDate) ep('1104', 'DateOfInitialCPC');
        if (!inCensus(e.dateOfInitialCpc, y)) ep('8715', 'DateOfInitialCPC');
        if (weekend(e.dateOfInitialCpc)) ep('8875', 'DateOfInitialCPC');
      }
      for (const s of e.section47) {
        if (s.dateOfInitialCpc && s.dateOfInitialCpc < e.referralDate) ep('1104', 'DateOfInitialCPC');
        if (s.dateOfInitialCpc && s.actualStartDate > s.dateOfInitialCpc) ep('8615', 'S47ActualStartDate');
        if (s.actualStartDate < e.referralDate) ep('2889', 'S47ActualStartDate');
        if (!s.dateOfInitialCpc && !s.icpcNotRequired && !inCensus(s.actualStartDate, y)) ep('8740', 'S47ActualStartDate');
        if (!s.dateOfInitialCpc && !s.icpcNotRequired && calendar.workingDaysBetween(s.actualStartDate, overdueBy) > 15) ep('8675Q', 'DateOfInitialCPC');
        if (s.initialCpcTarget && weekend(s.initialCpcTarget)) ep('8870Q', 'InitialCPCtarget');
        if (s.dateOfInitialCpc && !inCensus(s.dateOfInitialCpc, y)) ep('8715', 'DateOfInitialCPC');
        if (s.dateOfInitialCpc && weekend(s.dateOfInitialCpc)) ep('8875', 'DateOfInitialCPC');
      }

      // child protection plans
      if (e.cpPlans.filter((p) => !p.endDate).length > 1) ep('8935', 'CPPendDate');
      if (e.cpPlans.some((a) => e.cpPlans.some((b) => a !== b && a.startDate >= b.startDate && a.startDate <= (b.endDate ?? y.referenceDate)))) ep('8940', 'CPPstartDate');
      const icpcDates = new Set([e.dateOfInitialCpc, ...e.section47.map((s) => s.dateOfInitialCpc)].filter((d): d is LocalDate => !!d));
      for (const p of e.cpPlans) {
        if (!p.initialCategory || !isCode(CP_CATEGORIES, p.initialCategory)) ep('8905', 'InitialCategoryOfAbuse');
        if (!p.latestCategory || !isCode(CP_CATEGORIES, p.latestCategory)) ep('8910', 'LatestCategoryOfAbuse');
        if (p.startDate > y.referenceDate) ep('8720', 'CPPstartDate');
        if (death && p.startDate > death) ep('8915', 'CPPstartDate');
        if (death && (!p.endDate || p.endDate > death)) ep('8920', 'CPPendDate');
        if (p.endDate && p.endDate < p.startDate) ep('8925', 'CPPendDate');
        if (p.endDate && !inCensus(p.endDate, y)) ep('8930', 'CPPendDate');
        if (p.endDate && p.endDate === p.startDate) ep('8840', 'CPPendDate');
        if (p.reviewDates.some((r) => r <= p.startDate)) ep('8841', 'CPPreviewDate');
        if (inCensus(p.startDate, y) && !icpcDates.has(p.startDate)) ep('2885', 'CPPstartDate');
        if (p.startDate < e.referralDate) ep('1105', 'CPPstartDate');
        if (!Number.isInteger(p.numberOfPreviousCpp) || p.numberOfPreviousCpp < 0) schema('NumberOfPreviousCPP', String(p.numberOfPreviousCpp), ch, e);
      }
    }
  }
  return issues.sort(
    (a, b) =>
      (a.laChildId ?? '').localeCompare(b.laChildId ?? '') ||
      (a.referralDate ?? '').localeCompare(b.referralDate ?? '') ||
      a.rule.localeCompare(b.rule, 'en', { numeric: true }) ||
      a.field.localeCompare(b.field),
  );
}

// ——— XML ———

/** Text for an XML element: the five special characters escaped, characters XML 1.0 forbids removed. */
export function xmlText(value: string): string {
  const allowed = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  return [...value]
    .filter((ch) => allowed(ch.codePointAt(0)!))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

class XmlWriter {
  private lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;
  open(name: string) {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>`);
    this.depth += 1;
  }
  close(name: string) {
    this.depth -= 1;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }
  /** An element with text; nothing when there is no value (the census omits what it does not have). */
  leaf(name: string, value: string | number | boolean | null | undefined) {
    if (value === null || value === undefined || value === '') return;
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${xmlText(String(value))}</${name}>`);
  }
  toString() {
    return this.lines.join('\n') + '\n';
  }
}

/** The census as the DfE's XML: elements in the schema's order, optional ones left out when empty. */
export function censusXml(c: CinCensus): string {
  const w = new XmlWriter();
  const h = c.header;
  w.open('Message');
  w.open('Header');
  w.open('CollectionDetails');
  w.leaf('Collection', h.collection);
  w.leaf('Year', h.year);
  w.leaf('ReferenceDate', h.referenceDate);
  w.close('CollectionDetails');
  w.open('Source');
  w.leaf('SourceLevel', h.sourceLevel);
  w.leaf('LEA', h.lea);
  w.leaf('SoftwareCode', h.softwareCode);
  w.leaf('Release', h.release);
  w.leaf('SerialNo', h.serialNo);
  w.leaf('DateTime', h.dateTime);
  w.close('Source');
  w.close('Header');
  w.open('Children');
  for (const ch of c.children) {
    const id = ch.identifiers;
    w.open('Child');
    w.open('ChildIdentifiers');
    w.leaf('LAchildID', id.laChildId);
    w.leaf('UPN', id.upn);
    w.leaf('FormerUPN', id.formerUpn);
    w.leaf('UPNunknown', id.upnUnknown);
    w.leaf('PersonBirthDate', id.personBirthDate);
    w.leaf('ExpectedPersonBirthDate', id.expectedPersonBirthDate);
    w.leaf('GenderCurrent', id.genderCurrent);
    w.leaf('PersonDeathDate', id.personDeathDate);
    w.close('ChildIdentifiers');
    w.open('ChildCharacteristics');
    w.leaf('Ethnicity', ch.characteristics.ethnicity);
    const disabilities = ch.characteristics.disabilities ?? [];
    if (disabilities.length > 0) {
      w.open('Disabilities');
      for (const d of disabilities) w.leaf('Disability', d);
      w.close('Disabilities');
    }
    w.close('ChildCharacteristics');
    for (const e of ch.cinDetails) {
      w.open('CINdetails');
      w.leaf('CINreferralDate', e.referralDate);
      w.leaf('ReferralSource', e.referralSource);
      w.leaf('PrimaryNeedCode', e.primaryNeedCode);
      w.leaf('CINclosureDate', e.closureDate);
      w.leaf('ReasonForClosure', e.reasonForClosure);
      w.leaf('DateOfInitialCPC', e.dateOfInitialCpc);
      for (const a of e.assessments) {
        w.open('Assessments');
        w.leaf('AssessmentActualStartDate', a.actualStartDate);
        w.leaf('AssessmentInternalReviewDate', a.internalReviewDate);
        w.leaf('AssessmentAuthorisationDate', a.authorisationDate);
        if (a.factors.length > 0) {
          w.open('FactorsIdentifiedAtAssessment');
          for (const f of a.factors) w.leaf('AssessmentFactors', f);
          w.close('FactorsIdentifiedAtAssessment');
        }
        w.close('Assessments');
      }
      for (const p of e.cinPlans) {
        w.open('CINPlanDates');
        w.leaf('CINPlanStartDate', p.startDate);
        w.leaf('CINPlanEndDate', p.endDate);
        w.close('CINPlanDates');
      }
      for (const s of e.section47) {
        w.open('Section47');
        w.leaf('S47ActualStartDate', s.actualStartDate);
        w.leaf('InitialCPCtarget', s.initialCpcTarget);
        w.leaf('DateOfInitialCPC', s.dateOfInitialCpc);
        w.leaf('ICPCnotRequired', s.icpcNotRequired ? 'true' : 'false');
        w.close('Section47');
      }
      w.leaf('ReferralNFA', e.referralNfa ? 'true' : 'false');
      for (const p of e.cpPlans) {
        w.open('ChildProtectionPlans');
        w.leaf('CPPstartDate', p.startDate);
        w.leaf('CPPendDate', p.endDate);
        w.leaf('InitialCategoryOfAbuse', p.initialCategory);
        w.leaf('LatestCategoryOfAbuse', p.latestCategory);
        w.leaf('NumberOfPreviousCPP', p.numberOfPreviousCpp);
        if (p.reviewDates.length > 0) {
          w.open('Reviews');
          for (const r of p.reviewDates) w.leaf('CPPreviewDate', r);
          w.close('Reviews');
        }
        w.close('ChildProtectionPlans');
      }
      w.close('CINdetails');
    }
    w.close('Child');
  }
  w.close('Children');
  w.close('Message');
  return w.toString();
}
