/** The children's pages' words: deadlines, stages, what is next due, steps, invitations and conference records. */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../domain/calendar.js';
import { type Timescale } from '../../domain/timescales.js';
import { caseSteps, conferenceRows, conferenceStatusTag, dueOnTag, dueTag, inviteRow, nextDue, planSteps, referralRows, reportQueueRow, stageOf, visitTable } from './presenters.js';
import { type CaseRow, type ConferenceRow, type InviteRow, type ReferralRow } from './repository.js';

// Good Friday and Easter Monday 2026, and the early May bank holiday.
const calendar = new WorkingCalendar(['2026-04-03', '2026-04-06', '2026-05-04']);
const interval: Timescale = { code: 'cp_visit.interval', title: 'Visits', amount: 10, unit: 'working_days', source: 'test' };
const at = (iso: string) => new Date(iso);

const caseRow = (over: Partial<CaseRow> = {}): CaseRow => ({
  id: 'r1', reference: 'CR-2026-000001', child_name: 'Maya Test', date_of_birth: '2019-05-01', referred_at: at('2026-03-02T10:00:00Z'), allocated_name: null,
  assessment_status: 'in_progress', assessment_due_at: at('2026-05-06T16:00:00Z'), s47_conference_due_at: null, s47_open: false, plan_id: null, plan_kind: null,
  plan_started_on: null, last_visit_on: null, next_conference_at: null, restricted: false, ...over,
});

describe('deadlines in words', () => {
  const due = at('2026-04-14T16:00:00Z'); // 17:00 London, Tuesday 14 April
  it('says overdue, due today or the date', () => {
    expect(dueTag(calendar, due, at('2026-04-14T16:30:00Z')).text).toBe('Overdue: was due 14 April 2026');
    expect(dueTag(calendar, due, at('2026-04-14T08:00:00Z'))).toEqual({ text: 'Due today', classes: 'govuk-tag--orange' });
    expect(dueTag(calendar, due, at('2026-04-13T08:00:00Z'), 'Initial conference due').text).toBe('Initial conference due 14 April 2026');
  });
  it('compares day-level deadlines by date', () => {
    expect(dueOnTag('2026-04-14', '2026-04-15').classes).toBe('govuk-tag--red');
    expect(dueOnTag('2026-04-14', '2026-04-14').text).toBe('Due today');
    expect(dueOnTag('2026-04-14', '2026-04-13', 'Next visit due').text).toBe('Next visit due 14 April 2026');
  });
});

describe('where a case stands and what is next due', () => {
  it('names the furthest step reached', () => {
    expect(stageOf({ plan_kind: 'cp', s47_open: true, assessment_status: 'authorised' })).toBe('Child protection plan');
    expect(stageOf({ plan_kind: 'cin', s47_open: false, assessment_status: 'authorised' })).toBe('Child in need plan');
    expect(stageOf({ plan_kind: null, s47_open: true, assessment_status: 'authorised' })).toBe('Section 47 enquiry');
    expect(stageOf({ plan_kind: null, s47_open: false, assessment_status: 'awaiting_authorisation' })).toBe('Assessment waiting for authorisation');
    expect(stageOf({ plan_kind: null, s47_open: false, assessment_status: 'authorised' })).toBe('Assessment authorised');
    expect(stageOf({ plan_kind: null, s47_open: false, assessment_status: 'not_started' })).toBe('Assessment');
  });

  it('a plan: the next visit, 10 working days after the last (over the Easter holidays)', () => {
    const due = nextDue(caseRow({ plan_kind: 'cp', plan_started_on: '2026-03-20', last_visit_on: '2026-03-27' }), calendar, at('2026-04-01T09:00:00Z'), interval)!;
    expect(due.text).toBe('Visit');
    // 27 March + 10 working days, skipping Good Friday and Easter Monday: 14 April
    expect(due.tag.text).toBe('Due 14 April 2026');
  });

  it('a section 47: the initial conference; an assessment: its due date; authorised and no plan: nothing', () => {
    expect(nextDue(caseRow({ s47_open: true, s47_conference_due_at: at('2026-03-20T17:00:00Z') }), calendar, at('2026-03-23T09:00:00Z'), interval)!.tag.classes).toBe('govuk-tag--red');
    expect(nextDue(caseRow(), calendar, at('2026-03-23T09:00:00Z'), interval)!.text).toBe('Assessment');
    expect(nextDue(caseRow({ assessment_status: 'authorised' }), calendar, at('2026-03-23T09:00:00Z'), interval)).toBeNull();
  });
});

