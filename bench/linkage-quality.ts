/**
 * Linkage quality on the labelled datasets, scored honestly: every true pair counts, including pairs blocking
 * never compared. For each dataset: blocking coverage, pairwise precision/recall/F1, B-cubed F1.
 *
 *   npx tsx bench/linkage-quality.ts [--threshold 0.9] [--train other|self]
 *
 * Parameters are estimated without labels (EM). With --train other (the default) a dataset is never scored with
 * parameters estimated from itself: FEBRL 3 uses FEBRL 2's, FEBRL 4a+4b uses FEBRL 3's, FEBRL 1 and 2 use each
 * other's, fake_1000 uses its own (no other file has its fields), UK synthetic uses another synthetic register's.
 * The threshold is fixed before scoring.
 */
import { pairwise, bcubed } from '../src/domain/matching/evaluate.js';
import { link } from '../src/domain/matching/link.js';
import { type ModelParams } from '../src/domain/matching/model.js';
import { prepare } from '../src/domain/matching/record.js';
import { type Dataset, febrl, splinkFake1000, ukSynthetic } from './linkage/datasets.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
export const THRESHOLD = Number(arg('threshold', '0.9'));
const TRAIN = arg('train', 'other');

function train(dataset: Dataset): ModelParams {
  const records = dataset.fields.map(prepare);
  return link(records, { comparisons: dataset.comparisons, threshold: THRESHOLD }).params;
}

function evaluate(dataset: Dataset, params: ModelParams | undefined) {
  const started = performance.now();
  const records = dataset.fields.map(prepare);
  const result = link(records, { comparisons: dataset.comparisons, threshold: THRESHOLD, ...(params ? { params } : {}) });
  const ms = performance.now() - started;
  // Coverage: of the true pairs, how many any blocking rule would have compared.
  const byTruth = new Map<string, number[]>();
  dataset.truth.forEach((t, i) => byTruth.set(t, [...(byTruth.get(t) ?? []), i]));
  let truePairs = 0;
  let covered = 0;
  for (const members of byTruth.values()) {
    for (let a = 0; a < members.length; a += 1) {
      for (let b = a + 1; b < members.length; b += 1) {
        truePairs += 1;
        if (result.wouldCompare(members[a]!, members[b]!)) covered += 1;
      }
    }
  }
  const pw = pairwise(dataset.truth, result.labels);
  const bc = bcubed(dataset.truth, result.labels);
  return { pw, bc, coverage: covered / truePairs, truePairs, candidatePairs: result.candidatePairs, ms };
}

const datasets: [Dataset, () => ModelParams | undefined][] = [];
const d1 = febrl('dataset1');
const d2 = febrl('dataset2');
const d3 = febrl('dataset3');
const d4 = febrl('dataset4a', 'dataset4b');
const fake = splinkFake1000();
const uk = ukSynthetic(20_000, 7);
if (TRAIN === 'self') {
  for (const d of [d1, d2, d3, d4, fake, uk]) datasets.push([d, () => undefined]);
} else {
  // UK synthetic: parameters from another synthetic register (different seed), then scored on this one.
  datasets.push([d1, () => train(d2)], [d2, () => train(d1)], [d3, () => train(d2)], [d4, () => train(d3)], [fake, () => undefined], [uk, () => train(ukSynthetic(20_000, 99))]);
}

console.log(`threshold: match probability ≥ ${THRESHOLD}; parameters: ${TRAIN === 'self' ? 'EM on the file itself' : 'EM on another file (see header)'}`);
console.log('dataset              records  true pairs  coverage  candidates  precision  recall   F1      B3 F1   time');
for (const [dataset, params] of datasets) {
  const r = evaluate(dataset, params());
  console.log(
    [
      dataset.name.padEnd(20),
      String(dataset.fields.length).padStart(7),
      String(r.truePairs).padStart(11),
      r.coverage.toFixed(4).padStart(9),
      String(r.candidatePairs).padStart(11),
      r.pw.precision.toFixed(4).padStart(10),
      r.pw.recall.toFixed(4).padStart(7),
      r.pw.f1.toFixed(4).padStart(7),
      r.bc.f1.toFixed(4).padStart(7),
      `${(r.ms / 1000).toFixed(1)} s`.padStart(7),
    ].join(' '),
  );
}
