import { describe, expect, it } from 'vitest';
import { childName, defaultPeriod, dueTag, lateTag, noticeDetails, outcomeTag, riskText, statusTag } from './presenters.js';
import { keyAdultPanel, keyAdultsPanel, monitorPanel } from './home.js';
import { type NoticeRow } from './repository.js';

const row = (over: Partial<NoticeRow> = {}): NoticeRow => ({
  id: 'n1', tenant_id: 't', da_case_id: 'c', da_person_id: 'p', route: 'school', agency_id: 'a', agency_name: 'Bracken Way Primary School',
  needs_setting: null, due_at: '2026-06-08 07:45:00+00', sent_at: '2026-06-05 21:30:00+00', acknowledged_at: null, acknowledged_by_name: null,
  support: [], support_note: null, support_recorded_at: null, created_at: '2026-06-05 21:30:00+00', given_names: 'Robin', family_name: 'Example',
  date_of_birth: '2017-03-01', role: 'child_present', child_voice: null, child_demeanour: null, school_given: null, child_police_risk: null,
  case_police_risk: 'medium', police_reference: null, incident_type: 'domestic_incident', occurred_at: '2026-06-05 21:00:00+00', received_at: '2026-06-05 21:20:00+00',
  ...over,
});

describe('notice presenters', () => {
  it('says the status in words', () => {
    expect(statusTag(row()).text).toBe('New');
    expect(statusTag(row({ acknowledged_at: '2026-06-08 07:00:00+00' })).text).toBe('Acknowledged');
    expect(statusTag(row({ acknowledged_at: '2026-06-08 07:00:00+00', support_recorded_at: '2026-06-09 10:00:00+00' }))).toEqual({ text: 'Support recorded', classes: 'govuk-tag--green' });
  });

  it('says when a notice is due, overdue, or was due once acknowledged', () => {
    expect(dueTag(row(), new Date('2026-06-06T10:00:00Z'))).toEqual({ text: 'Due 8 June 2026 at 8:45am', classes: 'govuk-tag--blue' });
    expect(dueTag(row(), new Date('2026-06-08T08:00:00Z'))).toEqual({ text: 'Overdue: was due 8 June 2026 at 8:45am', classes: 'govuk-tag--red' });
    expect(dueTag(row({ acknowledged_at: '2026-06-08 07:00:00+00' }), new Date('2026-06-09T08:00:00Z')).text).toBe('Was due 8 June 2026 at 8:45am');
  });

  it('describes the child, the incident and the grading', () => {
    const d = noticeDetails(row({ child_police_risk: 'high', support: ['quiet_space', 'other'] }));
    expect(d).toMatchObject({ childName: 'Robin Example', role: 'Child present at the incident', route: 'School', incident: '5 June 2026 at 10pm', risk: 'High for the child (Medium for the adult victim)' });
    expect(d.support).toEqual(['A quiet space or time out', 'Other']);
    expect(noticeDetails(row({ occurred_at: null })).incident).toBe('Not given by the police (the notification was received 5 June 2026 at 10:20pm)');
    expect(noticeDetails(row()).risk).toBe('Medium');
    expect(riskText(null)).toBe('Not given');
    expect(childName(row())).toBe('Robin Example');
  });

  it('labels outcomes and chooses the last 28 days by default', () => {
    expect(outcomeTag('late')).toEqual({ text: 'Sent late', classes: 'govuk-tag--orange' });
    expect(outcomeTag('not_sent').text).toBe('Not sent');
    expect(defaultPeriod('2026-06-28')).toEqual({ from: '2026-06-01', to: '2026-06-28' });
  });
});

describe('a notice received late', () => {
  it('is tagged red "Late" when sent after its due time, and not otherwise', () => {
    expect(lateTag(row({ due_at: '2026-06-08 07:45:00+00', sent_at: '2026-06-08 07:46:00+00' }))).toEqual({ text: 'Late', classes: 'govuk-tag--red' });
    expect(lateTag(row({ due_at: '2026-06-08 07:45:00+00', sent_at: '2026-06-08 07:45:00+00' }))).toBeNull();
    expect(lateTag(row({ due_at: '2026-06-08 07:45:00+00', sent_at: '2026-06-05 21:30:00+00' }))).toBeNull();
    expect(lateTag(row({ sent_at: null }))).toBeNull();
  });
});

describe('the home panels', () => {
  it('a key adult sees what to acknowledge, overdue first; someone who is no key adult sees nothing', () => {
    expect(keyAdultPanel({ all: 0, unacknowledged: 0, overdue: 0, today: 0, late: 0 })).toBeNull();
    const panel = keyAdultPanel({ all: 9, unacknowledged: 3, overdue: 1, today: 2, late: 0 })!;
    expect(panel.counts.map((c) => [c.count, c.tone, c.href])).toEqual([
      [1, 'overdue', '/encompass?show=overdue'],
      [3, 'due', '/encompass?show=unacknowledged'],
      [2, 'waiting', '/encompass?show=today'],
    ]);
    expect(keyAdultPanel({ all: 9, unacknowledged: 0, overdue: 0, today: 0, late: 4 })!.counts.at(-1)).toMatchObject({ count: 4, href: '/encompass?show=late' });
  });

  it('the monitor’s queues are red when a notice in them is past due', () => {
    const p = monitorPanel({ needsSetting: 2, needsSettingOverdue: 1, noKeyAdult: 3, noKeyAdultOverdue: 0 });
    expect(p.counts.map((c) => [c.count, c.tone, c.href])).toEqual([[2, 'overdue', '/encompass/monitor'], [3, 'waiting', '/encompass/monitor?show=no-key-adult']]);
    expect(p.counts[0]!.text).toContain('1 past the start of the school day');
  });

  it('key adults: the area’s schools with none, or a setting’s own', () => {
    expect(keyAdultsPanel({ kind: 'area', schoolsWithout: 4 }).counts[0]).toMatchObject({ count: 4, href: '/encompass/key-adults?show=none' });
    const none = keyAdultsPanel({ kind: 'setting', agencyId: 'a1', name: 'Bracken Way Primary School', keyAdults: 0, waiting: 2 });
    expect(none.items![0]).toMatchObject({ overdue: true, href: '/encompass/key-adults/a1' });
    expect(none.items![0]!.text).toBe('Bracken Way Primary School has no key adult: choose one');
    expect(keyAdultsPanel({ kind: 'setting', agencyId: 'a1', name: 'X', keyAdults: 2, waiting: 0 }).items![0]!.overdue).toBeUndefined();
  });
});
