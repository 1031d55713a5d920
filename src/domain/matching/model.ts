/**
 * The Fellegi–Sunter model: for each comparison level, m = P(level | same person) and u = P(level | different
 * people). A pair's match weight is log2 of the prior odds plus Σ log2(m/u); its probability follows. u is
 * estimated from random pairs; m and the prior by expectation–maximisation over candidate pairs, unsupervised.
 * Exact name agreement is adjusted for how common the name is (an exact "smith" says less than an exact "okafor").
 */
import { type Comparison, MISSING } from './comparisons.js';
import { type Prepared } from './record.js';

export interface ComparisonParams {
  name: string;
  m: number[];
  u: number[];
}

export interface ModelParams {
  /**
   * The probability that two records picked at random are the same person, in a population of `population`
   * records. Scoring against a register of another size rescales it (each person has about the same number of
   * duplicates whatever the size of the register).
   */
  prior: number;
  population: number;
  comparisons: ComparisonParams[];
  /**
   * Records with the same surname at the same house are mostly relatives, not one person twice: their shared
   * surname and address are no evidence between them. For such pairs the prior is `household.share` (how many of
   * them are the same person) and a shared birthday is weighed against how often relatives share one (twins).
   */
  household?: { share: number; sameBirthday: number };
  trainedAt?: string;
  /** What it was estimated from (e.g. "register of 12,000 people, 84,000 candidate pairs"). */
  source?: string;
}

/** How common a (normalised) name is: the proportion of records that have it. */
export interface Frequencies {
  given?: (token: string) => number | undefined;
  family?: (token: string) => number | undefined;
}

export interface FieldExplanation {
  name: string;
  title: string;
  level: string;
  agreement: 'agree' | 'partly' | 'disagree' | 'missing';
  /** Evidence in bits: positive for the same person, negative against. */
  weight: number;
}

export interface Score {
  weight: number;
  probability: number;
  swapped: boolean;
  vector: Int8Array;
}

const FLOOR = 1e-6;
/** The most an uncommon name can add to an exact name agreement. */
const MAX_FREQUENCY_BITS = 5;
const log2 = Math.log2;

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function weightOf(probability: number): number {
  const p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
  return log2(p / (1 - p));
}

function firstCommon(a: string[], b: string[]): string | undefined {
  for (const x of a) if (b.includes(x)) return x;
  return undefined;
}

export class MatchModel {
  readonly comparisons: readonly Comparison[];
  readonly params: ModelParams;
  private readonly bits: number[][];
  private readonly priorWeight: number;
  private readonly givenIndex: number;
  private readonly familyIndex: number;
  /** Comparison indexes, cheapest and most telling first. */
  private readonly order: number[];
  /** The most the comparisons after position k in `order` could still add. */
  private readonly bestAfter: number[];
  private readonly scratch: Int8Array;
  private readonly swapScratch: Int8Array;
  private readonly dobIndex: number;
  private readonly addressIndex: number;
  private readonly household: { priorWeight: number; dobBits: number } | undefined;

