/**
 * Two rules about incidents that need no database.
 *
 * 1. **Possibly the same incident.** The incident rules (`matchIncident` in intake.ts) attach a notification to an
 *    incident already reported only on certain evidence: the same police reference, or at least two of the same
 *    people spelt exactly alike at the same postcode and time. A second force form about one family, with its own
 *    police reference and a child's name spelt differently, escapes both and becomes a second contact. This rule
 *    finds such a pair for a screener to decide: the same place and time, at least as many people shared as the
 *    incident rules ask for — each pair of people judged by the identity engine's own comparisons (names with typos
 *    and nicknames, dates of birth one digit out) rather than by exact spelling — and not the same police reference.
 *    It never merges anything: it says why the two may be one incident, and a person decides.
 *
 * 2. **A late notification.** A notification received longer after its incident than the area allows for its risk
 *    grading (by default 24 hours for high risk, 72 hours otherwise) is late. The lags are data with their source,
 *    overridable per area.
 */
import { type IncidentRule, DEFAULT_INCIDENT_RULES, normalisePoliceReference, normalisePostcodeKey } from './intake.js';
import { DOB, FAMILY, GIVEN, MISSING } from './matching/comparisons.js';
import { type Prepared, prepare } from './matching/record.js';

// ——— possibly the same incident ———

/** A person as a notification names them. */
export interface IncidentPerson {
  givenNames: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  /** exact | estimated | unborn (an estimate is compared as one). */
  dobPrecision?: string | null;
  gender?: string | null;
  role?: string | null;
}

/** What the rule knows of a notification, or of an incident already reported (with everyone its notifications named). */
export interface IncidentNotice {
  policeReference: string | null;
  occurredAt: Date | null;
  postcode: string | null;
  people: readonly IncidentPerson[];
}

export interface PossibleSameIncidentRule {
  /** The most time between the two incidents (the incident rules' window). */
  withinHours: number;
  /** How many people the two must share (as many as the incident rules ask for). */
  minSharedPeople: number;
}

/** The window and the number of people shared come from the area's incident rules (the place-and-time rule). */
export function possibleSameIncidentRule(rules: readonly IncidentRule[] = DEFAULT_INCIDENT_RULES): PossibleSameIncidentRule {
  const placeAndTime = rules.find((r) => r.kind === 'same_people_place_time');
  return placeAndTime && placeAndTime.kind === 'same_people_place_time'
    ? { withinHours: placeAndTime.withinHours, minSharedPeople: Math.max(1, placeAndTime.minSharedPeople) }
    : { withinHours: 12, minSharedPeople: 2 };
}

/** How two named people compare, field by field, in the identity engine's words. */
export interface PersonLikeness {
  same: boolean;
  /** Why (or why not), in words a screener reads: "first name: very similar spelling". */
  reasons: string[];
  /** How many of the comparisons only just agree (similar spellings, a date one digit out, no date on one side). */
  weak: number;
  /** Lower is closer: the sum of the comparison levels. */
  distance: number;
}

/** Each person is prepared for the comparisons once, however many people they are compared with. */
const preparedOnce = new WeakMap<IncidentPerson, Prepared>();
function prepared(p: IncidentPerson): Prepared {
  let done = preparedOnce.get(p);
  if (!done) {
    done = prepare({ givenNames: [p.givenNames], familyNames: [p.familyName], dateOfBirth: p.dateOfBirth, dobEstimated: p.dobPrecision === 'estimated', gender: p.gender });
    preparedOnce.set(p, done);
  }
  return done;
}

/** Genders a notification can give that say nothing either way. */
const UNKNOWN_GENDER = new Set(['', 'unknown', 'not_known', 'not known', 'other', 'prefer_not_to_say']);

function genderOf(value: string | null | undefined): 'f' | 'm' | null {
  const v = (value ?? '').trim().toLowerCase();
  if (UNKNOWN_GENDER.has(v)) return null;
  if (['f', 'female', 'woman', 'girl'].includes(v)) return 'f';
  if (['m', 'male', 'man', 'boy'].includes(v)) return 'm';
  return null;
}

