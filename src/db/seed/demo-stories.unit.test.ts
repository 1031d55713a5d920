/**
 * The demo's contacts read true: every concern has its ages, every age a concern fits has a narrative written for it,
 * nothing about exploitation, self-harm or radicalisation for a child under 11, nothing about school for a child
 * under 5, and the narratives fill in the child's name, age and pronouns.
 */
import { describe, expect, it } from 'vitest';
import { CONCERNS } from '../../domain/codes.js';
import { Random } from './random.js';
import { AGE_BANDS, type AgeBand, CONCERN_CODES, type StoryChild, ageBandOn, ageInWords, concernFitsChild, contactNarrative, narrativesFor, pickConcern } from './demo-stories.js';

const GENDERS = ['female', 'male'] as const;
const YOUNG_WORDS = /exploit|traffick|self-harm|cuts on|overdose|extremis|Prevent|gang|missing overnight|cannabis in school|drunk in the park/i;

describe('the demo’s concerns by age', () => {
  it('covers every front door concern, and no other', () => {
    expect([...CONCERN_CODES].sort()).toEqual(CONCERNS.map((c) => c.code).sort());
  });

  it('fits a concern to a child by band and gender, every pair of them', () => {
    const older = ['sexual_exploitation', 'criminal_exploitation', 'missing', 'self_harm', 'trafficking', 'gangs', 'radicalisation'];
    for (const code of CONCERN_CODES) {
      for (const band of AGE_BANDS) {
        for (const gender of GENDERS) {
          const fits = concernFitsChild(code, band, gender);
          if (older.includes(code)) expect(fits, `${code} ${band}`).toBe(band === '11-15' || band === '16-17');
          if (code === 'fgm') expect(fits, `${code} ${band} ${gender}`).toBe(gender === 'female' && ['0-4', '5-10', '11-15'].includes(band));
          if (code === 'young_carer' || code === 'sexual_abuse') expect(fits, `${code} ${band}`).toBe(!['unborn', '0-4'].includes(band));
          if (['domestic_abuse', 'neglect', 'other'].includes(code)) expect(fits, `${code} ${band}`).toBe(true);
          if (band === 'unborn') expect(fits, `${code} unborn`).toBe(['domestic_abuse', 'neglect', 'alcohol_misuse', 'drug_misuse', 'mental_health', 'other'].includes(code));
          // Every pair that fits has something written for it; every pair that does not has nothing.
          expect(narrativesFor(code, band).length > 0, `${code} ${band} narratives`).toBe(concernFitsChild(code, band, 'female') || concernFitsChild(code, band, 'male'));
        }
      }
    }
    expect(concernFitsChild('not_a_concern', '5-10', 'female')).toBe(false);
  });

  it('writes nothing about school for a child under 5, nor about exploitation or self-harm for a child under 11', () => {
    for (const code of CONCERN_CODES) {
      for (const text of narrativesFor(code, '0-4')) expect(text, code).not.toMatch(/school|teacher|class\b|attendance/i);
      for (const band of ['unborn', '0-4', '5-10'] as AgeBand[]) for (const text of narrativesFor(code, band)) expect(text, `${code} ${band}`).not.toMatch(YOUNG_WORDS);
      for (const text of narrativesFor(code, 'unborn')) expect(text, code).not.toMatch(/\{n\}|\{a\}/);
    }
  });

  it('bands a child by their age on the day', () => {
    expect(ageBandOn('2026-06-01', '2026-05-01')).toBe('unborn');
    expect(ageBandOn('2026-05-01', '2026-05-01')).toBe('0-4');
    expect(ageBandOn('2021-05-02', '2026-05-01')).toBe('0-4');
    expect(ageBandOn('2021-05-01', '2026-05-01')).toBe('5-10');
    expect(ageBandOn('2015-05-01', '2026-05-01')).toBe('11-15');
    expect(ageBandOn('2010-05-01', '2026-05-01')).toBe('16-17');
    expect(ageBandOn('2008-05-01', '2026-05-01')).toBeNull();
    expect(ageInWords('2026-01-01', '2026-05-01')).toBe('3 months');
    expect(ageInWords('2026-04-20', '2026-05-01')).toBe('a few weeks old');
    expect(ageInWords('2019-01-01', '2026-05-01')).toBe('7');
  });

  it('picks concerns that fit every child named, and writes the narrative for the first', () => {
    const random = new Random(7);
    const on = '2026-05-01';
    const toddler: StoryChild = { givenName: 'Ada', gender: 'female', dateOfBirth: '2024-02-01' };
    const teen: StoryChild = { givenName: 'Bo', gender: 'male', dateOfBirth: '2011-03-01' };
    for (let i = 0; i < 500; i += 1) {
      const both = pickConcern(random, [teen, toddler], on);
      expect(concernFitsChild(both, '0-4', 'female') && concernFitsChild(both, '11-15', 'male'), both).toBe(true);
      const text = contactNarrative(random, [pickConcern(random, [teen], on)], [teen, toddler], on);
      expect(text).not.toMatch(/\{|\}|Synthetic demo narrative/);
      expect(text).toContain('Ada also lives at home.');
    }
    expect(new Set(Array.from({ length: 400 }, () => pickConcern(random, [teen], on))).has('sexual_exploitation')).toBe(true);
    expect(pickConcern(random, [toddler], on, ['domestic_abuse', 'neglect', 'physical_abuse', 'emotional_abuse', 'mental_health', 'drug_misuse', 'alcohol_misuse', 'other', 'learning_disability', 'physical_disability', 'fgm', 'faith_abuse', 'privately_fostered'])).toBe('other');
    expect(contactNarrative(new Random(1), ['self_harm'], [{ givenName: 'Cy', gender: 'female', dateOfBirth: '2012-01-01' }], on)).toMatch(/^Cy \(14\) .*\bher\b|^Cy \(14\) .*\bshe\b/i);
  });
});
