import { describe, expect, it } from 'vitest';
import { type ApplicationRow, type AssessmentRow, type Counts, type ListRow } from './repository.js';
import {
  assessmentViews,
  assessmentsAdvice,
  authorisationWords,
  countCards,
  decisionText,
  doneMessage,
  dueWords,
  kindWord,
  listRow,
  priorityTag,
  statusTag,
  summaryRows,
  tabs,
  urgentWords,
  waitedWords,
} from './presenters.js';

const TODAY = '2028-03-01';

const row = (over: Partial<ListRow> = {}): ListRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  reference: 'DOLS-2028-000001',
  person_name: 'Ada Fixture',
  date_of_birth: '1940-02-29',
  managing_authority: 'Fixture House',
  setting: 'care_home',
  kind: 'standard',
  received_at: '2028-02-20T10:00:00.000Z',
  received_on: '2028-02-20',
  urgent_from: null,
  urgent_extended_at: null,
  urgent_expires_on: null,
  due_on: '2028-03-12',
  priority: 'medium',
  status: 'received',
  assessor_user_id: null,
  assessor_name: null,
  decided_at: null,
  authorised_from: null,
  authorised_until: null,
  assessments_done: 0,
  ...over,
});

const application = (over: Partial<ApplicationRow> = {}): ApplicationRow => ({
  ...row(),
  tenant_id: 't',
  priority_reason: 'Capacity or health fluctuates, or the care may change soon',
  allocated_at: null,
  decision_note: null,
  conditions: null,
  provider_id: null,
  created_by_name: 'Devon Hale',
  ...over,
});

const keys = (rows: { key: { text: string }; value: { text: string } }[]) => Object.fromEntries(rows.map((r) => [r.key.text, r.value.text]));

describe('tags and words', () => {
  it('names priority and status in words, with a colour as well, never instead', () => {
    expect(priorityTag('high')).toEqual({ text: 'High priority', classes: 'govuk-tag--red' });
    expect(priorityTag('low')).toEqual({ text: 'Low priority', classes: 'govuk-tag--blue' });
    expect(priorityTag('odd').classes).toBe('govuk-tag--grey');
    expect(statusTag('received').text).toBe('Unallocated');
    expect(statusTag('not_granted')).toEqual({ text: 'Not granted', classes: 'govuk-tag--purple' });
    expect(statusTag('odd')).toEqual({ text: 'odd', classes: 'govuk-tag--grey' });
    expect(kindWord('urgent')).toBe('Urgent');
    expect(kindWord('standard')).toBe('Standard');
  });

  it('says when an urgent authorisation expires, or that it has', () => {
    expect(urgentWords({ expiresOn: '2028-03-04', daysLeft: 3, expired: false, extended: false })).toBe('Urgent authorisation expires in 3 days, on 4 March 2028');
    expect(urgentWords({ expiresOn: '2028-03-01', daysLeft: 0, expired: false, extended: true })).toBe('Urgent authorisation (extended) expires today');
    expect(urgentWords({ expiresOn: '2028-02-29', daysLeft: -1, expired: true, extended: false })).toBe('Urgent authorisation expired yesterday, on 29 February 2028: no authorisation is in place');
  });

  it('says when the decision is due', () => {
    expect(dueWords('2028-02-28', TODAY)).toBe('Overdue: was due 28 February 2028 (2 days ago)');
    expect(dueWords(TODAY, TODAY)).toBe('Due today, 1 March 2028');
    expect(dueWords('2028-03-02', TODAY)).toBe('Due 2 March 2028 (tomorrow)');
    expect(waitedWords(0)).toBe('Received today');
    expect(waitedWords(1)).toBe('1 day');
    expect(waitedWords(1234)).toBe('1,234 days');
  });

  it('says where an authorisation stands', () => {
    expect(authorisationWords('2027-03-01', '2028-02-29', TODAY)).toBe('Expired on 29 February 2028');
    expect(authorisationWords('2028-03-05', '2029-03-04', TODAY)).toBe('Starts on 5 March 2028, ends on 4 March 2029');
    expect(authorisationWords('2027-06-01', '2028-03-20', TODAY)).toBe('In force, review due: ends on 20 March 2028 (in 19 days)');
    expect(authorisationWords('2027-06-01', '2028-05-31', TODAY)).toBe('In force: ends on 31 May 2028 (in 91 days)');
  });
});