  constructor(comparisons: readonly Comparison[], params: ModelParams, options: { population?: number } = {}) {
    this.comparisons = comparisons;
    this.params = params;
    this.bits = comparisons.map((c) => {
      const p = params.comparisons.find((x) => x.name === c.name);
      if (!p || p.m.length !== c.levels.length || p.u.length !== c.levels.length) {
        throw new Error(`The model has no parameters for ${c.name} with ${c.levels.length} levels`);
      }
      return c.levels.map((_, l) => log2(Math.max(p.m[l]!, FLOOR) / Math.max(p.u[l]!, FLOOR)));
    });
    const population = options.population ?? params.population;
    this.priorWeight = weightOf(Math.min(0.5, (params.prior * params.population) / Math.max(population, 2)));
    this.givenIndex = comparisons.findIndex((c) => c.frequency === 'given');
    this.familyIndex = comparisons.findIndex((c) => c.frequency === 'family');
    const cost = (c: Comparison) => (c.name.startsWith('id:') || c.name === 'dob' || c.name === 'gender' ? 0 : c.frequency ? 2 : 1);
    this.order = comparisons.map((_, i) => i).sort((x, y) => cost(comparisons[x]!) - cost(comparisons[y]!));
    const best = this.order.map((c) => Math.max(0, ...this.bits[c]!) + (comparisons[c]!.frequency ? MAX_FREQUENCY_BITS : 0));
    this.bestAfter = this.order.map((_, k) => best.slice(k + 1).reduce((x, y) => x + y, 0) + this.householdSlack(params));
    this.scratch = new Int8Array(comparisons.length);
    this.swapScratch = new Int8Array(comparisons.length);
    this.dobIndex = comparisons.findIndex((c) => c.name === 'dob');
    this.addressIndex = comparisons.findIndex((c) => c.name === 'address');
    const dobParams = params.comparisons.find((c) => c.name === 'dob');
    this.household = params.household
      ? {
          priorWeight: weightOf(params.household.share),
          dobBits: dobParams ? log2(Math.max(dobParams.m[0]!, FLOOR) / params.household.sameBirthday) : 0,
        }
      : undefined;
  }

  vector(a: Prepared, b: Prepared, swap = false): Int8Array {
    const v = new Int8Array(this.comparisons.length);
    for (let i = 0; i < this.comparisons.length; i += 1) v[i] = this.comparisons[i]!.compare(a, b, swap);
    return v;
  }

  /** The weight of a comparison vector, without the name-frequency adjustment. */
  vectorWeight(v: Int8Array | readonly number[]): number {
    let w = this.priorWeight;
    for (let i = 0; i < v.length; i += 1) {
      const level = v[i]!;
      if (level !== MISSING) w += this.bits[i]![level]!;
    }
    return w + this.householdCorrection(v);
  }

  /**
   * Within a household (same surname, same house) the evidence is counted afresh: the household prior replaces
   * the population prior and the surname and address bits, and a shared birthday counts as relatives sharing one.
   */
  householdCorrection(v: Int8Array | readonly number[]): number {
    const { dobIndex, familyIndex, addressIndex, household } = this;
    if (!household || familyIndex < 0 || addressIndex < 0 || v[familyIndex] !== 0 || v[addressIndex] !== 0) return 0;
    let correction = household.priorWeight - this.priorWeight - this.bits[familyIndex]![0]! - this.bits[addressIndex]![0]!;
    if (dobIndex >= 0 && v[dobIndex] === 0) correction += household.dobBits - this.bits[dobIndex]![0]!;
    return correction;
  }

  /** Extra bits for an exact name agreement on an uncommon name (fewer for a common one). */
  frequencyAdjustment(a: Prepared, b: Prepared, v: Int8Array, swapped: boolean, freq: Frequencies | undefined): number {
    if (!freq) return 0;
    let adj = 0;
    const gi = this.givenIndex;
    if (freq.given && gi >= 0 && v[gi] === 0) {
      const token = swapped ? firstCommon(a.given, b.family) : firstCommon(a.given, b.given);
      adj += this.adjust(gi, token ? freq.given(token) : undefined);
    }
    const fi = this.familyIndex;
    if (freq.family && fi >= 0 && v[fi] === 0) {
      const token = swapped ? firstCommon(a.family, b.given) : firstCommon(a.family, b.family);
      adj += this.adjust(fi, token ? freq.family(token) : undefined);
    }
    return adj;
  }

  private adjust(index: number, frequency: number | undefined): number {
    if (frequency === undefined || frequency <= 0) return 0;
    const u0 = this.params.comparisons.find((c) => c.name === this.comparisons[index]!.name)!.u[0]!;
    // Replace the average chance of an exact agreement with this name's own chance, within -10…+5 bits.
    return Math.max(-10, Math.min(MAX_FREQUENCY_BITS, log2(Math.max(u0, FLOOR) / frequency)));
  }

