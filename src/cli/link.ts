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
import { accessSync, constants, createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { isValidNhsNumber } from '../domain/identifiers.js';
import { type Comparison, comparisonsFor } from '../domain/matching/comparisons.js';
import { MAX_COMPARISONS } from '../domain/matching/estimate.js';
import { explainModel } from '../domain/matching/explain.js';
import { link } from '../domain/matching/link.js';
import { probabilityOf } from '../domain/matching/model.js';
import { type PersonFields, type Prepared, dobProblem, prepare } from '../domain/matching/record.js';
import { MIN_RECORDS_TO_LEARN, paramsForSmallFile } from '../features/people/synthetic-model.js';
import { csvCell } from '../platform/csv.js';
import { runCli } from './run.js';

const FIELDS = ['given', 'family', 'dob', 'gender', 'postcode', 'streetNumber', 'street', 'addressLine2', 'locality', 'email'] as const;
type Field = (typeof FIELDS)[number];

export class LinkInputError extends Error {}

export interface Mapping {
  fields: Partial<Record<Field, string>>;
  identifiers: { type: string; column: string }[];
  other: { name: string; column: string }[];
}

export function parseMapping(spec: string): Mapping {
  const mapping: Mapping = { fields: {}, identifiers: [], other: [] };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [field, column] = part.split('=').map((x) => x?.trim());
    if (!field || !column) throw new LinkInputError(`--map entry "${part}" must be field=column`);
    if (field.startsWith('id:')) {
      const type = field.slice(3);
      if (!/^[a-z][a-z0-9_]{0,30}$/.test(type)) throw new LinkInputError(`--map identifier "${field}" must be id:<lower-case name>`);
      mapping.identifiers.push({ type, column });
    } else if (field.startsWith('other:')) {
      const name = field.slice(6);
      if (!/^[a-z][a-z0-9_]{0,30}$/.test(name)) throw new LinkInputError(`--map column "${field}" must be other:<lower-case name>`);
      if (mapping.other.some((o) => o.name === name)) throw new LinkInputError(`--map names other:${name} twice`);
      mapping.other.push({ name, column });
    } else if ((FIELDS as readonly string[]).includes(field)) {
      mapping.fields[field as Field] = column;
    } else {
      throw new LinkInputError(`--map field "${field}" is not one of ${FIELDS.join(', ')} or id:<type>`);
    }
  }
  if (!mapping.fields.given && !mapping.fields.family) throw new LinkInputError('--map must include given or family: records cannot be matched without a name');
  const comparisons = comparisonsOf(mapping).length;
  if (comparisons > MAX_COMPARISONS) {
    throw new LinkInputError(`--map gives ${comparisons} things to compare; at most ${MAX_COMPARISONS} can be (an address counts once): leave out the least telling columns`);
  }
  return mapping;
}

export interface Problem {
  row: number;
  field: string;
  problem: string;
}

/** One CSV row to the engine's fields, with the problems found (bad values are dropped, never echoed). */
export function rowToFields(row: Record<string, string>, mapping: Mapping, rowNumber: number, problems: Problem[]): PersonFields {
  const get = (field: Field) => {
    const column = mapping.fields[field];
    return column ? (row[column] ?? '').trim() : '';
  };
  const given = get('given');
  const family = get('family');
  if (!given && !family) problems.push({ row: rowNumber, field: 'given/family', problem: 'no name: matched on the other fields only' });
  let dob: string | null = get('dob') || null;
  const dobIssue = dobProblem(dob);
  if (dobIssue === 'unreadable') {
    problems.push({ row: rowNumber, field: 'dob', problem: 'not a date (expected YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY): left out' });
    dob = null;
  } else if (dobIssue === 'impossible') {
    problems.push({ row: rowNumber, field: 'dob', problem: 'not a real calendar date (like 30 February): compared digit by digit, as a likely typo' });
  }
  const identifiers: Record<string, string> = {};
  for (const { type, column } of mapping.identifiers) {
    const value = (row[column] ?? '').trim();
    if (!value) continue;
    if (type === 'nhs_number' && !isValidNhsNumber(value)) {
      problems.push({ row: rowNumber, field: `id:${type}`, problem: 'not a valid NHS number (10 digits, modulus 11 check): left out' });
      continue;
    }
    identifiers[type] = value;
  }
  const other: Record<string, string> = {};
  for (const { name, column } of mapping.other) other[name] = (row[column] ?? '').trim();
  return {
    givenNames: [given],
    familyNames: [family],
    dateOfBirth: dob,
    gender: get('gender') || null,
    postcode: get('postcode') || null,
    streetNumber: get('streetNumber') || null,
    street: get('street') || null,
    addressLine2: get('addressLine2') || null,
    locality: get('locality') || null,
    email: get('email') || null,
    identifiers,
    other,
  };
}

