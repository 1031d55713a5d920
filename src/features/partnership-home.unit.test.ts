/** The partnership's and administration's home panels: pure shapes, each count opening the list it counts. */
import { describe, expect, it } from 'vitest';
import { actionsPanel } from './actions/home.js';
import { accountsPanel } from './accounts/home.js';
import { auditPanel } from './audit/home.js';
import { calendarPanel } from './calendar/home.js';
import { auditsPanel } from './case-audits/home.js';
import { publicSitePanel } from './public-content/home.js';
import { ourReturnsPanel, roundsPanel } from './self-assessment/home.js';
import { agencyBookingsPanel } from './training/home.js';

describe('partnership actions', () => {
  it('shows the business unit the partnership’s overdue actions, linked to the actions list filtered to them', () => {
    const p = actionsPanel({ open: 0, overdue: 0, partnershipOverdue: 12 }, false)!;
    expect(p.counts.map((c) => [c.count, c.href])).toEqual([[12, '/partnership/actions?state=overdue']]);
  });

  it('shows an agency its own overdue and open actions, and nothing when it has none open', () => {
    expect(actionsPanel({ open: 4, overdue: 1, partnershipOverdue: null }, true)!.counts.map((c) => c.href)).toEqual(['/partnership/our-actions?state=overdue', '/partnership/our-actions']);
    expect(actionsPanel({ open: 0, overdue: 0, partnershipOverdue: null }, true)).toBeNull();
  });
});

describe('administration', () => {
  it('counts slowed and dormant accounts into the users list’s filters', () => {
    expect(accountsPanel({ slowed: 1, dormant: 3 }).counts.map((c) => [c.count, c.href])).toEqual([
      [1, '/admin/users?show=slowed'],
      [3, '/admin/users?show=dormant'],
    ]);
  });

  it('asks for next year’s bank holidays only when they are missing', () => {
    expect(calendarPanel({ year: 2027, present: true })).toBeNull();
    expect(calendarPanel({ year: 2027, present: false })!.items![0]!.text).toBe('Add the bank holidays for 2027');
  });

  it('links the week’s break-glass openings to the audit list for 7 days', () => {
    expect(auditPanel(2).counts[0]).toMatchObject({ count: 2, href: '/audit?days=7' });
  });
});

describe('items with no list of their own', () => {
  it('marks an audit grading past its due date late, and says nothing when none wait', () => {
    expect(auditsPanel([], '2026-12-07')).toBeNull();
    const p = auditsPanel([{ audit_id: 'a', reference: 'MAA-1', topic: 'Neglect', grading_due_on: '2026-12-01', waiting: 2 }], '2026-12-07')!;
    expect(p.items![0]).toMatchObject({ text: '2 records for MAA-1: Neglect', overdue: true });
  });

  it('lists the self-assessment rounds with returns outstanding', () => {
    const round = { id: 'r', tenant_id: 't', framework_id: 'f', kind: 's11', version: 1, framework_title: 'S11', title: 'S11 2026', opened_on: '2026-09-01', due_on: '2026-12-31', status: 'open', returns: 10, submitted: 7 };
    expect(roundsPanel([round])!.items![0]!.detail).toBe('3 of 10 returns outstanding');
    expect(roundsPanel([{ ...round, submitted: 10 }])).toBeNull();
    expect(ourReturnsPanel({ rows: [], total: 0 })).toBeNull();
  });

  it('shows the out-of-date directory entries as a count, campaigns starting as items', () => {
    const p = publicSitePanel({ stale: 3, starting: [{ id: 'c', title: 'Scams awareness', starts_on: '2026-12-10' }] });
    expect(p.counts[0]).toMatchObject({ count: 3, href: '/partnership/public-site/services?show=stale' });
    expect(p.items![0]!.text).toBe('Campaign: Scams awareness');
  });

  it('hides an agency’s training panel when it has no places booked', () => {
    expect(agencyBookingsPanel({ rows: [], total: 0, ours: '/o', catalogue: '/c' })).toBeNull();
  });
});
