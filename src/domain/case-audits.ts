/**
 * Multi-agency case audits: the rules of an audit programme (the peer review's "an on-going programme of multi
 * agency audits"). An audit takes a sample of records of one kind (children's referrals, adult safeguarding
 * concerns, domestic abuse cases), each agency involved in a record grades its own part of it on Ofsted's
 * four-point scale, and the business unit turns what the audit found into findings and a short action plan.
 *
 * Pure: the sample is drawn by the database in an order fixed by the audit's id (md5 of the id and the record's),
 * and these rules pick from that order, so the same audit over the same records draws the same sample.
 */
import { list } from './codes.js';
import { type LocalDate, addDays, ageOn, isLocalDate, parseLocalDate, toDayNumber } from './time.js';

export const PEER_REVIEW_AUDITS = 'Peer review, recommendation 10: an on-going programme of multi agency audits';
export const OFSTED_SCALE = 'Ofsted’s four-point scale (outstanding, good, requires improvement to be good, inadequate)';

export const SAMPLE_KINDS = list({ children: 'Children (children’s social care referrals)', adults: 'Adults (adult safeguarding concerns)', domestic_abuse: 'Domestic abuse (DA cases)' });
export type SampleKind = 'children' | 'adults' | 'domestic_abuse';

/** The board an audit reports to (and whose action plan takes its findings). */
export const AUDIT_BOARDS = list({ children: 'Safeguarding children partnership', adults: 'Safeguarding adults board', community_safety: 'Community safety partnership', joint: 'Joint (children and adults)' });

export const AUDIT_STATUSES = list({ planned: 'Planned', sampling: 'Choosing the sample', grading: 'Agencies grading', findings: 'Findings', closed: 'Closed' });
export type AuditStatus = 'planned' | 'sampling' | 'grading' | 'findings' | 'closed';
const ORDER: readonly AuditStatus[] = ['planned', 'sampling', 'grading', 'findings', 'closed'];

export function isAuditStatus(value: string): value is AuditStatus {
  return (ORDER as readonly string[]).includes(value);
}

/** Where an audit stands in the programme's three columns. */
export function programmeColumn(status: string): 'planned' | 'in_progress' | 'closed' {
  if (status === 'planned') return 'planned';
  return status === 'closed' ? 'closed' : 'in_progress';
}

// ——— grades ———

