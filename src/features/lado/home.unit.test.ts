import { describe, expect, it } from 'vitest';
import { employerPanel, ladoPanel } from './home.js';

describe('the LADO’s home panels', () => {
  it('puts late decisions first, each count a worklist tab or filter', () => {
    const p = ladoPanel({ decide: 3, late: 1, open: 20, over: 5, no_reason: 2, advice: 40, closed: 9 }, 3);
    expect(p.counts.map((c) => [c.count, c.text, c.href, c.tone])).toEqual([
      [1, 'threshold decision past the 1 working day', '/lado?show=late', 'overdue'],
      [3, 'allegations to decide', '/lado?show=decide', 'waiting'],
      [2, 'open over 3 months without a reason recorded', '/lado?show=no_reason', 'overdue'],
      [20, 'in the LADO process', '/lado?show=open', 'waiting'],
    ]);
  });

  it('shows an employer its allegations only while one is open', () => {
    expect(employerPanel({ all: 4, open: 0 })).toBeNull();
    expect(employerPanel({ all: 4, open: 2 })!.counts[0]).toMatchObject({ count: 2, href: '/lado/employer?show=open' });
  });
});
