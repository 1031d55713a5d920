/**
 * Candidate pairs for linking a batch in memory: records that share a key under at least one blocking rule. A rule
 * gives each record any number of keys (one per name word, say), so a pair is found whichever box a name was
 * typed in. Rules run in order; a pair already found by an earlier rule (or under an earlier key of the same rule)
 * is not produced again, and no set of pairs is kept, so a million records fit in memory. Keys are hashed to
 * 32-bit numbers; a collision only adds a candidate.
 */
import { type Prepared, phonetic } from './record.js';
import { postcodeDistrict } from './comparisons.js';

export interface BlockingRule {
  name: string;
  /** The record's keys under this rule: two records are compared when they share one. */
  keys(r: Prepared): string[];
  /** The comparisons this rule's keys are made of. */
  uses: readonly string[];
  /**
   * The most records one key may gather before it is skipped as too common to be telling (a weak rule, such as a
   * name word and a birthday, stays cheap on a million records by skipping its commonest names).
   */
  maxBlock?: number;
}

const nameInitials = (r: Prepared): string[] => r.initials;

/** Every two name words' sounds, in alphabetical order: "John Smith" and "Smith, John" share a key. */
function soundPairs(r: Prepared): string[] {
  const s = r.sounds;
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 1) {
    for (let j = i + 1; j < s.length; j += 1) out.push(s[i]! < s[j]! ? `${s[i]}|${s[j]}` : `${s[j]}|${s[i]}`);
  }
  return out;
}

/** Day and month in either order ("0703" for both 7 March and 3 July): a swap still finds the pair. */
function birthday(dob: string): string {
  if (!dob) return '';
  const m = dob.slice(4, 6);
  const d = dob.slice(6, 8);
  return m < d ? `${m}${d}` : `${d}${m}`;
}

const each = (prefix: string, values: readonly string[]) => (prefix ? values.map((v) => `${prefix}|${v}`) : []);
const one = (key: string) => (key ? [key] : []);
const both = (a: string, b: string) => (a && b ? `${a}|${b}` : '');

/**
 * The default rules, each surviving one bad field: names in any order and any box, nicknames, typos in a name and
 * the date of birth at once, a missing surname, an address with no name at all.
 */
