/**
 * Linking a batch: blocking → comparison → (unsupervised estimation) → scoring → clusters. The same comparisons
 * and model as online matching; the batch only differs in finding candidates in memory instead of in SQL.
 */
import { type BlockingRule, type BlockingStats, type Blocks, buildBlocks, defaultRules, forEachPair, rulesComparing, wouldCompare } from './blocking.js';
import { DisjointSets, type ReviewItem, type ScoredLink, checkedClusters } from './cluster.js';
import { type Comparison, verifiedIdentifiersDiffer } from './comparisons.js';
import { type SessionReport, estimate } from './estimate.js';
import { type Frequencies, MatchModel, type ModelParams, patternKey, probabilityOf, weightOf } from './model.js';
import { type Prepared } from './record.js';
import { mismatches } from './strings.js';

export interface LinkOptions {
  comparisons: readonly Comparison[];
  /** Use these parameters; otherwise estimate them from the records themselves (unsupervised). */
  params?: ModelParams;
  /** Link pairs whose match probability is at least this. */
  threshold: number;
  rules?: readonly BlockingRule[];
  maxBlock?: number;
  /** Random pairs for estimating u. */
  uSamples?: number;
  /** m and the prior to fall back on where the records have too few duplicates to learn from. */
  fallback?: ModelParams;
  /** Most candidate pairs EM looks at (a uniform sample when there are more). */
  emPairs?: number;
  random?: () => number;
  /** Weigh exact name agreement by how common the name is. */
  useFrequencies?: boolean;
  /**
   * Check each merge at cluster level (default): groups join only when their records agree on the whole and none
   * conflict. Off, links are joined transitively (connected components).
   */
  clusterCheck?: boolean;
  /** The mean match probability two groups' cross pairs must reach to join (default MIN_COHESION). */
  minCohesion?: number;
  onProgress?: (stage: string) => void;
}

export interface LinkResult {
  labels: Int32Array;
  params: ModelParams;
  candidatePairs: number;
  links: number;
  blocking: BlockingStats[];
  wouldCompare: (i: number, j: number) => boolean;
  /** Which blocking rules would compare two records (indexes into `blocking`). */
  rulesComparing: (i: number, j: number) => number[];
  /** The EM sessions, when the parameters were estimated here (empty when given). */
  sessions: SessionReport[];
  priorFrom?: string;
  /** Links the cluster check refused to merge, for review. */
  review: ReviewItem[];
}

/**
 * Two groups join when the mean match probability over their cross pairs is at least this: a group of messy
 * records of one person has weak pairs among strong ones; two people joined by one weak link have mostly weak ones.
 */
export const MIN_COHESION = 0.3;

/** A fixed-seed generator, so the same input always links the same way. */
export function seededRandom(seed = 1): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How common each first name and last name word, and each value of another column, is among the records. */
export function nameFrequencies(records: readonly Prepared[], comparisons: readonly Comparison[] = []): Frequencies {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  const values = new Map<string, Map<string, number>>();
  const valued = comparisons.filter((c) => c.frequencyOf);
  for (const c of valued) values.set(c.name, new Map());
  for (const r of records) {
    for (const g of r.given) given.set(g, (given.get(g) ?? 0) + 1);
    for (const f of r.family) family.set(f, (family.get(f) ?? 0) + 1);
    for (const c of valued) {
      const v = c.frequencyOf!(r);
      if (v) values.get(c.name)!.set(v, (values.get(c.name)!.get(v) ?? 0) + 1);
    }
  }
  const n = records.length;
  const share = (c: number | undefined) => (c === undefined ? undefined : c / n);
  return {
    given: (t) => share(given.get(t)),
    family: (t) => share(family.get(t)),
    value: (name, v) => share(values.get(name)?.get(v)),
  };
}

/**
 * Whether two records disagree on something a person cannot change: two valid NHS numbers that differ (a typo
 * almost never passes the check digit), or dates of birth (neither an estimate) more than a year apart and not a
 * typo of each other. Such a pair joins a group only if the rest of its evidence outweighs it on its own.
 */
/**
 * The date of birth a group of records agrees on: the commonest, when at least two records give it and no other
 * date is as common. A single record's date might be a typo; two records agreeing are not.
 */