describe('what the viewer can do', () => {
  it('depends on the assessment and the viewer’s role', () => {
    const worker = caseSteps('r1', { status: 'open' }, { status: 'in_progress' }, true, { work: true, authorise: false }).map((s) => s.text);
    expect(worker).toEqual(['Continue the assessment', 'Record a strategy discussion', 'Record the section 47 outcome', 'Close the case']);
    const manager = caseSteps('r1', { status: 'open' }, { status: 'awaiting_authorisation' }, false, { work: true, authorise: true }).map((s) => s.text);
    expect(manager).toContain('Authorise the assessment');
    expect(manager).toContain('Allocate a social worker');
    expect(caseSteps('r1', { status: 'closed' }, { status: 'authorised' }, false, { work: true, authorise: true })).toEqual([]);
  });
  it('plans: visits for all, core groups for child protection, reviews and ending for child in need', () => {
    expect(planSteps({ id: 'p', kind: 'cp', ended_on: null }, true).map((s) => s.text)).toEqual(['Record a visit', 'Record a core group meeting']);
    expect(planSteps({ id: 'p', kind: 'cin', ended_on: null }, true).map((s) => s.text)).toEqual(['Record a visit', 'Record a review of the plan', 'End the plan']);
    expect(planSteps({ id: 'p', kind: 'cp', ended_on: '2026-01-01' }, true)).toEqual([]);
    expect(planSteps({ id: 'p', kind: 'cp', ended_on: null }, false)).toEqual([]);
  });
});

describe('invitations and reports', () => {
  const invite = (over: Partial<InviteRow> = {}): InviteRow => ({
    id: 'i', conference_id: 'k', agency_id: 'a', agency_name: 'Fernmoor Constabulary', report_due_at: at('2026-04-08T16:00:00Z'), report_status: 'requested', report: null,
    report_view: null, submitted_at: null, submitted_by_name: null, attendance: null, ...over,
  });
  it('says when a report is due, sent, late or not provided', () => {
    expect(inviteRow(invite(), at('2026-04-07T09:00:00Z')).report).toBe('Due 8 April 2026 at 5pm');
    expect(inviteRow(invite(), at('2026-04-09T09:00:00Z')).report).toContain('(overdue)');
    expect(inviteRow(invite({ report_status: 'submitted', submitted_at: at('2026-04-09T09:00:00Z') }), at('2026-04-10T09:00:00Z')).report).toContain('(late)');
    expect(inviteRow(invite({ report_status: 'not_provided', attendance: 'apologies' }), at('2026-04-10T09:00:00Z'))).toMatchObject({ report: 'Not provided', attendance: 'Sent apologies' });
  });
  it('queues: to write, overdue, sent late', () => {
    const row = { id: 'i', conference_id: 'k', kind: 'initial', scheduled_at: at('2026-04-10T09:00:00Z'), child_name: 'Maya', report_due_at: at('2026-04-08T16:00:00Z'), report_status: 'requested', submitted_at: null };
    expect(reportQueueRow(row, at('2026-04-07T09:00:00Z')).tag.text).toBe('To write');
    expect(reportQueueRow(row, at('2026-04-09T09:00:00Z')).tag.text).toBe('Overdue');
    expect(reportQueueRow({ ...row, report_status: 'submitted', submitted_at: at('2026-04-09T09:00:00Z') }, at('2026-04-09T10:00:00Z')).tag.text).toBe('Sent late');
  });
});

