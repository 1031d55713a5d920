import { describe, expect, it } from 'vitest';
import { defaultRules, generatePairs } from './blocking.js';
import { DisjointSets } from './cluster.js';
import { ADDRESS, DOB, FAMILY, GIVEN, MISSING, comparisonsFor, identifierComparison } from './comparisons.js';
import { bcubed, pairwise } from './evaluate.js';
import { estimateParams, link, seededRandom } from './link.js';
import { MatchModel, type ModelParams, patternKey, patternVector, probabilityOf, weightOf } from './model.js';
import { canonicalGivenName, nicknameEquivalent } from './nicknames.js';
import { dobProblem, normaliseDob, prepare } from './record.js';

const p = (f: Parameters<typeof prepare>[0]) => prepare(f);

describe('preparing a person for matching', () => {
  it('normalises names, dates, sex and identifiers from any source', () => {
    const r = p({ givenNames: ['Mary-Jane', 'MJ'], familyNames: ['O’Neil Smith'], dateOfBirth: '04/11/1990', gender: 'Female', postcode: 'fm1 2ab', identifiers: { nhs_number: '943 476 5919' } });
    expect(r.given).toEqual(['mary', 'jane', 'mj']);
    expect(r.family).toEqual(['oneil', 'smith', 'oneilsmith']);
    expect(r.dob).toBe('19901104');
    expect(r.gender).toBe('f');
    expect(r.postcode).toBe('FM12AB');
    expect(r.ids).toEqual({ nhs_number: '9434765919' });
  });

  it('reads dates in three forms and refuses impossible ones', () => {
    expect(normaliseDob('2014-03-27')).toBe('20140327');
    expect(normaliseDob('20140327')).toBe('20140327');
    expect(normaliseDob('27/3/2014')).toBe('20140327');
    expect(normaliseDob('2014-13-01')).toBe('');
    // Impossible but readable dates are kept for comparison (a typo is still evidence), and flagged.
    expect(normaliseDob('2015-02-30')).toBe('20150230');
    expect(dobProblem('2015-02-30')).toBe('impossible');
    expect(dobProblem('2015-02-29')).toBe('impossible');
    expect(dobProblem('2016-02-29')).toBeNull();
    expect(dobProblem('31/04/2016')).toBe('impossible');
    expect(dobProblem('2016-13-01')).toBe('unreadable');
    expect(dobProblem('')).toBeNull();
    expect(normaliseDob('not a date')).toBe('');
  });
});

describe('nicknames', () => {
  it('knows common English short forms, both ways', () => {
    expect(nicknameEquivalent('bob', 'robert')).toBe(true);
    expect(nicknameEquivalent('robert', 'rob')).toBe(true);
    expect(nicknameEquivalent('liz', 'elizabeth')).toBe(true);
    expect(nicknameEquivalent('bill', 'william')).toBe(true);
    expect(nicknameEquivalent('bob', 'william')).toBe(false);
    expect(canonicalGivenName('bobby')).toBe('robert');
  });
});

