/**
 * The Safeguarding Adults Collection (SAC) and the Mental Capacity Act DoLS counts, as pure rules: which records
 * count in a collection year, how an individual is counted once per table, how a concluded enquiry counts once under
 * each kind of risk it found, how an enquiry's risks make one outcome, and when a DoLS request was decided in time.
 * The return (`features/measures/sac-return.ts`) loads the records and writes what these rules count.
 *
 * Sources: NHS England, "Guidance for completing the Safeguarding Adults Collection (SAC)" (SG1 demographics: an
 * individual appears once in the individuals tables however many enquiries they had, aged on the last day of the
 * reporting period or at death; SG2 case details: "record a count of one for each different category that applies
 * to the enquiry"); NHS England, Mental Capacity Act 2005 Deprivation of Liberty Safeguards collection; Mental
 * Capacity Act 2005 Schedule A1, through the DoLS clocks of `dols.ts` (a standard request decided within 21 days; an
 * urgent authorisation of 7 days, extendable once by 7).
 */
import {
  CONCERN_SOURCES,
  PRIMARY_SUPPORT_REASONS,
  RISK_LOCATIONS,
  RISK_SOURCES,
  RISK_TYPES,
  sourceGroup,
} from './adult-safeguarding.js';
import { type Code } from './codes.js';
import { type ClockInput, decidedInTime, decisionDueOn } from './dols.js';
import { type LocalDate, addDays, ageOn, formatLocalDate, londonDate } from './time.js';

export const SAC_GUIDANCE = 'NHS England, Guidance for completing the Safeguarding Adults Collection (SAC)';
export const DOLS_COLLECTION = 'NHS England, Mental Capacity Act 2005 Deprivation of Liberty Safeguards (MCA DoLS) collection';

// ——— the collection year ———

/** A collection year: 1 April to 31 March, by the year it starts (2026 is 2026-27). `end` is the day after the last. */
export interface CollectionYear {
  year: number;
  label: string;
  start: LocalDate;
  end: LocalDate;
  lastDay: LocalDate;
}

export function collectionYear(year: number): CollectionYear {
  const start = formatLocalDate(year, 4, 1);
  const end = formatLocalDate(year + 1, 4, 1);
  return { year, label: `${year}-${String((year + 1) % 100).padStart(2, '0')}`, start, end, lastDay: addDays(end, -1) };
}

export function inYear(date: LocalDate | null | undefined, y: CollectionYear): boolean {
  return !!date && date >= y.start && date < y.end;
}

/** An instant's London date in the year (a concern received at 23:30 BST on 31 March counts in that year). */
export function instantInYear(at: Date | null | undefined, y: CollectionYear): boolean {
  return !!at && inYear(londonDate(at), y);
}

// ——— demographics ———

/** SAC age bands (SG1a), and the age each is "from" (the next band's from is where it stops). */
export const SAC_AGE_BANDS = [
  { code: '18_64', label: '18-64', from: 18 },
  { code: '65_74', label: '65-74', from: 65 },
  { code: '75_84', label: '75-84', from: 75 },
  { code: '85_94', label: '85-94', from: 85 },
  { code: '95_plus', label: '95+', from: 95 },
  { code: 'unknown', label: 'Age unknown', from: null },
] as const;
export type SacAgeBand = (typeof SAC_AGE_BANDS)[number]['code'];

/** The band for an age in whole years: under 18 (not an adult at risk the SAC counts) or none is "unknown". */
export function ageBandOf(age: number | null): SacAgeBand {
  if (age === null || !Number.isFinite(age) || age < 18) return 'unknown';
  let band: SacAgeBand = '18_64';
  for (const b of SAC_AGE_BANDS) if (b.from !== null && age >= b.from) band = b.code;
  return band;
}

export interface SacPerson {
  dateOfBirth: LocalDate | null;
  /** exact | estimated | unborn: an unborn child's expected date is not a date of birth. */
  dobPrecision?: string | null;
  deceasedOn: LocalDate | null;
  gender: string | null;
  ethnicity: string | null;
}

/** The day the SAC ages an individual on: the last day of the year, or the day they died if that was earlier. */
export function ageDay(person: Pick<SacPerson, 'deceasedOn'>, y: CollectionYear): LocalDate {
  return person.deceasedOn && person.deceasedOn < y.lastDay ? person.deceasedOn : y.lastDay;
}

