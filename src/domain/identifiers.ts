/** NHS numbers and UK postcodes: validation and normalisation. */

/** An NHS number for examples in messages and documentation: valid, and in the range NHS England keeps for testing (999). */
export const EXAMPLE_NHS_NUMBER = '999 000 0018';

/** Strip spaces and hyphens: "943 476 5919" → "9434765919". */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** NHS number: 10 digits, the last a modulus 11 check digit over the first nine weighted 10 down to 2. */
export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const remainder = sum % 11;
  const check = 11 - remainder === 11 ? 0 : 11 - remainder;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

export function formatNhsNumber(value: string): string {
  const d = normaliseNhsNumber(value);
  return d.length === 10 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : value;
}

/** Makes a valid NHS number from nine digits (for synthetic data). */
export function nhsNumberFromNine(nine: string): string | null {
  if (!/^\d{9}$/.test(nine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : `${nine}${check}`;
}

// UK postcode, after the published format rules (outward code: area + district; inward: sector + unit).
const POSTCODE =
  /^(GIR0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)\d[ABD-HJLNP-UW-Z]{2})$/;

export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function isValidPostcode(value: string): boolean {
  return normalisePostcode(value) !== null;
}

// Unique pupil number (DfE): a check letter followed by 12 characters (LA number, establishment, year, serial;
// the last may be a letter for a temporary UPN). The check letter is the weighted sum of characters 2–13
// (weights 2–13) modulo 23, as a letter of this alphabet.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

export function normaliseUpn(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

export function upnCheckLetter(twelve: string): string | null {
  if (!/^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(twelve)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const ch = twelve[i]!;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23]!;
}

export function isValidUpn(value: string): boolean {
  const upn = normaliseUpn(value);
  if (upn.length !== 13) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}

/** Police National Computer ID: two-digit year, slash, up to seven digits, and a check letter (e.g. 99/1234567A). */
export function normalisePnc(value: string): string | null {
  const m = /^(\d{2})\/0*(\d{1,7})([A-Z])$/.exec(value.replace(/\s/g, '').toUpperCase());
  return m ? `${m[1]}/${m[2]!.padStart(7, '0')}${m[3]}` : null;
}

/** UPRN: a number of up to 12 digits identifying an addressable place. */
export function isValidUprn(value: string): boolean {
  return /^\d{1,12}$/.test(value.trim()) && Number(value) > 0;
}
