/**
 * npm run link -- --input people.csv --map given=first_name,family=surname,dob=date_of_birth --out clusters.csv
 *
 * Deduplicates any CSV of person records with the matching engine Threshold uses online: each output row is the
 * input row number (and its id column, with --id), and a cluster number shared by rows judged the same person.
 *
 * Fields for --map (field=column, comma-separated): given, family, dob, gender, postcode, streetNumber, street,
 * addressLine2, locality, email, identifiers as id:<type> (e.g. id:nhs_number=nhs_no), and any other column to
 * compare as text as other:<name> (e.g. other:birth_place=birth_place,other:occupation=job). Dates may be
 * YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY. NHS numbers are checked (modulus 11).
 *
 * m and u are estimated from the file itself (EM, unsupervised); a file of fewer than 5,000 rows is too small to
 * learn from, so its parameters come from a synthetic UK register instead (as for a small register online).
 *
 * Options: --id <column>  --threshold 0.9  --strict (any invalid value stops the run)  --report problems.csv
 *          --review review.csv (links the cluster check refused, for a person to look at)
 *          --explain (print the estimated parameters, each EM session and whether it converged)
 * Bad values are reported by row and field and left out of matching (never echoed: they may be personal data).
 * The output is written to a temporary file and renamed when complete: a failed run leaves no partial output.
 */
