/**
 * Children missing education (Education Act 1996 s436A; DfE "Children missing education: statutory guidance for
 * local authorities", September 2016): the codes a referral, its enquiries and its outcome are recorded with, the
 * resident locality from a postcode, school days for the joint-enquiry timescale, recurrence (a child with a
 * previous closed episode) and the rules a closure must keep. The outcome codes are those the seed report's service
 * "built in to the recording system" so resolved cases could be counted by outcome, not only "open and closed".
 */
import { type Code, ETHNICITIES, labelOf, list } from './codes.js';
import { normalisePostcode } from './identifiers.js';
import { type LocalDate, addDays, isLocalDate, toDayNumber } from './time.js';
import { type DeadlineState, type SchoolDays } from './timescales.js';

/** The timescale (DEFAULT_TIMESCALES) for joint enquiries before a pupil is deleted from roll: 20 school days. */
export const JOINT_ENQUIRY_TIMESCALE = 'cme.joint_enquiries';

/** Who referred. */
export const CME_SOURCES = list({
  school: 'A school',
  admissions: 'School admissions',
  other_authority: 'Another local authority',
  front_door: 'The front door (MASH)',
  other: 'Other (health, police, housing, the family, the public)',
});

/** The sources the CME officer records by hand (a school refers from its own page; the front door by its decision). */
export const OFFICER_SOURCES: readonly Code[] = CME_SOURCES.filter((s) => s.code === 'admissions' || s.code === 'other_authority' || s.code === 'other');

/** Why the child is thought to be missing education. */
export const CME_REASONS = list({
  deleted_from_roll: 'Deleted from the school roll, whereabouts not known',
  unauthorised_absence: '10 school days’ continuous unauthorised absence',
  did_not_arrive: 'Did not arrive at a school place offered',
  not_on_roll: 'Not on a school roll (new to the area, or never registered)',
  other: 'Other',
});

/** The enquiries made to find a child. */
export const ENQUIRY_KINDS = list({
  home_visit: 'Home visit',
  school: 'School (the last school, or one the child may have joined)',
  other_authority: 'Another local authority',
  health: 'Health (GP, school nurse, health visitor)',
  police: 'Police',
  border_force: 'Border Force (travel out of the UK)',
  admissions: 'School admissions',
  housing: 'Housing or benefits',
  other: 'Other',
});

/** Outcome codes on closure, as the seed report counts them. */
export const OUTCOME_CODES = list({
  found_admissions: 'Found and passed to admissions and tracking',
  found_other_la: 'Found: another local authority accepted responsibility',
  found_school_other_la: 'Found in a school in another local authority',
  found_local_school: 'Found having taken up a new school place in the area',
  enquiries_exhausted: 'All enquiries exhausted',
  left_uk: 'Verified as having left the UK',
  home_educated: 'Found to be electively home educated',
});
export type OutcomeCode = 'found_admissions' | 'found_other_la' | 'found_school_other_la' | 'found_local_school' | 'enquiries_exhausted' | 'left_uk' | 'home_educated';

/** Outcomes that must say where the child was found, and the question asked. */
export const OUTCOME_NEEDS_WHERE: Readonly<Partial<Record<OutcomeCode, string>>> = {
  found_school_other_la: 'Enter the school and the local authority the child was found in',
  found_other_la: 'Enter the local authority that accepted responsibility',
};

/** Outcomes in which the child was found (the rest: enquiries exhausted, left the UK). */
export const FOUND_OUTCOMES: ReadonlySet<string> = new Set(['found_admissions', 'found_other_la', 'found_school_other_la', 'found_local_school', 'home_educated']);

// ——— year groups and phase ———

/** National curriculum year groups: nursery (N1, N2), reception, years 1 to 14. */
export const YEAR_GROUPS: readonly Code[] = [
  { code: 'N1', label: 'Nursery 1' },
  { code: 'N2', label: 'Nursery 2' },
  { code: 'R', label: 'Reception' },
  ...Array.from({ length: 14 }, (_, i) => ({ code: String(i + 1), label: `Year ${i + 1}` })),
];

export const PHASES = list({ nursery: 'Nursery', primary: 'Primary', secondary: 'Secondary', post_16: 'Post-16' });
export type Phase = 'nursery' | 'primary' | 'secondary' | 'post_16';