export function sacAgeBand(person: SacPerson | undefined, y: CollectionYear): SacAgeBand {
  if (!person || !person.dateOfBirth || person.dobPrecision === 'unborn') return 'unknown';
  return ageBandOf(ageOn(person.dateOfBirth, ageDay(person, y)));
}

/** SG1b: the SAC counts male, female and not known; Threshold's "other" and "not known" are reported as not known. */
export const SAC_SEXES = [
  { code: 'male', label: 'Male' },
  { code: 'female', label: 'Female' },
  { code: 'unknown', label: 'Not known' },
] as const;
export type SacSex = (typeof SAC_SEXES)[number]['code'];
export function sacSex(gender: string | null | undefined): SacSex {
  return gender === 'male' || gender === 'female' ? gender : 'unknown';
}

/** SG1c: the SAC's ethnic groups (the ONS 2011 census groups), from the DfE codes the person register keeps. */
export const SAC_ETHNIC_GROUPS = [
  { code: 'white', label: 'White' },
  { code: 'mixed', label: 'Mixed / Multiple ethnic groups' },
  { code: 'asian', label: 'Asian / Asian British' },
  { code: 'black', label: 'Black / African / Caribbean / Black British' },
  { code: 'other', label: 'Other ethnic group' },
  { code: 'refused', label: 'Refused' },
  { code: 'not_known', label: 'Undeclared / Not known' },
] as const;
export type SacEthnicGroup = (typeof SAC_ETHNIC_GROUPS)[number]['code'];

/** DfE ethnicity code → SAC group. Chinese is in the Asian group, as in the 2011 census the SAC follows. */
export const ETHNICITY_TO_SAC: Readonly<Record<string, SacEthnicGroup>> = {
  WBRI: 'white',
  WIRI: 'white',
  WIRT: 'white',
  WROM: 'white',
  WOTH: 'white',
  MWBC: 'mixed',
  MWBA: 'mixed',
  MWAS: 'mixed',
  MOTH: 'mixed',
  AIND: 'asian',
  APKN: 'asian',
  ABAN: 'asian',
  AOTH: 'asian',
  CHNE: 'asian',
  BCRB: 'black',
  BAFR: 'black',
  BOTH: 'black',
  OOTH: 'other',
  REFU: 'refused',
  NOBT: 'not_known',
};
export function sacEthnicGroup(code: string | null | undefined): SacEthnicGroup {
  return (code && ETHNICITY_TO_SAC[code]) || 'not_known';
}

// ——— the records the return counts ———

export interface SacConcern {
  id: string;
  /** The person (after any merge), or null when the concern names no one on the register. */
  personId: string | null;
  receivedAt: Date;
  sourceCode: string;
}

export interface SacRisk {
  type: string;
  location: string;
  source: string;
  result: string | null;
  actionTaken: boolean | null;
}

export type EnquiryKind = 's42' | 'other';

export interface SacEnquiry {
  id: string;
  concernId: string;
  personId: string | null;
  kind: EnquiryKind;
  startedAt: Date;
  status: string;
  endedAt: Date | null;
  exitReason: string | null;
  capacity: string | null;
  advocacy: string | null;
  mspAsked: string | null;
  outcomesAchieved: string | null;
  primarySupportReason: string | null;
  risks: readonly SacRisk[];
}

/**
 * Who a record is about, for counting individuals: the person, or — when no one on the register is named — the
 * concern itself (its enquiry is about the same unnamed adult), so they are still counted, once, as not known.
 */
export function individualOf(r: { personId: string | null; concernId?: string; id: string }): string {
  return r.personId ?? `concern:${r.concernId ?? r.id}`;
}

/** Concluded in the SAC's sense: ended in the year, by conclusion or by leaving the process early. */
export function concludedIn(e: Pick<SacEnquiry, 'status' | 'endedAt'>, y: CollectionYear): boolean {
  return (e.status === 'concluded' || e.status === 'exited') && instantInYear(e.endedAt, y);
}

// ——— tables ———

export interface SacRow {
  code: string;
  label: string;
  values: number[];
}

