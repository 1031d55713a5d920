import { describe, expect, it } from 'vitest';
import { casesPanel, chairPanel, conferenceItems, reportItems, reportsPanel, teamPanel } from './home.js';

const none = { assessment_overdue: 0, assessment_soon: 0, s47_overdue: 0, visit_overdue: 0, core_group_overdue: 0, review_overdue: 0 };

describe('children’s home panels', () => {
  it('puts what is overdue on a social worker’s cases first, each opening the filtered list, and the caseload last', () => {
    const p = casesPanel(7, { ...none, visit_overdue: 2, assessment_overdue: 1, assessment_soon: 3 });
    expect(p.counts.map((c) => [c.count, c.text, c.href, c.tone])).toEqual([
      [1, 'assessment overdue', '/children?view=mine&due=assessment_overdue', 'overdue'],
      [3, 'assessments due in the next 5 working days', '/children?view=mine&due=assessment_soon', 'waiting'],
      [2, 'children with a visit overdue', '/children?view=mine&due=visit_overdue', 'overdue'],
      [7, 'cases allocated to you', '/children?view=mine', 'waiting'],
    ]);
    expect(p.empty).toBeUndefined();
  });

  it('says so when nothing is due, and names no clock with nothing in it', () => {
    const p = casesPanel(1, none);
    expect(p.counts.map((c) => c.text)).toEqual(['case allocated to you']);
    expect(p.empty).toMatch(/Nothing is overdue/);
  });

  it('gives a team manager authorisations, unallocated cases and only the overdue across the team', () => {
    const p = teamPanel({ to_authorise: 4, unallocated: 1 }, { ...none, assessment_overdue: 5, assessment_soon: 9 });
    expect(p.counts.map((c) => [c.count, c.href])).toEqual([
      [4, '/children?view=to_authorise'],
      [1, '/children?view=unallocated'],
      [5, '/children?view=open&due=assessment_overdue'],
    ]);
  });

  it('names the chair’s next conference by child, kind and time, red when past the date it was due by', () => {
    const now = new Date('2026-06-10T09:00:00Z');
    const items = conferenceItems([{ id: 'k1', child_name: 'Amy Hartley', kind: 'initial', scheduled_at: new Date('2026-06-12T13:00:00Z'), due_at: new Date('2026-06-08T16:00:00Z') }], now);
    expect(items).toEqual([{ text: 'Amy Hartley', href: '/children/conferences/k1', detail: expect.stringMatching(/initial/), when: expect.stringMatching(/12 June 2026.*after the date it was due by/), overdue: true }]);
    const p = chairPanel({ scheduled: 9, mine: 3, next_week: 2, overdue: 2, mine_overdue: 1 }, items);
    expect(p.counts.map((c) => [c.count, c.href, c.tone])).toEqual([
      [1, '/children/conferences?due=overdue', 'overdue'],
      [3, '/children/conferences', 'waiting'],
    ]);
    expect(p.itemsTitle).toBe('Your next conference');
  });

  it('shows a partner agency its reports only when it has some to write', () => {
    expect(reportsPanel({ due: 0, overdue: 0, sent: 5 }, [])).toBeNull();
    const now = new Date('2026-06-10T09:00:00Z');
    const p = reportsPanel({ due: 2, overdue: 1, sent: 0 }, reportItems([{ id: 'i1', child_name: 'Amy Hartley', kind: 'review', report_due_at: new Date('2026-06-09T16:00:00Z') }], now));
    expect(p!.counts.map((c) => [c.count, c.href])).toEqual([
      [1, '/children/conference-reports?show=overdue'],
      [2, '/children/conference-reports'],
    ]);
    expect(p!.items![0]).toMatchObject({ href: '/children/conference-reports/i1', overdue: true, when: expect.stringMatching(/^report overdue, was due 9 June 2026/) });
  });
});
