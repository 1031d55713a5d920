import { describe, expect, it } from 'vitest';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from '../../domain/calendar.js';
import { ageOf, actionRow, codeText, decisionTag, doneMessage, employerActionsText, employerRow, listRow, stageTag, summaryRows } from './presenters.js';
import { LADO_SECTORS } from '../../domain/lado.js';
import { type AllegationRow, type ListRow } from './repository.js';

const cal = new WorkingCalendar(holidaysFile.events.map((e) => e.date), { coveredYears: { from: 2015, to: 2027 } });

const list = (over: Partial<ListRow> = {}): ListRow => ({
  id: '00000000-0000-4000-8000-000000000001', reference: 'LADO-2026-000001', adult_name: 'Morgan Assistworth', role_title: 'Teaching assistant', employer_name: 'Bracken Way Primary School',
  sector: 'teaching_assistant', category: 'physical', received_at: '2026-01-12T10:00:00Z', received_on: '2026-01-12', decision_due_at: '2026-01-13T17:00:00Z', decision: null, status: 'open',
  police_status: 'none', open_reason: null, outcome: null, closed_at: null, restricted: true, total: 1, ...over,
});

describe('LADO presenters', () => {
  it('say a missing code is not recorded', () => {
    expect(codeText(LADO_SECTORS, 'not_recorded')).toBe('Not recorded');
    expect(codeText(LADO_SECTORS, null)).toBe('Not recorded');
    expect(codeText(LADO_SECTORS, 'childminder')).toBe('Childminder');
  });

  it('put the 1-working-day decision in words: overdue, today, later', () => {
    expect(decisionTag(cal, '2026-01-13T17:00:00Z', new Date('2026-01-14T09:00:00Z')).text).toMatch(/^Decision overdue: was due 13 January 2026/);
    expect(decisionTag(cal, '2026-01-13T17:00:00Z', new Date('2026-01-13T09:00:00Z')).text).toBe('Decide today');
    expect(decisionTag(cal, '2026-01-13T17:00:00Z', new Date('2026-01-12T11:00:00Z')).text).toBe('Decide by 13 January 2026');
  });

  it('name each stage', () => {
    expect(stageTag({ status: 'open', decision: null, outcome: null }).text).toBe('To decide');
    expect(stageTag({ status: 'in_process', decision: 'lado_process', outcome: null }).text).toBe('In the LADO process');
    expect(stageTag({ status: 'in_process', decision: 'lado_process', outcome: 'false' }).text).toBe('Outcome recorded');
    expect(stageTag({ status: 'closed', decision: 'advice', outcome: null }).text).toBe('Advice given');
    expect(stageTag({ status: 'closed', decision: 'another_area', outcome: null }).text).toBe('Passed to another area');
    expect(stageTag({ status: 'closed', decision: 'lado_process', outcome: 'substantiated' }).text).toBe('Closed');
  });

  it('flag an allegation open over 3 months, red without its reason and amber with it', () => {
    expect(ageOf('2026-01-12', '2026-04-12', 3, null)).toMatchObject({ days: 90, over: false, tag: null });
    expect(ageOf('2026-01-12', '2026-04-13', 3, null).tag).toEqual({ text: 'Over 3 months: no reason recorded', classes: 'govuk-tag--red' });
    expect(ageOf('2026-01-12', '2026-04-13', 3, 'awaiting_forensics').tag).toEqual({ text: 'Over 3 months: Awaiting forensic examination of devices', classes: 'govuk-tag--orange' });
    expect(ageOf('2026-01-12', '2026-01-13', 3, null).text).toBe('1 day');
  });

  it('write the employer’s actions with their dates and regulators', () => {
    expect(employerActionsText(['dismissal@2026-03-02', 'dbs_referral@2026-03-04', 'regulator_referral:tra@2026-03-04', 'training'])).toEqual([
      'Dismissed (or would have been, had they not resigned), 2 March 2026',
      'Referred to the Disclosure and Barring Service (DBS), 4 March 2026',
      'Referred to a regulator: Teaching Regulation Agency (TRA), 4 March 2026',
      'Training or supervision',
    ]);
  });

  it('show the worklist’s row for each tab: the deadline to decide, the age and the flag when open', () => {
    const now = new Date('2026-01-12T12:00:00Z');
    const toDecide = listRow(list(), 'decide', cal, now, '2026-01-12', 3);
    expect(toDecide).toMatchObject({ reference: 'LADO-2026-000001', role: 'Teaching assistant, Bracken Way Primary School', category: 'Physical abuse', sector: 'Education: teaching assistant', age: null, over: null });
    expect(toDecide.due?.text).toBe('Decide by 13 January 2026');
    const open = listRow(list({ status: 'in_process', decision: 'lado_process', police_status: 'investigating', open_reason: 'awaiting_police' }), 'over', cal, now, '2026-05-01', 3);
    expect(open).toMatchObject({ due: null, age: '109 days', police: 'Police investigating' });
    expect(open.over?.text).toBe('Over 3 months: Awaiting the police investigation');
    expect(listRow(list({ status: 'closed', decision: 'lado_process', outcome: 'unfounded' }), 'closed', cal, now, '2026-05-01', 3).outcome).toBe('Unfounded');
    expect(listRow(list({ role_title: null, employer_name: null }), 'decide', cal, now, '2026-01-12', 3).role).toBe('Role and employer not recorded');
  });

  it('give the employer a row with its own link and no notes', () => {
    const r = employerRow(list({ outcome: 'substantiated', status: 'closed', decision: 'lado_process' }));
    expect(r.href).toBe('/lado/employer/allegations/00000000-0000-4000-8000-000000000001');
    expect(r.outcome).toBe('Substantiated');
    expect(Object.keys(r)).not.toContain('category');
  });

  it('summarise the allegation, asking for the reason once it is open over 3 months', () => {
    const a: AllegationRow = {
      ...list({ status: 'in_process', decision: 'lado_process', police_status: 'investigating' }),
      tenant_id: 't', contact_id: null, contact_reference: null, owning_agency_id: 'x', person_id: null, employer_agency_id: null, employer_agency_name: null, referring_agency_id: null,
      referring_agency_name: 'Fernmoor Constabulary', what_happened: 'Grabbed an arm.', decision_reason: 'Harm test met.', decided_at: '2026-01-12T12:00:00Z', decided_by_name: 'Lee Designated',
      police_updated_on: '2026-01-14', outcome_on: null, employer_actions: ['suspension@2026-01-13'], allocated_user_id: null, allocated_name: 'Lee Designated',
    };
    const rows = summaryRows(a, cal, new Date('2026-05-01T12:00:00Z'), '2026-05-01', 3);
    const text = (key: string) => rows.find((r) => r.key.text === key)?.value.text;
    expect(text('Why it is still open')).toBe('Not recorded: it is open over 3 months, record why');
    expect(text('Police')).toBe('Police investigating (since 14 January 2026)');
    expect(text('Employer’s actions')).toBe('Suspended, 13 January 2026');
    expect(text('Front-door contact')).toBe('None (recorded directly)');
    expect(text('Decided')).toBe('12 January 2026 at midday by Lee Designated');
  });

  it('show an action’s state, and say what was done', () => {
    const x = { id: 'a', meeting_id: null, description: 'Risk assessment', owner_agency_id: null, owner_agency_name: 'Bracken Way Primary School', owner_name: 'Dana Lead', due_on: '2026-02-01', done_on: null };
    expect(actionRow(x, '2026-02-02').state.text).toBe('Overdue: was due 1 February 2026');
    expect(actionRow({ ...x, done_on: '2026-01-30' }, '2026-02-02').state.text).toBe('Done 30 January 2026');
    expect(actionRow(x, '2026-01-02')).toMatchObject({ owner: 'Bracken Way Primary School, Dana Lead', done: false });
    expect(doneMessage('decided')).toBe('The threshold decision is recorded');
    expect(doneMessage('nonsense')).toBeNull();
  });
});