import { accessSync, constants, createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { explainModel } from '../domain/matching/explain.js';
import { type LinkResult, link } from '../domain/matching/link.js';
import { probabilityOf } from '../domain/matching/model.js';
import { MIN_RECORDS_TO_LEARN, fallbackParams, paramsForSmallFile } from '../features/people/synthetic-model.js';
import { csvCell } from '../platform/csv.js';
import { LinkInputError, type People, type Problem, comparisonsOf, parseMapping, readPeople } from './link-input.js';
import { PARALLEL_FROM, linkOnTwoThreads, startHelper } from './link-threads.js';
import { runCli } from './run.js';

export interface LinkRun {
  rows: number;
  clusters: number;
  problems: Problem[];
  candidatePairs: number;
  links: number;
  /** Links the cluster check refused. */
  refused: number;
  seconds: number;
  peakMemoryMb: number;
}

export async function linkCsv(options: {
  input: string;
  out: string;
  map: string;
  idColumn?: string;
  threshold?: number;
  strict?: boolean;
  report?: string;
  /** Where to write the links the cluster check refused (for review). */
  review?: string;
  /** Receives the estimated parameters and EM sessions, as lines of text. */
  explain?: (lines: string[]) => void;
  /** 1 or 2 threads; by default two for a large file on a machine with a second core. */
  threads?: 1 | 2;
  log?: (message: string) => void;
}): Promise<LinkRun> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const mapping = parseMapping(options.map);
  checkWritable(options.out, '--out');
  if (options.report) checkWritable(options.report, '--report');
  if (options.review) checkWritable(options.review, '--review');
  // Large files are linked on two threads: the second reads the file for itself while this one does.
  const helper = options.threads === 1 ? undefined : startHelper(options.input, options.map, log, { force: options.threads === 2 });
  let people: People;
  try {
    people = await readPeople(options.input, mapping, { ...(options.idColumn ? { idColumn: options.idColumn } : {}), log });
  } catch (err) {
    await helper?.stop();
    throw err;
  }
  const { records, ids, problems } = people;
  if (options.strict && problems.length) {
    await helper?.stop();
    throw new LinkInputError(`${problems.length} invalid value(s), first at row ${problems[0]!.row}, field ${problems[0]!.field}: ${problems[0]!.problem} (--strict)`);
  }
  log(`read ${records.length.toLocaleString('en-GB')} rows, ${problems.length} problem(s); linking`);

  const comparisons = comparisonsOf(mapping);
  // A small file cannot teach the model what a match looks like: use parameters learnt on a synthetic register.
  const small = records.length < MIN_RECORDS_TO_LEARN;
  if (small) log(`${records.length} rows is too few to learn from: using m estimated on a synthetic register`);
  const linkOptions = { comparisons, threshold: options.threshold ?? 0.9, onProgress: (stage: string) => log(stage), ...(small ? { params: paramsForSmallFile(records, comparisons) } : { fallback: fallbackParams(comparisons) }) };
  let result: LinkResult;
  if (helper && (records.length >= PARALLEL_FROM || options.threads === 2)) {
    result = await linkOnTwoThreads(records, linkOptions, helper);
  } else {
    await helper?.stop();
    result = link(records, linkOptions);
  }
  if (options.explain) options.explain(explainModel(comparisons, result.params, result.sessions, result.priorFrom));

  // Write completely to a temporary file, then rename: never a half-written output.
  await writeWhole(options.out, function* () {
    yield options.idColumn ? `row,${csvCell(options.idColumn)},cluster\n` : 'row,cluster\n';
    for (let i = 0; i < records.length; i += 1) {
      yield options.idColumn ? `${i + 1},${csvCell(ids[i]!)},${result.labels[i]}\n` : `${i + 1},${result.labels[i]}\n`;
    }
  });
  if (options.review) {
    const label = (i: number) => (options.idColumn ? `${i + 1},${csvCell(ids[i]!)}` : String(i + 1));
    await writeWhole(options.review, function* () {
      yield options.idColumn ? `row_a,${csvCell(options.idColumn)}_a,row_b,${csvCell(options.idColumn)}_b,probability,reason\n` : 'row_a,row_b,probability,reason\n';
      for (const r of result.review) yield `${label(r.i)},${label(r.j)},${probabilityOf(r.weight).toFixed(4)},${csvCell(r.reason)}\n`;
    });
  }
  if (options.report) {
    const report = options.report;
    await writeWhole(report, function* () {
      yield 'row,field,problem\n';
      for (const p of problems) yield `${p.row},${csvCell(p.field)},${csvCell(p.problem)}\n`;
    });
  }
  let clusters = 0;
  for (const l of result.labels) if (l + 1 > clusters) clusters = l + 1;
  return {
    rows: records.length,
    clusters,
    problems,
    candidatePairs: result.candidatePairs,
    links: result.links,
    refused: result.review.length,
    seconds: (Date.now() - started) / 1000,
    peakMemoryMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Writes lines to a temporary file beside the target and renames it when complete; on failure removes it. */
async function writeWhole(target: string, lines: () => Generator<string>): Promise<void> {
  const temp = `${target}.partial-${process.pid}`;
  try {
    await pipeline(Readable.from(lines()), createWriteStream(temp, { encoding: 'utf8' }));
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Fails before any work if an output cannot be written where asked. */
function checkWritable(target: string, option: string): void {
  const folder = dirname(resolve(target));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new LinkInputError(`${option}: cannot write to the folder ${folder} (it does not exist or is not writable)`);
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const input = arg('input');
  const out = arg('out');
  const map = arg('map');
  if (!input || !out || !map) {
    console.error(
      'Usage: npm run link -- --input people.csv --map given=first_name,family=surname,dob=dob[,id:nhs_number=nhs][,other:birth_place=place] --out clusters.csv [--id id_column] [--threshold 0.9] [--strict] [--report problems.csv] [--review review.csv] [--explain]',
    );
    return 2;
  }
  const started = Date.now();
  const threshold = arg('threshold') ? Number(arg('threshold')) : 0.9;
  if (!(threshold > 0 && threshold < 1)) throw new LinkInputError('--threshold must be a probability between 0 and 1');
  const run = await linkCsv({
    input,
    out,
    map,
    threshold,
    strict: process.argv.includes('--strict'),
    ...(arg('id') ? { idColumn: arg('id')! } : {}),
    ...(arg('report') ? { report: arg('report')! } : {}),
    ...(arg('review') ? { review: arg('review')! } : {}),
    ...(process.argv.includes('--explain') ? { explain: (lines: string[]) => console.log(lines.join('\n')) } : {}),
    log: (m) => console.error(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${m}`),
  });
  for (const p of run.problems.slice(0, 20)) console.error(`row ${p.row}, ${p.field}: ${p.problem}`);
  if (run.problems.length > 20) console.error(`… and ${run.problems.length - 20} more (use --report to list them all)`);
  console.log(
    `Linked ${run.rows.toLocaleString('en-GB')} rows into ${run.clusters.toLocaleString('en-GB')} clusters (${run.links.toLocaleString('en-GB')} links from ${run.candidatePairs.toLocaleString('en-GB')} candidate pairs; ${run.refused.toLocaleString('en-GB')} refused by the cluster check${run.refused && !arg('review') ? ', list them with --review' : ''}) in ${run.seconds.toFixed(1)} s; peak memory ${run.peakMemoryMb} MB. Wrote ${out}.`,
  );
  return 0;
}

export { LinkInputError, type Mapping, parseMapping, rowToFields } from './link-input.js';

if (process.argv[1]?.endsWith('link.ts')) runCli('link', main);