/**
 * Whether two people named in two notifications are likely one person. Names are compared as the identity engine
 * compares them (exact, nickname, very similar or similar spelling or sound); dates of birth exactly, one digit out
 * or day and month swapped, or within a year when either is an estimate. At most one comparison may only just agree
 * (a similar-sounding name, a date one digit out, no date on one side); a family name that is different, a first name
 * that is only an initial or different, a date of birth that is different, or a different sex means different people.
 */
export function comparePeople(a: IncidentPerson, b: IncidentPerson): PersonLikeness {
  const pa = prepared(a);
  const pb = prepared(b);
  const g = GIVEN.compare(pa, pb, false);
  const f = FAMILY.compare(pa, pb, false);
  const d = DOB.compare(pa, pb, false);
  const reasons: string[] = [];
  const no = (reason: string): PersonLikeness => ({ same: false, reasons: [...reasons, reason], weak: 3, distance: 99 });
  if (g === MISSING || f === MISSING) return no('a name is missing');
  const sexA = genderOf(a.gender);
  const sexB = genderOf(b.gender);
  if (sexA && sexB && sexA !== sexB) return no('different sex');
  reasons.push(`first name: ${GIVEN.levels[g]}`);
  if (g > 3) return no('the first names are not alike');
  reasons.push(`last name: ${FAMILY.levels[f]}`);
  if (f > 2) return no('the last names are not alike');
  if (d === MISSING) reasons.push('date of birth: not given on both');
  else reasons.push(`date of birth: ${DOB.levels[d]}`);
  if (d === DOB.levels.length - 1) return no('the dates of birth are different');
  const weak = (g >= 3 ? 1 : 0) + (f >= 2 ? 1 : 0) + (d === MISSING || d >= 1 ? 1 : 0);
  if (weak > 1) return no('too little agrees: more than one of first name, last name and date of birth is only similar or missing');
  return { same: true, reasons, weak, distance: g + f + (d === MISSING ? 2 : d) };
}

/** Two people who are likely one person: theirs (the incident already reported) and ours (the new notification). */
export interface SharedPerson {
  ours: IncidentPerson;
  theirs: IncidentPerson;
  reasons: string[];
  /** Whether the names and date of birth are spelt exactly alike (what the incident rules themselves compare). */
  exact: boolean;
}

export type NotSameReason = 'place not known' | 'different place' | 'time not known' | 'too far apart in time' | 'same police reference' | 'too few people shared';

export type PossibleSameIncident =
  | {
      possible: true;
      people: SharedPerson[];
      postcode: string;
      /** Minutes between the two incident times. */
      minutesApart: number;
      references: { ours: string | null; theirs: string | null };
      /** The reasons, in words: place, time, references and each person shared. */
      reasons: string[];
    }
  | { possible: false; why: NotSameReason; people: SharedPerson[] };

const exactly = (a: IncidentPerson, b: IncidentPerson): boolean => {
  const pa = prepared(a);
  const pb = prepared(b);
  return GIVEN.compare(pa, pb, false) === 0 && FAMILY.compare(pa, pb, false) === 0 && !!pa.dob && pa.dob === pb.dob;
};

/**
 * The people two notifications share: each person of one paired with at most one of the other, closest pairs first
 * (fewest comparisons that only just agree, then the smallest distance, then the order they were named in).
 */
