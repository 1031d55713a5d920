import { describe, expect, it } from 'vitest';
import { courseImpact, themeGaps } from '../../domain/training.js';
import { agencyBookingRow, bookingRow, catalogueRow, doneMessage, durationText, gapRow, impactRows, placesText, sessionRow, sessionTag, sessionWhen } from './presenters.js';
import { type AgencyBookingRow, type CatalogueRow, type SessionRow } from './repository.js';

const NOW = new Date('2026-06-10T09:00:00Z');
const session = (over: Partial<SessionRow> = {}): SessionRow => ({
  id: 's1', tenant_id: 't', course_id: 'c1', starts_at: '2026-06-20 08:30:00+00', ends_at: '2026-06-20 11:30:00+00', venue: 'Riverside Centre', trainer: null,
  capacity: 20, status: 'scheduled', register_taken_at: null, taken: 5, ...over,
});
const booking = (over: Partial<AgencyBookingRow> = {}): AgencyBookingRow => ({
  id: 'b1', tenant_id: 't', session_id: 's1', attendee_name: 'Sam Teacher', attendee_email: 'sam@school.example', attendee_user_id: null, agency_id: 'a1', agency_name: 'Oak Primary',
  agency_type: 'school', job_role: 'Teacher', booked_at: '2026-06-01 10:00:00+00', status: 'booked', evaluation: null, evaluated_at: null, impact_due_on: null, impact_sent_at: null,
  impact: null, impact_answered_at: null, course_id: 'c1', course_title: 'Neglect', starts_at: '2026-06-20 08:30:00+00', ends_at: '2026-06-20 11:30:00+00', venue: 'Hall', session_status: 'scheduled', ...over,
});

describe('sessions in words', () => {
  it('says when, in London time, on one day or over two', () => {
    expect(sessionWhen('2026-06-20 08:30:00+00', '2026-06-20 11:30:00+00')).toBe('20 June 2026, 9:30am to 12:30pm');
    expect(sessionWhen('2026-01-20 09:00:00+00', '2026-01-21 16:00:00+00')).toBe('20 January 2026, 9am to 21 January 2026, 4pm');
  });
  it('says the length and the places left', () => {
    expect(durationText(180)).toBe('3 hours');
    expect(durationText(90)).toBe('1 hour 30 minutes');
    expect(durationText(45)).toBe('45 minutes');
    expect(durationText(null)).toBeNull();
    expect(placesText(20, 5)).toBe('15 of 20 places left');
    expect(placesText(20, 20)).toBe('Full (20 places)');
  });
  it('tags where a session stands, in words', () => {
    expect(sessionTag(session(), NOW).text).toBe('Open for booking');
    expect(sessionTag(session({ taken: 20 }), NOW).text).toBe('Full');
    expect(sessionTag(session({ starts_at: '2026-06-01 08:30:00+00' }), NOW).text).toBe('Register to take');
    expect(sessionTag(session({ status: 'held' }), NOW).text).toBe('Register taken');
    expect(sessionTag(session({ status: 'cancelled' }), NOW).text).toBe('Cancelled');
  });
  it('makes a session row with a link, and no places on a cancelled one', () => {
    expect(sessionRow(session(), NOW)).toMatchObject({ href: '/partnership/training/sessions/s1', trainer: 'Not named', places: '15 of 20 places left' });
    expect(sessionRow(session({ status: 'cancelled' }), NOW).places).toBe('–');
  });
});

describe('the catalogue', () => {
  const c: CatalogueRow = { id: 'c1', tenant_id: 't', title: 'Neglect', theme: 'neglect', mode: 'webinar', board_kind: 'children', description: 'd', audience: null, duration_minutes: null, active: true, upcoming: 2, next_starts_at: '2026-06-20 08:30:00+00', places_left: 0 };
  it('shows the next session and places left, or that it is full', () => {
    expect(catalogueRow(c)).toMatchObject({ href: '/partnership/training/courses/c1', mode: 'Webinar', board: 'Children’s safeguarding partnership', next: '20 June 2026', placesLeft: 'Full' });
    expect(catalogueRow({ ...c, places_left: 7 }).placesLeft).toBe('7');
    expect(catalogueRow({ ...c, upcoming: 0, next_starts_at: null })).toMatchObject({ next: 'No sessions to come', placesLeft: '–' });
  });
});