export function defaultRules(identifierTypes: readonly string[] = [], otherColumns: readonly string[] = []): BlockingRule[] {
  return [
    ...identifierTypes.map((type) => ({ name: `same ${type}`, keys: (r: Prepared) => one(r.ids[type] ?? ''), uses: [`id:${type}`] })),
    { name: 'same date of birth and a name initial', keys: (r) => each(r.dob, nameInitials(r)), uses: ['dob', 'given', 'family'] },
    { name: 'two name words sound the same (any order, any box)', keys: soundPairs, uses: ['given', 'family'], maxBlock: 30 },
    // A typo in one part of the date of birth and in a name at once: any two of year, month and day still agree.
    {
      name: 'a name word sounds the same, same year and month of birth',
      keys: (r) => each(r.dob.slice(0, 6), r.sounds),
      uses: ['given', 'family', 'dob'],
      maxBlock: 12,
    },
    {
      name: 'a name word sounds the same, same year and day of birth',
      keys: (r) => each(r.dob ? r.dob.slice(0, 4) + r.dob.slice(6, 8) : '', r.sounds),
      uses: ['given', 'family', 'dob'],
      maxBlock: 12,
    },
    {
      name: 'a name word sounds the same, same day and month of birth (either order)',
      keys: (r) => each(birthday(r.dob), r.sounds),
      uses: ['given', 'family', 'dob'],
      maxBlock: 12,
    },
    { name: 'a name word sounds the same, same town', keys: (r) => each(r.locality, r.sounds), uses: ['given', 'family', 'address'], maxBlock: 10 },
    { name: 'same postcode and a name initial', keys: (r) => each(r.postcode, nameInitials(r)), uses: ['address', 'given', 'family'] },
    {
      name: 'same house and street',
      keys: (r) => one(both(r.streetNumber, r.street ? both(phonetic(r.street.split(' ')[0]!), postcodeDistrict(r.postcode) || r.locality) : '')),
      uses: ['address'],
    },
    { name: 'same email user name', keys: (r) => one(r.email.split('@')[0] ?? ''), uses: ['email'] },
    { name: 'same date of birth and postcode district', keys: (r) => one(both(r.dob, r.postcode ? postcodeDistrict(r.postcode) : '')), uses: ['dob', 'address'] },
    { name: 'same date of birth and town', keys: (r) => one(both(r.dob, r.locality)), uses: ['dob', 'address'] },
    ...otherColumns.map((name) => ({ name: `same date of birth and ${name.replace(/_/g, ' ')}`, keys: (r: Prepared) => one(both(r.dob, r.other[name] ?? '')), uses: ['dob', `other:${name}`] })),
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

/** One rule's keys for every record, sorted per record: record i's keys are values[offsets[i] … offsets[i+1]). */
export interface RuleKeys {
  offsets: Int32Array;
  values: Int32Array;
}

/**
 * One rule's groups of records sharing a key (only groups of 2 to maxBlock records): group g is the key `key[g]`
 * and the records members[start[g] … start[g] + size[g]), in increasing order.
 */
export interface RuleGroups {
  key: Int32Array;
  start: Int32Array;
  size: Int32Array;
  members: Int32Array;
}

/** Blocks built once and walked as often as needed (counting, sampling for EM, scoring). */
export interface Blocks {
  keys: RuleKeys[];
  groups: RuleGroups[];
  oversized: Set<number>[];
  rules: readonly BlockingRule[];
}

export function keysOfRule(records: readonly Prepared[], rule: BlockingRule): RuleKeys {
  const n = records.length;
  const offsets = new Int32Array(n + 1);
  let values = new Int32Array(Math.max(16, n));
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    const keys = rule.keys(records[i]!);
    if (at + keys.length > values.length) {
      const grown = new Int32Array(Math.max(values.length * 2, at + keys.length));
      grown.set(values);
      values = grown;
    }
    // Insert each hash in order, skipping "no key" and repeats (a record has a handful of keys at most).
    const from = at;
    for (const key of keys) {
      const h = hashKey(key);
      if (h === 0) continue;
      let x = at;
      while (x > from && values[x - 1]! > h) x -= 1;
      if (x > from && values[x - 1] === h) continue;
      values.copyWithin(x + 1, x, at);
      values[x] = h;
      at += 1;
    }
    offsets[i + 1] = at;
  }
  return { offsets, values: values.slice(0, at) };
}

/** A stable counting sort of records by 16 bits of their key (one pass of a radix sort). */
function sortPass(keys: Uint32Array, ids: Int32Array, shift: number, outKeys: Uint32Array, outIds: Int32Array): void {
  const counts = new Int32Array(65537);
  for (let x = 0; x < keys.length; x += 1) counts[((keys[x]! >>> shift) & 0xffff) + 1]! += 1;
  for (let b = 1; b < counts.length; b += 1) counts[b]! += counts[b - 1]!;
  for (let x = 0; x < keys.length; x += 1) {
    const at = counts[(keys[x]! >>> shift) & 0xffff]!++;
    outKeys[at] = keys[x]!;
    outIds[at] = ids[x]!;
  }
}

/** Groups records by key in flat arrays (a radix sort, not a map of arrays: a million records' keys fit). */
function groupsOfRule(n: number, own: RuleKeys, maxBlock: number, oversized: Set<number>): RuleGroups {
  const total = own.values.length;
  const keys = new Uint32Array(total);
  const ids = new Int32Array(total);
  for (let i = 0; i < n; i += 1) {
    for (let x = own.offsets[i]!; x < own.offsets[i + 1]!; x += 1) {
      keys[x] = own.values[x]! >>> 0;
      ids[x] = i;
    }
  }
  const tmpKeys = new Uint32Array(total);
  const tmpIds = new Int32Array(total);
  sortPass(keys, ids, 0, tmpKeys, tmpIds);
  sortPass(tmpKeys, tmpIds, 16, keys, ids);
  const gKey: number[] = [];
  const gStart: number[] = [];
  const gSize: number[] = [];
  for (let x = 0; x < total; ) {
    let y = x + 1;
    while (y < total && keys[y] === keys[x]) y += 1;
    const size = y - x;
    if (size > maxBlock) oversized.add(keys[x]! | 0);
    else if (size >= 2) {
      gKey.push(keys[x]! | 0);
      gStart.push(x);
      gSize.push(size);
    }
    x = y;
  }
  return { key: Int32Array.from(gKey), start: Int32Array.from(gStart), size: Int32Array.from(gSize), members: ids };
}

export function buildBlocks(records: readonly Prepared[], rules: readonly BlockingRule[], options: { maxBlock?: number } = {}): Blocks {
  return blocksFromKeys(
    records.length,
    rules,
    rules.map((rule) => keysOfRule(records, rule)),
    options,
  );
}

/** Blocks from keys already worked out (by this thread or another), one RuleKeys per rule. */
export function blocksFromKeys(n: number, rules: readonly BlockingRule[], keys: RuleKeys[], options: { maxBlock?: number } = {}): Blocks {
  const fallback = options.maxBlock ?? 2000;
  const oversized = rules.map(() => new Set<number>());
  const groups = keys.map((own, r) => groupsOfRule(n, own, Math.min(rules[r]!.maxBlock ?? fallback, fallback), oversized[r]!));
  return { keys, groups, oversized, rules };
}

/** The smallest key two records share under a rule (ignoring oversized blocks), or 0 when they share none. */
function firstSharedKey(rule: RuleKeys, oversized: Set<number>, i: number, j: number): number {
  const { offsets, values } = rule;
  let a = offsets[i]!;
  const aEnd = offsets[i + 1]!;
  let b = offsets[j]!;
  const bEnd = offsets[j + 1]!;
  while (a < aEnd && b < bEnd) {
    const x = values[a]!;
    const y = values[b]!;
    if (x === y) {
      if (oversized.size === 0 || !oversized.has(x)) return x;
      a += 1;
      b += 1;
    } else if (x < y) a += 1;
    else b += 1;
  }
  return 0;
}

/**
 * Calls `emit(i, j, rule)` for every candidate pair (i < j): once, under the first rule that finds it, or with
 * `everyRule` under each rule that finds it. With `part: [k, parts]`, only the pairs of every parts-th group from
 * the k-th: the parts together give every pair once (for scoring on several threads).
 */
export function forEachPair(
  blocks: Blocks,
  emit: (i: number, j: number, rule: number) => void,
  options: { everyRule?: boolean; part?: readonly [number, number] } = {},
): BlockingStats[] {
  const [part, parts] = options.part ?? [0, 1];
  const { keys, groups, oversized, rules } = blocks;
  const stats: BlockingStats[] = [];
  for (let r = 0; r < rules.length; r += 1) {
    let pairs = 0;
    const earlier = options.everyRule ? 0 : r;
    const own = keys[r]!;
    const ownOversized = oversized[r]!;
    const { key: groupKeys, start, size, members } = groups[r]!;
    for (let g = part; g < groupKeys.length; g += parts) {
      const key = groupKeys[g]!;
      const from = start[g]!;
      const to = from + size[g]!;
      for (let x = from; x < to; x += 1) {
        const i = members[x]!;
        const single = own.offsets[i + 1]! - own.offsets[i]! === 1;
        for (let y = x + 1; y < to; y += 1) {
          const j = members[y]!;
          // Under this rule, the pair belongs to the first key the two share.
          if (!single && firstSharedKey(own, ownOversized, i, j) !== key) continue;
          let seen = false;
          for (let e = 0; e < earlier; e += 1) {
            if (firstSharedKey(keys[e]!, oversized[e]!, i, j) !== 0) {
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
  for (let r = 0; r < blocks.keys.length; r += 1) if (firstSharedKey(blocks.keys[r]!, blocks.oversized[r]!, i, j) !== 0) return true;
  return false;
}

/** Which rules would put two records together (for reporting each rule's coverage). */
export function rulesComparing(blocks: Blocks, i: number, j: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < blocks.keys.length; r += 1) if (firstSharedKey(blocks.keys[r]!, blocks.oversized[r]!, i, j) !== 0) out.push(r);
  return out;
}

/** Builds the blocks and walks the pairs once (for simple callers). */
export function generatePairs(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  emit: (i: number, j: number, rule: number) => void,
  options: { maxBlock?: number; everyRule?: boolean } = {},
): { stats: BlockingStats[]; wouldCompare: (i: number, j: number) => boolean } {
  const blocks = buildBlocks(records, rules, options);
  const stats = forEachPair(blocks, emit, options);
  return { stats, wouldCompare: (i, j) => wouldCompare(blocks, i, j) };
}
