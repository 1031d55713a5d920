/** NHS numbers and UK postcodes: validation and normalisation. */

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
