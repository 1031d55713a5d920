/**
 * The batch linking command: column mapping, bad values reported by row and field, files that are not UTF-8,
 * --strict, and output that is written whole or not at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell } from '../platform/csv.js';
import { type Problem, cell } from './link-input.js';
import { LinkInputError, linkCsv, parseMapping, rowToFields } from './link.js';

const dir = mkdtempSync(join(tmpdir(), 'threshold-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Synthetic people: the same child three times (a nickname, a typo, a swapped day and month), and strangers.
const PEOPLE = [
  'ref,first_name,surname,dob,postcode,nhs',
  'A1,Thomas,Quarrington,2014-03-07,FM1 2AB,',
  'A2,Tom,Quarrington,2014-07-03,FM1 2AB,',
  'A3,Thomas,Quarringtin,07/03/2014,FM12AB,',
  'B1,Aaliyah,Brennock,2016-11-20,FM3 9ZZ,',
  'C1,Margaret,Oakhollow,1950-01-02,FM7 1QQ,',
  'C2,Peggy,Oakhollow,1950-01-02,FM7 1QQ,',
  'D1,Samuel,Whitlow,2009-05-05,FM2 4CD,',
].join('\n');
const MAP = 'given=first_name,family=surname,dob=dob,postcode=postcode,id:nhs_number=nhs';

describe('the --map option', () => {
  it('reads fields and identifiers', () => {
    expect(parseMapping('given=a, family=b ,id:nhs_number=c')).toEqual({ fields: { given: 'a', family: 'b' }, identifiers: [{ type: 'nhs_number', column: 'c' }], other: [] });
    expect(parseMapping('given=a,other:birth_place=place,other:occupation=job').other).toEqual([
      { name: 'birth_place', column: 'place' },
      { name: 'occupation', column: 'job' },
    ]);
  });

  it('names what is wrong with a mapping', () => {
    expect(() => parseMapping('forename=a')).toThrow(/"forename" is not one of given, family, dob/);
    expect(() => parseMapping('given')).toThrow(/"given" must be field=column/);
    expect(() => parseMapping('dob=a')).toThrow(/must include given or family/);
    expect(() => parseMapping('given=a,id:NHS No=b')).toThrow(/id:<lower-case name>/);
    expect(() => parseMapping('given=a,other:Birth Place=b')).toThrow(/other:<lower-case name>/);
    expect(() => parseMapping('given=a,other:x=b,other:x=c')).toThrow(/names other:x twice/);
    const many = Array.from({ length: 12 }, (_, i) => `other:c${i}=c${i}`).join(',');
    expect(() => parseMapping(`given=a,family=b,${many}`)).toThrow(/at most 13 can be/);
  });
});

describe('linking a file', () => {
  it('puts the same person in one cluster and strangers apart, with the id column', async () => {
    const out = join(dir, 'clusters.csv');
    const run = await linkCsv({ input: file('people.csv', PEOPLE), out, map: MAP, idColumn: 'ref' });
    expect(run.rows).toBe(7);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,ref,cluster');
    const cluster = new Map(lines.slice(1).map((l) => [l.split(',')[1]!, l.split(',')[2]!]));
    expect(cluster.get('A2')).toBe(cluster.get('A1'));
    expect(cluster.get('A3')).toBe(cluster.get('A1'));
    expect(cluster.get('B1')).not.toBe(cluster.get('A1'));
    expect(cluster.get('D1')).not.toBe(cluster.get('A1'));
    expect(new Set(cluster.values()).size).toBe(run.clusters);
  });

  it('compares other columns, lists refused merges with --review and explains the model with --explain', async () => {
    // A father and son with one name at one address, an undated record between them, and a birth place column.
    const rows = [
      'ref,first_name,surname,dob,postcode,birth_place',
      'F1,Hassan,Bennett,1987-05-12,FM2 6LT,Kelsey Bridge',
      'F2,Hassan,Bennett,1987-05-12,FM2 6LT,Kelsey Bridge',
      'X1,Hassan,Bennett,,FM2 6LT,Kelsey Bridge',
      'S1,Hassan,Bennett,2014-09-30,FM2 6LT,Fernmoor',
      'S2,Hassan,Bennet,2014-09-30,FM2 6LT,Fernmoor',
      ...PEOPLE.split('\n').slice(1).map((l) => `${l.split(',').slice(0, 5).join(',')},Fernmoor`),
    ].join('\n');
    const out = join(dir, 'other.csv');
    const review = join(dir, 'review.csv');
    const explained: string[] = [];
    const run = await linkCsv({
      input: file('other-in.csv', rows),
      out,
      map: 'given=first_name,family=surname,dob=dob,postcode=postcode,other:birth_place=birth_place',
      idColumn: 'ref',
      review,
      explain: (lines) => explained.push(...lines),
    });
    const cluster = new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[1]!, l.split(',')[2]!]));
    expect(cluster.get('F2')).toBe(cluster.get('F1'));
    expect(cluster.get('S2')).toBe(cluster.get('S1'));
    expect(cluster.get('S1')).not.toBe(cluster.get('F1'));
    expect(run.refused).toBeGreaterThan(0);
    const reviewed = readFileSync(review, 'utf8').trim().split('\n');
    expect(reviewed[0]).toBe('row_a,ref_a,row_b,ref_b,probability,reason');
    expect(reviewed.length).toBe(run.refused + 1);
    expect(reviewed[1]).toMatch(/^\d+,\w+,\d+,\w+,0\.\d{4},(records strongly disagree|weak link between groups)$/);
    const text = explained.join('\n');
    expect(text).toContain('birth place (other:birth_place)');
    expect(text).toMatch(/too few records to learn from/);
  });

  it('gives the same clusters on two threads as on one', async () => {
    // A few thousand synthetic records with duplicates (too small to go to two threads by itself: forced here).
    const { syntheticRegister } = await import('../db/seed/variants.js');
    const { fields } = syntheticRegister(3000, { seed: 21 });
    const lines = ['id,first_name,surname,dob,postcode,nhs'];
    fields.forEach((f, i) => lines.push([String(i), f.givenNames?.[0] ?? '', f.familyNames?.[0] ?? '', f.dateOfBirth ?? '', f.postcode ?? '', f.identifiers?.nhs_number ?? ''].map(csvCell).join(',')));
    const input = file('threads.csv', lines.join('\n'));
    const one = await linkCsv({ input, out: join(dir, 'one.csv'), map: MAP, idColumn: 'id', threads: 1 });
    const two = await linkCsv({ input, out: join(dir, 'two.csv'), map: MAP, idColumn: 'id', threads: 2 });
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one.csv'), 'utf8'));
    expect(two.candidatePairs).toBe(one.candidatePairs);
    expect(two.links).toBe(one.links);
    expect(one.clusters).toBeLessThan(3000);
  }, 120_000);

  it('reads NULL, None, NaN and N/A as empty, and dates of any century', () => {
    const problems: Problem[] = [];
    const f = rowToFields({ a: 'NULL', b: 'Chudleigh', c: '1630-08-01', d: 'None', e: 'n/a' }, parseMapping('given=a,family=b,dob=c,postcode=d,other:occupation=e'), 1, problems);
    expect(f.givenNames).toEqual(['']);
    expect(f.postcode).toBeNull();
    expect(f.other).toEqual({ occupation: '' });
    expect(f.dateOfBirth).toBe('1630-08-01');
    expect(problems).toEqual([]);
    expect(cell(' NaN ')).toBe('');
    expect(cell('Nancy')).toBe('Nancy');
  });

  it('reports a mis-mapped column with the columns the file has', async () => {
    await expect(linkCsv({ input: file('p2.csv', PEOPLE), out: join(dir, 'o2.csv'), map: 'given=forename,family=surname' })).rejects.toThrow(
      /column\(s\) "forename" are not in the file; its columns are: ref, first_name, surname, dob, postcode, nhs/,
    );
    expect(existsSync(join(dir, 'o2.csv'))).toBe(false);
  });

  it('reports impossible dates and invalid NHS numbers by row and field, without echoing them', async () => {
    const input = file('bad.csv', ['first_name,surname,dob,postcode,nhs', 'Ann,Lowmere,2015-02-30,FM1 1AA,', 'Ben,Lowmere,2015-01-01,FM1 1AA,1234567890', ',,2015-01-01,,'].join('\n'));
    const report = join(dir, 'problems.csv');
    const run = await linkCsv({ input, out: join(dir, 'o3.csv'), map: MAP, report });
    expect(run.problems).toEqual([
      { row: 1, field: 'dob', problem: expect.stringContaining('not a real calendar date') },
      { row: 2, field: 'id:nhs_number', problem: expect.stringContaining('not a valid NHS number') },
      { row: 3, field: 'given/family', problem: expect.stringContaining('no name') },
    ]);
    const text = readFileSync(report, 'utf8');
    expect(text).toContain('1,dob,');
    expect(text).not.toContain('2015-02-30');
    expect(text).not.toContain('1234567890');
    expect(readFileSync(join(dir, 'o3.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('stops on the first bad value with --strict, writing nothing', async () => {
    const input = file('strict.csv', ['first_name,surname,dob', 'Ann,Lowmere,31/31/2015', 'Ben,Lowmere,2015-01-01'].join('\n'));
    const out = join(dir, 'o4.csv');
    await expect(linkCsv({ input, out, map: 'given=first_name,family=surname,dob=dob', strict: true })).rejects.toThrow(/first at row 1, field dob: not a date/);
    expect(existsSync(out)).toBe(false);
  });

  it('says where a file stops being UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('first_name,surname\nAnn,Lowmere\nRen'), Buffer.from([0xe9]), Buffer.from('e,Lowmere\n')]);
    await expect(linkCsv({ input: file('latin1.csv', latin1), out: join(dir, 'o5.csv'), map: 'given=first_name,family=surname' })).rejects.toThrow(
      /not UTF-8 text: line 3 has a character in another encoding/,
    );
  });

  it('names malformed CSV, an empty file, a missing file', async () => {
    const map = 'given=first_name,family=surname';
    await expect(linkCsv({ input: file('quote.csv', 'first_name,surname\n"Ann,Lowmere\n'), out: join(dir, 'o6.csv'), map })).rejects.toThrow(/malformed at line/);
    await expect(linkCsv({ input: file('empty.csv', ''), out: join(dir, 'o6.csv'), map })).rejects.toThrow(/is empty/);
    await expect(linkCsv({ input: file('header.csv', 'first_name,surname\n'), out: join(dir, 'o6.csv'), map })).rejects.toThrow(/header but no rows/);
    await expect(linkCsv({ input: join(dir, 'nope.csv'), out: join(dir, 'o6.csv'), map })).rejects.toBeInstanceOf(LinkInputError);
    expect(existsSync(join(dir, 'o6.csv'))).toBe(false);
  });

  it('leaves no partial file when the output cannot be written', async () => {
    await expect(linkCsv({ input: file('p7.csv', PEOPLE), out: join(dir, 'missing-folder', 'out.csv'), map: MAP })).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('neutralises spreadsheet formulas and quotes cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('the command', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  it('exits 1 with a one-line message for a bad mapping, and 0 with a summary when it works', () => {
    const input = file('cli.csv', PEOPLE);
    const bad = spawnSync(tsx, ['src/cli/link.ts', '--input', input, '--map', 'given=nope', '--out', join(dir, 'cli-out.csv')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^link: column\(s\) "nope" are not in the file/);
    const good = spawnSync(tsx, ['src/cli/link.ts', '--input', input, '--map', MAP, '--out', join(dir, 'cli-out.csv')], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/Linked 7 rows into \d+ clusters/);
    const usage = spawnSync(tsx, ['src/cli/link.ts'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run link');
  }, 60_000);
});