/** Worst last: the order the distribution is shown in, and the order ties are broken towards. */
export const GRADES = list({ outstanding: 'Outstanding', good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate' });
export type Grade = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate';
export const GRADE_CODES: readonly Grade[] = ['outstanding', 'good', 'requires_improvement', 'inadequate'];

export function isGrade(value: string): value is Grade {
  return (GRADE_CODES as readonly string[]).includes(value);
}

/** A grade that needs the areas for improvement written down. */
export function needsImprovements(grade: string): boolean {
  return grade === 'requires_improvement' || grade === 'inadequate';
}

export interface GradingInput {
  grade: string | null;
  strengths: string | null;
  improvements: string | null;
}

/** What is wrong with an agency's grading of its part of a record (empty: nothing). */
export function gradingProblems(input: GradingInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!input.grade || !isGrade(input.grade)) problems.grade = 'Select a grade';
  else if (needsImprovements(input.grade) && !input.improvements?.trim()) {
    problems.improvements = `Enter the areas for improvement: they are needed when the grade is ${input.grade === 'inadequate' ? 'inadequate' : 'requires improvement'}`;
  }
  return problems;
}

export interface GradeCount {
  grade: Grade;
  count: number;
  /** Whole per cent of all gradings, or null when there are none. */
  percent: number | null;
}

export interface Distribution {
  total: number;
  counts: GradeCount[];
  /** The modal grade, ties going to the lower (worse) grade; null with no gradings. */
  judgement: Grade | null;
  /** True when the judgement broke a tie. */
  tie: boolean;
}

/**
 * The grade distribution of an audit (counts and per cent per grade) and its overall judgement: the grade given most
 * often; when two or more grades are given equally often, the lower of them (an audit does not round up).
 */
export function gradeDistribution(grades: readonly string[]): Distribution {
  const known = grades.filter(isGrade);
  const total = known.length;
  const counts = GRADE_CODES.map((grade) => {
    const count = known.filter((g) => g === grade).length;
    return { grade, count, percent: total === 0 ? null : Math.round((count * 100) / total) };
  });
  if (total === 0) return { total, counts, judgement: null, tie: false };
  const most = Math.max(...counts.map((c) => c.count));
  const modal = counts.filter((c) => c.count === most);
  return { total, counts, judgement: modal[modal.length - 1]!.grade, tie: modal.length > 1 };
}

// ——— progress ———

export interface AskedRecord {
  sampleId: string;
  agencyIds: readonly string[];
}

export interface GivenGrading {
  sampleId: string;
  agencyId: string;
}

export interface AgencyProgress {
  agencyId: string;
  asked: number;
  graded: number;
}

/** Each agency asked: how many records it was asked to grade and how many it has graded (most outstanding first). */
export function gradingProgress(asked: readonly AskedRecord[], given: readonly GivenGrading[]): AgencyProgress[] {
  const done = new Set(given.map((g) => `${g.sampleId}:${g.agencyId}`));
  const by = new Map<string, AgencyProgress>();
  for (const record of asked) {
    for (const agencyId of new Set(record.agencyIds)) {
      const p = by.get(agencyId) ?? { agencyId, asked: 0, graded: 0 };
      p.asked += 1;
      if (done.has(`${record.sampleId}:${agencyId}`)) p.graded += 1;
      by.set(agencyId, p);
    }
  }
  return [...by.values()].sort((a, b) => b.asked - b.graded - (a.asked - a.graded) || a.agencyId.localeCompare(b.agencyId));
}

// ——— status ———

export interface AuditState {
  status: string;
  sampled: number;
  findings: number;
}

/** Why an audit cannot move to a status (null: it can). Steps go forward one at a time; closing needs a finding. */
export function statusProblem(audit: AuditState, to: string): string | null {
  if (!isAuditStatus(to)) return 'Select where the audit goes next';
  const from = ORDER.indexOf(audit.status as AuditStatus);
  if (from === -1 || ORDER.indexOf(to) !== from + 1) return `An audit that is ${labelOfStatus(audit.status)} cannot move to ${labelOfStatus(to)}`;
  if (to === 'grading' && audit.sampled === 0) return 'Draw the sample before sending it to the agencies to grade';
  if (to === 'closed' && audit.findings === 0) return 'Record at least one finding before closing the audit';
  return null;
}

/** A status in words, lower case, for a sentence. */
export function labelOfStatus(status: string): string {
  return (AUDIT_STATUSES.find((s) => s.code === status)?.label ?? status).toLowerCase();
}

/** The next step an audit can take, for the button on its page (null: none; drawing the sample moves planned on). */
export function nextStatus(status: string): AuditStatus | null {
  const i = ORDER.indexOf(status as AuditStatus);
  if (i < 1 || i >= ORDER.length - 1) return null;
  return ORDER[i + 1]!;
}

/** The sample can be drawn and changed until it is sent to the agencies. */
export function mayChangeSample(status: string): boolean {
  return status === 'planned' || status === 'sampling';
}

/** Agencies grade while the audit is with them. */
export function mayGrade(status: string): boolean {
  return status === 'grading';
}

/** Findings are written once grading has started and until the audit closes. */
export function mayAddFindings(status: string): boolean {
  return status === 'grading' || status === 'findings';
}

// ——— the sample ———

export const MAX_SAMPLE = 30;
/** How far down the audit's order the database reads: the sample and its redraws come from these. */
export const DRAW_DEPTH = 200;
/** A sample's period: up to two years. */
export const MAX_PERIOD_DAYS = 731;

export interface SampleRequest {
  from: LocalDate;
  to: LocalDate;
  size: number;
}

/** What is wrong with the period and size asked for (empty: nothing). */
export function sampleProblems(request: SampleRequest, today: LocalDate): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!Number.isInteger(request.size) || request.size < 1 || request.size > MAX_SAMPLE) problems.size = `Enter a sample size from 1 to ${MAX_SAMPLE}`;
  if (!isLocalDate(request.from) || !isLocalDate(request.to)) return problems;
  if (request.to < request.from) problems.to = 'The end of the period must be on or after its start';
  else if (request.from > today) problems.from = 'The period must start on or before today';
  else if (toDayNumber(request.to) - toDayNumber(request.from) + 1 > MAX_PERIOD_DAYS) problems.to = 'The period can be up to two years long';
  return problems;
}

