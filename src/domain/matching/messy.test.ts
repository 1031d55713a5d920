/**
 * Messy records: each way the engine used to lose people (issue 13) as a test. A nickname and a first name that
 * differs are not punished as if they were strangers; a blank surname, a whole name in the first-name box, names
 * swapped between boxes, a title in place of a name, a typo in the surname and the date of birth at once are all
 * still compared; and a chain of weak links does not join two people's records.
 */
import { describe, expect, it } from 'vitest';
import { syntheticRegister } from '../../db/seed/variants.js';
import { defaultRules, generatePairs } from './blocking.js';
import { type ScoredLink, checkedClusters } from './cluster.js';
import { FAMILY, GIVEN, MISSING, comparisonsFor, otherComparison } from './comparisons.js';
import { emSession, estimateU, floored, initialM, trainingRules } from './estimate.js';
import { explainModel } from './explain.js';
import { agreedDob, cannotBeOnePerson, estimateWithReport, groupsDisagree, link, nameFrequencies, seededRandom } from './link.js';
import { MatchModel, patternKey, weightOf } from './model.js';
import { type PersonFields, prepare } from './record.js';
import { isNotAName, nameTokens } from './strings.js';

const p = (f: PersonFields) => prepare(f);
const UK = comparisonsFor({ given: true, family: true, dob: true, gender: true, postcode: true, streetNumber: true, street: true, locality: true, identifiers: [{ type: 'nhs_number', title: 'NHS number' }] });

// Estimated once, unsupervised, on a synthetic UK register (nicknames, typos, households and twins, no labels used).
const trained = estimateWithReport(syntheticRegister(6000, { seed: 31 }).fields.map(prepare), { comparisons: UK, random: seededRandom(3) });
const model = new MatchModel(UK, trained.params, { population: 100_000 });
const bitsOf = (name: string, level: number) => {
  const c = trained.params.comparisons.find((x) => x.name === name)!;
  return Math.log2(c.m[level]! / c.u[level]!);
};

/** Whether the default blocking rules would compare two records. */
function compared(a: PersonFields, b: PersonFields): boolean {
  const { wouldCompare } = generatePairs([p(a), p(b)], defaultRules(['nhs_number']), () => {});
  return wouldCompare(0, 1);
}

describe('names that are not names', () => {
  it('strips titles, honorifics, ranks and ordinals before anything else', () => {
    expect(nameTokens('Dr Ada Okafor')).toEqual(['ada', 'okafor']);
    expect(nameTokens('Rev. Canon John Smith 2nd')).toEqual(['john', 'smith']);
    expect(nameTokens('Lady')).toEqual([]);
    expect(nameTokens('Sir')).toEqual([]);
    expect(nameTokens('Lord Thomas Clifford, 1st Baron')).toEqual(['thomas', 'clifford']);
    expect(nameTokens('Henry VIII')).toEqual(['henry']);
    expect(nameTokens('Sam Jones Jnr')).toEqual(['sam', 'jones']);
    for (const w of ['mr', 'mrs', 'miss', 'ms', 'dr', 'rev', 'sir', 'lady', 'lord', 'dame', '2nd', '3rd', '1st', 'jr', 'snr', 'iii']) expect(isNotAName(w)).toBe(true);
    for (const w of ['ada', 'king', 'bishop', 'earlsdon', 'mister']) expect(isNotAName(w)).toBe(false);
  });

  it('keeps a rank that is the whole family name: John Lord is not John with no surname', () => {
    expect(nameTokens('Lord', 'family')).toEqual(['lord']);
    expect(nameTokens('Lord Smith', 'family')).toEqual(['smith']);
    expect(nameTokens('Lord', 'given')).toEqual([]);
    const lord = p({ givenNames: ['Jack'], familyNames: ['Lord'] });
    expect(lord.family).toEqual(['lord']);
    expect(FAMILY.compare(lord, p({ givenNames: ['Jack'], familyNames: ['Smith'] }), false)).toBe(3);
    expect(p({ givenNames: ['Mr John'], familyNames: ['Dr'] }).family).toEqual([]);
  });

  it('does not confuse a name holding the separator characters with another name', () => {
    const odd = p({ givenNames: ['Ann'], familyNames: ['Smith\u0001Jones'] });
    const two = p({ givenNames: ['Ann'], familyNames: ['Smith', 'Jones'] });
    expect(two.familyJoined).toBe('smith');
    expect(odd.familyJoined).toBe('smithjones');
  });

  it('a title-only first name links nobody: two strangers called "Lady" with no surname are not compared on it', () => {
    const a = p({ givenNames: ['Lady'], familyNames: [''], dateOfBirth: '1950-01-01' });
    const b = p({ givenNames: ['Lady'], familyNames: [''], dateOfBirth: '1972-06-30' });
    expect(a.tokens).toEqual([]);
    expect(GIVEN.compare(a, b, false)).toBe(MISSING);
    expect(compared({ givenNames: ['Lady'], dateOfBirth: '1950-01-01' }, { givenNames: ['Lady'], dateOfBirth: '1972-06-30' })).toBe(false);
  });
});