export function agreedDob(records: readonly Prepared[], group: readonly number[]): string {
  const counts = new Map<string, number>();
  for (const i of group) {
    const r = records[i]!;
    if (r.dob && !r.dobEstimated) counts.set(r.dob, (counts.get(r.dob) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 1;
  let tie = false;
  for (const [dob, n] of counts) {
    if (n > bestCount) [best, bestCount, tie] = [dob, n, false];
    else if (n === bestCount) tie = true;
  }
  return tie ? '' : best;
}

/**
 * Two groups whose agreed dates of birth are a generation apart (more than 11 years: a wrong decade digit makes
 * ten) and not a typo of each other: a parent and a child with one name at one address are two people.
 */
export function groupsDisagree(records: readonly Prepared[], a: readonly number[], b: readonly number[]): boolean {
  const x = agreedDob(records, a);
  const y = agreedDob(records, b);
  if (!x || !y || x === y) return false;
  return Math.abs(Number(x.slice(0, 4)) - Number(y.slice(0, 4))) > GENERATION_YEARS && mismatches(x, y) > 2;
}

const GENERATION_YEARS = 11;

/** A conflicting pair stops two groups joining when its own evidence is at least this strongly against (1 in 1,000). */
const CONFLICT_WEIGHT = -10;

export function cannotBeOnePerson(a: Prepared, b: Prepared): boolean {
  if (verifiedIdentifiersDiffer(a, b)) return true;
  if (!a.dob || !b.dob || a.dobEstimated || b.dobEstimated || a.dob === b.dob) return false;
  return Math.abs(a.dobYear - b.dobYear) > 1 && mismatches(a.dob, b.dob) > 2;
}

export function identifierTypesOf(comparisons: readonly Comparison[]): string[] {
  return comparisons.filter((c) => c.name.startsWith('id:')).map((c) => c.name.slice(3));
}

export function link(records: readonly Prepared[], options: LinkOptions): LinkResult {
  const random = options.random ?? seededRandom(20261123);
  const rules = options.rules ?? rulesFor(options.comparisons);
  const comparisons = options.comparisons;
  let params = options.params;
  let sessions: SessionReport[] = [];
  let priorFrom: string | undefined;
  if (!params) {
    const estimated = estimateWithReport(records, { ...options, random });
    params = estimated.params;
    sessions = estimated.sessions;
    priorFrom = estimated.priorFrom;
  }
  options.onProgress?.('blocking');
  const blocks = buildBlocks(records, rules, { maxBlock: options.maxBlock });

  const model = new MatchModel(comparisons, params, { population: records.length });
  const freq = options.useFrequencies === false ? undefined : nameFrequencies(records, comparisons);
  options.onProgress?.('scoring candidate pairs');
  const scored = scoreCandidates(records, blocks, model, freq, options.threshold);
  options.onProgress?.('clustering');
  const clusters = clusterLinks(records, scored.links, model, freq, options);
  return {
    labels: clusters.labels,
    params,
    candidatePairs: scored.candidatePairs,
    links: scored.links.length,
    blocking: scored.stats,
    wouldCompare: (i, j) => wouldCompare(blocks, i, j),
    rulesComparing: (i, j) => rulesComparing(blocks, i, j),
    sessions,
    ...(priorFrom ? { priorFrom } : {}),
    review: clusters.review,
  };
}

/**
 * Scores the candidate pairs (all of them, or one part of them for one thread) and keeps those at or above the
 * threshold, with their weight.
 */
export function scoreCandidates(
  records: readonly Prepared[],
  blocks: Blocks,
  model: MatchModel,
  freq: Frequencies | undefined,
  threshold: number,
  part?: readonly [number, number],
): { links: ScoredLink[]; candidatePairs: number; stats: BlockingStats[] } {
  const links: ScoredLink[] = [];
  let candidatePairs = 0;
  const minWeight = weightOf(threshold);
  const stats = forEachPair(
    blocks,
    (i, j) => {
      candidatePairs += 1;
      const w = model.weightIfAtLeast(records[i]!, records[j]!, minWeight, freq);
      if (w >= minWeight) links.push({ i, j, weight: w });
    },
    part ? { part } : {},
  );
  return { links, candidatePairs, stats };
}

/** Clusters from links, each merge checked at cluster level unless `clusterCheck` is false (see checkedClusters). */
export function clusterLinks(
  records: readonly Prepared[],
  links: readonly ScoredLink[],
  model: MatchModel,
  freq: Frequencies | undefined,
  options: Pick<LinkOptions, 'clusterCheck' | 'minCohesion'> = {},
): { labels: Int32Array; review: ReviewItem[] } {
  if (options.clusterCheck === false) {
    // Connected components: every link joins, transitively.
    const sets = new DisjointSets(records.length);
    for (const l of links) sets.union(l.i, l.j);
    return { labels: sets.labels(), review: [] };
  }
  return checkedClusters(records.length, links, {
    weight: (i, j) => model.score(records[i]!, records[j]!, freq).weight,
    conflict: (i, j, weight) => verifiedIdentifiersDiffer(records[i]!, records[j]!) || (weight < CONFLICT_WEIGHT && cannotBeOnePerson(records[i]!, records[j]!)),
    groupsConflict: (a, b) => groupsDisagree(records, a, b),
    minCohesion: options.minCohesion ?? MIN_COHESION,
    maxCrossPairs: 2500,
  });
}

/** The blocking rules for a set of comparisons: the default rules with its identifiers and other columns. */
export function rulesFor(comparisons: readonly Comparison[]): BlockingRule[] {
  return defaultRules(
    identifierTypesOf(comparisons),
    comparisons.filter((c) => c.name.startsWith('other:')).map((c) => c.name.slice(6)),
  );
}

/** m, u and the prior from the records themselves (unsupervised): u from random pairs, m by EM per training rule. */
export function estimateParams(records: readonly Prepared[], options: Pick<LinkOptions, 'comparisons' | 'rules' | 'maxBlock' | 'uSamples' | 'emPairs' | 'random' | 'onProgress' | 'fallback'>): ModelParams {
  return estimateWithReport(records, options).params;
}

/** The estimate with its EM sessions and where the prior came from (for `npm run link -- --explain`). */
export function estimateWithReport(
  records: readonly Prepared[],
  options: Pick<LinkOptions, 'comparisons' | 'rules' | 'maxBlock' | 'uSamples' | 'emPairs' | 'random' | 'onProgress' | 'fallback'>,
): { params: ModelParams; sessions: SessionReport[]; priorFrom: string } {
  const random = options.random ?? seededRandom(20261123);
  const comparisons = options.comparisons;
  options.onProgress?.('household statistics');
  const result = estimate(records, comparisons, {
    random,
    ...(options.uSamples ? { uSamples: options.uSamples } : {}),
    ...(options.emPairs ? { emPairs: options.emPairs } : {}),
    ...(options.maxBlock ? { maxBlock: options.maxBlock } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.fallback ? { fallback: options.fallback } : {}),
    householdPatterns: householdPatterns(records, comparisons),
  });
  return { ...result, params: { ...result.params, source: `estimated from ${records.length.toLocaleString('en-GB')} records` } };
}

/**
 * Comparison patterns of the pairs that share a family name and a house (postcode, or house number and street):
 * what households look like, for the household statistics. Found by a blocking rule of their own, so a million
 * records' candidate pairs need not be walked for it.
 */
function householdPatterns(records: readonly Prepared[], comparisons: readonly Comparison[]): Map<number, number> {
  const patterns = new Map<number, number>();
  const family = comparisons.findIndex((c) => c.name === 'family');
  const address = comparisons.findIndex((c) => c.name === 'address');
  if (family < 0 || address < 0) return patterns;
  const home = (r: Prepared) => r.postcode || (r.streetNumber && r.street ? `${r.streetNumber}|${r.street}|${r.locality}` : '');
  const rule: BlockingRule = { name: 'same family name and house', keys: (r) => (r.familyCodes[0] && home(r) ? [`${r.familyCodes[0]}|${home(r)}`] : []), uses: ['family', 'address'] };
  const v = new Int8Array(comparisons.length);
  forEachPair(buildBlocks(records, [rule], { maxBlock: 50 }), (i, j) => {
    const a = records[i]!;
    const b = records[j]!;
    if (comparisons[address]!.compare(a, b, false) !== 0 || comparisons[family]!.compare(a, b, false) !== 0) return;
    for (let c = 0; c < comparisons.length; c += 1) v[c] = comparisons[c]!.compare(a, b, false);
    const key = patternKey(v);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  });
  return patterns;
}

/** Every candidate pair at or above a probability, with it (for a duplicates queue). */
export function pairsAbove(
  records: readonly Prepared[],
  options: { comparisons: readonly Comparison[]; params: ModelParams; probability: number; frequencies?: Frequencies; rules?: readonly BlockingRule[]; maxBlock?: number },
): { i: number; j: number; probability: number }[] {
  const rules = options.rules ?? rulesFor(options.comparisons);
  const blocks = buildBlocks(records, rules, { maxBlock: options.maxBlock });
  const model = new MatchModel(options.comparisons, options.params, { population: records.length });
  const minWeight = weightOf(options.probability);
  const out: { i: number; j: number; probability: number }[] = [];
  forEachPair(blocks, (i, j) => {
    const w = model.weightIfAtLeast(records[i]!, records[j]!, minWeight, options.frequencies);
    if (w >= minWeight) out.push({ i, j, probability: probabilityOf(w) });
  });
  return out;
}