/** The first `size` records in the audit's order. */
export function drawSample<T>(ordered: readonly T[], size: number): T[] {
  return ordered.slice(0, Math.max(0, size));
}

/**
 * The record that replaces one dropped from the sample: the first in the audit's order after every record drawn so
 * far. Taking it after the furthest drawn (not the first not in the sample) means a dropped record never comes back,
 * without keeping a list of those dropped. Undefined: no record left to draw.
 */
export function replacement(ordered: readonly string[], sampled: readonly string[]): string | undefined {
  const inSample = new Set(sampled);
  let furthest = -1;
  ordered.forEach((id, i) => {
    if (inSample.has(id)) furthest = i;
  });
  return ordered.slice(furthest + 1).find((id) => !inSample.has(id));
}

// ——— what an audit page shows of a person ———

export const AGE_BANDS: readonly { label: string; from: number; to: number }[] = [
  { label: 'Under 1', from: 0, to: 0 },
  { label: '1 to 4', from: 1, to: 4 },
  { label: '5 to 9', from: 5, to: 9 },
  { label: '10 to 15', from: 10, to: 15 },
  { label: '16 to 17', from: 16, to: 17 },
  { label: '18 to 24', from: 18, to: 24 },
  { label: '25 to 44', from: 25, to: 44 },
  { label: '45 to 64', from: 45, to: 64 },
  { label: '65 to 84', from: 65, to: 84 },
  { label: '85 and over', from: 85, to: Number.POSITIVE_INFINITY },
];

/** The person's age band on a date (never the date of birth on an audit page). */
export function ageBand(dateOfBirth: LocalDate | null, on: LocalDate): string {
  if (!dateOfBirth || !isLocalDate(dateOfBirth) || dateOfBirth > on) return 'Age not known';
  const age = ageOn(dateOfBirth, on);
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)!.label;
}

// ——— programme years and references ———

/** The programme year a date falls in: April to March, named by the year it starts (2026 is 2026/27). */
export function programmeYearOf(date: LocalDate): number {
  const { year, month } = parseLocalDate(date);
  return month >= 4 ? year : year - 1;
}

export function programmeYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export function programmeYearRange(year: number): { from: LocalDate; to: LocalDate } {
  return { from: `${year}-04-01`, to: addDays(`${year + 1}-04-01`, -1) };
}

/** A year asked for in a query: a whole year within reach, or the current programme year. */
export function parseProgrammeYear(value: unknown, today: LocalDate): number {
  const current = programmeYearOf(today);
  const n = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 2000 && n <= current + 5 ? n : current;
}

/** An audit's reference: MAA, its programme year and its number in the area (MAA-2026-007). */
export function auditReference(year: number, n: number): string {
  return `MAA-${year}-${String(n).padStart(3, '0')}`;
}

/**
 * A record an owning feature offers for an audit's sample (its published read), in the audit's order: the person's
 * initials and date of birth (for the age band) only, never their name; the agencies involved, who are asked to grade.
 */
export interface SampleCandidate {
  id: string;
  person_id: string;
  reference: string;
  /** The London date the record started (referred, received). */
  on: LocalDate;
  initials: string;
  date_of_birth: LocalDate | null;
  agency_ids: string[];
}

export const SAMPLE_KIND_RECORDS: Record<SampleKind, string> = { children: 'csc_referral', adults: 'adult_concern', domestic_abuse: 'da_case' };

export function isSampleKind(value: string): value is SampleKind {
  return Object.hasOwn(SAMPLE_KIND_RECORDS, value);
}