/** The phase of a year group: N1–N2 nursery, R–6 primary, 7–11 secondary, 12–14 post-16; null for no year group. */
export function phaseOf(yearGroup: string | null | undefined): Phase | null {
  if (!yearGroup) return null;
  if (yearGroup === 'N1' || yearGroup === 'N2') return 'nursery';
  if (yearGroup === 'R') return 'primary';
  if (!/^\d{1,2}$/.test(yearGroup)) return null;
  const n = Number(yearGroup);
  if (n >= 1 && n <= 6) return 'primary';
  if (n >= 7 && n <= 11) return 'secondary';
  if (n >= 12 && n <= 14) return 'post_16';
  return null;
}

/** Whether a year group is of compulsory school age (reception's summer term aside: R to year 11). */
export function compulsoryYearGroup(yearGroup: string | null | undefined): boolean {
  const phase = phaseOf(yearGroup);
  return phase === 'primary' || phase === 'secondary';
}

/**
 * The year group a child of this date of birth is in on a date, by the English academic year (1 September to 31
 * August): reception is the year in which they turn 5. Null outside N1 to year 14.
 */
export function yearGroupOn(dateOfBirth: LocalDate, on: LocalDate): string | null {
  if (!isLocalDate(dateOfBirth) || !isLocalDate(on)) return null;
  const academicYear = (d: LocalDate) => Number(d.slice(0, 4)) - (Number(d.slice(5, 7)) < 9 ? 1 : 0);
  // Age on the 31 August before the academic year: the child born 1 Sep–31 Aug is in one cohort.
  const cohort = academicYear(dateOfBirth);
  const n = academicYear(on) - cohort - 5; // 0 = reception
  if (n === -2) return 'N1';
  if (n === -1) return 'N2';
  if (n === 0) return 'R';
  if (n >= 1 && n <= 14) return String(n);
  return null;
}

// ——— ethnicity ———

/** The DfE ethnicity codes; "refused" (REFU) and "information not yet obtained" (NOBT) are kept apart. */
export const CME_ETHNICITIES: readonly Code[] = ETHNICITIES;
export const NOT_RECORDED = 'NOBT';
export const REFUSED = 'REFU';

/** How an ethnicity counts: recorded, refused (the parent's right), or not recorded (not yet obtained). */
export function ethnicityRecorded(code: string): 'recorded' | 'refused' | 'not_recorded' {
  if (code === REFUSED) return 'refused';
  if (code === NOT_RECORDED || !code) return 'not_recorded';
  return 'recorded';
}

// ——— localities ———

export interface LocalityRule {
  id: string;
  name: string;
  postcodePrefixes: readonly string[];
}

/** A postcode prefix as stored: upper case, one space between outward code and sector ("fm2 9" → "FM2 9"). */
export function normalisePrefix(prefix: string): string {
  return prefix.toUpperCase().trim().replace(/\s+/g, ' ');
}

/** A prefix a locality may hold: an area ("FM"), a district ("FM1", "FM10") or a sector ("FM2 9"). */
export function prefixProblem(prefix: string): string | null {
  const p = normalisePrefix(prefix);
  if (/^[A-Z]{1,2}(\d[A-Z\d]?( \d)?)?$/.test(p)) return null;
  return `“${prefix.trim()}” is not a postcode area, district or sector, like FM, FM1 or FM2 9`;
}

/** Whether a prefix covers a (normalised) postcode: a sector by its start, a district by the whole outward code, an area by its letters. */
function covers(prefix: string, postcode: string): boolean {
  const outward = postcode.split(' ')[0]!;
  if (prefix.includes(' ')) return postcode.startsWith(prefix);
  if (/^[A-Z]+$/.test(prefix)) return (outward.match(/^[A-Z]+/)?.[0] ?? '') === prefix;
  return outward === prefix;
}

/**
 * The resident locality of a postcode: the locality with the longest prefix covering it (a sector beats a district,
 * a district beats an area); null for no postcode, an invalid one, or one outside every locality.
 */