  score(a: Prepared, b: Prepared, freq?: Frequencies): Score {
    const v = this.vector(a, b, false);
    let weight = this.vectorWeight(v);
    let swapped = false;
    let best = v;
    if (this.givenIndex >= 0 && this.familyIndex >= 0 && (v[this.givenIndex]! > 1 || v[this.familyIndex]! > 0)) {
      const s = this.vector(a, b, true);
      const ws = this.vectorWeight(s);
      if (ws > weight) {
        weight = ws;
        best = s;
        swapped = true;
      }
    }
    weight += this.frequencyAdjustment(a, b, best, swapped, freq);
    return { weight, probability: probabilityOf(weight), swapped, vector: best };
  }

  /**
   * The match weight if it can reach `minWeight`, else -Infinity, computing as little as possible: comparisons
   * run cheapest first and stop as soon as the best the rest could add cannot reach the bar. For batches, where
   * nearly all candidate pairs are clearly different people.
   */
  weightIfAtLeast(a: Prepared, b: Prepared, minWeight: number, freq?: Frequencies): number {
    const order = this.order;
    const v = this.scratch;
    v.fill(MISSING);
    let w = this.priorWeight;
    for (let k = 0; k < order.length; k += 1) {
      const c = order[k]!;
      const level = this.comparisons[c]!.compare(a, b, false);
      v[c] = level;
      if (level !== MISSING) w += this.bits[c]![level]!;
      if (w + this.bestAfter[k]! < minWeight) {
        // Swapped names could still rescue a pair whose names disagree.
        return this.nameSwapPossible(v) ? this.swappedIfAtLeast(a, b, minWeight, freq, v, k + 1) : Number.NEGATIVE_INFINITY;
      }
    }
    const straight = w + this.householdCorrection(v) + this.frequencyAdjustment(a, b, v, false, freq);
    if (!this.nameSwapPossible(v)) return straight >= minWeight ? straight : Number.NEGATIVE_INFINITY;
    const swapped = this.swappedIfAtLeast(a, b, minWeight, freq, v, order.length);
    const best = Math.max(straight, swapped);
    return best >= minWeight ? best : Number.NEGATIVE_INFINITY;
  }

  /** The most the household correction could add (it usually takes away): kept in the early-stop bound. */
  private householdSlack(params: ModelParams): number {
    if (!params.household) return 0;
    const hw = weightOf(params.household.share);
    return Math.max(0, hw - weightOf(Math.min(0.5, params.prior)));
  }

  private nameSwapPossible(v: Int8Array): boolean {
    return this.givenIndex >= 0 && this.familyIndex >= 0 && (v[this.givenIndex]! > 1 || v[this.familyIndex]! > 0);
  }

  /**
   * The pair with first and last names swapped, stopping early like the straight score. Only the two name
   * comparisons change under a swap: the others are reused from the straight pass (`v`, whose first `computed`
   * entries in scoring order are filled in) or computed once if the straight pass stopped before them.
   */
  private swappedIfAtLeast(a: Prepared, b: Prepared, minWeight: number, freq: Frequencies | undefined, v: Int8Array, computed: number): number {
    const order = this.order;
    const s = this.swapScratch;
    s.fill(MISSING);
    let w = this.priorWeight;
    for (let k = 0; k < order.length; k += 1) {
      const c = order[k]!;
      const isName = c === this.givenIndex || c === this.familyIndex;
      const level = isName ? this.comparisons[c]!.compare(a, b, true) : k < computed ? v[c]! : this.comparisons[c]!.compare(a, b, false);
      s[c] = level;
      if (level !== MISSING) w += this.bits[c]![level]!;
      if (w + this.bestAfter[k]! < minWeight) return Number.NEGATIVE_INFINITY;
    }
    const total = w + this.householdCorrection(s) + this.frequencyAdjustment(a, b, s, true, freq);
    return total >= minWeight ? total : Number.NEGATIVE_INFINITY;
  }

