/**
 * The labelled linkage datasets in ../shared/data/linkage (FEBRL 1–4, Splink fake_1000), read into the engine's
 * fields with their truth. Used by the quality and online benchmarks only.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Comparison, comparisonsFor } from '../../src/domain/matching/comparisons.js';
import { type PersonFields } from '../../src/domain/matching/record.js';
import { syntheticRegister } from '../../src/db/seed/variants.js';
import { messyUk } from './messy.js';

export const DATA_DIR = resolve(process.env.LINKAGE_DATA ?? join(process.cwd(), '..', 'shared', 'data', 'linkage'));

export interface Dataset {
  name: string;
  fields: PersonFields[];
  truth: string[];
  /** Which file each record came from (for linking two files). */
  source: string[];
  comparisons: Comparison[];
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: (h: string[]) => h.map((x) => x.trim()), trim: true, skip_empty_lines: true });
}

const FEBRL_COMPARISONS = comparisonsFor({
  given: true,
  family: true,
  dob: true,
  postcode: true,
  streetNumber: true,
  street: true,
  addressLine2: true,
  locality: true,
  identifiers: [{ type: 'soc_sec_id', title: 'Social security number' }],
});

export function febrl(...files: string[]): Dataset {
  const fields: PersonFields[] = [];
  const truth: string[] = [];
  const source: string[] = [];
  for (const file of files) {
    for (const row of readCsv(join(DATA_DIR, 'febrl', `${file}.csv`))) {
      fields.push({
        givenNames: [row.given_name],
        familyNames: [row.surname],
        dateOfBirth: row.date_of_birth,
        postcode: row.postcode,
        streetNumber: row.street_number,
        street: row.address_1,
        addressLine2: row.address_2,
        locality: row.suburb,
        identifiers: { soc_sec_id: row.soc_sec_id },
      });
      truth.push(/^rec-(\d+)-/.exec(row.rec_id!)![1]!);
      source.push(file);
    }
  }
  return { name: files.join('+'), fields, truth, source, comparisons: FEBRL_COMPARISONS };
}

export function splinkFake1000(): Dataset {
  const rows = readCsv(join(DATA_DIR, 'splink', 'fake_1000.csv'));
  return {
    name: 'splink fake_1000',
    fields: rows.map((row) => ({
      givenNames: [row.first_name],
      familyNames: [row.surname],
      dateOfBirth: row.dob,
      locality: row.city,
      email: row.email,
    })),
    truth: rows.map((r) => r.cluster!),
    source: rows.map(() => 'fake_1000'),
    comparisons: FAKE_1000_COMPARISONS,
  };
}

export const FAKE_1000_COMPARISONS = comparisonsFor({ given: true, family: true, dob: true, locality: true, email: true });

export function ukSynthetic(count: number, seed = 7): Dataset {
  const { fields, truth } = syntheticRegister(count, { seed });
  return { name: `UK synthetic ${count}`, fields, truth, source: fields.map(() => 'uk'), comparisons: UK_COMPARISONS };
}

export const UK_COMPARISONS = comparisonsFor({
  given: true,
  family: true,
  dob: true,
  gender: true,
  postcode: true,
  streetNumber: true,
  street: true,
  locality: true,
  identifiers: [{ type: 'nhs_number', title: 'NHS number' }],
});

/**
 * A heavily corrupted synthetic UK file (bench/linkage/messy.ts): nicknames and middle names as first names, blank
 * or changed surnames, names in the wrong box, titles, swapped date parts with surname typos, twins and relatives
 * at one address. Birth place and occupation are compared as other columns.
 */
export function messy(people: number, seed: number): Dataset {
  const { rows, truth } = messyUk(people, seed);
  return {
    name: `UK messy ${people} people`,
    fields: rows.map((r) => ({
      givenNames: [r.first_name],
      familyNames: [r.surname],
      dateOfBirth: r.dob,
      gender: r.gender,
      postcode: r.postcode,
      email: r.email,
      other: { birth_place: r.birth_place, occupation: r.occupation },
    })),
    truth,
    source: rows.map(() => 'messy'),
    comparisons: MESSY_COMPARISONS,
  };
}

export const MESSY_COMPARISONS = comparisonsFor({ given: true, family: true, dob: true, gender: true, postcode: true, email: true, other: ['birth_place', 'occupation'] });

/** The messy file in fake_1000's shape (first name, surname, date of birth, town, email), to train for it. */
export function messyLikeFake1000(people: number, seed: number): Dataset {
  const full = messy(people, seed);
  return {
    ...full,
    name: `${full.name} (fake_1000's columns)`,
    fields: full.fields.map((f) => ({ givenNames: f.givenNames, familyNames: f.familyNames, dateOfBirth: f.dateOfBirth, locality: f.other?.birth_place ?? null, email: f.email })),
    comparisons: FAKE_1000_COMPARISONS,
  };
}
