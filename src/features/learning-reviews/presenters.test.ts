import { describe, expect, it } from 'vitest';
import { type Clock } from '../../domain/learning-reviews.js';
import { agencyRow, clockTag, doneMessage, dueTag, homePanel, listRow, s44Rows, stageTag, stepLinks, summaryRows, timeline } from './presenters.js';
import { type ListRow, type ReviewRow } from './repository.js';

const review = (over: Partial<ReviewRow> = {}): ReviewRow => ({
  id: '11111111-1111-4111-8111-111111111111', tenant_id: 't', reference: 'LR-00007', kind: 'rapid_review', parent_review_id: null, parent_reference: null, lcspr_id: null, lcspr_reference: null,
  title: 'Child T', subject_person_id: '22222222-2222-4222-8222-222222222222', subject_pseudonym: 'Child T', summary: 'What happened.', incident_on: '2026-03-01', learned_on: '2026-03-02',
  notified_on: '2026-03-05', notification_due_on: '2026-03-09', rapid_review_due_on: '2026-03-26', rapid_review_held_on: null, decision: null, decision_reason: null, decided_on: null,
  s44_criteria: null, cdop_category: null, modifiable_factors: null, reviewer: null, terms_of_reference_on: null, panel_sent_on: null, publication_due_on: null, publication_held: false,
  publication_held_reason: null, published_on: null, stage: 'rapid_review', learning: null, board_kind: 'children', restricted: true, created_at: '2026-03-02 10:00:00+00', findings: 0, ...over,
});
const clock = (over: Partial<Clock>): Clock => ({ code: 'rapid_review', title: 'Rapid review held', dueOn: '2026-03-26', doneOn: null, state: 'due', source: 'WT', ...over });

describe('the learning reviews’ presenters', () => {
  it('says each clock’s state in words with its date, never colour alone', () => {
    expect(clockTag(clock({ state: 'met', doneOn: '2026-03-25' }))).toEqual({ text: 'Done 25 March 2026: in time', classes: 'govuk-tag--green' });
    expect(clockTag(clock({ state: 'late', doneOn: '2026-03-27' })).text).toBe('Done 27 March 2026: late (was due 26 March 2026)');
    expect(clockTag(clock({ state: 'overdue' })).text).toBe('Overdue: was due 26 March 2026');
    expect(clockTag(clock({ state: 'held' })).text).toMatch(/^Held for criminal proceedings/);
    expect(clockTag(clock({ state: 'due' })).text).toBe('Due 26 March 2026');
    expect(dueTag(null, '2026-03-01')).toBeNull();
    expect(dueTag('2026-02-28', '2026-03-01')!.classes).toBe('govuk-tag--red');
    expect(dueTag('2026-03-01', '2026-03-01')!.text).toBe('Due 1 March 2026');
  });

  it('names the stage, with publication held said', () => {
    expect(stageTag({ stage: 'report', publication_held: true }).text).toBe('Report: publication held');
    expect(stageTag({ stage: 'published', publication_held: false }).text).toBe('Published');
  });

  it('lays out a rapid review’s dates with their clocks, and an LCSPR’s to publication', () => {
    const rows = timeline(review(), [clock({ code: 'notification', state: 'met', doneOn: '2026-03-05' }), clock({ code: 'rapid_review' })]);
    expect(rows.map((r) => r.label)).toEqual(['Incident', 'The local authority learned of it', 'Serious incident notified to the Panel', 'Rapid review held']);
    expect(rows[3]).toMatchObject({ date: 'Not yet', tag: { text: 'Due 26 March 2026' } });
    const lcspr = timeline(review({ kind: 'lcspr', notified_on: null, publication_due_on: '2026-09-26' }), [clock({ code: 'publication', dueOn: '2026-09-26' })]);
    expect(lcspr.map((r) => r.label)).toEqual(['Incident', 'The local authority learned of it', 'Published']);
    expect(timeline(review({ kind: 'dhr' }), []).map((r) => r.label)).toContain('The partnership was notified of the death');
  });

  it('shows the pseudonym, and a link to the person (never a name) only to those who run reviews', () => {
    const manage = summaryRows(review(), true);
    expect(manage.find((r) => r.key.text === 'Subject (pseudonym)')!.value.text).toBe('Child T');
    expect(JSON.stringify(manage)).toContain('/people/22222222-2222-4222-8222-222222222222');
    expect(JSON.stringify(summaryRows(review(), false))).not.toContain('/people/');
  });

  it('reads the s44 criteria and their basis', () => {
    const rows = s44Rows(review({ kind: 'sar', s44_criteria: { careAndSupportNeeds: true, concernAboutPartners: true, adultDied: false, abuseOrNeglect: true, basis: 's44(1)' } }));
    expect(rows[0]!.value.text).toMatch(/s44\(1\)\(a\).*s44\(1\)\(b\).*s44\(3\)/);
    expect(rows[1]!.value.text).toBe('Mandatory review: s44(1)');
    expect(s44Rows(review())).toEqual([]);
  });

  it('makes rows for the list, the agencies, the steps and the home panel', () => {
    const l: ListRow = { id: 'a', reference: 'LR-00001', kind: 'sar', title: 'Adult B', subject_pseudonym: 'Adult B', stage: 'notified', learned_on: '2026-03-02', incident_on: '2026-03-01', published_on: null, publication_held: false, next_due_on: null, total: 1 };
    expect(listRow(l, '2026-03-10')).toMatchObject({ href: '/partnership/reviews/a', pseudonym: 'Adult B', due: null, learned: '2 March 2026' });
    expect(agencyRow({ id: 'x', agency_id: 'y', agency_name: 'Police', asked_for: 'Chronology', due_on: '2026-03-01', received_on: null }, '2026-03-10').state.text).toBe('Overdue: was due 1 March 2026');
    expect(agencyRow({ id: 'x', agency_id: 'y', agency_name: 'Police', asked_for: 'Chronology', due_on: null, received_on: '2026-03-01' }, '2026-03-10').state.text).toBe('Received 1 March 2026');
    expect(stepLinks('a', ['findings', 'plan', 'lcspr', 'close']).map((s) => s.href)).toEqual(['/partnership/reviews/a/findings', '/partnership/reviews/a/close']);
    expect(homePanel({ rows: [{ ...l, next_due_on: '2026-03-01' }], total: 1, today: '2026-03-10' }).rows[0]).toMatchObject({ text: 'LR-00001: Adult B (Safeguarding adults review (Care Act 2014 s44))', due: { classes: 'govuk-tag--red' } });
    expect(doneMessage('publish')).toBe('The review is recorded as published');
    expect(doneMessage('nonsense')).toBeNull();
  });
});
