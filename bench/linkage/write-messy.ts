/**
 * Writes the messy synthetic UK person file (messy.ts) as CSV, with a `cluster` column (the true person) after
 * `unique_id`, and prints its size.
 *
 *   npx tsx bench/linkage/write-messy.ts --people 20000 --seed 7 --out /tmp/messy.csv
 */
import { writeFileSync } from 'node:fs';
import { messyCsv, messyUk } from './messy.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const people = Number(arg('people', '20000'));
const seed = Number(arg('seed', '7'));
const out = arg('out', '/tmp/messy.csv');
if (!Number.isInteger(people) || people < 1 || !Number.isInteger(seed)) {
  console.error('usage: npx tsx bench/linkage/write-messy.ts --people N --seed S --out FILE');
  process.exit(2);
}

const started = Date.now();
const { rows, truth } = messyUk(people, seed);
writeFileSync(out, messyCsv(rows, truth));

const sizes = new Map<string, number>();
for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
let pairs = 0;
let singles = 0;
let largest = 0;
for (const n of sizes.values()) {
  pairs += (n * (n - 1)) / 2;
  if (n === 1) singles++;
  largest = Math.max(largest, n);
}
console.log(`wrote ${out} in ${Date.now() - started} ms`);
console.log(`rows ${rows.length}`);
console.log(`people ${sizes.size} (${((100 * singles) / sizes.size).toFixed(1)}% with one record, largest ${largest}, ${(rows.length / sizes.size).toFixed(2)} rows each)`);
console.log(`true pairs ${pairs}`);
