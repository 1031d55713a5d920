/**
 * How two people's fields compare, in levels from "exact" to "different" (and "missing" when either side has no
 * value). Each comparison is one term of the Fellegi–Sunter match weight.
 */
import { isValidNhsNumber } from '../identifiers.js';
import { nicknameEquivalent } from './nicknames.js';
import { type Prepared } from './record.js';
import { jaroWinklerAtLeast, withinOneEdit } from './strings.js';

export const MISSING = -1;

export interface Comparison {
  /** Stable name, stored with the model's parameters. */
  name: string;
  /** What a practitioner sees. */
  title: string;
  /** Level labels, best first. The last is always "different". */
  levels: readonly string[];
  /** The level for a pair; `swap` compares a's given names with b's family names and vice versa. */
  compare(a: Prepared, b: Prepared, swap: boolean): number;
  /** Names whose exact agreement is weighed by how common the name is. */
  frequency?: 'given' | 'family';
  /** For other columns: the value whose exact agreement is weighed by how common it is. */
  frequencyOf?: (a: Prepared) => string;
}

/** Whether two lengths leave Jaro–Winkler any chance of reaching `t` (all of the shorter string matching, in order). */
function jwCouldReach(la: number, lb: number, t: number): boolean {
  const m = Math.min(la, lb);
  const jaro = (m / la + m / lb + 1) / 3;
  return jaro + 0.4 * (1 - jaro) >= t;
}

function givenLevel(as: string[], ac: string[], bs: string[], bc: string[]): number {
  if (as.length === 0 || bs.length === 0) return MISSING;
  let best = 5;
  for (let i = 0; i < as.length; i += 1) {
    const a = as[i]!;
    for (let j = 0; j < bs.length; j += 1) {
      const b = bs[j]!;
      if (a === b) return 0;
      if (best <= 1) continue;
      if (nicknameEquivalent(a, b)) {
        best = 1;
        continue;
      }
      if (a.length === 1 || b.length === 1) {
        if (a[0] === b[0] && best > 4) best = 4;
        continue;
      }
      if (best <= 2 || !jwCouldReach(a.length, b.length, 0.8)) {
        if (ac[i] === bc[j]) best = Math.min(best, 3);
        continue;
      }
      const jw = jaroWinklerAtLeast(a, b, 0.8);
      if (jw >= 0.92) best = Math.min(best, 2);
      else if (jw >= 0.8 || ac[i] === bc[j]) best = Math.min(best, 3);
    }
  }
  return best;
}

function familyLevel(as: string[], ac: string[], bs: string[], bc: string[]): number {
  if (as.length === 0 || bs.length === 0) return MISSING;
  let best = 3;
  for (let i = 0; i < as.length; i += 1) {
    const a = as[i]!;
    for (let j = 0; j < bs.length; j += 1) {
      const b = bs[j]!;
      if (a === b) return 0;
      if (best <= 1) continue;
      if (!jwCouldReach(a.length, b.length, 0.8)) {
        if (ac[i] === bc[j] && best > 2) best = 2;
        continue;
      }
      const jw = jaroWinklerAtLeast(a, b, 0.8);
      if (jw >= 0.92) best = 1;
      else if ((jw >= 0.8 || ac[i] === bc[j]) && best > 2) best = 2;
    }
  }
  return best;
}

export const GIVEN: Comparison = {
  name: 'given',
  title: 'First name',
  levels: ['exact', 'same name (nickname)', 'very similar spelling', 'similar spelling or sound', 'initial only', 'different'],
  compare(a, b, swap) {
    const level = swap ? givenLevel(a.given, a.givenCodes, b.family, b.familyCodes) : givenLevel(a.given, a.givenCodes, b.given, b.givenCodes);
    // A first name inferred from a whole name in the family-name box is evidence only when it agrees.
    return level === 5 && (a.givenInferred || b.givenInferred) ? MISSING : level;
  },
  frequency: 'given',
};

export const FAMILY: Comparison = {
  name: 'family',
  title: 'Last name',
  levels: ['exact', 'very similar spelling', 'similar spelling or sound', 'different'],
  compare(a, b, swap) {
    const level = swap ? familyLevel(a.family, a.familyCodes, b.given, b.givenCodes) : familyLevel(a.family, a.familyCodes, b.family, b.familyCodes);
    // A family name inferred from a whole name in the first-name box is evidence only when it agrees.
    return level === 3 && (a.familyInferred || b.familyInferred) ? MISSING : level;
  },
  frequency: 'family',
};