describe('comparison levels', () => {
  it('grades first names: exact, nickname, spelling, sound, initial, different', () => {
    const g = (a: string, b: string) => GIVEN.compare(p({ givenNames: [a] }), p({ givenNames: [b] }), false);
    expect(g('Robert', 'Robert')).toBe(0);
    expect(g('Robert', 'Bob')).toBe(1);
    expect(g('Jonathon', 'Jonathan')).toBe(2);
    expect(g('Catherine', 'Kathryn')).toBe(1);
    expect(g('Stephen', 'Steven')).toBe(1);
    expect(g('Ayesha', 'Aisha')).toBe(3);
    expect(g('J', 'John')).toBe(4);
    expect(g('Olivia', 'Harry')).toBe(5);
    expect(g('', 'Harry')).toBe(MISSING);
  });

  it('matches any recorded name: a previous surname counts', () => {
    expect(FAMILY.compare(p({ familyNames: ['Jones', 'Smith'] }), p({ familyNames: ['Smith'] }), false)).toBe(0);
  });

  it('compares first names with last names when they were swapped', () => {
    const a = p({ givenNames: ['Rowe'], familyNames: ['Caleb'] });
    const b = p({ givenNames: ['Caleb'], familyNames: ['Rowe'] });
    expect(GIVEN.compare(a, b, true)).toBe(0);
    expect(FAMILY.compare(a, b, true)).toBe(0);
  });

  it('grades dates of birth: typo, day and month swapped, estimates', () => {
    const d = (a: string, b: string, estimated = false) => DOB.compare(p({ dateOfBirth: a }), p({ dateOfBirth: b, dobEstimated: estimated }), false);
    expect(d('2014-03-27', '2014-03-27')).toBe(0);
    expect(d('2014-03-07', '2014-07-03')).toBe(1);
    expect(d('2014-03-27', '2014-03-28')).toBe(1);
    expect(d('2014-03-27', '2015-03-28')).toBe(2);
    expect(d('2014-03-27', '1998-11-02')).toBe(3);
    expect(d('2014-03-27', '2015-07-01', true)).toBe(2);
    expect(d('2014-03-27', '2019-07-01', true)).toBe(3);
  });

  it('treats an address as one thing: same house, same postcode, close, same district, different', () => {
    const a = (x: Parameters<typeof prepare>[0]) => ADDRESS.compare(p({ postcode: 'FM1 2AB', streetNumber: '12', street: 'Heron Close', locality: 'Fernmoor' }), p(x), false);
    expect(a({ postcode: 'FM1 2AB', streetNumber: '12', street: 'Heron Close' })).toBe(0);
    expect(a({ postcode: 'FM1 2AB', streetNumber: '14', street: 'Heron Close' })).toBe(1);
    expect(a({ postcode: 'FM1 2BA', streetNumber: '3', street: 'Mill Lane' })).toBe(2);
    expect(a({ postcode: 'FM1 9ZZ', streetNumber: '3', street: 'Mill Lane' })).toBe(3);
    expect(a({ postcode: 'FR9 9ZZ', streetNumber: '3', street: 'Mill Lane', locality: 'Elsewhere' })).toBe(4);
    expect(a({})).toBe(MISSING);
  });

  it('allows one wrong character in an identifier', () => {
    const id = identifierComparison('nhs_number', 'NHS number');
    const x = (v: string) => id.compare(p({ identifiers: { nhs_number: '9434765919' } }), p({ identifiers: { nhs_number: v } }), false);
    expect(x('9434765919')).toBe(0);
    expect(x('9434765991')).toBe(1);
    expect(x('4010232137')).toBe(2);
  });
});

describe('the Fellegi–Sunter model', () => {
  const comparisons = [GIVEN, FAMILY, DOB];
  const params: ModelParams = {
    prior: 1e-4,
    population: 10_000,
    comparisons: [
      { name: 'given', m: [0.8, 0.05, 0.05, 0.04, 0.01, 0.05], u: [0.01, 0.001, 0.002, 0.01, 0.002, 0.975] },
      { name: 'family', m: [0.85, 0.08, 0.03, 0.04], u: [0.005, 0.001, 0.01, 0.984] },
      { name: 'dob', m: [0.9, 0.07, 0.02, 0.01], u: [0.0001, 0.001, 0.01, 0.9889] },
    ],
  };
  const model = new MatchModel(comparisons, params);

  it('adds log2(m/u) for each field to the prior odds', () => {
    const a = p({ givenNames: ['Ada'], familyNames: ['Okafor'], dateOfBirth: '2014-03-27' });
    const s = model.score(a, a);
    const expected = weightOf(1e-4) + Math.log2(0.8 / 0.01) + Math.log2(0.85 / 0.005) + Math.log2(0.9 / 0.0001);
    expect(s.weight).toBeCloseTo(expected, 6);
    expect(s.probability).toBeCloseTo(probabilityOf(expected), 9);
  });

  it('ignores a field missing on either side', () => {
    const a = p({ givenNames: ['Ada'], familyNames: ['Okafor'] });
    const b = p({ givenNames: ['Ada'], familyNames: ['Okafor'], dateOfBirth: '2014-03-27' });
    expect(model.score(a, b).weight).toBeCloseTo(weightOf(1e-4) + Math.log2(80) + Math.log2(170), 6);
  });

  it('rescales the prior to the size of the register scored against', () => {
    const big = new MatchModel(comparisons, params, { population: 100_000 });
    const a = p({ givenNames: ['Ada'] });
    expect(model.score(a, a).weight - big.score(a, a).weight).toBeCloseTo(Math.log2(10), 1);
  });

  it('weighs an exact common name less than an exact rare one', () => {
    const a = p({ givenNames: ['John'], familyNames: ['Smith'], dateOfBirth: '1980-01-01' });
    const b = p({ givenNames: ['Jan'], familyNames: ['Okafor'], dateOfBirth: '1980-01-01' });
    const freq = { family: (t: string) => (t === 'smith' ? 0.02 : 0.0001) };
    expect(model.score(a, a, freq).weight).toBeLessThan(model.score(b, b, freq).weight);
  });

  it('explains each field in words with its weight', () => {
    const a = p({ givenNames: ['Robert'], familyNames: ['Okafor'], dateOfBirth: '2014-03-27' });
    const b = p({ givenNames: ['Bob'], familyNames: ['Okafor'], dateOfBirth: '2014-03-28' });
    const { fields } = model.explain(a, b);
    expect(fields.map((f) => [f.name, f.level, f.agreement])).toEqual([
      ['given', 'same name (nickname)', 'partly'],
      ['family', 'exact', 'agree'],
      ['dob', 'one digit wrong, or day and month swapped', 'partly'],
    ]);
    expect(fields[0]!.weight).toBeCloseTo(Math.log2(50), 1);
  });

  it('stops early for a pair that cannot reach the bar, without changing the answer for those that can', () => {
    const recs = ['Ada Okafor 2014-03-27', 'Ada Okafor 2014-03-28', 'Bob Smith 1970-01-01', 'Adah Okafor 2014-03-27'].map((s) => {
      const [g, f, d] = s.split(' ');
      return p({ givenNames: [g], familyNames: [f], dateOfBirth: d });
    });
    const min = weightOf(0.5);
    for (const a of recs) {
      for (const b of recs) {
        const full = model.score(a, b).weight;
        const quick = model.weightIfAtLeast(a, b, min);
        if (full >= min) expect(quick).toBeCloseTo(full, 9);
        else expect(quick).toBe(Number.NEGATIVE_INFINITY);
      }
    }
  });

  it('packs comparison vectors into pattern numbers and back', () => {
    const v = new Int8Array([0, -1, 3, 5, 2]);
    expect([...patternVector(patternKey(v), 5)]).toEqual([...v]);
  });
});