  /** Field by field, why a pair scored as it did. */
  explain(a: Prepared, b: Prepared, freq?: Frequencies): { score: Score; fields: FieldExplanation[] } {
    const score = this.score(a, b, freq);
    const fields = this.comparisons.map((c, i): FieldExplanation => {
      const level = score.vector[i]!;
      if (level === MISSING) return { name: c.name, title: c.title, level: 'not recorded on both', agreement: 'missing', weight: 0 };
      let weight = this.bits[i]![level]!;
      if (c.frequency && level === 0) {
        const single = new Int8Array(score.vector.length).fill(MISSING);
        single[i] = 0;
        weight += this.frequencyAdjustment(a, b, single, score.swapped, freq);
      }
      return {
        name: c.name,
        title: c.title,
        level: c.levels[level]! + (score.swapped && c.frequency ? ' (first and last names swapped)' : ''),
        agreement: level === 0 ? 'agree' : level === c.levels.length - 1 ? 'disagree' : 'partly',
        weight: Math.round(weight * 10) / 10,
      };
    });
    return { score, fields };
  }
}

// ——— estimating the parameters ———

/**
 * m from several EM sessions, one per blocking rule, as Splink does: pairs found by a rule all agree on the
 * fields the rule is made of, so those comparisons are left out of that rule's session (their levels say nothing
 * about matching there), and u from random pairs describes the non-matches on the rest. Each comparison's m is
 * the average over the sessions that could estimate it. The prior comes from the matches EM expects in all the
 * candidate pairs, over all pairs of records.
 */
export function estimateBySessions(
  comparisons: readonly Comparison[],
  sessions: readonly { uses: readonly string[]; patterns: ReadonlyMap<number, number>; pairs: number }[],
  u: number[][],
  /** `candidatePairs`: distinct pairs over all rules (a pair is counted once however many rules find it). */
  population: { records: number; candidatePairs: number },
): { params: ModelParams; sessions: number } {
  const k = comparisons.length;
  const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const counts = new Array<number>(k).fill(0);
  let expectedMatches = 0;
  let used = 0;
  // Anchors from every session together give a fallback for comparisons no session could estimate.
  const all = new Map<number, number>();
  for (const s of sessions) for (const [key, n] of s.patterns) all.set(key, (all.get(key) ?? 0) + n);
  const anchored = anchoredM(comparisons, all);
  const fallback = anchored?.m ?? comparisons.map((c) => initialM(c.levels.length));
  // Personal fields (names, date of birth, identifiers) say who someone is; family name and address say where
  // they live. Held at the anchored estimate, they keep EM from learning "lives in the same household" as "is the
  // same person"; EM then estimates the rest.
  const hold = new Set(comparisons.flatMap((c, i) => (anchored && (IDENTITY.has(c.name) || c.name.startsWith('id:')) ? [i] : [])));
  for (const session of sessions) {
    const sampled = [...session.patterns.values()].reduce((a, b) => a + b, 0);
    if (sampled < 100) continue;
    const masked = new Map<number, number>();
    const excluded = comparisons.map((c) => session.uses.includes(c.name));
    for (const [key, n] of session.patterns) {
      const v = patternVector(key, k);
      for (let c = 0; c < k; c += 1) if (excluded[c]) v[c] = MISSING;
      const mk = patternKey(v);
      masked.set(mk, (masked.get(mk) ?? 0) + n);
    }
    const result = estimateM(comparisons, masked, u, population, anchored ? { start: fallback, hold } : {});
    used += 1;
    // The matches in the rule that finds the most: a lower bound on all matches, without counting a pair twice.
    expectedMatches = Math.max(expectedMatches, result.matchShareOfCandidates * session.pairs);
    result.params.comparisons.forEach((p, c) => {
      if (excluded[c]) return;
      counts[c]! += 1;
      p.m.forEach((x, l) => (sums[c]![l]! += x));
    });
  }
  const allPairs = (population.records * (population.records - 1)) / 2;
  const household = householdStatistics(comparisons, all);
  return {
    params: {
      prior: Math.min(0.5, Math.max(expectedMatches / Math.max(allPairs, 1), 1e-15)),
      population: population.records,
      ...(household ? { household } : {}),
      comparisons: comparisons.map((c, i) => {
        const m = hold.has(i) || counts[i] === 0 ? fallback[i]! : sums[i]!.map((x) => x / counts[i]!);
        return { name: c.name, m: humble(m), u: u[i]! };
      }),
    },
    sessions: used,
  };
}