describe('a conference', () => {
  const k = (over: Partial<ConferenceRow> = {}): ConferenceRow => ({
    id: 'k', tenant_id: 't', referral_id: 'r', referral_reference: 'CR', owning_agency_id: 'csc', person_id: 'p', child_name: 'Maya Test', date_of_birth: '2016-01-10', s47_id: null,
    plan_id: null, kind: 'initial', due_at: at('2026-04-14T16:00:00Z'), scheduled_at: at('2026-04-13T09:00:00Z'), chair_user_id: null, chair_name: 'Chris Independent', status: 'held',
    held_at: at('2026-04-13T09:00:00Z'), child_attended: false, child_advocate: true, child_views_presented: true, child_views: 'She wants the shouting to stop.', parents_participation: 'attended',
    parents_views: 'They disagree.', decision: 'plan', category: 'NEG', decision_reason: 'Risk.', dissent: 'Father disagreed.', dissent_escalated: true, restricted: false, ...over,
  });
  it('held in time or late, or scheduled after its due date', () => {
    expect(conferenceStatusTag(k()).text).toBe('Held in time');
    expect(conferenceStatusTag(k({ held_at: at('2026-04-15T09:00:00Z') })).text).toBe('Held late');
    // held at 18:30 on the day it was due: in time, as the census counts it
    expect(conferenceStatusTag(k({ held_at: at('2026-04-14T17:30:00Z') })).text).toBe('Held in time');
    expect(conferenceStatusTag(k({ status: 'scheduled', held_at: null, scheduled_at: at('2026-04-16T09:00:00Z') })).text).toBe('Scheduled after its due date');
  });
  it('shows children’s social care the voice and dissent; partners only the decision', () => {
    const full = conferenceRows(k(), true, calendar).map((r) => `${r.key.text}: ${r.value.text ?? ''}`);
    expect(full).toContain('Voice heard (aged 8 to 17): Yes');
    expect(full).toContain('The child’s views: She wants the shouting to stop.');
    expect(full).toContain('Escalated: Yes: escalated under the partnership’s resolution procedure');
    const partner = conferenceRows(k(), false, calendar).map((r) => r.key.text);
    expect(partner).toContain('Category');
    expect(partner).not.toContain('The child’s views');
    expect(partner).not.toContain('Dissent');
    // a 7-year-old is outside the cohort the board measures
    expect(conferenceRows(k({ date_of_birth: '2019-01-10' }), true, calendar).map((r) => r.key.text)).not.toContain('Voice heard (aged 8 to 17)');
  });
});

describe('a referral', () => {
  const r = (earlier: string[]): ReferralRow => ({
    id: 'r', tenant_id: 't', reference: 'CR-2026-000001', contact_id: 'c', contact_reference: 'C-2026-000001', route: 'referral_csc', owning_agency_id: 'csc', person_id: 'p', child_name: 'Maya',
    date_of_birth: '2016-01-10', gender: 'female', referred_at: at('2026-03-02T10:00:00Z'), source_code: '6', primary_need_code: null, nfa: false, status: 'open', closed_at: null,
    closure_reason: null, allocated_user_id: null, allocated_name: null, restricted: false, earlier_referrals: earlier,
  });
  const reReferral = (earlier: string[]) => referralRows(r(earlier), calendar, at('2026-03-03T09:00:00Z')).find((x) => x.key.text === 'Re-referral')!.value.text;
  it('is a re-referral within 12 months of an earlier one', () => {
    expect(reReferral([])).toBe('No: first referral');
    expect(reReferral(['2025-06-01'])).toMatch(/^Yes/);
    expect(reReferral(['2024-06-01'])).toMatch(/^No: earlier referrals 1 June 2024/);
  });
});

describe('visits', () => {
  it('marks a late visit in words', () => {
    const t = visitTable([{ id: 'v', visited_on: '2026-04-16', due_on: '2026-04-14', seen: true, seen_alone: false, notes: 'n', recorded_by_name: null }]);
    expect(t.rows[0]![2]).toEqual({ html: '<strong class="govuk-tag govuk-tag--red">Late</strong>' });
    expect(t.rows[0]![3]).toEqual({ text: 'Seen, not alone' });
  });
});
