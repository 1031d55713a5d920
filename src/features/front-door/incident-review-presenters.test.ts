import { describe, expect, it } from 'vitest';
import { incidentReviewPanel, openFlag, referencesWords, timesWords } from './incident-review-presenters.js';
import { type ReviewRow } from './incident-review-repository.js';
import { lateCountsView, latePanel, lateWords, suppressed } from './late-notifications-presenters.js';
import { type LateRow } from './late-notifications-repository.js';

const NEW = '11111111-1111-4111-8111-111111111111';
const FIRST = '22222222-2222-4222-8222-222222222222';

function review(overrides: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    tenant_id: 't',
    contact_id: NEW,
    other_contact_id: FIRST,
    incident_id: null,
    other_incident_id: 'i',
    status: 'open',
    details: {
      postcode: 'FM1 2AB',
      minutesApart: 40,
      withinHours: 12,
      references: { ours: 'FM/2', theirs: 'FM/1' },
      ours: { occurredAt: '2026-03-06T23:20:00Z', notificationType: 'dash', reference: 'C-2026-000002' },
      theirs: { occurredAt: '2026-03-06T22:40:00Z', reference: 'C-2026-000001' },
      people: [
        { ours: { name: 'Alexander Brook', dateOfBirth: '2017-05-04', role: 'subject_child' }, theirs: { name: 'Aleksander Brook', dateOfBirth: '2017-05-04', role: 'subject_child' }, reasons: ['first name: very similar spelling', 'last name: exact'], exact: false },
      ],
      reasons: [],
    },
    decided_by_user_id: null,
    decided_by_name: null,
    decided_at: null,
    reason: null,
    update_id: null,
    created_at: '2026-03-07T00:00:00Z',
    reference: 'C-2026-000002',
    contact_status: 'open',
    other_reference: 'C-2026-000001',
    other_status: 'open',
    other_restricted: false,
    ...overrides,
  };
}

describe('a possible same incident on the page', () => {
  it('says when both happened and how far apart, in London time', () => {
    expect(timesWords(review().details)).toBe('6 March 2026 at 10:40pm and 6 March 2026 at 11:20pm (40 minutes apart)');
    expect(timesWords({ ...review().details, minutesApart: 0 })).toMatch(/\(at the same time\)$/);
  });

  it('says how the police references differ', () => {
    expect(referencesWords(review().details)).toBe('FM/1 on the earlier contact, FM/2 on this one: different');
    expect(referencesWords({ references: { ours: null, theirs: 'FM/1' } })).toBe('FM/1 on the earlier contact only');
    expect(referencesWords({ references: { ours: 'FM/2', theirs: null } })).toBe('FM/2 on this contact only');
    expect(referencesWords({ references: { ours: null, theirs: null } })).toBe('None on either');
  });

  it('names both people, their dates of birth and parts, and why they match', () => {
    const flag = openFlag(NEW, review());
    expect(flag.action).toBe(`/contacts/${NEW}/incident-review/33333333-3333-4333-8333-333333333333`);
    expect(flag.otherHref).toBe(`/contacts/${FIRST}`);
    expect(flag.people).toEqual([
      { ours: 'Alexander Brook, born 4 May 2017 (Child the contact is about)', theirs: 'Aleksander Brook, born 4 May 2017 (Child the contact is about)', why: 'first name: very similar spelling; last name: exact', exact: false },
    ]);
  });

  it('does not name the other contact’s people when it is restricted', () => {
    expect(openFlag(NEW, review({ other_restricted: true })).people[0]!.theirs).toBe('Restricted: open the other contact to see');
  });
});