describe('names in the wrong box', () => {
  it('reads a whole name typed into the first-name box, with the surname blank', () => {
    const r = p({ givenNames: ['John Quarrington'], familyNames: [''] });
    expect(r.family).toEqual(['quarrington']);
    expect(r.familyInferred).toBe(true);
    const full = p({ givenNames: ['John'], familyNames: ['Quarrington'] });
    expect(FAMILY.compare(r, full, false)).toBe(0);
    expect(GIVEN.compare(r, full, false)).toBe(0);
  });

  it('counts an inferred surname only when it agrees (Mary Jane with no surname is not "different" from Mary Smith)', () => {
    const r = p({ givenNames: ['Mary Jane'], familyNames: [''] });
    expect(FAMILY.compare(r, p({ givenNames: ['Mary'], familyNames: ['Smith'] }), false)).toBe(MISSING);
  });

  it('reads a whole name in the surname box, with the first name blank', () => {
    const r = p({ givenNames: [''], familyNames: ['Ada Okafor'] });
    expect(r.given).toEqual(['ada']);
    expect(r.givenInferred).toBe(true);
    expect(GIVEN.compare(r, p({ givenNames: ['Ada'], familyNames: ['Okafor'] }), false)).toBe(0);
    expect(GIVEN.compare(r, p({ givenNames: ['Zoe'], familyNames: ['Okafor'] }), false)).toBe(MISSING);
  });
});

describe('blocking that survives one bad field', () => {
  const base: PersonFields = { givenNames: ['Tobias'], familyNames: ['Wrenfield'], dateOfBirth: '2011-04-23', postcode: 'FM4 7QT' };

  it('compares a pair with the surname left blank', () => {
    expect(compared(base, { givenNames: ['Tobias'], familyNames: [''], dateOfBirth: '2011-04-23' })).toBe(true);
  });

  it('compares a pair with the whole name in the first-name box and no date of birth', () => {
    expect(compared(base, { givenNames: ['Tobias Wrenfield'], familyNames: [''] })).toBe(true);
  });

  it('compares a pair with first and last names swapped between the boxes, and a house move', () => {
    expect(compared(base, { givenNames: ['Wrenfield'], familyNames: ['Tobias'], dateOfBirth: '2011-04-23', postcode: 'FR9 1AA' })).toBe(true);
  });

  it('compares a pair with a typo in the surname AND in the date of birth (and a nickname)', () => {
    expect(compared(base, { givenNames: ['Toby'], familyNames: ['Wrenfeld'], dateOfBirth: '2011-04-28', postcode: 'FR9 1AA' })).toBe(true);
    expect(compared(base, { givenNames: ['Tobias'], familyNames: ['Renfield'], dateOfBirth: '2011-04-28', postcode: 'FR9 1AA' })).toBe(true);
    // The year wrong and the surname misspelt: the first name and the day and month still meet.
    expect(compared(base, { givenNames: ['Tobias'], familyNames: ['Wrenfeild'], dateOfBirth: '2001-04-23' })).toBe(true);
  });

  it('compares a pair with day and month swapped and a different surname (a new family name)', () => {
    const a: PersonFields = { givenNames: ['Keira'], familyNames: ['Mossop'], dateOfBirth: '2009-03-07' };
    expect(compared(a, { givenNames: ['Keira'], familyNames: ['Hallworth'], dateOfBirth: '2009-07-03' })).toBe(true);
  });

  it('compares a pair known by a middle name, by the middle name', () => {
    expect(compared({ givenNames: ['Amelia Rose'], familyNames: ['Pettigrew'], dateOfBirth: '1999-12-01' }, { givenNames: ['Rose'], familyNames: ['Pettigrew'] })).toBe(true);
  });

  it('still leaves strangers alone', () => {
    expect(compared(base, { givenNames: ['Harriet'], familyNames: ['Oakhollow'], dateOfBirth: '1966-09-02', postcode: 'FS2 3BB' })).toBe(false);
  });
});