export interface SacTable {
  id: string;
  title: string;
  /** What is counted, as the guidance says it. */
  counts: string;
  columns: string[];
  rows: SacRow[];
  /** The total row: counts records (individuals, enquiries), never the rows added up; null where a total means nothing. */
  total: number[] | null;
}

function table(id: string, title: string, counts: string, columns: string[], codes: readonly { code: string; label: string }[]): SacTable {
  return { id, title, counts, columns, rows: codes.map((c) => ({ code: c.code, label: c.label, values: columns.map(() => 0) })), total: columns.map(() => 0) };
}

function add(t: SacTable, code: string, column: number): void {
  const row = t.rows.find((r) => r.code === code);
  if (!row) throw new Error(`${t.id}: no row ${code}`);
  row.values[column]! += 1;
}

function addTotal(t: SacTable, column: number): void {
  if (!t.total) throw new Error(`${t.id}: no total row`);
  t.total[column]! += 1;
}

const KINDS: readonly EnquiryKind[] = ['s42', 'other'];
const ENQUIRY_COLUMNS = ['Section 42 enquiries', 'Other enquiries'];

// ——— SG1: individuals, and cases ———

/** For each individual in a set of records, the records of theirs (the SAC counts the individual once). */
function byIndividual<T extends { personId: string | null; id: string; concernId?: string }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const key = individualOf(r);
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/** The individual's latest enquiry (by start, then id): the one whose primary support reason is reported. */
export function latestEnquiry(enquiries: readonly SacEnquiry[]): SacEnquiry {
  return enquiries.reduce((a, b) => (b.startedAt.getTime() > a.startedAt.getTime() || (b.startedAt.getTime() === a.startedAt.getTime() && b.id > a.id) ? b : a));
}

const PSR_ROWS: readonly Code[] = [...PRIMARY_SUPPORT_REASONS.filter((c) => c.code !== 'not_known'), { code: 'not_known', label: 'Not known' }];

export interface Sg1 {
  age: SacTable;
  sex: SacTable;
  ethnicity: SacTable;
  supportReason: SacTable;
  cases: SacTable;
  /** Individuals under 18 on the day they were aged (counted as age unknown): a record to check. */
  under18: number;
}

export function sg1(y: CollectionYear, concerns: readonly SacConcern[], enquiries: readonly SacEnquiry[], people: ReadonlyMap<string, SacPerson>): Sg1 {
  const individualsColumns = ['Individuals involved in safeguarding concerns', 'Individuals involved in section 42 enquiries', 'Individuals involved in other enquiries'];
  const age = table('SG1a', 'Individuals by age band', 'Individuals involved, each once in each column, aged on the last day of the year (or on the day they died)', individualsColumns, SAC_AGE_BANDS);
  const sex = table('SG1b', 'Individuals by sex', 'Individuals involved, each once in each column', individualsColumns, SAC_SEXES);
  const ethnicity = table('SG1c', 'Individuals by ethnicity', 'Individuals involved, each once in each column', individualsColumns, SAC_ETHNIC_GROUPS);
  const supportReason = table('SG1d', 'Individuals by primary support reason', 'Individuals involved in enquiries, each once in each column, by the primary support reason on their latest enquiry of that kind in the year', ENQUIRY_COLUMNS, PSR_ROWS);
  const cases = table('SG1e', 'Concerns and enquiries', 'Cases: concerns received and enquiries started in the year (an individual with three enquiries counts three times)', ['Cases'], [
    { code: 'concerns', label: 'Safeguarding concerns' },
    { code: 's42', label: 'Section 42 safeguarding enquiries' },
    { code: 'other', label: 'Other safeguarding enquiries' },
  ]);
  const under18 = new Set<string>();

  const groups: { column: number; individuals: Map<string, unknown[]> }[] = [
    { column: 0, individuals: byIndividual(concerns.filter((c) => instantInYear(c.receivedAt, y))) },
    ...KINDS.map((kind, i) => ({ column: i + 1, individuals: byIndividual(enquiries.filter((e) => e.kind === kind && instantInYear(e.startedAt, y))) })),
  ];
  for (const { column, individuals } of groups) {
    for (const [key, records] of individuals) {
      const person = people.get(key);
      const band = sacAgeBand(person, y);
      if (person?.dateOfBirth && person.dobPrecision !== 'unborn' && ageOn(person.dateOfBirth, ageDay(person, y)) < 18) under18.add(key);
      add(age, band, column);
      add(sex, sacSex(person?.gender), column);
      add(ethnicity, sacEthnicGroup(person?.ethnicity), column);
      for (const t of [age, sex, ethnicity]) addTotal(t, column);
      if (column > 0) {
        const latest = latestEnquiry(records as SacEnquiry[]);
        const psr = latest.primarySupportReason && PSR_ROWS.some((r) => r.code === latest.primarySupportReason) ? latest.primarySupportReason : 'not_known';
        add(supportReason, psr, column - 1);
        addTotal(supportReason, column - 1);
      }
    }
  }
  const started = (kind: EnquiryKind) => enquiries.filter((e) => e.kind === kind && instantInYear(e.startedAt, y)).length;
  cases.rows[0]!.values[0] = concerns.filter((c) => instantInYear(c.receivedAt, y)).length;
  cases.rows[1]!.values[0] = started('s42');
  cases.rows[2]!.values[0] = started('other');
  // Concerns and the enquiries they led to are not added up: an enquiry is a concern too.
  cases.total = null;
  return { age, sex, ethnicity, supportReason, cases, under18: under18.size };
}

