import { describe, expect, it } from 'vitest';
import { compliance } from '../../domain/self-assessment.js';
import { bandList, complianceRow, complianceTables, doneMessage, frameworkName, kindLabel, ourRow, progressText, ragTag, returnRow, roundRow, statusTag } from './presenters.js';
import { type OurReturnRow, type ReturnRow, type RoundRow, type StandardRow } from './repository.js';

const standard = (id: string, code: string, appliesTo: string): StandardRow => ({ id, framework_id: 'f', position: Number(id), code, title: `Standard ${code}`, guidance: 'g', applies_to: appliesTo });
const ret = (over: Partial<ReturnRow> = {}): ReturnRow => ({
  id: 'r1', tenant_id: 't', round_id: 'round', agency_id: 'a', agency_name: 'Fernmoor Primary', agency_type: 'school', status: 'in_progress', submitted_at: null,
  challenge_on: null, challenge_notes: null, updated_at: '2026-03-01T10:00:00Z', answered: 7, standards: 10, ...over,
});

describe('tags in words', () => {
  it('names each RAG and each status, never colour alone', () => {
    expect(ragTag('green')).toEqual({ text: 'Green: met', classes: 'govuk-tag--green' });
    expect(ragTag('amber').text).toBe('Amber: partly met');
    expect(ragTag('red').text).toBe('Red: not met');
    expect(ragTag(null)).toEqual({ text: 'Not answered', classes: 'govuk-tag--grey' });
    expect(ragTag('purple').text).toBe('Not answered');
    expect(statusTag('not_started').text).toBe('Not started');
    expect(statusTag('submitted')).toEqual({ text: 'Submitted', classes: 'govuk-tag--green' });
    expect(statusTag('challenged').text).toBe('Challenged');
    expect(statusTag('odd')).toEqual({ text: 'odd', classes: 'govuk-tag--grey' });
  });

  it('names frameworks with their version', () => {
    expect(kindLabel('s175')).toBe('Section 175 (schools)');
    expect(kindLabel('other')).toBe('other');
    expect(frameworkName({ title: 'S11 tool', version: 2 })).toBe('S11 tool (version 2)');
    expect(frameworkName({ framework_title: 'Joint tool', version: 1 })).toBe('Joint tool (version 1)');
  });
});

describe('progress', () => {
  it('says how far a return has got and its band', () => {
    expect(progressText(7, 10)).toEqual({ text: '7 of 10 standards (70%)', percent: 70, band: 'over 50%' });
    expect(progressText(9, 10).band).toBe('90–100%');
    expect(progressText(0, 6)).toEqual({ text: '0 of 6 standards (0%)', percent: 0, band: 'not started' });
  });

  it('lists the bands in the seed report’s order', () => {
    expect(bandList({ top: 67, over_half: 41, up_to_half: 15, not_started: 6 })).toEqual([
      { label: '90–100%', count: 67 },
      { label: 'over 50%', count: 41 },
      { label: 'up to 50%', count: 15 },
      { label: 'not started', count: 6 },
    ]);
  });
});

describe('compliance tables', () => {
  const standards = [standard('1', 'J.1', 'both'), standard('2', 'J.2', 'adults'), standard('3', 'J.3', 'children')];
  const c = compliance(['1', '2', '3'], [
    { standardId: '1', rag: 'green' },
    { standardId: '1', rag: 'red' },
    { standardId: '2', rag: 'amber' },
  ]);

  it('shows each standard’s answers as per cents with their counts', () => {
    expect(complianceRow(standards[0]!, c.get('1')).map((x) => x.text)).toEqual(['J.1 Standard J.1', '2', '50% (1)', '0', '50% (1)']);
    expect(complianceRow(standards[2]!, undefined).map((x) => x.text)).toEqual(['J.3 Standard J.3', '0', '0', '0', '0']);
  });

  it('gives the joint tool a part for each board, from the same answers', () => {
    const tables = complianceTables('joint', standards, c);
    expect(tables.map((t) => t.title)).toEqual(['For the children’s board', 'For the adults’ board']);
    expect(tables[0]!.rows.map((r) => r[0]!.text)).toEqual(['J.1 Standard J.1', 'J.3 Standard J.3']);
    expect(tables[1]!.rows.map((r) => r[0]!.text)).toEqual(['J.1 Standard J.1', 'J.2 Standard J.2']);
    expect(tables[0]!.rows[0]).toEqual(tables[1]!.rows[0]);
  });

  it('gives other frameworks one table', () => {
    const tables = complianceTables('s175', standards, c);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title).toBeNull();
    expect(tables[0]!.rows).toHaveLength(3);
  });
});

describe('rows', () => {
  it('lists a return in its round', () => {
    expect(returnRow(ret())).toEqual({ organisation: 'Fernmoor Primary', href: '/partnership/self-assessment/returns/r1', status: { text: 'In progress', classes: 'govuk-tag--blue' }, progress: '70%', band: 'over 50%' });
  });

  it('lists a round', () => {
    const r: RoundRow = { id: 'x', tenant_id: 't', framework_id: 'f', kind: 's11', version: 1, framework_title: 'S11 tool', title: 'S11 2026', opened_on: '2026-01-05', due_on: '2026-03-31', status: 'open', returns: 9, submitted: 4 };
    expect(roundRow(r)).toEqual({ title: 'S11 2026', href: '/partnership/self-assessment/rounds/x', framework: 'S11 tool (version 1)', due: '31 March 2026', status: 'Open', submitted: '4 of 9' });
    expect(roundRow({ ...r, status: 'closed' }).status).toBe('Closed');
  });

  it('lists the organisation’s own returns with due date and % complete', () => {
    const r: OurReturnRow = { ...ret({ answered: 3, standards: 6 }), round_title: 'VCS 2026', framework_title: 'VCS tool', kind: 'vcs', due_on: '2026-04-30', round_status: 'open' };
    expect(ourRow(r)).toEqual({ title: 'VCS 2026', href: '/partnership/self-assessment/returns/r1', framework: 'VCS tool', due: '30 April 2026', status: { text: 'In progress', classes: 'govuk-tag--blue' }, progress: '50%' });
  });

  it('confirms each change', () => {
    expect(doneMessage('submitted')).toBe('The return has been submitted to the partnership');
    expect(doneMessage('nonsense')).toBeNull();
  });
});
