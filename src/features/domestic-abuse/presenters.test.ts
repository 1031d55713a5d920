/** Domestic abuse's home panel, without a database (the counts' agreement with the list: test/home-counts.test.ts). */
import { describe, expect, it } from 'vitest';
import { triagePanel } from './home.js';

describe('the triage home panel', () => {
  it('shows the overdue notifications first, then those waiting, each linked to its filter of the list', () => {
    const p = triagePanel({ undecided: 14, overdue: 3 }, false);
    expect(p.counts.map((c) => [c.count, c.tone, c.href])).toEqual([
      [3, 'overdue', '/domestic-abuse?show=overdue'],
      [14, 'waiting', '/domestic-abuse?show=undecided'],
    ]);
    expect(p.counts[1]!.text).toBe('notifications waiting for the triage meeting');
    expect(triagePanel({ undecided: 1, overdue: 0 }, false).counts[1]!.text).toBe('notification waiting for the triage meeting');
  });

  it('offers to start today’s meeting, or to go to it once started', () => {
    expect(triagePanel({ undecided: 0, overdue: 0 }, false).links![0]!.text).toBe('Start today’s triage meeting');
    expect(triagePanel({ undecided: 0, overdue: 0 }, true).links![0]!.text).toBe('Go to today’s triage meeting');
  });
});
