/**
 * Candidate pairs for linking a batch in memory: records that share a key under at least one blocking rule. Rules
 * run in order; a pair already found by an earlier rule is not produced again (no set of pairs is kept, so a
 * million records fit in memory). Keys are hashed to 32-bit numbers; a collision only adds a candidate.
 */
import { canonicalGivenName } from './nicknames.js';
import { type Prepared, phonetic } from './record.js';
import { postcodeDistrict } from './comparisons.js';

export interface BlockingRule {
  name: string;
  key(r: Prepared): string;
  /** The comparisons this rule's key is made of (their m cannot be learned from the pairs it finds). */
  uses: readonly string[];
}

const first = (xs: string[]) => xs[0] ?? '';
const initial = (xs: string[]) => (xs[0] ?? '').slice(0, 1);
const both = (a: string, b: string) => (a && b ? `${a}|${b}` : '');

function givenSound(r: Prepared): string {
  const g = first(r.given);
  return g ? phonetic(canonicalGivenName(g)) : '';
}

/** The sounds of the first given and family names, in alphabetical order, so swapped names share a key. */
function namePair(r: Prepared): string {
  const g = givenSound(r);
  const f = first(r.familyCodes);
  if (!g || !f) return '';
  return g < f ? `${g}|${f}` : `${f}|${g}`;
}

/** The default rules: each catches the duplicates the others miss when one field is wrong or missing. */
export function defaultRules(identifierTypes: readonly string[] = []): BlockingRule[] {
  return [
    ...identifierTypes.map((type) => ({ name: `same ${type}`, key: (r: Prepared) => r.ids[type] ?? '', uses: [`id:${type}`] })),
    { name: 'same date of birth and first initial', key: (r) => both(r.dob, initial(r.given)), uses: ['dob', 'given'] },
    { name: 'same date of birth and last initial', key: (r) => both(r.dob, initial(r.family)), uses: ['dob', 'family'] },
    { name: 'names sound the same (in either order)', key: (r) => namePair(r), uses: ['given', 'family'] },
    {
      name: 'last name sounds the same, same birth year and first initial',
      key: (r) => both(first(r.familyCodes), r.dobYear ? `${r.dobYear}|${initial(r.given)}` : ''),
      uses: ['family', 'dob', 'given'],
    },
    {
      name: 'first name sounds the same, same birth year and last initial',
      key: (r) => both(givenSound(r), r.dobYear ? `${r.dobYear}|${initial(r.family)}` : ''),
      uses: ['given', 'dob', 'family'],
    },
    { name: 'same postcode and first initial', key: (r) => both(r.postcode, initial(r.given)), uses: ['address', 'given'] },
    { name: 'same postcode and last name sound', key: (r) => both(r.postcode, first(r.familyCodes)), uses: ['address', 'family'] },
    {
      name: 'same house and street',
      key: (r) => both(r.streetNumber, r.street ? both(phonetic(r.street.split(' ')[0]!), postcodeDistrict(r.postcode) || r.locality) : ''),
      uses: ['address'],
    },
    { name: 'same email user name', key: (r) => r.email.split('@')[0] ?? '', uses: ['email'] },
    { name: 'same date of birth and town', key: (r) => both(r.dob, r.locality), uses: ['dob', 'address'] },
    { name: 'same town, names sound the same', key: (r) => both(r.locality, namePair(r)), uses: ['address', 'given', 'family'] },
    { name: 'same birth day and month, last name sound', key: (r) => both(r.dob.slice(4), first(r.familyCodes)), uses: ['dob', 'family'] },
  ];
}

/** FNV-1a, 32-bit; 0 is reserved for "no key". */
export function hashKey(key: string): number {
  if (!key) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}

export interface BlockingStats {
  rule: string;
  pairs: number;
  /** Keys skipped because so many records shared them that comparing all would be pointless. */
  oversizedBlocks: number;
}

export interface Blocking {
  keys: Int32Array[];
  stats: BlockingStats[];
  /** Whether some rule would put these two records together (for measuring blocking coverage). */
  wouldCompare(i: number, j: number): boolean;
}

/** Blocks built once and walked as often as needed (counting, sampling for EM, scoring). */
export interface Blocks {
  keys: Int32Array[];
  /** Per rule: the groups of record indexes sharing a key (only groups of 2 to maxBlock records). */
  groups: Int32Array[][];
  oversized: Set<number>[];
  rules: readonly BlockingRule[];
}

export function buildBlocks(records: readonly Prepared[], rules: readonly BlockingRule[], options: { maxBlock?: number } = {}): Blocks {
  const maxBlock = options.maxBlock ?? 2000;
  const n = records.length;
  const keys = rules.map((rule) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i += 1) out[i] = hashKey(rule.key(records[i]!));
    return out;
  });
  const oversized = rules.map(() => new Set<number>());
  const groups = keys.map((k, r) => {
    const byKey = new Map<number, number[]>();
    for (let i = 0; i < n; i += 1) {
      const key = k[i]!;
      if (key === 0) continue;
      const g = byKey.get(key);
      if (g) g.push(i);
      else byKey.set(key, [i]);
    }
    const out: Int32Array[] = [];
    for (const [key, members] of byKey) {
      if (members.length < 2) continue;
      if (members.length > maxBlock) oversized[r]!.add(key);
      else out.push(Int32Array.from(members));
    }
    return out;
  });
  return { keys, groups, oversized, rules };
}

/**
 * Calls `emit(i, j, rule)` for every candidate pair (i < j): once, under the first rule that finds it, or with
 * `everyRule` under each rule that finds it.
 */
export function forEachPair(blocks: Blocks, emit: (i: number, j: number, rule: number) => void, options: { everyRule?: boolean } = {}): BlockingStats[] {
  const { keys, groups, oversized, rules } = blocks;
  const stats: BlockingStats[] = [];
  for (let r = 0; r < rules.length; r += 1) {
    let pairs = 0;
    const earlier = options.everyRule ? 0 : r;
    for (const members of groups[r]!) {
      for (let x = 0; x < members.length; x += 1) {
        const i = members[x]!;
        for (let y = x + 1; y < members.length; y += 1) {
          const j = members[y]!;
          let seen = false;
          for (let e = 0; e < earlier; e += 1) {
            const ke = keys[e]!;
            const ki = ke[i]!;
            if (ki !== 0 && ki === ke[j] && !oversized[e]!.has(ki)) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          pairs += 1;
          emit(i, j, r);
        }
      }
    }
    stats.push({ rule: rules[r]!.name, pairs, oversizedBlocks: oversized[r]!.size });
  }
  return stats;
}

/** Whether some rule would put two records together (for measuring blocking coverage). */
export function wouldCompare(blocks: Blocks, i: number, j: number): boolean {
  for (let r = 0; r < blocks.keys.length; r += 1) {
    const ki = blocks.keys[r]![i]!;
    if (ki !== 0 && ki === blocks.keys[r]![j] && !blocks.oversized[r]!.has(ki)) return true;
  }
  return false;
}

/** Builds the blocks and walks the pairs once (for simple callers). */
export function generatePairs(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  emit: (i: number, j: number, rule: number) => void,
  options: { maxBlock?: number; everyRule?: boolean } = {},
): Blocking {
  const blocks = buildBlocks(records, rules, options);
  const stats = forEachPair(blocks, emit, options);
  return { keys: blocks.keys, stats, wouldCompare: (i, j) => wouldCompare(blocks, i, j) };
}
