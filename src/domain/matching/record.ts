/**
 * A person as the matching engine sees them, whatever their source (the register, a CSV row, a referral form):
 * normalised names with phonetic codes, date of birth, sex, address parts and identifiers.
 */
import { doubleMetaphone } from 'double-metaphone';
import { isRealDate } from '../time.js';
import { canonicalGivenName } from './nicknames.js';
import { nameTokens, normaliseText } from './strings.js';

export interface PersonFields {
  /** Every given name the person has had: first names, middle names, known-as names. */
  givenNames?: readonly (string | null | undefined)[];
  /** Every family name: current, previous, alternative spellings. */
  familyNames?: readonly (string | null | undefined)[];
  /** YYYY-MM-DD, YYYYMMDD, or DD/MM/YYYY. */
  dateOfBirth?: string | null;
  dobEstimated?: boolean;
  gender?: string | null;
  postcode?: string | null;
  streetNumber?: string | null;
  street?: string | null;
  addressLine2?: string | null;
  locality?: string | null;
  /** Identifier type → value, e.g. { nhs_number: '9434765919' }. */
  identifiers?: Readonly<Record<string, string | null | undefined>>;
  email?: string | null;
  /**
   * Other columns an agency or a file supplies (birth place, occupation, school…), compared as text: name → value.
   * Names are lower-case words (`birth_place`).
   */
  other?: Readonly<Record<string, string | null | undefined>>;
}

export interface Prepared {
  given: string[];
  givenCodes: string[];
  family: string[];
  familyCodes: string[];
  /** The family names joined without spaces ("smith jones" → "smithjones"), for double-barrelled names. */
  familyJoined: string;
  dob: string;
  dobYear: number;
  dobEstimated: boolean;
  gender: string;
  postcode: string;
  streetNumber: string;
  street: string;
  addressLine2: string;
  locality: string;
  ids: Record<string, string>;
  email: string;
  other: Record<string, string>;
  /**
   * The family name was not recorded, so the last word of a whole name typed into the first-name box stands in
   * for it ("John Smith" / ""): it counts when it agrees, and is no evidence when it does not.
   */
  familyInferred: boolean;
  /** The first name was not recorded, so the first word of a whole name in the family-name box stands in for it. */
  givenInferred: boolean;
  /** Every word of every name, given and family, once each (for blocking that survives a name in the wrong box). */
  tokens: string[];
  /** The sound of each of the first four name words longer than an initial, given-name forms as their full name. */
  sounds: string[];
  /** The first letter of each of the first four name words. */
  initials: string[];
}

const metaphoneCache = new Map<string, string>();
/** The primary Double Metaphone code of a word (cached: names repeat). */
export function phonetic(word: string): string {
  let code = metaphoneCache.get(word);
  if (code === undefined) {
    code = doubleMetaphone(word)[0] || word;
    if (metaphoneCache.size > 200_000) metaphoneCache.clear();
    metaphoneCache.set(word, code);
  }
  return code;
}

/** YYYYMMDD from the common written forms, or '' when it is not a real date. */
export function normaliseDob(value: string | null | undefined): string {
  if (!value) return '';
  const v = value.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
  if (match) [, y, m, d] = match as unknown as [string, string, string, string];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) {
    y = match[3]!;
    m = match[2]!.padStart(2, '0');
    d = match[1]!.padStart(2, '0');
  } else return '';
  const yn = Number(y);
  const mn = Number(m);
  const dn = Number(d);
  // Any year from 1000: files of historical records (parish registers, archives) are matched too.
  if (yn < 1000 || yn > 2999 || mn < 1 || mn > 12 || dn < 1 || dn > 31) return '';
  return `${y}${m}${d}`;
}

/**
 * What is wrong with a date of birth as written, if anything: unreadable (left out of matching), or readable but
 * not a real calendar date, like 30 February (compared digit by digit: it is still evidence, likely a typo).
 */
export function dobProblem(value: string | null | undefined): 'unreadable' | 'impossible' | null {
  if (!value || !value.trim()) return null;
  const d = normaliseDob(value);
  if (!d) return 'unreadable';
  return isRealDate(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6, 8))) ? null : 'impossible';
}

