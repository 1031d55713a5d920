/**
 * Estimating the model from the records themselves, without labels, as Splink does:
 *
 * - u, the chance of each level between two different people, from random pairs (nearly all different people);
 * - m, the chance of each level for the same person, by expectation–maximisation in one session per training
 *   rule. Pairs found by a rule all agree on the fields the rule is made of, so those comparisons are left out of
 *   that rule's session and estimated only by the others (a first name is learned from pairs born on the same day,
 *   a date of birth from pairs whose names sound the same). Each comparison's m is the mean over the sessions that
 *   could estimate it, kept above a floor so no difference is ever impossible for the same person;
 * - the prior (how likely two records picked at random are one person), from the matches EM found among pairs
 *   born on the same day, scaled by how often the same person's two records do share a date of birth.
 */
import { type BlockingRule, type Blocks, buildBlocks, forEachPair } from './blocking.js';
import { type Comparison, MISSING, verifiedIdentifiersDiffer } from './comparisons.js';
import { type ModelParams, patternKey, patternVector } from './model.js';
import { canonicalGivenName } from './nicknames.js';
import { type Prepared, phonetic } from './record.js';

const FLOOR = 1e-6;
/** The least m for any level: data that never showed an error in training will show one one day. */
export const M_FLOOR = 0.001;
/** A training session must find at least this many matches for its estimates to be used. */
export const MIN_MATCHES_TO_LEARN = 50;
/** Pattern keys pack one level per comparison into a double: at most 13 comparisons. */
export const MAX_COMPARISONS = 13;

/** How one EM session went: shown by `npm run link -- --explain`. */
export interface SessionReport {
  rule: string;
  /** Whether it found enough matches to learn from (else its estimates were not used). */
  learned: boolean;
  /** Candidate pairs the rule finds, and how many of them EM looked at. */
  pairs: number;
  sampled: number;
  iterations: number;
  converged: boolean;
  /** The share of the rule's pairs EM judged to be the same person. */
  matchShare: number;
  /** The comparisons this session estimated (all but those the rule is made of). */
  estimated: string[];
  /** Per comparison, m by level, as this session estimated it. */
  m: Record<string, number[]>;
}

export interface Estimate {
  params: ModelParams;
  sessions: SessionReport[];
  /** How the prior was arrived at, in words. */
  priorFrom: string;
}

/**
 * The rules EM learns from: each finds pairs that agree on one kind of evidence, so that the other kinds can be
 * learned from them. Names: the first given name's sound (nicknames as their full form) and the first family
 * name's sound. Date of birth: exact. Identifiers and email: exact.
 */
export function trainingRules(comparisons: readonly Comparison[]): BlockingRule[] {
  const has = (name: string) => comparisons.some((c) => c.name === name);
  const rules: BlockingRule[] = [];
  if (has('dob')) rules.push({ name: 'same date of birth', keys: (r) => (r.dob ? [r.dob] : []), uses: ['dob'] });
  if (has('given') && has('family')) {
    rules.push({
      name: 'first and last names sound the same',
      keys: (r) => {
        const g = r.given[0];
        const f = r.familyCodes[0];
        return g && f && !r.familyInferred && !r.givenInferred ? [`${phonetic(canonicalGivenName(g))}|${f}`] : [];
      },
      uses: ['given', 'family'],
    });
  } else if (has('given') || has('family')) {
    rules.push({ name: 'a name sounds the same', keys: (r) => r.sounds.slice(0, 1), uses: ['given', 'family'] });
  }
  for (const c of comparisons) {
    if (c.name.startsWith('id:')) {
      const type = c.name.slice(3);
      rules.push({ name: `same ${type}`, keys: (r) => (r.ids[type] ? [r.ids[type]] : []), uses: [c.name] });
    }
  }
  if (has('email')) rules.push({ name: 'same email address', keys: (r) => (r.email ? [r.email] : []), uses: ['email'] });
  return rules;
}

/** u from random pairs: how often each level happens between two records taken at random (mostly different people). */
export function estimateU(comparisons: readonly Comparison[], records: readonly Prepared[], samples: number, random: () => number): number[][] {
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const n = records.length;
  if (n < 2) throw new Error('Need at least two records to estimate u');
  for (let s = 0; s < samples; s += 1) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j += 1;
    const a = records[i]!;
    const b = records[j]!;
    for (let c = 0; c < comparisons.length; c += 1) {
      const level = comparisons[c]!.compare(a, b, false);
      if (level !== MISSING) counts[c]![level]! += 1;
    }
  }
  // Add-one smoothing keeps rare levels (an exact identifier) from a u of zero.
  return counts.map((row) => {
    const total = row.reduce((x, y) => x + y, 0) + row.length;
    return row.map((x) => (x + 1) / total);
  });
}

