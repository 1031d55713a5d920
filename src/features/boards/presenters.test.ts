import { describe, expect, it } from 'vitest';
import { agendaRow, attendanceCells, groupRow, homePanel, meetingRow, meetingTag, memberRow, quorateTag, reviewText, riskRow, riskSummary, scoreTag, sizeText } from './presenters.js';
import { type GroupRow, type MeetingRow, type RiskRow } from './repository.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const meeting = (o: Partial<MeetingRow> = {}): MeetingRow => ({
  id: 'm1', tenant_id: 't', group_id: 'g1', group_name: 'Main board', is_main: true, board_id: 'b1', board_kind: 'children', board_name: 'Fernmoor Safeguarding Children Partnership',
  held_at: '2026-05-14T09:30:00.000Z', held_on: '2026-05-14', location: 'Town Hall', status: 'held', minutes: null, recorded: 6, present: 5, ...o,
});
const risk = (o: Partial<RiskRow> = {}): RiskRow => ({
  id: 'r1', tenant_id: 't', board_id: 'b1', board_kind: 'children', board_name: 'Children’s board', reference: 'RISK-0012', title: 'Police attendance', description: 'Low attendance.', kind: 'risk',
  likelihood: 4, impact: 4, score: 16, owner_agency_id: 'a', owner_agency_name: 'Fernmoor Constabulary', owner_name: 'Detective Superintendent', mitigations: null, review_on: '2026-07-01',
  status: 'open', closed_on: null, updated_at: '2026-05-01T00:00:00Z', ...o,
});

describe('meetings in words', () => {
  it('says where a meeting stands', () => {
    expect(meetingTag(meeting(), NOW).text).toBe('Held');
    expect(meetingTag(meeting({ status: 'cancelled' }), NOW).text).toBe('Cancelled');
    expect(meetingTag(meeting({ status: 'scheduled' }), NOW).text).toBe('Attendance not recorded');
    expect(meetingTag(meeting({ status: 'scheduled', held_at: '2026-09-01T09:00:00Z' }), NOW)).toEqual({ text: 'Scheduled', classes: 'govuk-tag--blue' });
  });

  it('says whether it was quorate, and not before attendance is recorded', () => {
    expect(quorateTag({ quorate: true, missing: [], source: 's' }, true).text).toBe('Quorate');
    expect(quorateTag({ quorate: false, missing: ['The police'], source: 's' }, true)).toEqual({ text: 'Not quorate', classes: 'govuk-tag--red' });
    expect(quorateTag({ quorate: false, missing: [], source: 's' }, false).text).toBe('Quoracy not known: attendance not recorded');
  });

  it('lists a meeting with its attendance', () => {
    expect(meetingRow(meeting(), NOW)).toMatchObject({ href: '/partnership/meetings/m1', when: '14 May 2026 at 10:30am', location: 'Town Hall', attendance: '5 of 6 present' });
    expect(meetingRow(meeting({ status: 'scheduled', location: null }), NOW)).toMatchObject({ location: 'Not given', attendance: '' });
  });

  it('shows a group with its next meeting', () => {
    const g: GroupRow = { id: 'g1', tenant_id: 't', board_id: 'b', board_kind: 'children', board_name: 'B', name: 'Main board', is_main: true, remit: null, active: true, members: 1, next_meeting_at: null, next_meeting_id: null };
    expect(groupRow(g)).toMatchObject({ href: '/partnership/boards/groups/g1', members: '1 member', next: 'No meeting scheduled', nextHref: null });
    expect(groupRow({ ...g, members: 12, next_meeting_at: '2026-09-10T08:30:00Z', next_meeting_id: 'm9' })).toMatchObject({ members: '12 members', next: 'Next meeting 10 September 2026 at 9:30am', nextHref: '/partnership/meetings/m9' });
  });

  it('shows a member’s time on the group', () => {
    const m = { id: 'x', agency_id: 'a', agency_name: 'Fernmoor Constabulary', agency_type: 'police', user_id: null, name: 'Sam Superintendent', job_title: null, role: 'vice_chair', from_on: '2025-04-01', to_on: null };
    expect(memberRow(m, '2026-06-01')).toMatchObject({ role: 'Vice chair', period: 'Since 1 April 2025', past: false, hasAccount: false });
    expect(memberRow({ ...m, to_on: '2026-03-31' }, '2026-06-01')).toMatchObject({ period: '1 April 2025 to 31 March 2026', past: true });
  });

  it('describes papers by kind and size', () => {
    expect(sizeText(100)).toBe('1 KB');
    expect(sizeText(812 * 1024)).toBe('812 KB');
    expect(sizeText(2.44 * 1024 * 1024)).toBe('2.4 MB');
    const a = { id: 'i1', position: 1, title: 'Annual report', presenter: null, paper_name: 'Report.pdf', paper_type: 'application/pdf', paper_bytes: 2048 };
    expect(agendaRow(a, (id) => `/p?item=${id}`).paper).toEqual({ href: '/p?item=i1', name: 'Report.pdf', about: 'PDF, 2 KB' });
    expect(agendaRow({ ...a, paper_name: null, paper_type: null, paper_bytes: null }, () => '').paper).toBeNull();
  });
});

