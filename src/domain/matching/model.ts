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
  /** Other columns: how common a value of the named comparison is. */
  value?: (comparison: string, value: string) => number | undefined;
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
  /** Other columns whose exact agreement is weighed by how common the value is. */
  private readonly valueFrequencyIndexes: number[];

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
    this.valueFrequencyIndexes = comparisons.flatMap((c, i) => (c.frequencyOf ? [i] : []));
    this.familyIndex = comparisons.findIndex((c) => c.frequency === 'family');
    const cost = (c: Comparison) => (c.name.startsWith('id:') || c.name === 'dob' || c.name === 'gender' ? 0 : c.frequency ? 2 : 1);
    this.order = comparisons.map((_, i) => i).sort((x, y) => cost(comparisons[x]!) - cost(comparisons[y]!));
    const best = this.order.map((c) => Math.max(0, ...this.bits[c]!) + (comparisons[c]!.frequency || comparisons[c]!.frequencyOf ? MAX_FREQUENCY_BITS : 0));
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
    if (freq.value) {
      for (const c of this.valueFrequencyIndexes) {
        if (v[c] !== 0) continue;
        const comparison = this.comparisons[c]!;
        adj += this.adjust(c, freq.value(comparison.name, comparison.frequencyOf!(a)));
      }
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
      if ((c.frequency || c.frequencyOf) && level === 0) {
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