function normaliseGender(value: string | null | undefined): string {
  const v = normaliseText(value);
  if (['f', 'female', 'woman', 'girl', '2'].includes(v)) return 'f';
  if (['m', 'male', 'man', 'boy', '1'].includes(v)) return 'm';
  return '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * One shared copy of each distinct string and list of strings (names, postcodes and towns repeat across a file):
 * a million prepared records hold far less that way. Bounded, so a long-running server does not grow it forever.
 * Shared lists are never changed after they are made.
 */
const pool = new Map<string, string>();
const lists = new Map<string, readonly string[]>();
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NOTHING: Record<string, string> = Object.freeze({}) as Record<string, string>;

function interned(value: string): string {
  if (value.length === 0) return '';
  const hit = pool.get(value);
  if (hit !== undefined) return hit;
  if (pool.size > 1_000_000) pool.clear();
  pool.set(value, value);
  return value;
}

function internedList(values: string[]): string[] {
  if (values.length === 0) return NO_STRINGS as string[];
  const key = values.length === 1 ? values[0]! : values.join('\u0001');
  const hit = lists.get(key);
  if (hit !== undefined) return hit as string[];
  if (lists.size > 1_000_000) lists.clear();
  const list = Object.freeze(values);
  lists.set(key, list);
  return list as string[];
}

type Names = Pick<Prepared, 'given' | 'givenCodes' | 'family' | 'familyCodes' | 'familyJoined' | 'familyInferred' | 'givenInferred' | 'tokens' | 'sounds' | 'initials'>;

/** Everything derived from a person's names, worked out once per distinct set of names (names repeat). */
const namesCache = new Map<string, Names>();

function namesOf(givenNames: readonly (string | null | undefined)[], familyNames: readonly (string | null | undefined)[]): Names {
  const key = `${givenNames.join('\u0001')}\u0002${familyNames.join('\u0001')}`;
  // A name that itself holds the separators would share a key with another: worked out afresh, not cached.
  let separators = 0;
  for (let x = 0; x < key.length; x += 1) if (key.charCodeAt(x) <= 2) separators += 1;
  const cacheable = separators === Math.max(givenNames.length - 1, 0) + Math.max(familyNames.length - 1, 0) + 1;
  const hit = cacheable ? namesCache.get(key) : undefined;
  if (hit) return hit;
  let given = unique(givenNames.flatMap((n) => nameTokens(n)));
  let familyStrings = familyNames.map((n) => nameTokens(n, 'family')).filter((t) => t.length > 0);
  let familyInferred = false;
  let givenInferred = false;
  if (familyStrings.length === 0 && given.length >= 2) {
    // "John Smith" in the first-name box and nothing in the other: Smith is probably the family name.
    familyStrings = [[given[given.length - 1]!]];
    familyInferred = true;
  } else if (given.length === 0 && familyStrings.length > 0 && familyStrings[0]!.length >= 2) {
    given = [familyStrings[0]![0]!];
    givenInferred = true;
  }
  const family = unique(familyStrings.flatMap((t) => (t.length > 1 ? [...t, t.join('')] : t)));
  const tokens = unique([...given, ...familyStrings.flat()]);
  const names: Names = {
    given: internedList(given),
    givenCodes: internedList(given.map(phonetic)),
    family: internedList(family),
    familyCodes: internedList(family.map(phonetic)),
    familyJoined: familyStrings[0]?.join('') ?? '',
    familyInferred,
    givenInferred,
    tokens: internedList(tokens),
    sounds: internedList(unique(tokens.slice(0, 4).filter((t) => t.length > 1).map((t) => phonetic(canonicalGivenName(t))))),
    initials: internedList(unique(tokens.slice(0, 4).map((t) => t[0]!))),
  };
  if (namesCache.size > 500_000) namesCache.clear();
  if (cacheable) namesCache.set(key, names);
  return names;
}

/**
 * Forgets the shared copies kept while preparing (after a whole file is prepared, its records keep what they use;
 * the lookup tables themselves are no longer needed).
 */
export function forgetSharedCopies(): void {
  pool.clear();
  lists.clear();
  namesCache.clear();
}

export function prepare(fields: PersonFields): Prepared {
  const names = namesOf(fields.givenNames ?? [], fields.familyNames ?? []);
  const dob = normaliseDob(fields.dateOfBirth);
  let ids = NOTHING;
  for (const type in fields.identifiers ?? {}) {
    const v = (fields.identifiers![type] ?? '').replace(/[\s-]/g, '').toUpperCase();
    if (!v) continue;
    if (ids === NOTHING) ids = {};
    ids[type] = v;
  }
  let other = NOTHING;
  for (const name in fields.other ?? {}) {
    const v = normaliseText(fields.other![name]);
    if (!v) continue;
    if (other === NOTHING) other = {};
    other[name] = interned(v);
  }
  return {
    given: names.given,
    givenCodes: names.givenCodes,
    family: names.family,
    familyCodes: names.familyCodes,
    familyJoined: names.familyJoined,
    familyInferred: names.familyInferred,
    givenInferred: names.givenInferred,
    tokens: names.tokens,
    sounds: names.sounds,
    initials: names.initials,
    dob,
    dobYear: dob ? Number(dob.slice(0, 4)) : 0,
    dobEstimated: !!fields.dobEstimated,
    gender: normaliseGender(fields.gender),
    postcode: (fields.postcode ?? '').replace(/\s+/g, '').toUpperCase(),
    streetNumber: normaliseText(fields.streetNumber),
    street: interned(normaliseText(fields.street)),
    addressLine2: normaliseText(fields.addressLine2),
    locality: interned(normaliseText(fields.locality)),
    ids,
    email: (fields.email ?? '').trim().toLowerCase(),
    other,
  };
}
