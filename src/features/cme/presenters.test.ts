import { describe, expect, it } from 'vitest';
import { type SchoolDays } from '../../domain/timescales.js';
import { dayOfWeek } from '../../domain/time.js';
import { RECURRENT_TAG, doneMessage, dueTag, historyRows, listRow, outcomeRows, registrationRow, statusTag, summaryRows } from './presenters.js';
import { type ReferralRow, type RegistrationRow } from './repository.js';

/** Weekdays, with the week of 26 October 2026 a half term. */
const school: SchoolDays = { isSchoolDay: (d) => ![0, 6].includes(dayOfWeek(d)) && !(d >= '2026-10-26' && d <= '2026-10-30') };

const referral: ReferralRow = {
  id: '00000000-0000-4000-8000-000000000001', tenant_id: 't', reference: 'CME-2026-000001', contact_id: null, contact_reference: null, person_id: 'p', child_name: 'Lenka Testova',
  date_of_birth: '2017-02-11', family_key: 'f', referred_at: '2026-10-15 10:00:00+01', source: 'school', reason: 'deleted_from_roll', referring_agency_id: 'a',
  referring_agency_name: 'Bracken Way Primary School', last_school_urn: '990101', last_school_name: 'Bracken Way Primary School', year_group: '4', phase: 'primary',
  fsm_eligible: true, ethnicity: 'NOBT', postcode: 'FM1 2AB', locality_id: 'l', locality_name: 'Central', joint_enquiry_due_on: '2026-11-19', narrative: 'Left without a destination.',
  status: 'open', closed_at: null, outcome_code: null, outcome_note: null, found_at: null, restricted: false, created_by_name: null, recurrent: true, enquiries: 2,
  last_enquiry_on: '2026-10-20', ehe_registration_id: null,
};

describe('the joint-enquiry deadline in school days', () => {
  it('counts school days left, not half term, green', () => {
    expect(dueTag('2026-11-19', '2026-10-15', school)).toEqual({ text: '20 school days left (due 19 November 2026)', classes: 'govuk-tag--green' });
    expect(dueTag('2026-11-19', '2026-11-18', school).text).toBe('1 school day left (due 19 November 2026)');
  });
  it('is amber on the day and red after, with how late in school days', () => {
    expect(dueTag('2026-11-19', '2026-11-19', school)).toEqual({ text: 'Due today (19 November 2026)', classes: 'govuk-tag--yellow' });
    expect(dueTag('2026-11-19', '2026-11-20', school)).toEqual({ text: 'Overdue by 1 school day (due 19 November 2026)', classes: 'govuk-tag--red' });
    expect(dueTag('2026-11-19', '2026-11-23', school).text).toBe('Overdue by 2 school days (due 19 November 2026)');
    // Overdue over a weekend only: still at least a day late.
    expect(dueTag('2026-11-20', '2026-11-21', school).text).toBe('Overdue by 1 school day (due 20 November 2026)');
  });
});

describe('a referral in a list and on its page', () => {
  it('lists the child with their school, locality, enquiries and deadline; recurrence in words', () => {
    const row = listRow(referral, '2026-10-20', school);
    expect(row).toMatchObject({ reference: 'CME-2026-000001', childName: 'Lenka Testova', source: 'Bracken Way Primary School', locality: 'Central', yearGroup: 'Year 4', recurrent: true, enquiries: '2 enquiries, last 20 October 2026' });
    expect(row.due?.classes).toBe('govuk-tag--green');
    expect(listRow({ ...referral, enquiries: 0, locality_name: null, year_group: null }, '2026-10-20', school)).toMatchObject({ enquiries: 'None yet', locality: 'No locality (outside the area or not known)', yearGroup: 'Not known' });
    expect(listRow({ ...referral, status: 'closed', outcome_code: 'left_uk' }, '2026-10-20', school).due).toBeNull();
    expect(RECURRENT_TAG.text).toBe('Missing education before');
  });
  it('keeps “not recorded” and “refused” apart, and says free school meals in words', () => {
    const text = (r: ReferralRow) => Object.fromEntries(summaryRows(r).map((x) => [x.key.text, x.value.text]));
    expect(text(referral).Ethnicity).toBe('Not recorded (information not yet obtained)');
    expect(text({ ...referral, ethnicity: 'REFU' }).Ethnicity).toBe('Refused (the parent chose not to say)');
    expect(text({ ...referral, ethnicity: 'WROM' }).Ethnicity).toBe('Gypsy or Roma');
    expect(text(referral)['Eligible for free school meals']).toBe('Yes');
    expect(text({ ...referral, fsm_eligible: null })['Eligible for free school meals']).toBe('Not known');
    expect(text(referral)['Year group']).toBe('Year 4 (primary)');
    expect(text(referral)['Last school']).toBe('Bracken Way Primary School (URN 990101)');
  });
  it('shows the outcome of a closed referral with where the child was found', () => {
    expect(outcomeRows(referral)).toEqual([]);
    const closed = { ...referral, status: 'closed', closed_at: '2026-11-02 12:00:00+00', outcome_code: 'found_school_other_la', found_at: 'Castle Rise Academy, Kelby' };
    expect(outcomeRows(closed).map((r) => r.value.text)).toEqual(['Found in a school in another local authority', 'Castle Rise Academy, Kelby', '2 November 2026']);
    expect(statusTag(closed).text).toBe('Closed: Found in a school in another local authority');
    expect(statusTag(referral).text).toBe('Open');
  });
  it('lists the history with links, escaping what it writes as HTML', () => {
    const [row] = historyRows([{ ...referral, reference: 'CME-<b>', status: 'closed', closed_at: '2025-11-02', outcome_code: 'left_uk' }]);
    expect(row![0]).toEqual({ html: `<a class="govuk-link" href="/cme/referrals/${referral.id}">CME-&lt;b&gt;</a>` });
    expect(row![3]!.text).toBe('Verified as having left the UK, closed 2 November 2025');
  });
});

describe('the home education register', () => {
  const h: RegistrationRow = {
    id: '00000000-0000-4000-8000-000000000002', tenant_id: 't', person_id: 'p', child_name: 'Ada Brown', date_of_birth: null, cme_referral_id: null, cme_reference: null,
    registered_on: '2026-01-10', previous_school_urn: null, year_group: '5', locality_id: null, locality_name: 'North', status: 'active', ended_on: null, end_reason: null,
    last_checked_on: '2026-02-01', last_outcome: 'suitable', next_due_on: '2027-02-01',
  };
  it('says when the next check is due, overdue, or never made', () => {
    expect(registrationRow(h, '2026-10-01').due).toEqual({ text: 'Due 1 February 2027', classes: 'govuk-tag--green' });
    expect(registrationRow(h, '2027-02-02').due?.classes).toBe('govuk-tag--red');
    expect(registrationRow({ ...h, next_due_on: null, last_checked_on: null }, '2026-10-01')).toMatchObject({ due: { text: 'Never checked: check now' }, lastCheck: 'None yet' });
    expect(registrationRow({ ...h, status: 'ended', ended_on: '2026-09-01', end_reason: 'moved_away' }, '2026-10-01')).toMatchObject({ due: null, ended: 'Left 1 September 2026: Moved out of the area' });
    expect(registrationRow(h, '2026-10-01').lastCheck).toBe('1 February 2026: Education appears suitable');
  });
  it('names what was done, and nothing for an unknown code', () => {
    expect(doneMessage('closed')).toBe('Referral closed with its outcome code.');
    expect(doneMessage('<script>')).toBeNull();
  });
});