describe('bookings', () => {
  it('can be cancelled only while booked and the session is to come', () => {
    expect(agencyBookingRow(booking(), 'u1', NOW).cancellable).toBe(true);
    expect(agencyBookingRow(booking({ starts_at: '2026-06-01 08:30:00+00' }), 'u1', NOW).cancellable).toBe(false);
    expect(agencyBookingRow(booking({ status: 'attended' }), 'u1', NOW).cancellable).toBe(false);
    expect(bookingRow(booking()).status).toEqual({ text: 'Booked', classes: 'govuk-tag--blue' });
  });
  it('asks the attendee for their own evaluation once they attended', () => {
    expect(agencyBookingRow(booking({ status: 'attended', attendee_user_id: 'u1' }), 'u1', NOW).evaluateOwn).toBe(true);
    expect(agencyBookingRow(booking({ status: 'attended', attendee_user_id: 'u2' }), 'u1', NOW).evaluateOwn).toBe(false);
    expect(agencyBookingRow(booking({ status: 'attended', attendee_user_id: 'u1', evaluation: { usefulness: 4 } }), 'u1', NOW).evaluateOwn).toBe(false);
  });
});

describe('the course’s impact', () => {
  it('says each figure in words, with none yet where there is nothing to average', () => {
    const empty = impactRows(courseImpact([]));
    expect(empty.find((r) => r.key.text === 'Have used what they learned')?.value.text).toBe('No answers yet');
    expect(empty.find((r) => r.key.text === 'Confidence 3 months on')?.value.text).toBe('None yet');
    const some = impactRows(
      courseImpact([{ status: 'attended', evaluation: { confidenceBefore: 2, confidenceAfter: 4, usefulness: 5 }, impactSentAt: NOW, impactAnsweredAt: NOW, impact: { used: 'yes', example: 'x', confidenceNow: 4 } }]),
    );
    expect(some.find((r) => r.key.text === 'Have used what they learned')?.value.text).toBe('100% (1 of 1)');
    expect(some.find((r) => r.key.text === 'Confidence before the course')?.value.text).toBe('2.0 out of 5');
    expect(some.find((r) => r.key.text === 'Answered')?.value.text).toBe('1 of 1');
  });
});

describe('the needs analysis', () => {
  it('says where each theme stands', () => {
    const rows = themeGaps(
      [
        { theme: 'neglect', staffCount: 30, priority: 'high' },
        { theme: 'prevent', staffCount: 10, priority: 'low' },
        { theme: 'online', staffCount: 5, priority: 'low' },
      ],
      [
        { theme: 'prevent', courses: 1, sessions: 1, places: 20, booked: 2 },
        { theme: 'online', courses: 1, sessions: 1, places: 20, booked: 5 },
        { theme: 'dsl', courses: 1, sessions: 1, places: 20, booked: 5 },
      ],
    ).map(gapRow);
    const [short, unbooked, none, covered] = rows;
    expect(rows.map((r) => r.theme)).toEqual(['Neglect', 'Prevent and radicalisation', 'Designated safeguarding leads', 'Digital and online safeguarding']);
    expect(short!.gapTag.text).toBe('30 more places needed');
    expect(unbooked!.gapTag.text).toBe('Places offered, not yet booked');
    expect(covered!.gapTag.text).toBe('Covered');
    expect(none!.gapTag.text).toBe('No need recorded');
  });
});

it('has a message for each change', () => {
  for (const code of ['course', 'session', 'cancelled', 'booked', 'unbooked', 'register', 'evaluation', 'need']) expect(doneMessage(code)).toBeTruthy();
  expect(doneMessage('nope')).toBeNull();
});