// ——— SG2: concluded enquiries by type, location and source of risk ———

export interface Sg2 {
  type: SacTable;
  location: SacTable;
  source: SacTable;
  /** Concluded enquiries with no risk recorded (they are in the totals, under no row). */
  withoutRisk: number[];
}

/** The different values of one property of an enquiry's risks: each counts once, however many risks share it. */
export function distinctOf(risks: readonly SacRisk[], key: 'type' | 'location' | 'source'): string[] {
  return [...new Set(risks.map((r) => r[key]))];
}

export function sg2(y: CollectionYear, enquiries: readonly SacEnquiry[]): Sg2 {
  const counts = 'Concluded enquiries, once under each different category found (an enquiry with two types counts once under each); the total counts enquiries';
  const type = table('SG2a', 'Concluded enquiries by type of risk', counts, ENQUIRY_COLUMNS, RISK_TYPES);
  const location = table('SG2b', 'Concluded enquiries by location of risk', counts, ENQUIRY_COLUMNS, RISK_LOCATIONS);
  const source = table('SG2c', 'Concluded enquiries by source of risk', counts, ENQUIRY_COLUMNS, RISK_SOURCES);
  const withoutRisk = [0, 0];
  KINDS.forEach((kind, column) => {
    for (const e of enquiries.filter((x) => x.kind === kind && concludedIn(x, y))) {
      for (const [t, key] of [[type, 'type'], [location, 'location'], [source, 'source']] as const) {
        for (const code of distinctOf(e.risks, key)) add(t, code, column);
        addTotal(t, column);
      }
      if (e.risks.length === 0) withoutRisk[column]! += 1;
    }
  });
  return { type, location, source, withoutRisk };
}

// ——— SG3: what was found, what was done, and where the risk stood ———

export type RiskOutcome = 'risk_identified' | 'inconclusive' | 'no_risk' | 'ceased_at_request';
export const RISK_OUTCOMES: readonly { code: RiskOutcome; label: string }[] = [
  { code: 'risk_identified', label: 'Risk identified' },
  { code: 'inconclusive', label: 'Risk assessment inconclusive' },
  { code: 'no_risk', label: 'No risk identified' },
  { code: 'ceased_at_request', label: 'Enquiry ceased at the individual’s request' },
];
export type RiskResult = 'remains' | 'reduced' | 'removed';
/** Worst first: where an enquiry found several risks, the one that remains is what the adult is left with. */
export const RISK_RESULT_ORDER: readonly { code: RiskResult; label: string }[] = [
  { code: 'remains', label: 'Risk remains' },
  { code: 'reduced', label: 'Risk reduced' },
  { code: 'removed', label: 'Risk removed' },
];
const IDENTIFIED = new Set<string>(['removed', 'reduced', 'remains']);

export interface EnquiryOutcome {
  outcome: RiskOutcome;
  actionTaken: boolean;
  /** Where the risk stood at the end, when one was identified (the worst of the identified risks). */
  result: RiskResult | null;
}