/** A comparison vector as one number (base 16, level + 1 per comparison), so pairs can be counted by pattern. */
export function patternKey(v: Int8Array | readonly number[]): number {
  let key = 0;
  for (let i = v.length - 1; i >= 0; i -= 1) key = key * 16 + (v[i]! + 1);
  return key;
}

export function patternVector(key: number, length: number): Int8Array {
  const v = new Int8Array(length);
  let k = key;
  for (let i = 0; i < length; i += 1) {
    v[i] = (k % 16) - 1;
    k = Math.floor(k / 16);
  }
  return v;
}

/** u from random pairs: how often each level happens between two records taken at random (mostly different people). */
export function estimateU(
  comparisons: readonly Comparison[],
  records: readonly Prepared[],
  samples: number,
  random: () => number,
): number[][] {
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

function initialM(levels: number): number[] {
  // Most true matches agree exactly; a few are close; fewer still differ.
  const m = new Array<number>(levels).fill(0);
  m[0] = 0.85;
  const rest = 0.15;
  for (let l = 1; l < levels; l += 1) m[l] = (rest * (levels - l)) / ((levels - 1) * levels / 2);
  return m;
}

/**
 * Keeps every level possible for a true match (at least 1 in 1,000): data that never showed an error in training
 * will show one one day, and one field should not veto a match on its own.
 */
function humble(m: number[]): number[] {
  const floored = m.map((x) => Math.max(x, 0.001));
  const total = floored.reduce((a, b) => a + b, 0);
  return floored.map((x) => x / total);
}

const STRONG = new Set(['given', 'family', 'dob', 'postcode', 'address', 'email']);
const IDENTITY = new Set(['given', 'dob']);

/**
 * A starting point for EM that cannot be mistaken for "shares a first name": the levels seen among candidate
 * pairs that agree exactly on at least three strong fields (names, date of birth, address, an identifier), one of
 * them the first name or an identifier. Left
 * to itself EM can settle on the wrong group when common values make many different people look alike.
 */
export function anchoredM(comparisons: readonly Comparison[], patterns: ReadonlyMap<number, number>): { m: number[][]; share: number } | undefined {
  const k = comparisons.length;
  const strong = comparisons.map((c) => STRONG.has(c.name) || c.name.startsWith('id:'));
  // One of the exact agreements must be personal to the individual (their first name or an identifier): twins
  // share a surname, a birthday and a home, and are two people.
  const personal = comparisons.map((c) => c.name === 'given' || c.name.startsWith('id:'));
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  let anchors = 0;
  let all = 0;
  for (const [key, count] of patterns) {
    all += count;
    const v = patternVector(key, k);
    let exact = 0;
    let own = false;
    for (let c = 0; c < k; c += 1) {
      if (strong[c] && v[c] === 0) exact += 1;
      if (personal[c] && v[c] === 0) own = true;
    }
    if (exact < 3 || !own) continue;
    anchors += count;
    for (let c = 0; c < k; c += 1) if (v[c] !== MISSING) counts[c]![v[c]!]! += count;
  }
  if (anchors < 20) return undefined;
  return {
    m: counts.map((row) => {
      const total = row.reduce((a, b) => a + b, 0) + row.length;
      return row.map((x) => (x + 1) / total);
    }),
    share: anchors / all,
  };
}

/**
 * Among candidate pairs with the same surname at the same house: the share that are one person (their first name
 * agrees, or an identifier does), and among the others (relatives) the share born on the same day. Undefined when
 * the source has no addresses.
 */
function householdStatistics(comparisons: readonly Comparison[], patterns: ReadonlyMap<number, number>): { share: number; sameBirthday: number } | undefined {
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

/**
 * m by EM over the patterns of candidate pairs (u fixed). EM also estimates the share of candidate pairs that
 * are matches; with the number of candidate pairs and of records that gives the prior for two random records.
 */
export function estimateM(
  comparisons: readonly Comparison[],
  patterns: ReadonlyMap<number, number>,
  u: number[][],
  population: { records: number; candidatePairs: number },
  options: { iterations?: number; prior?: number; tolerance?: number; fixPrior?: boolean; /** Start here; keep `hold` comparisons here. */ start?: number[][]; hold?: ReadonlySet<number> } = {},
): { params: ModelParams; iterations: number; matchShareOfCandidates: number } {
  const k = comparisons.length;
  const anchored = options.start ? undefined : anchoredM(comparisons, patterns);
  let m = options.start ?? anchored?.m ?? comparisons.map((c) => initialM(c.levels.length));
  let prior = options.prior ?? anchored?.share ?? 0.1;
  const entries = [...patterns].map(([key, count]) => ({ v: patternVector(key, k), count }));
  const maxIterations = options.iterations ?? 100;
  let iteration = 0;
  for (; iteration < maxIterations; iteration += 1) {
    const mNum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    const mDen = new Array<number>(k).fill(0);
    let matchMass = 0;
    let total = 0;
    for (const { v, count } of entries) {
      let lm = Math.log(prior);
      let lu = Math.log(1 - prior);
      for (let c = 0; c < k; c += 1) {
        const level = v[c]!;
        if (level === MISSING) continue;
        lm += Math.log(Math.max(m[c]![level]!, FLOOR));
        lu += Math.log(Math.max(u[c]![level]!, FLOOR));
      }
      const p = 1 / (1 + Math.exp(lu - lm));
      const w = p * count;
      matchMass += w;
      total += count;
      for (let c = 0; c < k; c += 1) {
        const level = v[c]!;
        if (level === MISSING) continue;
        mNum[c]![level]! += w;
        mDen[c]! += w;
      }
    }
    const next = mNum.map((row, c) =>
      options.hold?.has(c) ? m[c]! : row.map((x) => (mDen[c]! > 0 ? Math.max(x / mDen[c]!, FLOOR) : 1 / row.length)),
    );
    const nextPrior = options.fixPrior ? prior : Math.min(Math.max(matchMass / Math.max(total, 1), 1e-9), 1 - 1e-9);
    let change = Math.abs(nextPrior - prior);
    for (let c = 0; c < k; c += 1) for (let l = 0; l < next[c]!.length; l += 1) change = Math.max(change, Math.abs(next[c]![l]! - m[c]![l]!));
    m = next;
    prior = nextPrior;
    if (change < (options.tolerance ?? 1e-6)) {
      iteration += 1;
      break;
    }
  }
  const allPairs = (population.records * (population.records - 1)) / 2;
  const expectedMatches = prior * population.candidatePairs;
  return {
    params: {
      prior: Math.min(0.5, Math.max(expectedMatches / Math.max(allPairs, 1), 1e-15)),
      population: population.records,
      comparisons: comparisons.map((c, i) => ({ name: c.name, m: m[i]!, u: u[i]! })),
    },
    iterations: iteration,
    matchShareOfCandidates: prior,
  };
}