describe('the attendance table', () => {
  it('writes the appendix’s marks and the percentage, blank where no member was expected', () => {
    expect(attendanceCells({ agencyId: 'a', agencyName: 'Fernmoor Constabulary', marks: ['apologies', 'attended', null, 'deputy', 'absent'], present: 2, expected: 4, percent: 50 })).toEqual(['Fernmoor Constabulary', 'Aps', 'A', '', 'D', 'x', '50%']);
    expect(attendanceCells({ agencyId: 'a', agencyName: 'X', marks: [null], present: 0, expected: 0, percent: null })).toEqual(['X', '', '']);
  });
});

describe('the risk log', () => {
  it('scores in words with the band', () => {
    expect(scoreTag(4, 4)).toEqual({ text: '16 – High', classes: 'govuk-tag--orange' });
    expect(scoreTag(5, 5)).toEqual({ text: '25 – Very high', classes: 'govuk-tag--red' });
    expect(scoreTag(1, 2)).toEqual({ text: '2 – Low', classes: 'govuk-tag--green' });
    expect(scoreTag(3, 3).text).toBe('9 – Medium');
  });

  it('says when a review is due or overdue, and when an entry closed', () => {
    expect(reviewText(risk(), '2026-06-01')).toEqual({ text: 'Review by 1 July 2026', overdue: false });
    expect(reviewText(risk(), '2026-07-02')).toEqual({ text: 'Review overdue: was due 1 July 2026', overdue: true });
    expect(reviewText(risk({ status: 'closed', closed_on: '2026-06-20' }), '2026-08-01')).toEqual({ text: 'Closed 20 June 2026', overdue: false });
  });

  it('lists and summarises an entry', () => {
    expect(riskRow(risk(), '2026-06-01')).toMatchObject({ href: '/partnership/risks/r1', reference: 'RISK-0012', kind: 'Risk', owner: 'Detective Superintendent, Fernmoor Constabulary' });
    const rows = riskSummary(risk({ owner_agency_name: null, kind: 'issue' }), '2026-06-01');
    expect(rows.find((r) => r.key.text === 'Risk or issue')!.value.text).toBe('Issue');
    expect(rows.find((r) => r.key.text === 'Owner')!.value.text).toBe('Detective Superintendent');
    expect(rows.find((r) => r.key.text === 'Mitigations')!.value.text).toBe('Not recorded');
    expect(rows.find((r) => r.key.text === 'Score')!.value.text).toBe('16 – High');
  });

  it('builds the home page’s panel', () => {
    const panel = homePanel(
      { meetings: [{ id: 'm1', held_at: '2026-09-10T08:30:00Z', location: null, group_id: 'g', group_name: 'Main board', board_name: 'Children’s board' }], risks: [risk({ review_on: '2026-05-01' })], today: '2026-06-01' },
      { boardsHref: '/partnership/boards', risksHref: '/partnership/risks' },
    );
    expect(panel.meetings).toEqual([{ href: '/partnership/meetings/m1', text: 'Children’s board: Main board', when: '10 September 2026 at 9:30am', location: null }]);
    expect(panel.risks[0]).toMatchObject({ href: '/partnership/risks/r1', text: 'RISK-0012: Police attendance', review: { overdue: true } });
  });
});