describe('the panel', () => {
  const owner = { owning: true, screens: true };

  it('shows nothing to an agency that does not own the contact', () => {
    expect(incidentReviewPanel({ id: NEW, status: 'open' }, { owning: false, screens: true }, [review()], [])).toBeNull();
  });

  it('shows nothing when there is nothing to show', () => {
    expect(incidentReviewPanel({ id: NEW, status: 'open' }, owner, [], [])).toBeNull();
  });

  it('offers the decision to a screener while the contact awaits screening, and only the question to others', () => {
    const panel = incidentReviewPanel({ id: NEW, status: 'open' }, owner, [review()], [])!;
    expect(panel.open).toHaveLength(1);
    expect(panel.canDecide).toBe(true);
    expect(incidentReviewPanel({ id: NEW, status: 'open' }, { owning: true, screens: false }, [review()], [])!.canDecide).toBe(false);
    expect(incidentReviewPanel({ id: NEW, status: 'awaiting_authorisation' }, owner, [review()], [])!.canDecide).toBe(false);
    // a decided contact no longer shows open questions
    expect(incidentReviewPanel({ id: NEW, status: 'decided' }, owner, [review()], [])).toBeNull();
  });

  it('tells the earlier contact a later one may repeat it, while that one is open', () => {
    const panel = incidentReviewPanel({ id: FIRST, status: 'decided' }, owner, [review()], [])!;
    expect(panel.later).toEqual([{ reference: 'C-2026-000002', href: `/contacts/${NEW}#incident-review` }]);
    expect(incidentReviewPanel({ id: FIRST, status: 'decided' }, owner, [review({ contact_status: 'merged' })], [])).toBeNull();
  });

  it('says a merged contact was attached where, by whom and why', () => {
    const decided = review({ status: 'same', decided_by_name: 'Sam Screener', decided_at: '2026-03-07T09:15:00Z', reason: 'Same call-out' });
    const panel = incidentReviewPanel({ id: NEW, status: 'merged' }, owner, [decided], [])!;
    expect(panel.mergedInto).toEqual({ reference: 'C-2026-000001', href: `/contacts/${FIRST}#also-reported`, by: 'Sam Screener, 7 March 2026 at 9:15am: Same call-out' });
    expect(panel.open).toEqual([]);
  });

  it('lists the pairs kept apart, and the contacts attached to this one', () => {
    const apart = review({ status: 'different', decided_by_name: 'Sam Screener', decided_at: '2026-03-07T09:15:00Z' });
    expect(incidentReviewPanel({ id: NEW, status: 'open' }, owner, [apart], [])!.decided).toEqual([{ text: 'Kept apart from C-2026-000001: different incidents. Decided by Sam Screener, 7 March 2026 at 9:15am', href: `/contacts/${FIRST}` }]);
    const attached = incidentReviewPanel({ id: FIRST, status: 'open' }, owner, [], [{ contact_id: NEW, reference: 'C-2026-000002', decided_at: '2026-03-07T09:15:00Z', decided_by_name: null, reason: null }])!;
    expect(attached.attached).toEqual([{ reference: 'C-2026-000002', href: `/contacts/${NEW}`, by: 'A screener, 7 March 2026 at 9:15am' }]);
  });
});

describe('late notifications on the page', () => {
  const late = (overrides: Partial<LateRow> = {}): LateRow => ({ id: 'l', contact_id: NEW, update_id: null, risk_level: 'high', occurred_at: '2026-03-01T10:00:00Z', received_at: '2026-03-02T16:00:00Z', lag_minutes: 30 * 60, allowed_hours: 24, told: 2, ...overrides });

  it('says how late, against what', () => {
    expect(lateWords(late())).toBe('Received 30 hours after the incident: late (high risk notifications are expected within 24 hours).');
    expect(lateWords(late({ lag_minutes: 21 * 24 * 60, risk_level: 'not_graded', allowed_hours: 72 }))).toBe('Received 21 days after the incident: late (notifications without a risk grading are expected within 72 hours).');
  });

  it('shows the contact’s own first, then its updates’', () => {
    expect(latePanel([])).toBeNull();
    const panel = latePanel([late(), late({ id: 'u', update_id: 'x', risk_level: 'standard', allowed_hours: 72, lag_minutes: 5 * 24 * 60 })])!;
    expect(panel.own!.text).toMatch(/^Received 30 hours/);
    expect(panel.updates).toEqual([{ text: 'A later notification (received 2 March 2026 at 4pm): received 5 days after the incident: late (standard risk notifications are expected within 72 hours).' }]);
    expect(latePanel([late({ update_id: 'x' })])!.own).toBeNull();
  });
});

describe('late notifications on the timeliness page', () => {
  it('hides numbers from 1 to 5 from those who may not open the records', () => {
    expect(suppressed(0, false)).toBe('0');
    expect(suppressed(1, false)).toBe('c');
    expect(suppressed(5, false)).toBe('c');
    expect(suppressed(6, false)).toBe('6');
    expect(suppressed(3, true)).toBe('3');
    expect(suppressed(1234, true)).toBe('1,234');
  });

  it('totals the risk gradings, with the share late', () => {
    const counts = [
      { riskLevel: 'high' as const, label: 'High risk', late: 3, received: 40 },
      { riskLevel: 'medium' as const, label: 'Medium risk', late: 0, received: 20 },
      { riskLevel: 'standard' as const, label: 'Standard risk', late: 7, received: 140 },
      { riskLevel: 'not_graded' as const, label: 'Not graded', late: 0, received: 0 },
    ];
    const seen = lateCountsView(counts, true);
    expect(seen.total).toEqual({ late: '10', received: '200', share: ' (5.0%)' });
    expect(seen.rows[0]).toEqual([{ text: 'High risk' }, { text: '3', format: 'numeric' }, { text: '40', format: 'numeric' }, { text: '7.5%', format: 'numeric' }]);
    expect(seen.rows[3]![3]).toEqual({ text: '–', format: 'numeric' });
    const hidden = lateCountsView(counts, false);
    expect(hidden.rows[0]![1]).toEqual({ text: 'c', format: 'numeric' });
    expect(hidden.rows[0]![3]).toEqual({ text: '–', format: 'numeric' });
    expect(hidden.total.late).toBe('10');
  });
});
