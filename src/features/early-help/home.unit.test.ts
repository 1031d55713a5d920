import { describe, expect, it } from 'vitest';
import { familiesPanel, requestsPanel } from './home.js';

describe('early help’s home panels', () => {
  it('opens the worklist’s overdue and new tabs', () => {
    expect(requestsPanel({ new: 4, overdue: 1, open: 30, closed: 9 }).counts.map((c) => [c.count, c.text, c.href, c.tone])).toEqual([
      [1, 'family with a deadline overdue', '/early-help?show=overdue', 'overdue'],
      [4, 'new families to contact or triage', '/early-help?show=new', 'waiting'],
    ]);
  });

  it('shows a lead practitioner’s families only when their agency has some', () => {
    expect(familiesPanel({ all: 0, overdue: 0 })).toBeNull();
    expect(familiesPanel({ all: 3, overdue: 2 })!.counts.map((c) => [c.count, c.href])).toEqual([
      [2, '/early-help/our-families?show=overdue'],
      [3, '/early-help/our-families'],
    ]);
  });
});
