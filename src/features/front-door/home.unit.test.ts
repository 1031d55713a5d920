import { describe, expect, it } from 'vitest';
import { type Permission } from '../../domain/roles.js';
import { informationRequestsPanel, partnerContactsPanel, worklistPanel } from './home.js';

const as = (...permissions: Permission[]) => ({ permissions: new Set<Permission>(permissions) });
const queue = { open: 5, overdue: 2, today: 1, escalated: 1, answered: 9 };

describe('the front door’s home panels', () => {
  it('puts the worklist’s overdue and due first, and a manager’s authorisations on the authorisations list', () => {
    const screener = worklistPanel({ open: 4, overdue: 1, due_today: 2, awaiting: 3 }, as('worklist:view', 'contact:create', 'person:search'));
    expect(screener.counts.map((c) => [c.count, c.tone, c.href])).toEqual([
      [1, 'overdue', '/worklist?due=overdue'],
      [2, 'due', '/worklist?due=today'],
      [4, 'waiting', '/worklist?status=open'],
    ]);
    expect(screener.counts[0]!.text).toBe('contact past the decision deadline');
    expect(screener.links!.map((l) => l.text)).toEqual(['Open the worklist', 'Record a contact', 'Find a person']);
    const manager = worklistPanel({ open: 4, overdue: 1, due_today: 2, awaiting: 3 }, as('worklist:view', 'contact:authorise'));
    expect(manager.counts.at(-1)).toEqual({ count: 3, text: 'decisions awaiting your authorisation', href: '/authorisations', tone: 'waiting' });
  });

  it('shows a partner the information requests to answer, and a partner manager the escalations', () => {
    const police = informationRequestsPanel(queue, as('info_request:answer'))!;
    expect(police.counts.map((c) => [c.count, c.href])).toEqual([
      [2, '/information-requests?show=overdue'],
      [1, '/information-requests?show=today'],
      [5, '/information-requests'],
    ]);
    const manager = informationRequestsPanel(queue, as('info_request:answer', 'info_request:escalations'))!;
    expect(manager.counts.at(-1)).toEqual({ count: 1, text: 'overdue request escalated to you', href: '/information-requests?show=escalated', tone: 'overdue' });
    // front-door staff see it only when their own agency has been asked something
    expect(informationRequestsPanel({ ...queue, open: 0, overdue: 0, today: 0 }, as('info_request:answer', 'worklist:view'))).toBeNull();
    expect(informationRequestsPanel({ ...queue, open: 0, overdue: 0, today: 0 }, as('info_request:answer'))).not.toBeNull();
  });

  it('shows a partner their drafts, what they sent awaiting a decision and what was shared this week, with what they can start', () => {
    const police = partnerContactsPanel({ drafts: 1, sent: 4, shared: 2 }, as('contact:read', 'contact:create', 'contact:import', 'person:search'));
    expect(police.counts.map((c) => [c.count, c.text, c.href])).toEqual([
      [1, 'draft to finish and submit', '/contacts?show=drafts'],
      [4, 'contacts your agency sent, awaiting the front door’s decision', '/contacts?show=sent'],
      [2, 'contacts shared with your agency in the last 7 days', '/contacts?show=shared'],
    ]);
    expect(police.links!.map((l) => l.href)).toEqual(['/contacts/new', '/contacts/import', '/people', '/contacts']);
    // someone who cannot write a contact has no drafts to count
    expect(partnerContactsPanel({ drafts: 0, sent: 0, shared: 3 }, as('contact:read')).counts.map((c) => c.href)).toEqual(['/contacts?show=sent', '/contacts?show=shared']);
  });
});