export const DOB: Comparison = {
  name: 'dob',
  title: 'Date of birth',
  levels: ['exact', 'one digit wrong, or day and month swapped', 'two digits wrong, or estimate within a year', 'different'],
  compare(a, b) {
    const x = a.dob;
    const y = b.dob;
    if (!x || !y) return MISSING;
    if (x === y) return 0;
    if (a.dobEstimated || b.dobEstimated) return Math.abs(a.dobYear - b.dobYear) <= 1 ? 2 : 3;
    // Dates are always 8 digits (YYYYMMDD): count the digits that differ, without making new strings.
    let differ = 0;
    let first = -1;
    for (let i = 0; i < 8; i += 1) {
      if (x.charCodeAt(i) !== y.charCodeAt(i)) {
        if (first < 0) first = i;
        differ += 1;
      }
    }
    if (differ === 1) return 1;
    // Day and month swapped (same year).
    if (first >= 4 && x.charCodeAt(4) === y.charCodeAt(6) && x.charCodeAt(5) === y.charCodeAt(7) && x.charCodeAt(6) === y.charCodeAt(4) && x.charCodeAt(7) === y.charCodeAt(5)) return 1;
    if (differ === 2) {
      // Two neighbouring digits swapped is one slip of the keyboard.
      const swapped = first < 7 && x.charCodeAt(first) === y.charCodeAt(first + 1) && x.charCodeAt(first + 1) === y.charCodeAt(first);
      return swapped ? 1 : 2;
    }
    return 3;
  },
};

export const GENDER: Comparison = {
  name: 'gender',
  title: 'Sex or gender',
  levels: ['same', 'different'],
  compare: (a, b) => (!a.gender || !b.gender ? MISSING : a.gender === b.gender ? 0 : 1),
};

/** The district of a postcode: the outward code of a UK postcode, the first two digits of a numeric one. */
export function postcodeDistrict(compact: string): string {
  if (/^\d+$/.test(compact)) return compact.slice(0, 2);
  return compact.length > 3 ? compact.slice(0, -3) : compact;
}

export const POSTCODE: Comparison = {
  name: 'postcode',
  title: 'Postcode',
  levels: ['exact', 'one character wrong', 'same district', 'different'],
  compare(a, b) {
    if (!a.postcode || !b.postcode) return MISSING;
    if (a.postcode === b.postcode) return 0;
    if (withinOneEdit(a.postcode, b.postcode)) return 1;
    return postcodeDistrict(a.postcode) === postcodeDistrict(b.postcode) ? 2 : 3;
  },
};

export const STREET_NUMBER: Comparison = {
  name: 'streetNumber',
  title: 'House number',
  levels: ['exact', 'one character wrong', 'different'],
  compare(a, b) {
    if (!a.streetNumber || !b.streetNumber) return MISSING;
    if (a.streetNumber === b.streetNumber) return 0;
    return withinOneEdit(a.streetNumber, b.streetNumber) ? 1 : 2;
  },
};

function textLevel(a: string, b: string, close: number, near: number): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  const jw = jaroWinklerAtLeast(a, b, near);
  return jw >= close ? 1 : jw >= near ? 2 : 3;
}

export const STREET: Comparison = {
  name: 'street',
  title: 'Street',
  levels: ['exact', 'very similar', 'similar', 'different'],
  compare: (a, b) => textLevel(a.street, b.street, 0.92, 0.8),
};

export const ADDRESS_LINE_2: Comparison = {
  name: 'addressLine2',
  title: 'Address line 2',
  levels: ['exact', 'very similar', 'similar', 'different'],
  compare: (a, b) => textLevel(a.addressLine2, b.addressLine2, 0.92, 0.8),
};

export const LOCALITY: Comparison = {
  name: 'locality',
  title: 'Town or locality',
  levels: ['exact', 'very similar', 'similar', 'different'],
  compare: (a, b) => textLevel(a.locality, b.locality, 0.92, 0.8),
};

export const EMAIL: Comparison = {
  name: 'email',
  title: 'Email address',
  levels: ['exact', 'same user name', 'similar', 'different'],
  compare(a, b) {
    if (!a.email || !b.email) return MISSING;
    if (a.email === b.email) return 0;
    const la = a.email.split('@')[0]!;
    const lb = b.email.split('@')[0]!;
    if (la === lb) return 1;
    return jaroWinklerAtLeast(la, lb, 0.9) >= 0.9 ? 2 : 3;
  },
};

