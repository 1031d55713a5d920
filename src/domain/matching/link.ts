/**
 * Linking a batch: blocking → comparison → (unsupervised estimation) → scoring → clusters. The same comparisons
 * and model as online matching; the batch only differs in finding candidates in memory instead of in SQL.
 */
import { type BlockingRule, type BlockingStats, type Blocks, buildBlocks, defaultRules, forEachPair, wouldCompare } from './blocking.js';
import { DisjointSets } from './cluster.js';
import { type Comparison } from './comparisons.js';
import { type Frequencies, MatchModel, type ModelParams, estimateBySessions, estimateU, patternKey, probabilityOf, weightOf } from './model.js';
import { type Prepared } from './record.js';

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
  /** Most candidate pairs EM looks at (a uniform sample when there are more). */
  emPairs?: number;
  random?: () => number;
  /** Weigh exact name agreement by how common the name is. */
  useFrequencies?: boolean;
  onProgress?: (stage: string) => void;
}

export interface LinkResult {
  labels: Int32Array;
  params: ModelParams;
  candidatePairs: number;
  links: number;
  blocking: BlockingStats[];
  wouldCompare: (i: number, j: number) => boolean;
  emIterations: number;
}

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

/** How common each first name and last name word is among the records. */
export function nameFrequencies(records: readonly Prepared[]): Frequencies {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  for (const r of records) {
    for (const g of r.given) given.set(g, (given.get(g) ?? 0) + 1);
    for (const f of r.family) family.set(f, (family.get(f) ?? 0) + 1);
  }
  const n = records.length;
  return {
    given: (t) => {
      const c = given.get(t);
      return c === undefined ? undefined : c / n;
    },
    family: (t) => {
      const c = family.get(t);
      return c === undefined ? undefined : c / n;
    },
  };
}

export function identifierTypesOf(comparisons: readonly Comparison[]): string[] {
  return comparisons.filter((c) => c.name.startsWith('id:')).map((c) => c.name.slice(3));
}

export function link(records: readonly Prepared[], options: LinkOptions): LinkResult {
  const random = options.random ?? seededRandom(20261123);
  const rules = options.rules ?? defaultRules(identifierTypesOf(options.comparisons));
  const comparisons = options.comparisons;
  let params = options.params;
  let emIterations = 0;
  options.onProgress?.('blocking');
  const blocks = buildBlocks(records, rules, { maxBlock: options.maxBlock });

  if (!params) {
    const estimated = estimateFromBlocks(records, blocks, options, random);
    params = estimated.params;
    emIterations = estimated.sessions;
  }

  const model = new MatchModel(comparisons, params, { population: records.length });
  const freq = options.useFrequencies === false ? undefined : nameFrequencies(records);
  const sets = new DisjointSets(records.length);
  let candidatePairs = 0;
  let links = 0;
  options.onProgress?.('scoring candidate pairs');
  const minWeight = weightOf(options.threshold);
  const stats = forEachPair(blocks, (i, j) => {
    candidatePairs += 1;
    if (model.weightIfAtLeast(records[i]!, records[j]!, minWeight, freq) >= minWeight) {
      links += 1;
      sets.union(i, j);
    }
  });
  return { labels: sets.labels(), params, candidatePairs, links, blocking: stats, wouldCompare: (i, j) => wouldCompare(blocks, i, j), emIterations };
}

/** m, u and the prior from the records themselves (unsupervised): u from random pairs, m by EM per blocking rule. */
export function estimateParams(records: readonly Prepared[], options: Pick<LinkOptions, 'comparisons' | 'rules' | 'maxBlock' | 'uSamples' | 'emPairs' | 'random' | 'onProgress'>): ModelParams {
  const random = options.random ?? seededRandom(20261123);
  const rules = options.rules ?? defaultRules(identifierTypesOf(options.comparisons));
  const blocks = buildBlocks(records, rules, { maxBlock: options.maxBlock });
  return estimateFromBlocks(records, blocks, options, random).params;
}

function estimateFromBlocks(
  records: readonly Prepared[],
  blocks: Blocks,
  options: Pick<LinkOptions, 'comparisons' | 'uSamples' | 'emPairs' | 'onProgress'>,
  random: () => number,
): { params: ModelParams; sessions: number } {
  const comparisons = options.comparisons;
  options.onProgress?.('estimating u from random pairs');
  const u = estimateU(comparisons, records, options.uSamples ?? 200_000, random);
  options.onProgress?.('sampling candidate pairs for EM');
  // Count the distinct candidate pairs, then sample pairs rule by rule for EM (a pair found by two rules is in
  // both sessions).
  let total = 0;
  let perRule = 0;
  forEachPair(blocks, () => (total += 1));
  for (const members of blocks.groups.flat()) perRule += (members.length * (members.length - 1)) / 2;
  const keep = Math.min(1, (options.emPairs ?? 1_000_000) / Math.max(perRule, 1));
  const sessions = blocks.rules.map((rule) => ({ uses: rule.uses, patterns: new Map<number, number>(), pairs: 0 }));
  const probe = new MatchModel(comparisons, { prior: 0.5, population: 2, comparisons: comparisons.map((c) => ({ name: c.name, m: c.levels.map(() => 1), u: c.levels.map(() => 1) })) });
  forEachPair(
    blocks,
    (i, j, rule) => {
      const session = sessions[rule]!;
      session.pairs += 1;
      if (keep < 1 && random() >= keep) return;
      const key = patternKey(probe.vector(records[i]!, records[j]!));
      session.patterns.set(key, (session.patterns.get(key) ?? 0) + 1);
    },
    { everyRule: true },
  );
  options.onProgress?.('EM by blocking rule');
  const estimated = estimateBySessions(comparisons, sessions, u, { records: records.length, candidatePairs: total });
  return { params: { ...estimated.params, source: `${records.length} records, ${total} candidate pairs` }, sessions: estimated.sessions };
}

/** Every candidate pair at or above a probability, with it (for a duplicates queue). */
export function pairsAbove(
  records: readonly Prepared[],
  options: { comparisons: readonly Comparison[]; params: ModelParams; probability: number; frequencies?: Frequencies; rules?: readonly BlockingRule[]; maxBlock?: number },
): { i: number; j: number; probability: number }[] {
  const rules = options.rules ?? defaultRules(identifierTypesOf(options.comparisons));
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