/** Where EM starts: most true matches agree exactly, a few are close, fewer still differ. */
export function initialM(levels: number): number[] {
  const m = new Array<number>(levels).fill(0);
  m[0] = 0.85;
  const rest = 0.15;
  for (let l = 1; l < levels; l += 1) m[l] = (rest * (levels - l)) / (((levels - 1) * levels) / 2);
  return m;
}

/** Keeps every level possible for a true match (at least M_FLOOR): one field should not veto a match on its own. */
export function floored(m: readonly number[]): number[] {
  const f = m.map((x) => Math.max(x, M_FLOOR));
  const total = f.reduce((a, b) => a + b, 0);
  return f.map((x) => x / total);
}

/**
 * m by EM over the patterns of a session's pairs, u fixed. Comparisons the session cannot learn are MISSING in
 * its patterns already. Returns m, the share of pairs that are matches, and whether it converged.
 */
export function emSession(
  comparisons: readonly Comparison[],
  patterns: ReadonlyMap<number, number>,
  u: number[][],
  options: { iterations?: number; tolerance?: number; start?: number[][]; prior?: number } = {},
): { m: number[][]; matchShare: number; iterations: number; converged: boolean; seen: boolean[] } {
  const k = comparisons.length;
  let m = options.start ?? comparisons.map((c) => initialM(c.levels.length));
  let prior = options.prior ?? 0.1;
  const entries = [...patterns].map(([key, count]) => ({ v: patternVector(key, k), count }));
  // Comparisons recorded on both sides of at least one pair: the others cannot be learnt here.
  const seen = comparisons.map((_, c) => entries.some((e) => e.v[c] !== MISSING));
  const logU = u.map((row) => row.map((x) => Math.log(Math.max(x, FLOOR))));
  const maxIterations = options.iterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    const logM = m.map((row) => row.map((x) => Math.log(Math.max(x, FLOOR))));
    const mNum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    let matchMass = 0;
    let total = 0;
    for (const { v, count } of entries) {
      let lm = Math.log(prior);
      let lu = Math.log(1 - prior);
      for (let c = 0; c < k; c += 1) {
        const level = v[c]!;
        if (level === MISSING) continue;
        lm += logM[c]![level]!;
        lu += logU[c]![level]!;
      }
      const w = count / (1 + Math.exp(lu - lm));
      matchMass += w;
      total += count;
      for (let c = 0; c < k; c += 1) {
        const level = v[c]!;
        if (level !== MISSING) mNum[c]![level]! += w;
      }
    }
    const next = mNum.map((row, c) => {
      const den = row.reduce((a, b) => a + b, 0);
      return den > 0 ? row.map((x) => Math.max(x / den, FLOOR)) : m[c]!;
    });
    const nextPrior = Math.min(Math.max(matchMass / Math.max(total, 1), 1e-9), 1 - 1e-9);
    let change = Math.abs(nextPrior - prior);
    for (let c = 0; c < k; c += 1) for (let l = 0; l < next[c]!.length; l += 1) change = Math.max(change, Math.abs(next[c]![l]! - m[c]![l]!));
    m = next;
    prior = nextPrior;
    if (change < tolerance) return { m, matchShare: prior, iterations: iteration, converged: true, seen };
  }
  return { m, matchShare: prior, iterations: maxIterations, converged: false, seen };
}

/** Counts comparison patterns of a sample of a rule's pairs, with the rule's own comparisons left out. */
function sessionPatterns(
  records: readonly Prepared[],
  blocks: Blocks,
  comparisons: readonly Comparison[],
  excluded: readonly boolean[],
  maxPairs: number,
  random: () => number,
): { patterns: Map<number, number>; pairs: number; sampled: number } {
  let pairs = 0;
  forEachPair(blocks, () => (pairs += 1));
  const keep = Math.min(1, maxPairs / Math.max(pairs, 1));
  const patterns = new Map<number, number>();
  const v = new Int8Array(comparisons.length);
  let sampled = 0;
  forEachPair(blocks, (i, j) => {
    if (keep < 1 && random() >= keep) return;
    const a = records[i]!;
    const b = records[j]!;
    // Two valid, different NHS numbers are two people: such pairs (twins, mostly) would teach EM that the same
    // person's first name and identifier often differ.
    if (verifiedIdentifiersDiffer(a, b)) return;
    for (let c = 0; c < comparisons.length; c += 1) v[c] = excluded[c] ? MISSING : comparisons[c]!.compare(a, b, false);
    const key = patternKey(v);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
    sampled += 1;
  });
  return { patterns, pairs, sampled };
}