export function sharedPeople(ours: readonly IncidentPerson[], theirs: readonly IncidentPerson[]): SharedPerson[] {
  const pairs: { i: number; j: number; likeness: PersonLikeness }[] = [];
  ours.forEach((a, i) =>
    theirs.forEach((b, j) => {
      const likeness = comparePeople(a, b);
      if (likeness.same) pairs.push({ i, j, likeness });
    }),
  );
  pairs.sort((x, y) => x.likeness.weak - y.likeness.weak || x.likeness.distance - y.likeness.distance || x.i - y.i || x.j - y.j);
  const usedOurs = new Set<number>();
  const usedTheirs = new Set<number>();
  const out: { i: number; shared: SharedPerson }[] = [];
  for (const p of pairs) {
    if (usedOurs.has(p.i) || usedTheirs.has(p.j)) continue;
    usedOurs.add(p.i);
    usedTheirs.add(p.j);
    const a = ours[p.i]!;
    const b = theirs[p.j]!;
    out.push({ i: p.i, shared: { ours: a, theirs: b, reasons: p.likeness.reasons, exact: exactly(a, b) } });
  }
  return out.sort((x, y) => x.i - y.i).map((x) => x.shared);
}

function fullName(p: IncidentPerson): string {
  return `${p.givenNames} ${p.familyName}`.trim();
}

/** "40 minutes", "3 hours 5 minutes", "the same time". */
export function durationWords(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m === 0) return 'the same time';
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  const h = hours === 0 ? '' : `${hours} hour${hours === 1 ? '' : 's'}`;
  const mm = rest === 0 ? '' : `${rest} minute${rest === 1 ? '' : 's'}`;
  return [h, mm].filter(Boolean).join(' ');
}

/**
 * Whether a new notification (`ours`) and an incident already reported (`theirs`) are possibly the same incident,
 * with the reasons. The same police reference is not "possibly": the incident rules attach it themselves.
 */
export function possibleSameIncident(rule: PossibleSameIncidentRule, ours: IncidentNotice, theirs: IncidentNotice): PossibleSameIncident {
  const postcode = normalisePostcodeKey(ours.postcode);
  const theirPostcode = normalisePostcodeKey(theirs.postcode);
  if (!postcode || !theirPostcode) return { possible: false, why: 'place not known', people: [] };
  if (postcode !== theirPostcode) return { possible: false, why: 'different place', people: [] };
  if (!ours.occurredAt || !theirs.occurredAt) return { possible: false, why: 'time not known', people: [] };
  const minutesApart = Math.round(Math.abs(ours.occurredAt.getTime() - theirs.occurredAt.getTime()) / 60_000);
  if (minutesApart > rule.withinHours * 60) return { possible: false, why: 'too far apart in time', people: [] };
  const ourRef = normalisePoliceReference(ours.policeReference);
  const theirRef = normalisePoliceReference(theirs.policeReference);
  if (ourRef && ourRef === theirRef) return { possible: false, why: 'same police reference', people: [] };
  const people = sharedPeople(ours.people, theirs.people);
  if (people.length < rule.minSharedPeople) return { possible: false, why: 'too few people shared', people };
  const references = { ours: ours.policeReference, theirs: theirs.policeReference };
  const reasons = [
    `The same place: ${ours.postcode ?? postcode}`,
    `The same time: ${minutesApart === 0 ? 'the same time' : `${durationWords(minutesApart)} apart`} (the incident rules look ${rule.withinHours} hours either side)`,
    ourRef && theirRef
      ? `Different police references: ${references.ours} and ${references.theirs}`
      : ourRef || theirRef
        ? `A police reference on only one of them (${references.ours ?? references.theirs})`
        : 'No police reference on either',
    ...people.map((p) => `${fullName(p.ours)} and ${fullName(p.theirs)}: ${p.reasons.join(', ')}`),
  ];
  return { possible: true, people, postcode: ours.postcode ?? postcode, minutesApart, references, reasons };
}

// ——— late notifications ———

/** Police risk gradings a lag is set for; `not_graded` for a notification that carries none. */
export const LAG_RISK_LEVELS = ['high', 'medium', 'standard', 'not_graded'] as const;
export type LagRiskLevel = (typeof LAG_RISK_LEVELS)[number];