describe('blocking, clustering and evaluation', () => {
  it('finds each candidate pair once, under the first rule that finds it', () => {
    const recs = [
      p({ givenNames: ['Ada'], familyNames: ['Okafor'], dateOfBirth: '2014-03-27', postcode: 'FM1 2AB' }),
      p({ givenNames: ['Ada'], familyNames: ['Okafor'], dateOfBirth: '2014-03-27', postcode: 'FM1 2AB' }),
      p({ givenNames: ['Zed'], familyNames: ['Quill'], dateOfBirth: '1950-01-01', postcode: 'FR9 9ZZ' }),
    ];
    const pairs: string[] = [];
    generatePairs(recs, defaultRules(), (i, j) => pairs.push(`${i}-${j}`));
    expect(pairs).toEqual(['0-1']);
  });

  it('clusters transitively', () => {
    const s = new DisjointSets(5);
    s.union(0, 1);
    s.union(1, 2);
    s.union(3, 4);
    expect([...s.labels()]).toEqual([0, 0, 0, 1, 1]);
  });

  it('scores pairwise and B-cubed against truth (hand-computed)', () => {
    // Truth: {0,1,2} {3}; predicted: {0,1} {2,3}.
    const pw = pairwise(['a', 'a', 'a', 'b'], [1, 1, 2, 2]);
    expect(pw).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1, precision: 0.5 });
    expect(pw.recall).toBeCloseTo(1 / 3, 9);
    const bc = bcubed(['a', 'a', 'a', 'b'], [1, 1, 2, 2]);
    // Per-record precision: 1, 1, 1/2, 1/2 → 0.75; recall: 2/3, 2/3, 1/3, 1 → 2/3.
    expect(bc.precision).toBeCloseTo(0.75, 9);
    expect(bc.recall).toBeCloseTo(2 / 3, 9);
  });
});

describe('linking a batch end to end (UK-shaped synthetic records with known truth)', () => {
  it('estimates its parameters unsupervised and links with high precision and recall', async () => {
    const { syntheticRegister } = await import('../../db/seed/variants.js');
    const train = syntheticRegister(4000, { seed: 5 });
    const comparisons = comparisonsFor({ given: true, family: true, dob: true, gender: true, postcode: true, streetNumber: true, street: true, locality: true, identifiers: [{ type: 'nhs_number', title: 'NHS number' }] });
    const params = estimateParams(train.fields.map(prepare), { comparisons, random: seededRandom(1) });
    // m for an exact date of birth is high for the same person; u is tiny for two strangers.
    const dob = params.comparisons.find((c) => c.name === 'dob')!;
    expect(dob.m[0]).toBeGreaterThan(0.8);
    expect(dob.u[0]).toBeLessThan(0.001);
    const test = syntheticRegister(4000, { seed: 6 });
    const result = link(test.fields.map(prepare), { comparisons, params, threshold: 0.9 });
    const score = pairwise(test.truth, result.labels);
    expect(score.precision).toBeGreaterThan(0.95);
    expect(score.recall).toBeGreaterThan(0.9);
  });
});