/**
 * One outcome for a concluded enquiry from its risks: a risk identified if any risk was removed, reduced or remains
 * (action taken if any identified risk had action, the result the worst of them); otherwise an enquiry the adult
 * ended (left at their request, no action) ceased at their request; otherwise inconclusive if any risk was
 * inconclusive or has no result (or none was recorded); otherwise no risk identified.
 */
export function enquiryOutcome(e: Pick<SacEnquiry, 'risks' | 'status' | 'exitReason'>): EnquiryOutcome {
  const identified = e.risks.filter((r) => r.result !== null && IDENTIFIED.has(r.result));
  const anyAction = e.risks.some((r) => r.actionTaken === true);
  if (identified.length > 0) {
    const worst = RISK_RESULT_ORDER.find((o) => identified.some((r) => r.result === o.code))!.code;
    return { outcome: 'risk_identified', actionTaken: identified.some((r) => r.actionTaken === true), result: worst };
  }
  if (e.status === 'exited' && e.exitReason === 'adult_declined' && !anyAction) return { outcome: 'ceased_at_request', actionTaken: false, result: null };
  // No risk was identified: any risk not found to be no risk (inconclusive, or no result recorded) leaves it open.
  if (e.risks.length === 0 || e.risks.some((r) => r.result !== 'no_risk')) {
    return { outcome: 'inconclusive', actionTaken: anyAction, result: null };
  }
  return { outcome: 'no_risk', actionTaken: anyAction, result: null };
}

export interface Sg3 {
  outcome: SacTable;
  result: SacTable;
}

export function sg3(y: CollectionYear, enquiries: readonly SacEnquiry[]): Sg3 {
  const outcome = table(
    'SG3a',
    'Concluded enquiries: what was found and whether action was taken',
    'Concluded enquiries, once each, by the outcome of their risks',
    ['Section 42: action taken', 'Section 42: no action taken', 'Other: action taken', 'Other: no action taken'],
    RISK_OUTCOMES,
  );
  const result = table('SG3b', 'Concluded enquiries where a risk was identified and action taken: where the risk stood', 'Concluded enquiries where a risk was identified and action was taken, by the worst result among their identified risks', ENQUIRY_COLUMNS, RISK_RESULT_ORDER);
  KINDS.forEach((kind, k) => {
    for (const e of enquiries.filter((x) => x.kind === kind && concludedIn(x, y))) {
      const o = enquiryOutcome(e);
      const column = k * 2 + (o.actionTaken ? 0 : 1);
      add(outcome, o.outcome, column);
      addTotal(outcome, column);
      if (o.outcome === 'risk_identified' && o.actionTaken && o.result) {
        add(result, o.result, k);
        addTotal(result, k);
      }
    }
  });
  return { outcome, result };
}

// ——— SG4: Making Safeguarding Personal, and capacity ———

export const MSP_ROWS = [
  { code: 'asked_expressed', label: 'Yes, they were asked and outcomes were expressed' },
  { code: 'asked_not_expressed', label: 'Yes, they were asked but no outcomes were expressed' },
  { code: 'not_asked', label: 'No' },
  { code: 'dont_know', label: 'Don’t know' },
  { code: 'not_recorded', label: 'Not recorded' },
] as const;
export const ACHIEVED_ROWS = [
  { code: 'fully', label: 'Fully achieved' },
  { code: 'partially', label: 'Partially achieved' },
  { code: 'not', label: 'Not achieved' },
  { code: 'not_recorded', label: 'Not recorded' },
] as const;
export const CAPACITY_ROWS = [
  { code: 'lacks_capacity', label: 'Yes, they lacked capacity' },
  { code: 'has_capacity', label: 'No, they did not lack capacity' },
  { code: 'not_assessed', label: 'Don’t know (not assessed)' },
  { code: 'not_recorded', label: 'Not recorded' },
] as const;
export const SUPPORT_ROWS = [
  { code: 'yes', label: 'Yes, support was provided by an advocate, family or friend' },
  { code: 'no', label: 'No' },
  { code: 'not_recorded', label: 'Not recorded' },
] as const;

