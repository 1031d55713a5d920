import { describe, expect, it } from 'vitest';
import { cmePanel, schoolPanel } from './home.js';

describe('children missing education’s home panels', () => {
  it('opens the worklist and the register filtered to each count', () => {
    const p = cmePanel({ open: 12, overdue: 3, due_today: 1, closed_last_90: 40, ehe: { active: 50, overdue: 4, due: 9, ended: 2 } });
    expect(p.counts.map((c) => [c.count, c.href, c.tone])).toEqual([
      [3, '/cme?due=overdue', 'overdue'],
      [1, '/cme?due=today', 'due'],
      [12, '/cme', 'waiting'],
      [4, '/cme/home-education?show=overdue', 'overdue'],
      [9, '/cme/home-education?show=due', 'waiting'],
    ]);
  });

  it('gives a school its open referrals and the way to refer', () => {
    const p = schoolPanel({ all: 2, open: 1 });
    expect(p.counts).toEqual([{ count: 1, text: 'open referral from your school', href: '/cme/our-referrals?show=open', tone: 'waiting' }]);
    expect(p.links!.map((l) => l.href)).toEqual(['/cme/our-referrals/new', '/cme/our-referrals']);
  });
});
