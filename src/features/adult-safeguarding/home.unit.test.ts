import { describe, expect, it } from 'vitest';
import { adultWorkPanel, contributionsPanel } from './home.js';

const counts = { to_decide: 5, to_authorise: 2, enquiries: 9, mine: 4, overdue: 3, due_today: 1 };

describe('the adult team’s home panel', () => {
  it('puts decisions overdue and due today first, each opening the worklist view it counts', () => {
    const p = adultWorkPanel(counts, false);
    expect(p.counts.map((c) => [c.count, c.href, c.tone])).toEqual([
      [3, '/adults?view=overdue', 'overdue'],
      [1, '/adults?view=due_today', 'due'],
      [4, '/adults?view=mine', 'waiting'],
      [5, '/adults?view=to_decide', 'waiting'],
    ]);
    expect(p.counts[1]!.text).toBe('decision due by the end of today');
  });

  it('adds the authorisations and open enquiries for a manager', () => {
    const p = adultWorkPanel(counts, true);
    expect(p.counts.map((c) => c.href)).toContain('/adults?view=to_authorise');
    expect(p.counts.find((c) => c.href === '/adults?view=enquiries')?.text).toBe('open section 42 enquiries');
  });
});

describe('a partner’s requests to contribute', () => {
  it('is not shown to an agency with other work when none wait', () => {
    expect(contributionsPanel({ waiting: 0, overdue: 0 }, false)).toBeNull();
  });

  it('says there are none to a care provider, for whom it is the only work', () => {
    const p = contributionsPanel({ waiting: 0, overdue: 0 }, true)!;
    expect(p.counts).toEqual([]);
    expect(p.empty).toMatch(/No requests/);
  });

  it('counts the overdue first, then all waiting', () => {
    const p = contributionsPanel({ waiting: 2, overdue: 1 }, false)!;
    expect(p.counts.map((c) => [c.count, c.href])).toEqual([
      [1, '/adults/contributions?show=overdue'],
      [2, '/adults/contributions'],
    ]);
  });
});
