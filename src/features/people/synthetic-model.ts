/**
 * Parameters for files and registers too small to learn from. EM needs thousands of records to tell a match from
 * a coincidence; below that, m and u come from a synthetic UK register of 5,000 people (households, twins and
 * recorded duplicates included) estimated the same unsupervised way. Used by the online engine and `npm run link`.
 */
import { syntheticRegister } from '../../db/seed/variants.js';
import { type Comparison } from '../../domain/matching/comparisons.js';
import { estimateU, floored, initialM } from '../../domain/matching/estimate.js';
import { estimateParams, seededRandom } from '../../domain/matching/link.js';
import { type ModelParams } from '../../domain/matching/model.js';
import { type Prepared, prepare } from '../../domain/matching/record.js';

/** Fewer records than this and parameters are taken from the synthetic register instead. */
export const MIN_RECORDS_TO_LEARN = 5000;

let records: Prepared[] | undefined;
const cache = new Map<string, ModelParams>();

/** The synthetic register, prepared (built once). */
export function syntheticRecords(): readonly Prepared[] {
  records ??= syntheticRegister(MIN_RECORDS_TO_LEARN, { seed: 2026 }).fields.map(prepare);
  return records;
}

/** m, u and the prior for these comparisons, estimated on the synthetic register (once per set of comparisons). */
export function syntheticParams(comparisons: readonly Comparison[]): ModelParams {
  const key = comparisons.map((c) => c.name).join('|');
  let params = cache.get(key);
  if (!params) {
    params = {
      ...estimateParams(syntheticRecords(), { comparisons, random: seededRandom(2026) }),
      source: `estimated from a synthetic register of ${MIN_RECORDS_TO_LEARN.toLocaleString('en-GB')} people (too few records to learn from)`,
    };
    cache.set(key, params);
  }
  return params;
}

/** m and the prior from the synthetic register for the fields it has, for a file whose own duplicates are too few. */
export function fallbackParams(comparisons: readonly Comparison[]): ModelParams {
  return syntheticParams(comparisons.filter((c) => !c.name.startsWith('other:')));
}

/** Random pairs of a file of at least this many records say well enough how often strangers agree (u). */
const MIN_RECORDS_FOR_U = 1000;

/**
 * Parameters for a file too small to learn m from: m from the synthetic register for the fields it has (other
 * columns start where EM would); u from the file's own random pairs when it has enough records (u needs no labels),
 * else from the synthetic register too (other columns always from the file: nothing else knows them).
 */
export function paramsForSmallFile(records: readonly Prepared[], comparisons: readonly Comparison[]): ModelParams {
  const standard = comparisons.filter((c) => !c.name.startsWith('other:'));
  const base = syntheticParams(standard);
  const own = records.length >= 2 ? estimateU(comparisons, records, 200_000, seededRandom(2026)) : comparisons.map((c) => c.levels.map(() => 1 / c.levels.length));
  const fileU = records.length >= MIN_RECORDS_FOR_U;
  return {
    ...base,
    comparisons: comparisons.map((c, i) => {
      const known = base.comparisons.find((x) => x.name === c.name);
      return { name: c.name, m: known?.m ?? floored(initialM(c.levels.length)), u: known && !fileU ? known.u : own[i]! };
    }),
    source: `m estimated from a synthetic register of ${MIN_RECORDS_TO_LEARN.toLocaleString('en-GB')} people (too few records to learn from), u from ${fileU ? "this file's random pairs" : 'the same register'}`,
  };
}
