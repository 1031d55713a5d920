/**
 * Scoring a linkage honestly against known truth: every true pair counts, including pairs blocking never compared.
 * Pairwise precision, recall and F1 over all pairs of records, and cluster-level B-cubed F1.
 */

export interface PairwiseScore {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** `truth` and `predicted` give a cluster label per record (any values; equal label = same person). */
export function pairwise(truth: ArrayLike<string | number>, predicted: ArrayLike<string | number>): PairwiseScore {
  const byTruth = new Map<string | number, number>();
  const byPred = new Map<string | number, number>();
  const byBoth = new Map<string, number>();
  for (let i = 0; i < truth.length; i += 1) {
    const t = truth[i]!;
    const p = predicted[i]!;
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
    byPred.set(p, (byPred.get(p) ?? 0) + 1);
    const key = `${t}\u0000${p}`;
    byBoth.set(key, (byBoth.get(key) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const n of byTruth.values()) truePairs += pairs(n);
  let predictedPairs = 0;
  for (const n of byPred.values()) predictedPairs += pairs(n);
  let correctPairs = 0;
  for (const n of byBoth.values()) correctPairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1: f1(precision, recall) };
}

export function bcubed(truth: ArrayLike<string | number>, predicted: ArrayLike<string | number>): { precision: number; recall: number; f1: number } {
  const byTruth = new Map<string | number, number>();
  const byPred = new Map<string | number, number>();
  const byBoth = new Map<string, number>();
  const n = truth.length;
  for (let i = 0; i < n; i += 1) {
    byTruth.set(truth[i]!, (byTruth.get(truth[i]!) ?? 0) + 1);
    byPred.set(predicted[i]!, (byPred.get(predicted[i]!) ?? 0) + 1);
    const key = `${truth[i]}\u0000${predicted[i]}`;
    byBoth.set(key, (byBoth.get(key) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < n; i += 1) {
    const both = byBoth.get(`${truth[i]}\u0000${predicted[i]}`)!;
    precision += both / byPred.get(predicted[i]!)!;
    recall += both / byTruth.get(truth[i]!)!;
  }
  precision /= n;
  recall /= n;
  return { precision, recall, f1: f1(precision, recall) };
}