/** What the mapped columns are compared by. */
export function comparisonsOf(mapping: Mapping): Comparison[] {
  return comparisonsFor({
    given: !!mapping.fields.given,
    family: !!mapping.fields.family,
    dob: !!mapping.fields.dob,
    gender: !!mapping.fields.gender,
    postcode: !!mapping.fields.postcode,
    streetNumber: !!mapping.fields.streetNumber,
    street: !!mapping.fields.street,
    addressLine2: !!mapping.fields.addressLine2,
    locality: !!mapping.fields.locality,
    email: !!mapping.fields.email,
    identifiers: mapping.identifiers.map((i) => ({ type: i.type, title: i.type })),
    other: mapping.other.map((o) => o.name),
  });
}

/** Decodes UTF-8 strictly, naming the line where a file stops being UTF-8. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        let text = decoder.decode(chunk, { stream: true });
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
        for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) lines += 1;
        done(null, text);
      } catch {
        // Find the line of the first byte that is not UTF-8 (replacement decoding marks it).
        const lenient = new TextDecoder('utf-8').decode(chunk);
        const bad = lenient.indexOf('\uFFFD');
        let line = lines;
        for (let i = 0; i < bad; i += 1) if (lenient.charCodeAt(i) === 10) line += 1;
        done(new LinkInputError(`the file is not UTF-8 text: line ${line} has a character in another encoding; save it as UTF-8 CSV and try again`));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new LinkInputError(`the file is not UTF-8 text (it ends part-way through a character, line ${lines})`));
      }
    },
  });
}

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
  log?: (message: string) => void;
}): Promise<LinkRun> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const mapping = parseMapping(options.map);
  checkWritable(options.out, '--out');
  if (options.report) checkWritable(options.report, '--report');
  if (options.review) checkWritable(options.review, '--review');
  const problems: Problem[] = [];
  const records: Prepared[] = [];
  const ids: string[] = [];
  let header: string[] | undefined;
  let rowNumber = 0;

  const parser = parse({ columns: (h: string[]) => (header = h.map((x) => x.trim())), trim: true, skip_empty_lines: true, bom: true });
  parser.on('readable', () => {
    let row: Record<string, string> | null;
    while ((row = parser.read() as Record<string, string> | null) !== null) {
      rowNumber += 1;
      if (rowNumber === 1) {
        const wanted = [...Object.values(mapping.fields), ...mapping.identifiers.map((i) => i.column), ...mapping.other.map((o) => o.column), ...(options.idColumn ? [options.idColumn] : [])];
        const missing = wanted.filter((c) => !header!.includes(c!));
        if (missing.length) {
          parser.destroy(new LinkInputError(`column(s) ${missing.map((m) => `"${m}"`).join(', ')} are not in the file; its columns are: ${header!.join(', ')}`));
          return;
        }
      }
      records.push(prepare(rowToFields(row, mapping, rowNumber, problems)));
      if (options.idColumn) ids.push(row[options.idColumn] ?? '');
      if (rowNumber % 200_000 === 0) log(`read ${rowNumber.toLocaleString('en-GB')} rows`);
    }
  });
  try {
    await pipeline(createReadStream(options.input), strictUtf8(), parser);
  } catch (err) {
    if (err instanceof LinkInputError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'ENOENT') throw new LinkInputError(`cannot read ${options.input}: no such file`);
    if (e.code?.startsWith('CSV_')) throw new LinkInputError(`the CSV is malformed at line ${e.lines ?? '?'}: ${e.message?.split('\n')[0]}`);
    throw err;
  }
  if (!header) throw new LinkInputError(`${options.input} is empty: it needs a header row and at least one record`);
  if (records.length === 0) throw new LinkInputError('the file has a header but no rows');
  if (options.strict && problems.length) {
    throw new LinkInputError(`${problems.length} invalid value(s), first at row ${problems[0]!.row}, field ${problems[0]!.field}: ${problems[0]!.problem} (--strict)`);
  }
  log(`read ${records.length.toLocaleString('en-GB')} rows, ${problems.length} problem(s); linking`);

  const comparisons = comparisonsOf(mapping);
  // A small file cannot teach the model what a match looks like: use parameters learnt on a synthetic register.
  const small = records.length < MIN_RECORDS_TO_LEARN;
  if (small) log(`${records.length} rows is too few to learn from: using m estimated on a synthetic register`);
  const result = link(records, { comparisons, threshold: options.threshold ?? 0.9, onProgress: (stage) => log(stage), ...(small ? { params: paramsForSmallFile(records, comparisons) } : {}) });
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
    log: (m) => console.error(m),
  });
  for (const p of run.problems.slice(0, 20)) console.error(`row ${p.row}, ${p.field}: ${p.problem}`);
  if (run.problems.length > 20) console.error(`… and ${run.problems.length - 20} more (use --report to list them all)`);
  console.log(
    `Linked ${run.rows.toLocaleString('en-GB')} rows into ${run.clusters.toLocaleString('en-GB')} clusters (${run.links.toLocaleString('en-GB')} links from ${run.candidatePairs.toLocaleString('en-GB')} candidate pairs; ${run.refused.toLocaleString('en-GB')} refused by the cluster check${run.refused && !arg('review') ? ', list them with --review' : ''}) in ${run.seconds.toFixed(1)} s; peak memory ${run.peakMemoryMb} MB. Wrote ${out}.`,
  );
  return 0;
}

if (process.argv[1]?.endsWith('link.ts')) runCli('link', main);