export function localityFor<L extends LocalityRule>(postcode: string | null | undefined, localities: readonly L[]): L | null {
  const normal = postcode ? normalisePostcode(postcode) : null;
  if (!normal) return null;
  let best: L | null = null;
  let bestLength = -1;
  for (const l of localities) {
    for (const raw of l.postcodePrefixes) {
      const prefix = normalisePrefix(raw);
      if (prefix.length > bestLength && covers(prefix, normal)) {
        best = l;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** Prefixes claimed by more than one locality (a postcode must have one resident locality). */
export function prefixClashes(localities: readonly { code: string; postcodePrefixes: readonly string[] }[]): { prefix: string; codes: string[] }[] {
  const owners = new Map<string, string[]>();
  for (const l of localities) for (const p of new Set(l.postcodePrefixes.map(normalisePrefix))) owners.set(p, [...(owners.get(p) ?? []), l.code]);
  return [...owners].filter(([, codes]) => codes.length > 1).map(([prefix, codes]) => ({ prefix, codes }));
}

// ——— school days ———

/** School days after `from` up to and including `to` (the start day is not counted); negative when `to` is before. */
export function schoolDaysBetween(school: SchoolDays, from: LocalDate, to: LocalDate): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -schoolDaysBetween(school, to, from);
  let count = 0;
  let date = from;
  for (let i = a + 1; i <= b; i += 1) {
    date = addDays(date, 1);
    if (school.isSchoolDay(date)) count += 1;
  }
  return count;
}

/** Where a joint-enquiry deadline (a date) stands today. */
export function dueOnState(dueOn: LocalDate, today: LocalDate): DeadlineState {
  if (dueOn < today) return 'overdue';
  return dueOn === today ? 'due-today' : 'due-later';
}

// ——— recurrence ———

/** A previous episode: closed before this referral was made. */
export function hasPreviousClosedEpisode(referredAt: Date, episodes: readonly { id: string; closedAt: Date | null }[], selfId?: string): boolean {
  return episodes.some((e) => e.id !== selfId && e.closedAt !== null && e.closedAt.getTime() < referredAt.getTime());
}

// ——— referral, enquiry and closure rules ———

export interface ClosureInput {
  outcomeCode: string | null;
  foundAt: string | null;
  closedOn: LocalDate;
  referredOn: LocalDate;
  status: string;
}

/** Problems with closing a referral, keyed by field, in words. */
export function closureProblems(c: ClosureInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (c.status !== 'open') {
    problems.outcomeCode = 'This referral is already closed';
    return problems;
  }
  if (!c.outcomeCode || !OUTCOME_CODES.some((o) => o.code === c.outcomeCode)) {
    problems.outcomeCode = 'Select the outcome code: a referral is closed only with one';
    return problems;
  }
  const where = OUTCOME_NEEDS_WHERE[c.outcomeCode as OutcomeCode];
  if (where && !c.foundAt?.trim()) problems.foundAt = where;
  if (c.closedOn < c.referredOn) problems.closedOn = 'The date of closure must be the same as or after the date of the referral';
  return problems;
}

/** Problems with an enquiry against its referral. */
export function enquiryProblems(e: { madeOn: LocalDate; referredOn: LocalDate; status: string }): Record<string, string> {
  if (e.status !== 'open') return { kind: 'This referral is closed: reopen it with a new referral' };
  if (e.madeOn < e.referredOn) return { madeOn: 'The date of the enquiry must be the same as or after the date of the referral' };
  return {};
}

/** The label of an outcome code, with where the child was found. */
export function outcomeText(code: string | null, foundAt: string | null): string {
  if (!code) return '';
  const label = labelOf(OUTCOME_CODES, code);
  return foundAt?.trim() ? `${label}: ${foundAt.trim()}` : label;
}

// ——— elective home education ———

export const EHE_CHECK_METHODS = list({
  home_visit: 'Home visit',
  meeting: 'Meeting away from the home',
  written_report: 'Written report from the parents',
  work_samples: 'Samples of the child’s work',
  other: 'Other',
});

export const EHE_CHECK_OUTCOMES = list({
  suitable: 'Education appears suitable',
  more_information: 'More information requested',
  not_suitable: 'Education appears not to be suitable (school attendance order process)',
  no_engagement: 'The parents did not engage',
});

/** Months to the next check, suggested by the outcome of this one (the officer may choose another date). */
export const NEXT_CHECK_MONTHS: Readonly<Record<string, number>> = { suitable: 12, more_information: 3, not_suitable: 1, no_engagement: 1 };

export const EHE_END_REASONS = list({
  returned_to_school: 'Returned to school',
  moved_away: 'Moved out of the area',
  over_compulsory_age: 'Over compulsory school age',
  school_attendance_order: 'School attendance order served',
  other: 'Other',
});

/** Problems with a suitability check. */
export function checkProblems(c: { checkedOn: LocalDate; nextDueOn: LocalDate | null; registeredOn: LocalDate; status: string }): Record<string, string> {
  if (c.status !== 'active') return { method: 'This child is no longer on the register' };
  const problems: Record<string, string> = {};
  if (c.checkedOn < c.registeredOn) problems.checkedOn = 'The date of the check must be the same as or after the date the child was registered';
  if (!c.nextDueOn) problems.nextDueOn = 'Enter when the next check is due';
  else if (c.nextDueOn <= c.checkedOn) problems.nextDueOn = 'The next check must be after this one';
  return problems;
}
