/** The words the MARAC pages show, without a database (the sharing rule is tested with the record rules). */
import { describe, expect, it } from 'vitest';
import { actionState, dobFromKey, referralFlags, researchProgress, statusTag } from './presenters.js';

describe('words and tags', () => {
  it('marks actions done, overdue, due today or open', () => {
    expect(actionState({ due_on: '2026-03-01', done_at: '2026-03-05 10:00:00+00' }, '2026-03-10').text).toBe('Done');
    expect(actionState({ due_on: '2026-03-09', done_at: null }, '2026-03-10')).toEqual({ text: 'Overdue', classes: 'govuk-tag--red', overdue: true });
    expect(actionState({ due_on: '2026-03-10', done_at: null }, '2026-03-10').text).toBe('Due today');
    expect(actionState({ due_on: '2026-03-11', done_at: null }, '2026-03-10').text).toBe('Open');
  });

  it('flags repeats and serial perpetrators', () => {
    expect(referralFlags({ criteria: ['repeat'], previous_referral_id: null }).map((f) => f.text)).toEqual(['Repeat']);
    expect(referralFlags({ criteria: [], previous_referral_id: 'x', serial: true }).map((f) => f.text)).toEqual(['Repeat', 'Serial perpetrator']);
    expect(referralFlags({ criteria: ['visible_high_risk'], previous_referral_id: null, serial: false })).toEqual([]);
  });

  it('reads a date of birth from a name-and-date-of-birth key', () => {
    expect(dobFromKey('ada|lovelace|1990-04-02')).toBe('1990-04-02');
    expect(dobFromKey(null)).toBeNull();
    expect(dobFromKey('ada|lovelace|')).toBeNull();
  });

  it('says which invited agencies have completed research', () => {
    const invited = [
      { agency_id: 'a', name: 'Police' },
      { agency_id: 'b', name: 'Health' },
      { agency_id: 'c', name: 'Housing' },
    ];
    expect(researchProgress(['b'], invited)).toEqual({ done: ['Health'], waiting: ['Police', 'Housing'], text: '1 of 3 agencies' });
  });

  it('names statuses in words', () => {
    expect(statusTag('referred').text).toBe('New');
    expect(statusTag('listed').text).toBe('On an agenda');
  });
});