/**
 * m, u and the prior from the records (unsupervised). `householdPatterns`: comparison patterns of candidate pairs,
 * from which the household statistics are read (see householdStatistics).
 */
export function estimate(
  records: readonly Prepared[],
  comparisons: readonly Comparison[],
  options: {
    uSamples?: number;
    emPairs?: number;
    random: () => number;
    maxBlock?: number;
    onProgress?: (stage: string) => void;
    householdPatterns?: ReadonlyMap<number, number>;
    /** m and the prior to use where the records cannot teach them (too few duplicates among them). */
    fallback?: ModelParams;
  },
): Estimate {
  if (comparisons.length > MAX_COMPARISONS) throw new Error(`At most ${MAX_COMPARISONS} comparisons can be estimated together (${comparisons.length} given)`);
  const k = comparisons.length;
  options.onProgress?.('estimating u from random pairs');
  const u = estimateU(comparisons, records, options.uSamples ?? 300_000, options.random);
  const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const counts = new Array<number>(k).fill(0);
  const sessions: SessionReport[] = [];
  let dobSession: { matches: number } | undefined;
  for (const rule of trainingRules(comparisons)) {
    options.onProgress?.(`EM on pairs with ${rule.name}`);
    const blocks = buildBlocks(records, [rule], { maxBlock: options.maxBlock ?? 2000 });
    const excluded = comparisons.map((c) => rule.uses.includes(c.name));
    const { patterns, pairs, sampled } = sessionPatterns(records, blocks, comparisons, excluded, options.emPairs ?? 500_000, options.random);
    if (sampled < 100) continue;
    const result = emSession(comparisons, patterns, u);
    const estimated = comparisons.flatMap((c, i) => (excluded[i] || !result.seen[i] ? [] : [c.name]));
    // A session that found almost no matches (a register with few duplicates) has nothing to teach: EM then
    // describes some other split of the pairs (relatives at one address, say), not "same person". The split is
    // "same person" only if, in it, a first name and a date of birth agree exactly more often than they differ.
    // A session with nothing personal left to estimate (a file of names only, blocked on names) cannot tell "same
    // person" from anything else either.
    const personal = comparisons.flatMap((c, i) => (!excluded[i] && result.seen[i] && (c.name === 'given' || c.name === 'family' || c.name === 'dob') ? [i] : []));
    const learned =
      result.matchShare * pairs >= MIN_MATCHES_TO_LEARN &&
      personal.length > 0 &&
      personal.every((i) => comparisons[i]!.name === 'family' || result.m[i]![0]! > result.m[i]![comparisons[i]!.levels.length - 1]!);
    sessions.push({
      learned,
      rule: rule.name,
      pairs,
      sampled,
      iterations: result.iterations,
      converged: result.converged,
      matchShare: result.matchShare,
      estimated,
      m: Object.fromEntries(comparisons.flatMap((c, i) => (excluded[i] || !result.seen[i] ? [] : [[c.name, result.m[i]!]]))),
    });
    if (!learned) continue;
    comparisons.forEach((_, c) => {
      if (excluded[c] || !result.seen[c]) return;
      counts[c]! += 1;
      result.m[c]!.forEach((x, l) => (sums[c]![l]! += x));
    });
    if (rule.uses.length === 1 && rule.uses[0] === 'dob') dobSession = { matches: result.matchShare * pairs };
  }
  const fallbackM = (c: Comparison) => options.fallback?.comparisons.find((x) => x.name === c.name)?.m ?? initialM(c.levels.length);
  const m = comparisons.map((c, i) => floored(counts[i]! > 0 ? sums[i]!.map((x) => x / counts[i]!) : fallbackM(c)));
  const allPairs = (records.length * (records.length - 1)) / 2;
  let { expectedMatches, priorFrom } = expectedMatchCount(records, comparisons, m, sessions.filter((x) => x.learned), dobSession);
  if (expectedMatches < MIN_MATCHES_TO_LEARN && options.fallback) {
    // Each record has about as many duplicates whatever the size of the file: scale the fallback's matches.
    const f = options.fallback;
    expectedMatches = (f.prior * (f.population * (f.population - 1))) / 2 / f.population * records.length;
    priorFrom = `too few matches to learn from, so as many duplicates per record as ${f.source ?? 'the fallback parameters'}`;
  } else if (expectedMatches < MIN_MATCHES_TO_LEARN) {
    expectedMatches = Math.max(expectedMatches, records.length / 100);
    priorFrom = 'too few matches to learn from: assumed one duplicate pair per hundred records';
  }
  const household = options.householdPatterns ? householdStatistics(comparisons, options.householdPatterns) : undefined;
  return {
    params: {
      prior: Math.min(0.5, Math.max(expectedMatches / Math.max(allPairs, 1), 1e-15)),
      population: records.length,
      ...(household ? { household } : {}),
      comparisons: comparisons.map((c, i) => ({ name: c.name, m: m[i]!, u: u[i]! })),
    },
    sessions,
    priorFrom,
  };
}

