/**
 * Batch deduplication at scale: writes a synthetic UK register of N rows (with known duplicates) as CSV, runs
 * `npm run link` on it in a child process, and reports wall time, peak memory and quality.
 *
 *   npx tsx bench/linkage-batch.ts [--rows 50000] [--rows 1000000] [--messy 20000]
 *
 * --messy N: the heavily corrupted UK file of N people (bench/linkage/messy.ts, about 3 rows each) instead,
 * linked as a council would link a file it was given: EM on the file itself, birth place and occupation as other
 * columns.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRegister } from '../src/db/seed/variants.js';
import { bcubed, pairwise } from '../src/domain/matching/evaluate.js';
import { csvCell } from '../src/platform/csv.js';
import { messyCsv, messyUk } from './linkage/messy.js';

const sizes = process.argv.flatMap((a, i) => (a === '--rows' ? [Number(process.argv[i + 1])] : []));
const messyPeople = process.argv.flatMap((a, i) => (a === '--messy' ? [Number(process.argv[i + 1])] : []));
const dir = mkdtempSync(join(tmpdir(), 'threshold-link-'));

function linkFile(input: string, output: string, map: string, truth: readonly string[], what: string): void {
  const started = Date.now();
  const stdout = execFileSync('npx', ['tsx', 'src/cli/link.ts', '--input', input, '--out', output, '--id', 'id', '--map', map], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const wall = (Date.now() - started) / 1000;
  const labels = readFileSync(output, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]!);
  const pw = pairwise(truth, labels);
  const bc = bcubed(truth, labels);
  console.log(stdout.trim());
  console.log(
    `${what}: wall ${wall.toFixed(1)} s (including starting Node and reading/writing CSV); precision ${pw.precision.toFixed(4)}, recall ${pw.recall.toFixed(4)}, F1 ${pw.f1.toFixed(4)}, B-cubed F1 ${bc.f1.toFixed(4)}`,
  );
}

try {
  for (const people of messyPeople) {
    const { rows, truth } = messyUk(people, 7);
    const input = join(dir, `messy-${people}.csv`);
    writeFileSync(input, messyCsv(rows).replace(/^unique_id/, 'id'));
    linkFile(
      input,
      join(dir, `messy-clusters-${people}.csv`),
      'given=first_name,family=surname,dob=dob,gender=gender,postcode=postcode,email=email,other:birth_place=birth_place,other:occupation=occupation',
      truth,
      `messy UK file, ${people.toLocaleString('en-GB')} people, ${rows.length.toLocaleString('en-GB')} rows`,
    );
  }
  for (const rows of sizes.length || messyPeople.length ? sizes : [50_000]) {
    const { fields, truth } = syntheticRegister(rows, { seed: 11 });
    const lines = ['id,first_name,surname,dob,sex,postcode,house,street,town,nhs_number'];
    fields.forEach((f, i) =>
      lines.push(
        [String(i), f.givenNames?.[0] ?? '', f.familyNames?.[0] ?? '', f.dateOfBirth ?? '', f.gender ?? '', f.postcode ?? '', f.streetNumber ?? '', f.street ?? '', f.locality ?? '', f.identifiers?.nhs_number ?? '']
          .map(csvCell)
          .join(','),
      ),
    );
    const input = join(dir, `people-${rows}.csv`);
    const output = join(dir, `clusters-${rows}.csv`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    linkFile(
      input,
      output,
      'given=first_name,family=surname,dob=dob,gender=sex,postcode=postcode,streetNumber=house,street=street,locality=town,id:nhs_number=nhs_number',
      truth,
      `${rows.toLocaleString('en-GB')} rows`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
