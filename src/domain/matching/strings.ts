/** String comparison for matching people: normalisation, Jaro–Winkler and bounded edit distance. */

const DIACRITICS = /[\u0300-\u036f]/g;

/** Lower case, accents removed, anything but letters, digits and single spaces dropped. */
export function normaliseText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Words that are not a person's own name: titles and honorifics (Dr, Rev, Sir, Lady), and ordinals and
 * generational suffixes ("2nd", "Jr", "III"). Stripped before anything else, so "Lady" typed as a first name or
 * "John Smith 2nd" do not become names that link strangers.
 */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'master', 'dr', 'doctor', 'prof', 'professor', 'rev', 'revd', 'reverend', 'canon',
  'fr', 'father', 'pastor', 'rabbi', 'imam', 'sir', 'dame', 'lady', 'hon', 'honourable', 'rt', 'esq', 'obe', 'mbe',
  'cbe', 'jr', 'jnr', 'junior', 'snr', 'sr', 'senior', 'ii', 'iii', 'iv', 'vi', 'vii', 'viii',
]);
/**
 * Ranks that are also family names (Lord, Earl, Duke, Baron…): not a name in the first-name box, or before other
 * words in the family-name box; a name when they are the whole family name ("John Lord").
 */
const RANKS = new Set(['lord', 'baron', 'baroness', 'baronet', 'bt', 'earl', 'countess', 'viscount', 'viscountess', 'marquess', 'marchioness', 'duke', 'duchess']);
const ORDINAL = /^\d+(st|nd|rd|th)?$/;

/** Whether a normalised word is a title, honorific, rank, ordinal or number rather than a name. */
export function isNotAName(word: string): boolean {
  return HONORIFICS.has(word) || RANKS.has(word) || ORDINAL.test(word);
}

/**
 * The words of a name, normalised, without titles, honorifics and ordinals: "Mary-Jane O’Neil" → ["mary", "jane",
 * "oneil"]; "Lady" → []; "John Smith 2nd" → ["john", "smith"]. In the family-name box a rank that is the whole
 * name is kept ("Lord" → ["lord"]).
 */
export function nameTokens(value: string | null | undefined, box: 'given' | 'family' = 'given'): string[] {
  const text = normaliseText(value);
  if (!text) return [];
  const words = text.split(' ').filter((t) => t.length > 0 && !HONORIFICS.has(t) && !ORDINAL.test(t));
  const named = words.filter((t) => !RANKS.has(t));
  return box === 'family' && named.length === 0 ? words : named;
}

let scratchA = new Uint8Array(64);
let scratchB = new Uint8Array(64);

/** Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Scratch flags reused across calls: scoring millions of pairs should not allocate for each.
  if (la > scratchA.length || lb > scratchB.length) {
    scratchA = new Uint8Array(Math.max(la, scratchA.length * 2));
    scratchB = new Uint8Array(Math.max(lb, scratchB.length * 2));
  }
  const aMatch = scratchA;
  const bMatch = scratchB;
  aMatch.fill(0, 0, la);
  bMatch.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i += 1) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(i + range + 1, lb);
    const ca = a.charCodeAt(i);
    for (let j = lo; j < hi; j += 1) {
      if (bMatch[j] || b.charCodeAt(j) !== ca) continue;
      aMatch[i] = 1;
      bMatch[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i += 1) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const histogram = new Int32Array(128);

/**
 * Jaro–Winkler similarity when it can reach `t`, else 0, skipping the full computation for most pairs of clearly
 * different strings: the characters two strings have in common (in any position) bound how many can match, and
 * their common prefix bounds the Winkler bonus. The answer is the same as jaroWinkler(a, b) whenever that is ≥ t.
 */
export function jaroWinklerAtLeast(a: string, b: string, t: number): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  let common = 0;
  for (let i = 0; i < la; i += 1) histogram[a.charCodeAt(i) & 127]! += 1;
  for (let i = 0; i < lb; i += 1) {
    const c = b.charCodeAt(i) & 127;
    if (histogram[c]! > 0) {
      histogram[c]! -= 1;
      common += 1;
    }
  }
  for (let i = 0; i < la; i += 1) histogram[a.charCodeAt(i) & 127] = 0;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  const jaro = common === 0 ? 0 : (common / la + common / lb + 1) / 3;
  if (jaro + prefix * 0.1 * (1 - jaro) < t) return 0;
  return jaroWinkler(a, b);
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early once it exceeds
 * `max` (returns max + 1 then).
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let curr = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j += 1) prev[j] = j;
  for (let i = 1; i <= la; i += 1) {
    curr[0] = i;
    let rowMin = curr[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j += 1) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, curr] = [prev, curr, prev2];
  }
  return prev[lb]!;
}

/**
 * Whether two strings are within one edit (insert, delete, substitute, or swap of adjacent characters): the same
 * answer as editDistance(a, b) <= 1, without allocating (it runs millions of times in a batch).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
    // One substitution, or one swap of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i += 1;
  return s.slice(i) === l.slice(i + 1);
}

/** Positions at which two strings of equal length differ (Hamming distance); -1 when lengths differ. */
export function mismatches(a: string, b: string): number {
  if (a.length !== b.length) return -1;
  let n = 0;
  for (let i = 0; i < a.length; i += 1) if (a.charCodeAt(i) !== b.charCodeAt(i)) n += 1;
  return n;
}

/** What a person's name is searched by (trigram index on person_name.search_text). */
export function nameSearchText(given: string, family: string): string {
  return normaliseText(`${given} ${family}`);
}
