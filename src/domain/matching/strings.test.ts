import { describe, expect, it } from 'vitest';
import { editDistance, jaroWinkler, jaroWinklerAtLeast, mismatches, nameTokens, normaliseText, withinOneEdit } from './strings.js';

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

  it('skips Jaro–Winkler only when it cannot reach the bar, and otherwise gives the same answer', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const word = () => Array.from({ length: 1 + Math.floor(next() * 9) }, () => 'abcdehilmnorst'[Math.floor(next() * 14)]).join('');
    for (let k = 0; k < 20_000; k += 1) {
      const a = word();
      const b = next() < 0.3 ? a.slice(0, -1) + word().slice(0, 1) : word();
      for (const t of [0.8, 0.9, 0.92]) {
        const full = jaroWinkler(a, b);
        const quick = jaroWinklerAtLeast(a, b, t);
        if (full >= t) expect(quick).toBe(full);
        else expect(quick).toBeLessThan(t);
      }
    }
    expect(jaroWinklerAtLeast('oliver', 'harry', 0.8)).toBe(0);
    expect(jaroWinklerAtLeast('jonathon', 'jonathan', 0.8)).toBeCloseTo(jaroWinkler('jonathon', 'jonathan'), 12);
  });
});
