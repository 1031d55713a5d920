import { describe, expect, it } from 'vitest';
import { editDistance, jaroWinkler, mismatches, nameTokens, normaliseText, withinOneEdit } from './strings.js';

describe('string comparison', () => {
  it('normalises accents, case and punctuation', () => {
    expect(normaliseText('  Zoë  O’Neil-Smith ')).toBe('zoe oneil smith');
    expect(nameTokens('Mrs Mary-Jane Ó Súilleabháin')).toEqual(['mary', 'jane', 'o', 'suilleabhain']);
  });

  it('computes Jaro–Winkler as published (MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('counts edits, with adjacent swaps as one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('agrees with the edit distance about "within one edit", for many pairs', () => {
    const words = ['smith', 'smyth', 'smiht', 'smit', 'smithe', 'msith', 'jones', '19800412', '19800421', '19810412', 'fm12ab', 'fm21ab', 'fm12a', '', 'a'];
    for (const a of words) for (const b of words) expect([a, b, withinOneEdit(a, b)]).toEqual([a, b, editDistance(a, b) <= 1]);
  });

  it('counts mismatching positions of equal-length strings', () => {
    expect(mismatches('19800412', '19800421')).toBe(2);
    expect(mismatches('abc', 'ab')).toBe(-1);
  });
});