describe('list rows', () => {
  it('shows an open application’s clocks, and its age on a leap day birthday', () => {
    const r = listRow(row({ kind: 'urgent', urgent_from: '2028-02-24', due_on: '2028-03-02' }), TODAY);
    expect(r).toMatchObject({ href: '/dols/applications/00000000-0000-4000-8000-000000000001', age: '88', setting: 'Care home', kind: 'Urgent', waited: '10 days', daysWaiting: 10, urgentExpired: false, overdue: false, assessor: 'Not allocated', assessments: '0 of 6' });
    expect(r.urgent).toBe('Urgent authorisation expires tomorrow, on 2 March 2028');
    expect(r.due).toBe('Due 2 March 2028 (tomorrow)');
    expect(listRow(row({ date_of_birth: '1940-03-02' }), TODAY).age).toBe('87');
    expect(listRow(row({ date_of_birth: null }), TODAY).age).toBe('Not known');
  });

  it('marks an expired urgent authorisation and an overdue decision', () => {
    const r = listRow(row({ kind: 'urgent', urgent_from: '2028-02-10', due_on: '2028-02-17' }), TODAY);
    expect(r.urgentExpired).toBe(true);
    expect(r.overdue).toBe(true);
  });

  it('shows no clocks once decided, and the authorisation when granted', () => {
    const r = listRow(row({ status: 'granted', kind: 'urgent', urgent_from: '2028-02-10', authorised_from: '2028-02-25', authorised_until: '2029-02-24', assessments_done: 6 }), TODAY);
    expect(r).toMatchObject({ urgent: null, urgentExpired: false, due: null, overdue: false, assessments: '6 of 6' });
    expect(r.authorisation).toBe('In force: ends on 24 February 2029 (in 360 days)');
    expect(listRow(row({ status: 'withdrawn' }), TODAY).authorisation).toBeNull();
  });
});

