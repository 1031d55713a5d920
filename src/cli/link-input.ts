/**
 * Reading a CSV of people for `npm run link`: the --map option, each row to the engine's fields with the problems
 * found (bad values are dropped and reported by row and field, never echoed), strict UTF-8, and the whole file
 * read and prepared. Used by both threads of a large run.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { isValidNhsNumber } from '../domain/identifiers.js';
import { type Comparison, comparisonsFor } from '../domain/matching/comparisons.js';
import { MAX_COMPARISONS } from '../domain/matching/estimate.js';
import { type PersonFields, type Prepared, dobProblem, forgetSharedCopies, prepare } from '../domain/matching/record.js';

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
/** What spreadsheets and database exports write for "no value": read as empty. */
const NO_VALUE = /^(null|none|nan|n\/a|#n\/a|not known|unknown)$/i;

/** A cell's value, trimmed, with "NULL", "None", "NaN", "N/A" and the like read as empty. */
export function cell(value: string | undefined): string {
  const v = (value ?? '').trim();
  return NO_VALUE.test(v) ? '' : v;
}

export function rowToFields(row: Record<string, string>, mapping: Mapping, rowNumber: number, problems: Problem[]): PersonFields {
  const get = (field: Field) => {
    const column = mapping.fields[field];
    return column ? cell(row[column]) : '';
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
    const value = cell(row[column]);
    if (!value) continue;
    if (type === 'nhs_number' && !isValidNhsNumber(value)) {
      problems.push({ row: rowNumber, field: `id:${type}`, problem: 'not a valid NHS number (10 digits, modulus 11 check): left out' });
      continue;
    }
    identifiers[type] = value;
  }
  const other: Record<string, string> = {};
  for (const { name, column } of mapping.other) other[name] = cell(row[column]);
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

export interface People {
  records: Prepared[];
  ids: string[];
  problems: Problem[];
}

/** Reads and prepares every row of a CSV file, with the problems found (shared by both threads of a large run). */
export async function readPeople(input: string, mapping: Mapping, options: { idColumn?: string; log?: (message: string) => void } = {}): Promise<People> {
  const log = options.log ?? (() => {});
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
    await pipeline(createReadStream(input), strictUtf8(), parser);
  } catch (err) {
    if (err instanceof LinkInputError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'ENOENT') throw new LinkInputError(`cannot read ${input}: no such file`);
    if (e.code?.startsWith('CSV_')) throw new LinkInputError(`the CSV is malformed at line ${e.lines ?? '?'}: ${e.message?.split('\n')[0]}`);
    throw err;
  }
  forgetSharedCopies();
  if (!header) throw new LinkInputError(`${input} is empty: it needs a header row and at least one record`);
  if (records.length === 0) throw new LinkInputError('the file has a header but no rows');
  return { records, ids, problems };
}

