import { describe, expect, it } from 'vitest';
import { gradeDistribution } from '../../domain/case-audits.js';
import { distributionRows, doneMessage, dueText, gradeTag, judgementText, ourEntry, programmeColumns, programmeEntry, progressRows, sampleEntry, statusTag } from './presenters.js';
import { type OurRow, type ProgrammeRow } from './repository.js';

const audit = (over: Partial<ProgrammeRow> = {}): ProgrammeRow => ({
  id: 'a1',
  tenant_id: 't',
  reference: 'MAA-2026-007',
  programme_year: 2026,
  topic: 'Neglect',
  scope: 'The voice of the child',
  sample_kind: 'children',
  board_kind: 'children',
  planned_on: '2026-06-01',
  grading_due_on: '2026-07-01',
  status: 'grading',
  created_at: '2026-05-01T09:00:00Z',
  sampled: 6,
  asked: 14,
  graded: 9,
  findings: 0,
  ...over,
});

const agencies = [
  { id: 'police', name: 'Fernmoor Constabulary' },
  { id: 'csc', name: 'Fernmoor Children’s Services' },
];

describe('the programme', () => {
  it('puts each audit in its column with its progress in words', () => {
    const cols = programmeColumns([audit({ id: 'p', status: 'planned', sampled: 0 }), audit({ id: 's', status: 'sampling' }), audit({ id: 'g' }), audit({ id: 'f', status: 'findings', findings: 1 }), audit({ id: 'c', status: 'closed', findings: 3 })]);
    expect(cols.planned.map((e) => e.href)).toEqual(['/partnership/audits/p']);
    expect(cols.inProgress.map((e) => e.href)).toEqual(['/partnership/audits/s', '/partnership/audits/g', '/partnership/audits/f']);
    expect(cols.closed.map((e) => e.href)).toEqual(['/partnership/audits/c']);
    expect(cols.planned[0]!.progress).toBe('No sample yet');
    expect(cols.inProgress[2]!.progress).toBe('6 records, 9 of 14 gradings in, 1 finding');
    expect(cols.closed[0]!.progress).toBe('6 records, 9 of 14 gradings in, 3 findings');
    const e = programmeEntry(audit({ grading_due_on: null, sampled: 1 }));
    expect(e).toMatchObject({ reference: 'MAA-2026-007', kind: 'Children (children’s social care referrals)', board: 'Safeguarding children partnership', due: 'Not set', progress: '1 record, 9 of 14 gradings in' });
    expect(e.planned).toBe('1 June 2026');
  });

  it('says each status and grade in words', () => {
    expect(statusTag('grading')).toEqual({ text: 'Agencies grading', classes: 'govuk-tag--blue' });
    expect(statusTag('closed').text).toBe('Closed');
    expect(statusTag('nonsense').classes).toBe('govuk-tag--grey');
    expect(gradeTag(null)).toEqual({ text: 'Not graded yet', classes: 'govuk-tag--grey' });
    expect(gradeTag('requires_improvement')).toEqual({ text: 'Requires improvement', classes: 'govuk-tag--yellow' });
    expect(gradeTag('inadequate').classes).toBe('govuk-tag--red');
  });
});

