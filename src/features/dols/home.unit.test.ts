import { describe, expect, it } from 'vitest';
import { assessorPanel, dolsLeadPanel } from './home.js';
import { type Counts } from './repository.js';

const c: Counts = {
  unallocated: 7, unallocated_high: 2, unallocated_medium: 3, unallocated_low: 2, urgent_expiring: 1, urgent_expired: 0, allocated: 12, overdue: 4,
  overdue_allocated: 3, in_force: 40, expiring: 6, decided: 90, granted: 70, not_granted: 10, withdrawn: 10, total: 109,
};

describe('the DoLS lead’s home panel', () => {
  it('leads with applications past due and urgent authorisations ending, each opening its list', () => {
    expect(dolsLeadPanel(c).counts.map((x) => [x.count, x.href, x.tone])).toEqual([
      [4, '/dols?show=overdue', 'overdue'],
      [1, '/dols?show=urgent_expiring', 'due'],
      [7, '/dols?show=unallocated', 'waiting'],
      [12, '/dols?show=allocated', 'waiting'],
      [6, '/dols?show=expiring', 'waiting'],
    ]);
    expect(dolsLeadPanel(c).counts[1]!.text).toBe('urgent authorisation ending within 2 days without a decision');
  });
});

describe('an assessor’s home panel', () => {
  it('counts their open applications and those past due', () => {
    expect(assessorPanel({ all: 9, open: 3, overdue: 1 }).counts.map((x) => [x.count, x.href])).toEqual([
      [1, '/dols?show=overdue'],
      [3, '/dols?show=open'],
    ]);
  });
});