/** Two non-empty texts that are the same or spelt very nearly the same (Jaro–Winkler ≥ 0.92). */
function alike(x: string, y: string): boolean {
  if (!x || !y) return false;
  return x === y || jaroWinklerAtLeast(x, y, 0.92) >= 0.92;
}

/**
 * The address as one comparison. Postcode, house number, street and town are not independent evidence (people at
 * one address share all four): counted separately they would make everyone in a household look like one person.
 */
export const ADDRESS: Comparison = {
  name: 'address',
  title: 'Address',
  levels: ['same house', 'same postcode or street', 'postcode one character wrong, or same street and town', 'same district or town', 'different'],
  compare(a, b) {
    const hasA = a.postcode || a.street || a.locality;
    const hasB = b.postcode || b.street || b.locality;
    if (!hasA || !hasB) return MISSING;
    const samePostcode = !!a.postcode && a.postcode === b.postcode;
    const numbers = !!a.streetNumber && !!b.streetNumber;
    const sameNumber = numbers && a.streetNumber === b.streetNumber;
    // Street and town are compared only when the answer depends on them (most pairs scored are strangers).
    if (samePostcode && (sameNumber || (!numbers && alike(a.street, b.street)))) return 0;
    if (sameNumber && (!a.postcode || !b.postcode) && alike(a.street, b.street)) return 0;
    if (samePostcode || (sameNumber && alike(a.street, b.street))) return 1;
    const closePostcode = !!a.postcode && !!b.postcode && withinOneEdit(a.postcode, b.postcode);
    if (closePostcode || ((sameNumber || alike(a.locality, b.locality)) && alike(a.street, b.street))) return 2;
    const sameDistrict = !!a.postcode && !!b.postcode && postcodeDistrict(a.postcode) === postcodeDistrict(b.postcode);
    if (sameDistrict || alike(a.locality, b.locality)) return 3;
    return 4;
  },
};

/** An identifier of one type: exact, one character wrong (a typo), or different. */
export function identifierComparison(type: string, title: string): Comparison {
  return {
    name: `id:${type}`,
    title,
    levels: ['exact', 'one character wrong', 'different'],
    compare(a, b) {
      const x = a.ids[type];
      const y = b.ids[type];
      if (!x || !y) return MISSING;
      if (x === y) return 0;
      return withinOneEdit(x, y) ? 1 : 2;
    },
  };
}

/**
 * Another column (birth place, occupation, school…), compared as text: exact, very similar, similar, different;
 * an exact agreement on an uncommon value counts for more than on a common one.
 */
export function otherComparison(name: string, title = name.replace(/_/g, ' ')): Comparison {
  return {
    name: `other:${name}`,
    title,
    levels: ['exact', 'very similar', 'similar', 'different'],
    compare: (a, b) => textLevel(a.other[name] ?? '', b.other[name] ?? '', 0.92, 0.8),
    frequencyOf: (a) => a.other[name] ?? '',
  };
}

/**
 * Two NHS numbers that both pass the check digit and differ: two people (a typo almost never passes the check).
 * The one identifier a record can carry that settles the question against a match.
 */
export function verifiedIdentifiersDiffer(a: Prepared, b: Prepared): boolean {
  const x = a.ids.nhs_number;
  const y = b.ids.nhs_number;
  return !!x && !!y && x !== y && isValidNhsNumber(x) && isValidNhsNumber(y);
}

/** Which comparisons to use for the fields a source has. */
export function comparisonsFor(fields: {
  given?: boolean;
  family?: boolean;
  dob?: boolean;
  gender?: boolean;
  postcode?: boolean;
  streetNumber?: boolean;
  street?: boolean;
  addressLine2?: boolean;
  locality?: boolean;
  email?: boolean;
  identifiers?: readonly { type: string; title: string }[];
  /** Other columns by name (compared as text). */
  other?: readonly string[];
}): Comparison[] {
  const out: Comparison[] = [];
  if (fields.given) out.push(GIVEN);
  if (fields.family) out.push(FAMILY);
  if (fields.dob) out.push(DOB);
  if (fields.gender) out.push(GENDER);
  // One address comparison whenever there is an address at all; a town alone is weak but still counts.
  if (fields.postcode || fields.street || fields.streetNumber || fields.locality) out.push(ADDRESS);
  if (fields.addressLine2) out.push(ADDRESS_LINE_2);
  if (fields.email) out.push(EMAIL);
  for (const id of fields.identifiers ?? []) out.push(identifierComparison(id.type, id.title));
  for (const name of fields.other ?? []) out.push(otherComparison(name));
  return out;
}
