import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../domain/calendar.js';
import { childRows, clockRows, deadlineTag, doneMessage, doneTag, listRow, summaryRows, tabs, teamRows } from './presenters.js';
import { type EpisodeRow, type ListRow } from './repository.js';

const calendar = new WorkingCalendar([]);
const now = new Date('2026-03-04T12:00:00Z'); // a Wednesday

const list: ListRow = {
  id: 'e1', reference: 'EH-2026-000001', family_name: 'Hartley', children: 2, started_at: '2026-03-02 10:00:00+00', contact_due_at: '2026-03-05 17:30:00+00',
  contacted_at: null, engaged: null, triage_due_at: '2026-03-09 17:30:00+00', triaged_at: null, lead_agency_name: 'Fernmoor Children’s Services', lead_user_name: null,
  eha_started_at: null, eha_due_at: null, eha_completed_at: null, status: 'open', stepped_up_to_contact_id: null, closed_at: null, closure_reason: null, next_due_at: '2026-03-05 17:30:00+00', total: 1,
};

const episode: EpisodeRow = {
  id: 'e1', tenant_id: 't', reference: 'EH-2026-000001', contact_id: 'c1', contact_reference: 'C-2026-000010', stepped_down_from_referral_id: null, children: ['p1'], family_name: 'Hartley',
  started_at: '2026-03-02 10:00:00+00', contact_due_at: '2026-03-05 17:30:00+00', contacted_at: '2026-03-03 09:00:00+00', engaged: true, triage_due_at: '2026-03-09 17:30:00+00',
  triaged_at: '2026-03-10 09:00:00+00', lead_agency_id: 'school', lead_agency_name: 'Bracken Way Primary School', lead_user_id: 'u', lead_user_name: 'Dana Lead',
  eha_started_at: '2026-03-10 10:00:00+00', eha_due_at: '2026-04-14 17:30:00+00', eha_completed_at: null, eha_agency_id: null, eha_agency_name: null, eha_summary: null, family_views: null,
  team: [{ agencyId: 'health', role: 'School nurse' }], status: 'open', stepped_up_to_contact_id: null, stepped_up_reference: null, closed_at: null, closure_reason: null, restricted: false,
};

describe('deadlines in words, with their RAG', () => {
  it('is red overdue, amber due today, green later', () => {
    expect(deadlineTag(calendar, new Date('2026-03-04T09:00:00Z'), now)).toMatchObject({ rag: 'red', classes: 'govuk-tag--red' });
    expect(deadlineTag(calendar, new Date('2026-03-04T17:00:00Z'), now)).toMatchObject({ rag: 'amber', classes: 'govuk-tag--yellow' });
    expect(deadlineTag(calendar, new Date('2026-03-05T17:00:00Z'), now).text).toMatch(/^Green: due 5 March 2026/);
  });
  it('says a stopped clock was done in time or late', () => {
    expect(doneTag(new Date('2026-03-05T17:00:00Z'), new Date('2026-03-05T16:00:00Z')).text).toMatch(/^Done in time/);
    expect(doneTag(new Date('2026-03-05T17:00:00Z'), new Date('2026-03-06T16:00:00Z')).text).toMatch(/^Done late/);
  });
});

describe('a worklist row', () => {
  it('names the family, where it stands, the lead and the next deadline', () => {
    const r = listRow(list, calendar, now);
    expect(r).toMatchObject({ href: '/early-help/episodes/e1', familyName: 'Hartley', children: '2 children', lead: 'Fernmoor Children’s Services', closed: null });
    expect(r.stage.text).toBe('Family to contact');
    expect(r.next?.text).toBe('Contact the family');
    expect(r.next?.tag.rag).toBe('green');
  });
  it('moves on to triage once the family is engaged, and names a chosen lead practitioner', () => {
    const r = listRow({ ...list, contacted_at: '2026-03-03 09:00:00+00', engaged: true, lead_user_name: 'Dana Lead' }, calendar, now);
    expect(r.next?.text).toBe('Triage');
    expect(r.lead).toBe('Dana Lead, Fernmoor Children’s Services');
  });
  it('shows a closed episode’s close and reason', () => {
    const r = listRow({ ...list, status: 'closed', closed_at: '2026-03-20 10:00:00+00', closure_reason: 'outcomes_met' }, calendar, now);
    expect(r.next).toBeNull();
    expect(r.closed).toBe('20 March 2026: Outcomes met');
  });
});

describe('the episode page', () => {
  it('lists each clock: contact in time, triage late, the assessment running', () => {
    const rows = clockRows(episode, calendar, now);
    expect(rows.map((r) => r.tag.text.split(',')[0])).toEqual(['Done in time', 'Done late', expect.stringMatching(/^Green: due/)]);
  });
  it('says where it stands and how it began', () => {
    const rows = summaryRows(episode);
    expect(rows[0]!.value.text).toContain('from front door contact C-2026-000010');
    expect(rows.find((r) => r.key.text === 'Lead practitioner')!.value.text).toBe('Dana Lead');
    expect(rows.find((r) => r.key.text === 'Early help assessment completed')!.value.text).toBe('Not yet');
    const closed = summaryRows({ ...episode, status: 'closed', closed_at: '2026-04-01 10:00:00+00', closure_reason: 'moved_away', stepped_up_to_contact_id: 'c2', stepped_up_reference: 'C-2026-000099' });
    expect(closed.map((r) => r.value.text)).toEqual(expect.arrayContaining(['Front door contact C-2026-000099', '1 April 2026: Family moved away']));
  });
  it('lists the team with the lead agency first', () => {
    expect(teamRows('Bracken Way Primary School', episode.team, [{ id: 'health', name: 'Fernmoor NHS Foundation Trust' }])).toEqual([
      { agencyId: null, agency: 'Bracken Way Primary School', role: 'Lead agency' },
      { agencyId: 'health', agency: 'Fernmoor NHS Foundation Trust', role: 'School nurse' },
    ]);
  });
  it('gives each child’s age today', () => {
    expect(childRows([{ id: 'p1', given_names: 'Amy', family_name: 'Hartley', date_of_birth: '2019-03-05' }], now)).toEqual([{ name: 'Amy Hartley', born: '5 March 2019 (6)' }]);
  });
  it('has words for each change, and counts on the tabs', () => {
    expect(doneMessage('triaged')).toMatch(/Triage is recorded/);
    expect(doneMessage('nonsense')).toBeNull();
    expect(tabs('open', { new: 3, overdue: 2, open: 1200, closed: 4 }, (s) => `/early-help?show=${s}`)).toEqual([
      { text: 'New families (3)', href: '/early-help?show=new', current: false },
      { text: 'Deadline overdue (2)', href: '/early-help?show=overdue', current: false },
      { text: 'Open episodes (1,200)', href: '/early-help?show=open', current: true },
      { text: 'Closed (4)', href: '/early-help?show=closed', current: false },
    ]);
  });
});