/** Advocacy that is support by an advocate, family or friend; "not needed" and "declined" are not. */
export const SUPPORT_PROVIDED = new Set(['s68_independent', 'family_friend', 'imca']);
export function supportProvided(advocacy: string | null | undefined): 'yes' | 'no' | 'not_recorded' {
  if (!advocacy) return 'not_recorded';
  return SUPPORT_PROVIDED.has(advocacy) ? 'yes' : 'no';
}

const known = (rows: readonly { code: string }[], value: string | null | undefined) => (value && rows.some((r) => r.code === value) ? value : 'not_recorded');

export interface Sg4 {
  asked: SacTable;
  achieved: SacTable;
  capacity: SacTable;
  support: SacTable;
}

export function sg4(y: CollectionYear, enquiries: readonly SacEnquiry[]): Sg4 {
  const asked = table('SG4a', 'Was the individual, or their representative, asked what outcomes they wanted?', 'Concluded enquiries', ENQUIRY_COLUMNS, MSP_ROWS);
  const achieved = table('SG4b', 'How far were the outcomes they expressed achieved?', 'Concluded enquiries where outcomes were expressed', ENQUIRY_COLUMNS, ACHIEVED_ROWS);
  const capacity = table('SG4c', 'Did the individual lack capacity?', 'Concluded enquiries', ENQUIRY_COLUMNS, CAPACITY_ROWS);
  const support = table('SG4d', 'Where they lacked capacity: was support provided by an advocate, family or friend?', 'Concluded enquiries where the individual lacked capacity', ENQUIRY_COLUMNS, SUPPORT_ROWS);
  KINDS.forEach((kind, column) => {
    for (const e of enquiries.filter((x) => x.kind === kind && concludedIn(x, y))) {
      const msp = known(MSP_ROWS, e.mspAsked);
      add(asked, msp, column);
      addTotal(asked, column);
      if (msp === 'asked_expressed') {
        add(achieved, known(ACHIEVED_ROWS, e.outcomesAchieved), column);
        addTotal(achieved, column);
      }
      const cap = known(CAPACITY_ROWS, e.capacity);
      add(capacity, cap, column);
      addTotal(capacity, column);
      if (cap === 'lacks_capacity') {
        add(support, supportProvided(e.advocacy), column);
        addTotal(support, column);
      }
    }
  });
  return { asked, achieved, capacity, support };
}

// ——— the whole return ———

export interface SacReturn {
  year: CollectionYear;
  sg1: Sg1;
  sg2: Sg2;
  sg3: Sg3;
  sg4: Sg4;
  /** Concerns received in the year by who raised them (the SAC's source of concern groups). */
  concernSources: SacTable;
}

export function concernSourcesTable(y: CollectionYear, concerns: readonly SacConcern[]): SacTable {
  const t = table('Sources', 'Concerns received by source of concern', 'Concerns received in the year', ['Concerns'], CONCERN_SOURCES);
  for (const c of concerns.filter((x) => instantInYear(x.receivedAt, y))) {
    add(t, CONCERN_SOURCES.some((s) => s.code === c.sourceCode) ? c.sourceCode : 'other', 0);
    addTotal(t, 0);
  }
  return t;
}

/** Totals of the concern sources by the SAC's groups (social care staff, health staff, other). */
export function sourceGroupTotals(t: SacTable): Record<'social_care' | 'health' | 'other', number> {
  const out = { social_care: 0, health: 0, other: 0 };
  for (const r of t.rows) out[sourceGroup(r.code)] += r.values[0]!;
  return out;
}

export function sacReturn(year: number, concerns: readonly SacConcern[], enquiries: readonly SacEnquiry[], people: ReadonlyMap<string, SacPerson>): SacReturn {
  const y = collectionYear(year);
  return { year: y, sg1: sg1(y, concerns, enquiries, people), sg2: sg2(y, enquiries), sg3: sg3(y, enquiries), sg4: sg4(y, enquiries), concernSources: concernSourcesTable(y, concerns) };
}

// ——— MCA DoLS ———

export interface DolsApplication {
  id: string;
  kind: string;
  setting: string;
  receivedAt: Date;
  urgentFrom: LocalDate | null;
  urgentExtendedAt: Date | null;
  status: string;
  allocatedAt: Date | null;
  decidedAt: Date | null;
}