describe('an audit’s page', () => {
  it('shows a sampled record by reference, initials and age band, with each agency asked and its grade', () => {
    const entry = sampleEntry(
      { id: 's1', person_id: 'p', record_kind: 'da_case', record_id: 'r1', agency_ids: ['police', 'csc', 'gone'] },
      { id: 'r1', person_id: 'p', reference: 'C-2026-000123', on: '2026-05-10', initials: 'JS', date_of_birth: '1990-05-11', agency_ids: ['police', 'csc'] },
      [{ sample_id: 's1', agency_id: 'police', grade: 'good', strengths: null, improvements: null, graded_at: '' }, { sample_id: 's2', agency_id: 'csc', grade: 'inadequate', strengths: null, improvements: 'x', graded_at: '' }],
      agencies,
    );
    expect(entry).toMatchObject({ reference: 'C-2026-000123', initials: 'JS', ageBand: '25 to 44', on: '10 May 2026' });
    expect(entry.agencies).toEqual([
      { name: 'An agency no longer listed', grade: { text: 'Not graded yet', classes: 'govuk-tag--grey' } },
      { name: 'Fernmoor Children’s Services', grade: { text: 'Not graded yet', classes: 'govuk-tag--grey' } },
      { name: 'Fernmoor Constabulary', grade: { text: 'Good', classes: 'govuk-tag--turquoise' } },
    ]);
    const gone = sampleEntry({ id: 's1', person_id: 'p', record_kind: 'da_case', record_id: 'r1', agency_ids: [] }, undefined, [], agencies);
    expect(gone).toMatchObject({ reference: 'No longer available to audit', initials: '–', ageBand: 'Age not known', on: '' });
  });

  it('shows progress by agency, the distribution and the judgement, saying how ties are judged', () => {
    expect(progressRows([{ agencyId: 'police', asked: 3, graded: 1 }, { agencyId: 'csc', asked: 2, graded: 2 }], agencies)).toEqual([
      [{ text: 'Fernmoor Constabulary' }, { text: '3' }, { text: '1' }, { text: '2 to grade' }],
      [{ text: 'Fernmoor Children’s Services' }, { text: '2' }, { text: '2' }, { text: 'All graded' }],
    ]);
    const d = gradeDistribution(['good', 'requires_improvement']);
    expect(distributionRows(d)[1]).toEqual([{ text: 'Good' }, { text: '1', format: 'numeric' }, { text: '50%', format: 'numeric' }]);
    expect(distributionRows(gradeDistribution([]))[0]![2]).toEqual({ text: '–', format: 'numeric' });
    expect(judgementText(d)).toBe('Overall: requires improvement. The grade given most often across 2 gradings; grades given equally often are judged at the lower grade.');
    expect(judgementText(gradeDistribution(['good']))).toBe('Overall: good. The grade given most often across 1 grading (grades given equally often would be judged at the lower grade).');
    expect(judgementText(gradeDistribution([]))).toBe('No gradings yet.');
  });
});

describe('our audit gradings', () => {
  const row = (over: Partial<OurRow> = {}): OurRow => ({
    sample_id: 's1',
    audit_id: 'a1',
    reference: 'MAA-2026-007',
    topic: 'Neglect',
    sample_kind: 'domestic_abuse',
    status: 'grading',
    grading_due_on: '2026-07-01',
    record_kind: 'da_case',
    record_id: 'r1',
    grade: null,
    total: 1,
    ...over,
  });
  const record = { id: 'r1', person_id: 'p', reference: 'C-1', on: '2026-05-10', initials: 'AB', date_of_birth: '2012-01-01', agency_ids: [] };

  it('links a record waiting to be graded, with its due date, overdue once past it', () => {
    const e = ourEntry(row(), record, '2026-06-01');
    expect(e).toMatchObject({ href: '/partnership/audits/records/s1/grade', reference: 'C-1', initials: 'AB', ageBand: '10 to 15', audit: 'MAA-2026-007: Neglect', grade: { text: 'To grade' }, due: { text: 'Due 1 July 2026' } });
    expect(ourEntry(row(), record, '2026-07-02').due).toEqual({ text: 'Overdue: was due 1 July 2026', classes: 'govuk-tag--red' });
    // graded, or the audit moved on: not overdue, and no link once closed
    expect(ourEntry(row({ grade: 'good' }), record, '2026-07-02').due).toEqual({ text: 'Due 1 July 2026', classes: 'govuk-tag--grey' });
    const closed = ourEntry(row({ status: 'closed' }), undefined, '2026-07-02');
    expect(closed).toMatchObject({ href: null, grade: { text: 'Not graded' }, reference: 'No longer available to audit' });
    expect(dueText(null, '2026-07-02', true)).toBeNull();
  });

  it('confirms what was done', () => {
    expect(doneMessage('graded')).toBe('Your agency’s grading is saved.');
    expect(doneMessage('nonsense')).toBeUndefined();
  });
});
