/**
 * Linkage quality on the labelled datasets, scored honestly: every true pair counts, including pairs blocking
 * never compared. For each dataset: blocking coverage (overall and by rule), pairwise precision/recall/F1, B-cubed.
 *
 *   npx tsx bench/linkage-quality.ts [--threshold 0.9] [--train other|self] [--rules]
 *
 * Parameters are estimated without labels (EM), and with --train other (the default) never on the file scored:
 * FEBRL 3 uses FEBRL 2's, FEBRL 4a+4b uses FEBRL 3's, FEBRL 1 and 2 use each other's; the UK synthetic register
 * uses another register's (another seed); the messy UK file uses another messy file's (another seed); fake_1000 is
 * scored twice, with parameters from a messy UK file in its columns, and with EM on itself (what `npm run link`
 * does with a file). The threshold is fixed before scoring. --rules prints each blocking rule's coverage.
 */
import { pairwise, bcubed } from '../src/domain/matching/evaluate.js';
import { link } from '../src/domain/matching/link.js';
import { type ModelParams } from '../src/domain/matching/model.js';
import { prepare } from '../src/domain/matching/record.js';
import { type Dataset, febrl, messy, messyLikeFake1000, splinkFake1000, ukSynthetic } from './linkage/datasets.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
export const THRESHOLD = Number(arg('threshold', '0.9'));
const TRAIN = arg('train', 'other');
const RULES = process.argv.includes('--rules');

function train(dataset: Dataset): ModelParams {
  return link(dataset.fields.map(prepare), { comparisons: dataset.comparisons, threshold: THRESHOLD }).params;
}

function evaluate(dataset: Dataset, params: ModelParams | undefined) {
  const started = performance.now();
  const records = dataset.fields.map(prepare);
  const result = link(records, { comparisons: dataset.comparisons, threshold: THRESHOLD, ...(params ? { params } : {}) });
  const ms = performance.now() - started;
  // Coverage: of the true pairs, how many any blocking rule would have compared, and how many each rule would.
  const byTruth = new Map<string, number[]>();
  dataset.truth.forEach((t, i) => {
    const members = byTruth.get(t);
    if (members) members.push(i);
    else byTruth.set(t, [i]);
  });
  let truePairs = 0;
  let covered = 0;
  const byRule = result.blocking.map(() => 0);
  for (const members of byTruth.values()) {
    for (let a = 0; a < members.length; a += 1) {
      for (let b = a + 1; b < members.length; b += 1) {
        truePairs += 1;
        const rules = result.rulesComparing(members[a]!, members[b]!);
        if (rules.length) covered += 1;
        for (const r of rules) byRule[r]! += 1;
      }
    }
  }
  const pw = pairwise(dataset.truth, result.labels);
  const bc = bcubed(dataset.truth, result.labels);
  return { pw, bc, coverage: covered / truePairs, byRule, truePairs, candidatePairs: result.candidatePairs, blocking: result.blocking, refused: result.review.length, ms };
}

const runs: [string, Dataset, () => ModelParams | undefined][] = [];
const d1 = febrl('dataset1');
const d2 = febrl('dataset2');
const d3 = febrl('dataset3');
const d4 = febrl('dataset4a', 'dataset4b');
const fake = splinkFake1000();
const uk = ukSynthetic(20_000, 7);
const heavy = messy(20_000, 7);
if (TRAIN === 'self') {
  for (const d of [d1, d2, d3, d4, fake, uk, heavy]) runs.push([d.name, d, () => undefined]);
} else {
  runs.push(
    [d1.name, d1, () => train(d2)],
    [d2.name, d2, () => train(d1)],
    [d3.name, d3, () => train(d2)],
    [d4.name, d4, () => train(d3)],
    [`${fake.name} (trained on messy)`, fake, () => train(messyLikeFake1000(10_000, 99))],
    [`${fake.name} (EM on itself)`, fake, () => undefined],
    [uk.name, uk, () => train(ukSynthetic(20_000, 99))],
    [heavy.name, heavy, () => train(messy(20_000, 99))],
  );
}

console.log(`threshold: match probability ≥ ${THRESHOLD}; parameters: ${TRAIN === 'self' ? 'EM on the file itself' : 'EM on another file (see header)'}`);
console.log('dataset                                   records  true pairs  coverage  candidates  precision  recall   F1      B3 F1   refused   time');
for (const [name, dataset, params] of runs) {
  const r = evaluate(dataset, params());
  console.log(
    [
      name.padEnd(40),
      String(dataset.fields.length).padStart(8),
      String(r.truePairs).padStart(11),
      r.coverage.toFixed(4).padStart(9),
      String(r.candidatePairs).padStart(11),
      r.pw.precision.toFixed(4).padStart(10),
      r.pw.recall.toFixed(4).padStart(7),
      r.pw.f1.toFixed(4).padStart(7),
      r.bc.f1.toFixed(4).padStart(7),
      String(r.refused).padStart(9),
      `${(r.ms / 1000).toFixed(1)} s`.padStart(7),
    ].join(' '),
  );
  if (RULES) {
    r.blocking.forEach((rule, i) => {
      if (rule.pairs === 0 && r.byRule[i] === 0) return;
      console.log(`    ${rule.rule.padEnd(76)} covers ${((r.byRule[i]! / r.truePairs) * 100).toFixed(1).padStart(5)}% of true pairs; ${String(rule.pairs).padStart(8)} new candidates`);
    });
  }
}