export const LAG_RISK_LABELS: Record<LagRiskLevel, string> = {
  high: 'High risk',
  medium: 'Medium risk',
  standard: 'Standard risk',
  not_graded: 'Not graded',
};

export interface LateLag {
  riskLevel: LagRiskLevel;
  /** A notification received more than this many hours after its incident is late. */
  hours: number;
  source: string;
}

export type LateLagSetting = Readonly<Record<LagRiskLevel, LateLag>>;

/** The smallest and largest lag an area may set (one hour to 90 days). */
export const LAG_HOURS_MIN = 1;
export const LAG_HOURS_MAX = 90 * 24;

export const DEFAULT_LATE_LAGS: LateLagSetting = {
  high: { riskLevel: 'high', hours: 24, source: 'Local standard (configurable): a high-risk notification reaches the front door within 24 hours of the incident' },
  medium: { riskLevel: 'medium', hours: 72, source: 'Local standard (configurable): other notifications within 72 hours of the incident' },
  standard: { riskLevel: 'standard', hours: 72, source: 'Local standard (configurable): other notifications within 72 hours of the incident' },
  not_graded: { riskLevel: 'not_graded', hours: 72, source: 'Local standard (configurable): other notifications within 72 hours of the incident' },
};

/** The lag level for a notification's risk grading (anything unknown counts as not graded). */
export function lagRiskLevel(riskLevel: string | null | undefined): LagRiskLevel {
  return riskLevel === 'high' || riskLevel === 'medium' || riskLevel === 'standard' ? riskLevel : 'not_graded';
}

export interface Lateness {
  late: boolean;
  /** Hours between the incident and receipt (never negative). */
  lagHours: number;
  /** Whole days, for words ("received 21 days after the incident"). */
  lagDays: number;
  /** The lag allowed for its risk grading. */
  allowedHours: number;
  riskLevel: LagRiskLevel;
}

/**
 * Whether a notification is late: received more than the allowed lag for its risk grading after the incident. A
 * notification without an incident time cannot be late (nothing to measure from); one received exactly at the lag
 * is on time.
 */
export function lateness(occurredAt: Date | null, receivedAt: Date, riskLevel: string | null | undefined, setting: LateLagSetting = DEFAULT_LATE_LAGS): Lateness | null {
  if (!occurredAt) return null;
  const level = lagRiskLevel(riskLevel);
  const allowedHours = setting[level].hours;
  const lagMs = Math.max(0, receivedAt.getTime() - occurredAt.getTime());
  const lagHours = lagMs / 3_600_000;
  return { late: lagMs > allowedHours * 3_600_000, lagHours, lagDays: Math.floor(lagHours / 24), allowedHours, riskLevel: level };
}

/** "21 days", "30 hours", "45 minutes": how long after the incident, in the unit a reader expects. */
export function lagWords(lagHours: number): string {
  if (lagHours >= 48) {
    const days = Math.floor(lagHours / 24);
    return `${days} days`;
  }
  if (lagHours >= 1) {
    const hours = Math.floor(lagHours);
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  const minutes = Math.round(lagHours * 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Problems with a setting an administrator entered, keyed by risk level. */
export function lagSettingProblems(hours: Readonly<Partial<Record<LagRiskLevel, number | null>>>): Partial<Record<LagRiskLevel, string>> {
  const problems: Partial<Record<LagRiskLevel, string>> = {};
  for (const level of LAG_RISK_LEVELS) {
    const h = hours[level];
    const label = LAG_RISK_LABELS[level].toLowerCase();
    if (h === null || h === undefined || !Number.isFinite(h)) problems[level] = `Enter the hours allowed for ${label} notifications`;
    else if (!Number.isInteger(h)) problems[level] = `Hours allowed for ${label} notifications must be a whole number`;
    else if (h < LAG_HOURS_MIN || h > LAG_HOURS_MAX) problems[level] = `Hours allowed for ${label} notifications must be between ${LAG_HOURS_MIN} and ${LAG_HOURS_MAX}`;
  }
  return problems;
}
