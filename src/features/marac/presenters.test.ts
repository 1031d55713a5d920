/** The words the MARAC pages show, without a database (the sharing rule is tested with the record rules). */
import { describe, expect, it } from 'vitest';
import { actionState, dobFromKey, meetingTabs, referralFlags, researchProgress, researchSummary, statusTag } from './presenters.js';
import { type MaracHome, coordinatorPanel, researchPanel } from './home.js';

describe('words and tags', () => {
  it('marks actions done, overdue, due today or open', () => {
    expect(actionState({ due_on: '2026-03-01', done_at: '2026-03-05 10:00:00+00' }, '2026-03-10').text).toBe('Done');
    expect(actionState({ due_on: '2026-03-09', done_at: null }, '2026-03-10')).toEqual({ text: 'Overdue', classes: 'govuk-tag--red', overdue: true });
    expect(actionState({ due_on: '2026-03-10', done_at: null }, '2026-03-10').text).toBe('Due today');
    expect(actionState({ due_on: '2026-03-11', done_at: null }, '2026-03-10').text).toBe('Open');
  });

  it('flags repeats and serial perpetrators', () => {
    expect(referralFlags({ criteria: ['repeat'], previous_referral_id: null }).map((f) => f.text)).toEqual(['Repeat']);
    expect(referralFlags({ criteria: [], previous_referral_id: 'x', serial: true }).map((f) => f.text)).toEqual(['Repeat', 'Serial perpetrator']);
    expect(referralFlags({ criteria: ['visible_high_risk'], previous_referral_id: null, serial: false })).toEqual([]);
  });

  it('reads a date of birth from a name-and-date-of-birth key', () => {
    expect(dobFromKey('ada|lovelace|1990-04-02')).toBe('1990-04-02');
    expect(dobFromKey(null)).toBeNull();
    expect(dobFromKey('ada|lovelace|')).toBeNull();
  });

  it('says which invited agencies have completed research', () => {
    const invited = [
      { agency_id: 'a', name: 'Police' },
      { agency_id: 'b', name: 'Health' },
      { agency_id: 'c', name: 'Housing' },
    ];
    expect(researchProgress(['b'], invited)).toEqual({ done: ['Health'], waiting: ['Police', 'Housing'], text: '1 of 3 agencies' });
  });

  it('names statuses in words', () => {
    expect(statusTag('referred').text).toBe('New');
    expect(statusTag('listed').text).toBe('On an agenda');
  });
});

describe('the meeting pages', () => {
  const invited = [{ agency_id: 'a' }, { agency_id: 'b' }, { agency_id: 'c' }];

  it('sums up an agenda row’s research in one line', () => {
    expect(researchSummary([], invited)).toEqual({ returned: 0, invited: 3, text: 'Research: 0 of 3 agencies returned', complete: false });
    expect(researchSummary(['a', 'c'], invited).text).toBe('Research: 2 of 3 agencies returned');
    // research from an agency no longer invited is not counted
    expect(researchSummary(['a', 'b', 'c', 'z'], invited)).toMatchObject({ returned: 3, complete: true });
    expect(researchSummary([], [{ agency_id: 'a' }]).text).toBe('Research: 0 of 1 agency returned');
    expect(researchSummary([], [])).toMatchObject({ text: 'Research: no agencies invited', complete: false });
  });

  it('offers research to invited agencies, and the minutes once held to those present', () => {
    const links = { meeting: '/m', agenda: '/m/agenda', research: '/m/research', attendance: '/m/attendance', minutes: '/m/minutes' };
    expect(meetingTabs(links, { research: true, minutes: true }, false, 'agenda').map((t) => t.text)).toEqual(['Summary', 'Agenda', 'Research', 'Attendance']);
    expect(meetingTabs(links, { research: true, minutes: true }, true, 'minutes').filter((t) => t.current).map((t) => t.href)).toEqual(['/m/minutes']);
    expect(meetingTabs(links, { research: false, minutes: false }, true, 'summary').map((t) => t.text)).toEqual(['Summary', 'Agenda', 'Attendance']);
  });
});

describe('the home panels', () => {
  const meeting = (over: Record<string, unknown> = {}) => ({
    id: 'm1', meeting_at: '2026-12-10 10:00:00+00', meeting_on: '2026-12-10', location: 'Civic Centre', status: 'scheduled', created_by_name: null,
    cases: 12, invited: 9, my_invited: true, my_present: null, my_research_due: 4, research: { expected: 108, returned: 60 }, ...over,
  });
  const home = (over: Partial<MaracHome> = {}): MaracHome => ({ coordinating: true, today: '2026-12-01', open: 144, overdue: 119, newReferrals: 2, upcoming: [meeting()], unrecorded: [], ...over }) as MaracHome;

  it('the coordinator: new referrals, actions overdue then open, the next meeting with its research', () => {
    const p = coordinatorPanel(home());
    expect(p.counts.map((c) => [c.count, c.tone, c.href])).toEqual([
      [2, 'waiting', '/marac/referrals?status=referred'],
      [119, 'overdue', '/marac/actions?due=overdue'],
      [144, 'waiting', '/marac/actions'],
    ]);
    expect(p.items![0]).toMatchObject({ href: '/marac/meetings/m1', detail: 'Civic Centre. 12 cases on the agenda; research: 60 of 108 returned' });
    expect(p.empty).toBeUndefined();
    const late = coordinatorPanel(home({ upcoming: [], unrecorded: [meeting({ id: 'm0', meeting_on: '2026-11-26' })] as MaracHome['unrecorded'] }));
    expect(late.items![0]).toMatchObject({ overdue: true, href: '/marac/meetings/m0/attendance' });
    expect(coordinatorPanel(home({ upcoming: [] })).empty).toBe('No MARAC meetings are scheduled.');
  });

  it('an invited agency: the research it owes and its own actions; nothing at all, no panel', () => {
    const p = researchPanel(home({ coordinating: false, newReferrals: null, open: 2, overdue: 0 }))!;
    expect(p.counts.map((c) => [c.count, c.href])).toEqual([[4, '/marac/meetings/m1/agenda?research=ours'], [2, '/marac/actions']]);
    expect(researchPanel(home({ coordinating: false, newReferrals: null, open: 0, overdue: 0, upcoming: [] }))).toBeNull();
  });
});

describe('research owed on the home page', () => {
  it('is due when the meeting is today or tomorrow, waiting before then', () => {
    const at = (meeting_on: string) => researchPanel({ coordinating: false, today: '2026-12-01', open: 0, overdue: 0, newReferrals: null, unrecorded: [], upcoming: [{ id: 'm', meeting_at: `${meeting_on} 10:00:00+00`, meeting_on, location: 'X', status: 'scheduled', created_by_name: null, cases: 1, invited: 1, my_invited: true, my_present: null, my_research_due: 1, research: { expected: 1, returned: 0 } }] } as MaracHome)!.counts[0]!.tone;
    expect(at('2026-12-01')).toBe('due');
    expect(at('2026-12-02')).toBe('due');
    expect(at('2026-12-03')).toBe('waiting');
  });
});