describe('the application page', () => {
  it('summarises an open urgent application', () => {
    const s = keys(summaryRows(application({ kind: 'urgent', urgent_from: '2028-02-24', urgent_extended_at: '2028-02-29T10:00:00.000Z', due_on: '2028-03-09' }), TODAY));
    expect(s['Urgent authorisation']).toBe('Given on 24 February 2028; extended on 29 February 2028');
    expect(s['Urgent authorisation ends']).toBe('Urgent authorisation (extended) expires in 8 days, on 9 March 2028');
    expect(s['Decision due']).toBe('Due 9 March 2028 (in 8 days)');
    expect(s.Priority).toBe('Medium priority: Capacity or health fluctuates, or the care may change soon');
    expect(s.Received).toBe('20 February 2028 by Devon Hale');
    expect(s.Assessor).toBe('Not allocated');
  });

  it('summarises a granted one, with its review, and an expired one without', () => {
    const granted = application({ status: 'granted', decided_at: '2028-02-25T12:00:00.000Z', authorised_from: '2028-02-25', authorised_until: '2028-03-20', assessor_name: 'Bea Assessor', allocated_at: '2028-02-21T09:00:00.000Z' });
    const s = keys(summaryRows(granted, TODAY));
    expect(s.Decided).toBe('25 February 2028: in time');
    expect(s.Authorised).toBe('From 25 February 2028 to 20 March 2028');
    expect(s['Review due']).toBe('From 21 February 2028: the managing authority asks for a further authorisation before it ends');
    expect(s.Assessor).toBe('Bea Assessor, allocated on 21 February 2028');
    expect(s['Decision due']).toBeUndefined();
    const expired = keys(summaryRows(granted, '2028-03-21'));
    expect(expired.Now).toBe('Expired on 20 March 2028');
    expect(expired['Review due']).toBeUndefined();
    expect(keys(summaryRows(application({ status: 'not_granted', decided_at: '2028-03-20T12:00:00.000Z' }), TODAY)).Decided).toBe('20 March 2028: late (due 12 March 2028)');
  });

  it('lists the six assessments in statutory order, recorded or not', () => {
    const found: AssessmentRow[] = [
      { id: 'b', kind: 'best_interests', outcome: 'not_met', note: 'Free to leave', completed_on: '2028-02-28', assessor_user_id: 'u', assessor_name: 'Bea Assessor' },
      { id: 'a', kind: 'age', outcome: 'met', note: null, completed_on: '2028-02-27', assessor_user_id: 'u', assessor_name: 'Bea Assessor' },
    ];
    const views = assessmentViews(found);
    expect(views.map((v) => v.kind)).toEqual(['age', 'no_refusals', 'mental_capacity', 'mental_health', 'eligibility', 'best_interests']);
    expect(views[0]).toMatchObject({ recorded: true, outcome: { text: 'Met' }, completedOn: '2028-02-27' });
    expect(views[1]).toMatchObject({ recorded: false, outcome: { text: 'Not recorded' }, completedOn: null });
    expect(views[5]).toMatchObject({ outcome: { text: 'Not met', classes: 'govuk-tag--red' }, note: 'Free to leave' });
    expect(assessmentsAdvice(found)).toBe('Not met: best interests. The authorisation cannot be granted.');
    expect(assessmentsAdvice(found, false)).toBe('Not met: best interests.');
    expect(assessmentsAdvice([found[1]!])).toBe('1 of 6 met so far. Still to record: no refusals, mental capacity, mental health, eligibility, best interests.');
  });

  it('words the decision and the message after a change', () => {
    expect(decisionText({ status: 'granted', conditions: 'Outings', decision_note: null })).toEqual({ heading: 'Granted', conditions: 'Outings', note: null });
    expect(decisionText({ status: 'withdrawn', conditions: null, decision_note: 'Died' })).toEqual({ heading: 'Withdrawn', conditions: null, note: 'Died' });
    expect(decisionText({ status: 'allocated', conditions: null, decision_note: null })).toBeNull();
    expect(doneMessage('extended')).toBe('Urgent authorisation extended by 7 days');
    expect(doneMessage('nonsense')).toBeNull();
    expect(doneMessage(['granted'])).toBeNull();
  });
});

describe('the overview', () => {
  const counts: Counts = {
    unallocated: 738, unallocated_high: 227, unallocated_medium: 104, unallocated_low: 407, urgent_expiring: 5, urgent_expired: 231,
    allocated: 93, overdue: 780, overdue_allocated: 90, in_force: 182, expiring: 14, decided: 359, granted: 243, not_granted: 1, withdrawn: 115, total: 1190,
  };

  it('has a card for each worry, linked to its list', () => {
    const cards = countCards(counts);
    expect(cards.map((c) => [c.label, c.value])).toEqual([
      ['Unallocated', 738],
      ['Urgent authorisations expiring within 2 days', 5],
      ['Allocated to an assessor', 93],
      ['Authorisations expiring within 28 days', 14],
    ]);
    expect(cards[0]!.detail).toBe('227 high, 104 medium, 407 low priority; 690 past their due date');
    expect(cards[3]!.href).toBe('/dols?show=expiring');
  });

  it('has a tab per list with its count, the current one marked', () => {
    expect(tabs('allocated', counts)).toEqual([
      { href: '/dols?show=unallocated', text: 'Unallocated (738)', current: false },
      { href: '/dols?show=allocated', text: 'Allocated (93)', current: true },
      { href: '/dols?show=decided', text: 'Decided (359)', current: false },
      { href: '/dols?show=expiring', text: 'Expiring within 28 days (14)', current: false },
    ]);
  });
});