describe('estimation that does not punish the commonest true differences', () => {
  it('learns from pairs born on the same day how often the same person’s first name differs, and from pairs whose names sound the same how often the date does', () => {
    const sessions = new Map(trained.sessions.map((s) => [s.rule, s]));
    expect(sessions.get('same date of birth')!.estimated).not.toContain('dob');
    expect(sessions.get('same date of birth')!.estimated).toContain('given');
    expect(sessions.get('first and last names sound the same')!.estimated).toEqual(expect.arrayContaining(['dob', 'address']));
    expect(sessions.get('first and last names sound the same')!.estimated).not.toContain('given');
    for (const s of trained.sessions) expect(s.converged).toBe(true);
  });

  it('a nickname costs little, and a first name that differs costs a few bits, not ten', () => {
    // Levels: 0 exact, 1 nickname, … 5 different.
    expect(bitsOf('given', 1)).toBeGreaterThan(0);
    expect(bitsOf('given', 5)).toBeGreaterThan(-6);
    const given = trained.params.comparisons.find((c) => c.name === 'given')!;
    expect(given.m[0]).toBeLessThan(0.97);
    expect(given.m[5]).toBeGreaterThan(0.01);
    // A date of birth that differs is evidence against, but not a veto either.
    expect(bitsOf('dob', 3)).toBeGreaterThan(-12);
    expect(bitsOf('dob', 3)).toBeLessThan(-2);
  });

  it('links a nickname pair (William / Bill) with a surname typo', () => {
    const a = p({ givenNames: ['William'], familyNames: ['Ashworth'], dateOfBirth: '1984-02-19', gender: 'male', postcode: 'FM3 8HD', streetNumber: '41', street: 'Heron Close' });
    const b = p({ givenNames: ['Bill'], familyNames: ['Ashwroth'], dateOfBirth: '1984-02-19', gender: 'male', postcode: 'FM3 8HD', streetNumber: '41', street: 'Heron Close' });
    expect(model.score(a, b).probability).toBeGreaterThan(0.99);
  });

  it('links a blank-surname pair that agrees on everything else', () => {
    const a = p({ givenNames: ['Tobias'], familyNames: ['Wrenfield'], dateOfBirth: '2011-04-23', gender: 'male', postcode: 'FM4 7QT', streetNumber: '9', street: 'Mill Lane' });
    const b = p({ givenNames: ['Tobias'], familyNames: [''], dateOfBirth: '2011-04-23', gender: 'male', postcode: 'FM4 7QT', streetNumber: '9', street: 'Mill Lane' });
    expect(model.score(a, b).probability).toBeGreaterThan(0.9);
  });

  it('sets the prior from the matches among pairs born on the same day, and says so', () => {
    expect(trained.priorFrom).toMatch(/born on the same day/);
    expect(trained.params.prior).toBeGreaterThan(0);
    expect(trained.params.prior).toBeLessThan(0.01);
  });

  it('EM in one session finds the matches and converges (a two-level toy with known answer)', () => {
    const comparisons = [GIVEN, FAMILY];
    // 300 pairs agreeing exactly on both (matches), 700 differing on both (non-matches).
    const patterns = new Map([
      [patternKey([0, 0]), 300],
      [patternKey([5, 3]), 700],
    ]);
    const u = [
      [0.01, 0.001, 0.001, 0.01, 0.001, 0.977],
      [0.01, 0.001, 0.01, 0.979],
    ];
    const result = emSession(comparisons, patterns, u);
    expect(result.converged).toBe(true);
    expect(result.matchShare).toBeCloseTo(0.3, 2);
    expect(result.m[0]![0]).toBeGreaterThan(0.99);
  });

  it('keeps every level possible for a true match', () => {
    expect(Math.min(...floored([1, 0, 0, 0]))).toBeGreaterThan(0.0009);
    expect(floored(initialM(4)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('trains on rules that never teach a comparison from pairs that agree on it by construction', () => {
    for (const rule of trainingRules(UK)) expect(rule.uses.length).toBeGreaterThan(0);
    const names = trainingRules(UK).map((r) => r.name);
    expect(names).toEqual(['same date of birth', 'first and last names sound the same', 'same nhs_number']);
  });

  it('explains the parameters and the sessions in words', () => {
    const text = explainModel(UK, trained.params, trained.sessions, trained.priorFrom).join('\n');
    expect(text).toMatch(/EM on pairs with same date of birth: .* converged/);
    expect(text).toMatch(/First name \(given\)\n {2}exact +[\d.]+% +[\d.]+% +\+[\d.]+ bits/);
  });
});

describe('a file with too few duplicates to learn from', () => {
  // Originals only: no one is in it twice, so EM has no matches to learn "same person" from.
  const originals = syntheticRegister(6000, { seed: 41, duplicateShare: 0 }).fields.map(prepare);

  it('does not use what EM made of it, and says so', () => {
    const alone = estimateWithReport(originals, { comparisons: UK, random: seededRandom(5) });
    expect(alone.sessions.filter((s) => s.rule !== 'same nhs_number').every((s) => !s.learned)).toBe(true);
    expect(alone.priorFrom).toMatch(/too few matches to learn from/);
    // Without anything to fall back on, m starts where EM would, and exact agreement still counts for a match.
    const given = alone.params.comparisons.find((c) => c.name === 'given')!;
    expect(given.m[0]).toBeGreaterThan(given.m[5]!);
  });

  it('learns nothing from a file of names alone (blocked on names, nothing personal is left to learn)', () => {
    const names = comparisonsFor({ given: true, family: true });
    const alone = estimateWithReport(originals, { comparisons: names, random: seededRandom(5) });
    expect(alone.sessions.every((s) => !s.learned)).toBe(true);
    expect(alone.priorFrom).toMatch(/too few matches/);
  });

  it('falls back on parameters learnt elsewhere (the synthetic register), m and prior', () => {
    const withFallback = estimateWithReport(originals, { comparisons: UK, random: seededRandom(5), fallback: trained.params });
    const given = withFallback.params.comparisons.find((c) => c.name === 'given')!;
    expect(given.m[0]).toBeCloseTo(trained.params.comparisons.find((c) => c.name === 'given')!.m[0]!, 6);
    const perRecord = (p: { prior: number; population: number }) => (p.prior * (p.population - 1)) / 2;
    expect(perRecord(withFallback.params)).toBeCloseTo(perRecord(trained.params), 6);
    expect(explainModel(UK, withFallback.params, withFallback.sessions, withFallback.priorFrom).join('\n')).toMatch(/too few matches to learn from: not used/);
  });
});

describe('other columns (birth place, occupation)', () => {
  const place = otherComparison('birth_place');

  it('compares them as text with levels', () => {
    const r = (v: string) => p({ other: { birth_place: v } });
    expect(place.name).toBe('other:birth_place');
    expect(place.title).toBe('birth place');
    expect(place.compare(r('Kelsey Bridge'), r('kelsey bridge'), false)).toBe(0);
    expect(place.compare(r('Kelsey Bridge'), r('Kelsey Bidge'), false)).toBe(1);
    expect(place.compare(r('Kelsey Bridge'), r('Upper Crowford'), false)).toBe(3);
    expect(place.compare(r('Kelsey Bridge'), r(''), false)).toBe(MISSING);
  });

  it('weighs an exact agreement on an uncommon value more than on a common one', () => {
    const records = [...Array.from({ length: 50 }, () => p({ other: { birth_place: 'Fernmoor' } })), p({ other: { birth_place: 'Quillcombe' } }), p({ other: { birth_place: 'Quillcombe' } })];
    const params = {
      prior: 0.01,
      population: 52,
      comparisons: [{ name: 'other:birth_place', m: [0.9, 0.05, 0.03, 0.02], u: [0.5, 0.01, 0.05, 0.44] }],
    };
    const m = new MatchModel([place], params);
    const freq = nameFrequencies(records, [place]);
    expect(m.score(records[50]!, records[51]!, freq).weight).toBeGreaterThan(m.score(records[0]!, records[1]!, freq).weight + 3);
  });

  it('blocks on date of birth and the column, so a record with no usable name is still compared', () => {
    const rules = defaultRules([], ['birth_place']);
    const a = p({ givenNames: ['Lady'], dateOfBirth: '1931-05-02', other: { birth_place: 'Quillcombe' } });
    const b = p({ givenNames: ['Edith'], familyNames: ['Varley'], dateOfBirth: '1931-05-02', other: { birth_place: 'Quillcombe' } });
    expect(generatePairs([a, b], rules, () => {}).wouldCompare(0, 1)).toBe(true);
  });
});

describe('clustering that checks the cluster', () => {
  it('does not let a chain of weak links join two groups (pure: a weight for every pair)', () => {
    // Records 0,1 are one person, 3,4 another; 2 has a weak link to each group.
    const strong = 20;
    const weak = weightOf(0.92);
    const w = (i: number, j: number) => {
      const key = `${Math.min(i, j)}-${Math.max(i, j)}`;
      return ({ '0-1': strong, '3-4': strong, '1-2': weak, '2-3': weak } as Record<string, number>)[key] ?? -15;
    };
    const links: ScoredLink[] = [
      { i: 0, j: 1, weight: strong },
      { i: 3, j: 4, weight: strong },
      { i: 1, j: 2, weight: weak },
      { i: 2, j: 3, weight: weak },
    ];
    const unchecked = checkedClusters(5, links, { weight: w, conflict: () => false, minCohesion: 0, maxCrossPairs: Infinity });
    expect(new Set(unchecked.labels).size).toBe(1);
    const checked = checkedClusters(5, links, { weight: w, conflict: () => false, minCohesion: 0.3, maxCrossPairs: 2500 });
    expect(checked.labels[0]).toBe(checked.labels[1]);
    expect(checked.labels[3]).toBe(checked.labels[4]);
    expect(checked.labels[0]).not.toBe(checked.labels[4]);
    expect(checked.review.map((r) => r.reason)).toEqual(['weak link between groups']);
  });

  it('gives the same clusters whatever order the links were found in (ties broken by record)', () => {
    // Records 0 and 2 conflict; links 0–1 and 1–2 are equally strong.
    const check = { weight: () => 5, conflict: (i: number, j: number) => i + j === 2 && i !== j, minCohesion: 0, maxCrossPairs: 100 };
    const a = checkedClusters(3, [{ i: 0, j: 1, weight: 5 }, { i: 1, j: 2, weight: 5 }], check).labels;
    const b = checkedClusters(3, [{ i: 1, j: 2, weight: 5 }, { i: 0, j: 1, weight: 5 }], check).labels;
    expect([...a]).toEqual([...b]);
  });

  it('sends a merge too large to check for review instead of making it', () => {
    const links: ScoredLink[] = [
      { i: 0, j: 1, weight: 10 },
      { i: 2, j: 3, weight: 10 },
      { i: 1, j: 2, weight: 5 },
    ];
    const r = checkedClusters(4, links, { weight: () => 10, conflict: () => false, minCohesion: 0.3, maxCrossPairs: 3 });
    expect(new Set(r.labels).size).toBe(2);
    expect(r.review[0]!.reason).toBe('group too large to check');
  });

  it('keeps a father and son with one name at one address apart, even through a record with no date of birth', () => {
    const home = { postcode: 'FM2 6LT', streetNumber: '14', street: 'Tanner Row', gender: 'male' };
    const records = [
      p({ givenNames: ['Hassan'], familyNames: ['Bennett'], dateOfBirth: '1987-05-12', ...home }),
      p({ givenNames: ['Hassan'], familyNames: ['Bennett'], dateOfBirth: '1987-05-12', ...home, identifiers: {} }),
      p({ givenNames: ['Hassan'], familyNames: ['Bennett'], ...home }),
      p({ givenNames: ['Hassan'], familyNames: ['Bennett'], dateOfBirth: '2014-09-30', ...home }),
      p({ givenNames: ['Hassan'], familyNames: ['Bennet'], dateOfBirth: '2014-09-30', ...home }),
    ];
    expect(agreedDob(records, [0, 1, 2])).toBe('19870512');
    expect(agreedDob(records, [2])).toBe('');
    expect(groupsDisagree(records, [0, 1], [3, 4])).toBe(true);
    // Among a register of other people (how common a name is, and the prior, depend on the population).
    const everyone = [...records, ...syntheticRegister(3000, { seed: 77 }).fields.map(prepare)];
    const result = link(everyone, { comparisons: UK, params: trained.params, threshold: 0.9 });
    const l = result.labels;
    expect(l[0]).toBe(l[1]);
    expect(l[3]).toBe(l[4]);
    expect(l[0]).not.toBe(l[3]);
    expect(result.review.some((r) => r.i < 5 && r.j < 5)).toBe(true);
    // Transitively joined (no check), the undated record and a misspelt surname chain father and son into one.
    const chained = link(everyone, { comparisons: UK, params: trained.params, threshold: 0.9, clusterCheck: false }).labels;
    expect(new Set([0, 1, 2, 3, 4].map((i) => chained[i])).size).toBe(1);
  });

  it('treats two valid NHS numbers that differ, or dates of birth a typo cannot explain, as two people', () => {
    const a = p({ dateOfBirth: '1987-05-12', identifiers: { nhs_number: '9434765919' } });
    expect(cannotBeOnePerson(a, p({ dateOfBirth: '1987-05-12', identifiers: { nhs_number: '9434765918' } }))).toBe(false);
    expect(cannotBeOnePerson(a, p({ identifiers: { nhs_number: '4010232137' } }))).toBe(true);
    expect(cannotBeOnePerson(a, p({ dateOfBirth: '2014-09-30' }))).toBe(true);
    expect(cannotBeOnePerson(a, p({ dateOfBirth: '1987-12-05' }))).toBe(false);
    expect(cannotBeOnePerson(a, p({ dateOfBirth: '1988-05-12' }))).toBe(false);
    expect(cannotBeOnePerson(a, p({ dateOfBirth: '2014-09-30', dobEstimated: true }))).toBe(false);
  });
});

describe('u from random pairs', () => {
  it('is the share of each level among random pairs, smoothed so no level is impossible', () => {
    const records = ['Ada', 'Bea', 'Cal', 'Dee'].map((g) => p({ givenNames: [g] }));
    const u = estimateU([GIVEN], records, 1000, seededRandom(1));
    expect(u[0]![5]).toBeGreaterThan(0.99);
    expect(u[0]![0]).toBeGreaterThan(0);
  });
});