/**
 * How many pairs of records are the same person. Pairs born on the same day that EM judged matches, divided by the
 * chance that the same person's two records both have a date of birth and it agrees exactly (m from the sessions
 * that did not block on the date). Without a date of birth, the largest number of matches any session found (a
 * lower bound).
 */
function expectedMatchCount(
  records: readonly Prepared[],
  comparisons: readonly Comparison[],
  m: number[][],
  sessions: readonly SessionReport[],
  dobSession: { matches: number } | undefined,
): { expectedMatches: number; priorFrom: string } {
  const dobIndex = comparisons.findIndex((c) => c.name === 'dob');
  if (dobSession && dobIndex >= 0) {
    const withDob = records.filter((r) => r.dob).length / Math.max(records.length, 1);
    const exact = m[dobIndex]![0]!;
    const recall = Math.max(exact * withDob * withDob, 0.05);
    return {
      expectedMatches: dobSession.matches / recall,
      priorFrom: `${Math.round(dobSession.matches)} matches among pairs born on the same day ÷ ${(recall * 100).toFixed(1)}% (the same person's records both dated and agreeing exactly)`,
    };
  }
  const best = Math.max(0, ...sessions.map((s) => s.matchShare * s.pairs));
  return { expectedMatches: best, priorFrom: `${Math.round(best)} matches in the training rule that found the most (a lower bound)` };
}

/**
 * Among candidate pairs with the same surname at the same house: the share that are one person (their first name
 * agrees, or an identifier does), and among the others (relatives) the share born on the same day. Undefined when
 * the source has no addresses.
 */
export function householdStatistics(comparisons: readonly Comparison[], patterns: ReadonlyMap<number, number>): { share: number; sameBirthday: number } | undefined {
  const k = comparisons.length;
  const given = comparisons.findIndex((c) => c.name === 'given');
  const family = comparisons.findIndex((c) => c.name === 'family');
  const dob = comparisons.findIndex((c) => c.name === 'dob');
  const address = comparisons.findIndex((c) => c.name === 'address');
  if ([given, family, dob, address].some((i) => i < 0)) return undefined;
  const ids = comparisons.flatMap((c, i) => (c.name.startsWith('id:') ? [i] : []));
  const different = comparisons[given]!.levels.length - 1;
  let household = 0;
  let onePerson = 0;
  let relatives = 0;
  let sharedBirthday = 0;
  for (const [key, n] of patterns) {
    const v = patternVector(key, k);
    if (v[address] !== 0 || v[family] !== 0) continue;
    household += n;
    const idAgrees = ids.some((i) => v[i] === 0);
    const idDiffers = ids.some((i) => v[i] === comparisons[i]!.levels.length - 1);
    if (idAgrees || (!idDiffers && v[given] !== MISSING && v[given]! <= 1)) onePerson += n;
    else if (v[given] === different && v[dob] !== MISSING) {
      relatives += n;
      if (v[dob] === 0) sharedBirthday += n;
    }
  }
  if (household < 20) return undefined;
  return {
    share: Math.min(0.9, Math.max((onePerson + 1) / (household + 2), 0.01)),
    sameBirthday: Math.min(0.5, Math.max((sharedBirthday + 1) / (relatives + 2), 0.005)),
  };
}