/** The DoLS clock of an application, in the terms of `dols.ts` (London dates). */
export function clockOf(a: Pick<DolsApplication, 'kind' | 'receivedAt' | 'urgentFrom' | 'urgentExtendedAt'>): ClockInput {
  return { kind: a.kind === 'urgent' ? 'urgent' : 'standard', receivedOn: londonDate(a.receivedAt), urgentFrom: a.urgentFrom, urgentExtended: a.urgentExtendedAt !== null };
}

/** The last London date a decision is in time on (`decisionDueOn`: 21 days, or the end of the urgent authorisation). */
export function dolsDueDay(a: Pick<DolsApplication, 'kind' | 'receivedAt' | 'urgentFrom' | 'urgentExtendedAt'>): LocalDate {
  return decisionDueOn(clockOf(a));
}

export const DOLS_DECIDED = new Set(['granted', 'not_granted']);

/**
 * Decided in time (granted or not granted) on or before the day the DoLS clock says: 21 calendar days from receipt
 * for a standard request; for one with an urgent authorisation, the day it expires (7 days from the day it was given,
 * 14 if extended) or 21 days from receipt if sooner; an urgent request with no recorded start is held to 21 days.
 * Null while undecided or withdrawn.
 */
export function dolsDecidedInTime(a: Pick<DolsApplication, 'kind' | 'receivedAt' | 'urgentFrom' | 'urgentExtendedAt' | 'status' | 'decidedAt'>): boolean | null {
  if (!DOLS_DECIDED.has(a.status) || !a.decidedAt) return null;
  return decidedInTime(dolsDueDay(a), londonDate(a.decidedAt));
}

export interface DolsCounts {
  year: CollectionYear;
  received: { total: number; standard: number; urgent: number; careHome: number; hospital: number };
  completed: { total: number; granted: number; notGranted: number; inTime: number; inTimeStandard: number; standard: number; inTimeUrgent: number; urgent: number };
  withdrawn: number;
  /** At the end of the year: not decided or withdrawn, and of those, not allocated to an assessor. */
  notCompletedAtYearEnd: number;
  unallocatedAtYearEnd: number;
}

export function dolsCounts(year: number, applications: readonly DolsApplication[]): DolsCounts {
  const y = collectionYear(year);
  const received = applications.filter((a) => instantInYear(a.receivedAt, y));
  const completed = applications.filter((a) => DOLS_DECIDED.has(a.status) && instantInYear(a.decidedAt, y));
  const closedBy = (a: DolsApplication, day: LocalDate) => (DOLS_DECIDED.has(a.status) || a.status === 'withdrawn') && a.decidedAt !== null && londonDate(a.decidedAt) < day;
  const open = applications.filter((a) => londonDate(a.receivedAt) < y.end && !closedBy(a, y.end) && !(a.status === 'withdrawn' && a.decidedAt === null));
  const urgent = (a: DolsApplication) => a.kind === 'urgent';
  const inTime = (xs: DolsApplication[]) => xs.filter((a) => dolsDecidedInTime(a) === true).length;
  return {
    year: y,
    received: {
      total: received.length,
      standard: received.filter((a) => !urgent(a)).length,
      urgent: received.filter(urgent).length,
      careHome: received.filter((a) => a.setting === 'care_home').length,
      hospital: received.filter((a) => a.setting === 'hospital').length,
    },
    completed: {
      total: completed.length,
      granted: completed.filter((a) => a.status === 'granted').length,
      notGranted: completed.filter((a) => a.status === 'not_granted').length,
      inTime: inTime(completed),
      standard: completed.filter((a) => !urgent(a)).length,
      inTimeStandard: inTime(completed.filter((a) => !urgent(a))),
      urgent: completed.filter(urgent).length,
      inTimeUrgent: inTime(completed.filter(urgent)),
    },
    withdrawn: applications.filter((a) => a.status === 'withdrawn' && instantInYear(a.decidedAt ?? a.receivedAt, y)).length,
    notCompletedAtYearEnd: open.length,
    unallocatedAtYearEnd: open.filter((a) => a.allocatedAt === null || londonDate(a.allocatedAt) >= y.end).length,
  };
}
