import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from './calendar.js';
import { ageOn } from './time.js';
import {
  DEFAULT_SCHOOL_CALENDAR,
  type ChildForRouting,
  type SchoolCalendarRules,
  isSchoolDay,
  isUrn,
  longDate,
  matchSchool,
  nextSchoolDayStart,
  noticeOutcome,
  noticeStatus,
  receivedLate,
  routeFor,
  schoolNameKey,
  sortTerms,
  termProblems,
} from './encompass.js';
import { addDays, instantAt, wallTime } from './time.js';

const england = new WorkingCalendar(holidaysFile.events.map((e) => e.date));
const bankHoliday = (d: string) => england.isHoliday(d);
const noTerms: SchoolCalendarRules = { dayStartsAt: '08:45', terms: [], closures: [] };
/** A school year 2026–27 in the usual English shape, with its half terms as gaps between the six terms. */
const year2026: SchoolCalendarRules = {
  dayStartsAt: '08:45',
  terms: [
    { name: 'Summer 2', from: '2026-06-01', to: '2026-07-22' },
    { name: 'Autumn 1', from: '2026-09-03', to: '2026-10-23' },
    { name: 'Autumn 2', from: '2026-11-02', to: '2026-12-18' },
    { name: 'Spring 1', from: '2027-01-05', to: '2027-02-12' },
  ],
  closures: ['2026-09-07', '2026-11-02'],
};

/** Europe/London wall time → instant. */
const london = (date: string, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return instantAt(date, h! * 60 + m!);
};
const due = (date: string, time: string, cal: SchoolCalendarRules = noTerms) => nextSchoolDayStart(london(date, time), cal, bankHoliday).toISOString();

describe('the start of the next school day', () => {
  it('after a Friday-night incident is Monday at 08:45', () => {
    expect(due('2026-06-05', '22:30')).toBe('2026-06-08T07:45:00.000Z'); // 08:45 BST
  });

  it('skips a bank holiday Monday: Friday night before the early May bank holiday is due on Tuesday', () => {
    expect(due('2026-05-01', '21:00')).toBe('2026-05-05T07:45:00.000Z');
    expect(due('2026-08-28', '23:59')).toBe('2026-09-01T07:45:00.000Z');
  });

  it('after an incident on a Saturday or Sunday is Monday', () => {
    expect(due('2026-06-06', '10:00')).toBe('2026-06-08T07:45:00.000Z');
    expect(due('2026-06-07', '23:59')).toBe('2026-06-08T07:45:00.000Z');
  });

  it('on a school day before it starts is that morning; at or after the start it is the next school day', () => {
    expect(due('2026-06-10', '00:00')).toBe('2026-06-10T07:45:00.000Z');
    expect(due('2026-06-10', '08:44')).toBe('2026-06-10T07:45:00.000Z');
    expect(due('2026-06-10', '08:45')).toBe('2026-06-11T07:45:00.000Z');
    expect(due('2026-06-10', '12:00')).toBe('2026-06-11T07:45:00.000Z');
    expect(due('2026-06-10', '23:59')).toBe('2026-06-11T07:45:00.000Z');
  });

  it('counts seconds: one second before the start is still that morning', () => {
    const start = london('2026-06-10', '08:45');
    expect(nextSchoolDayStart(new Date(start.getTime() - 1000), noTerms, bankHoliday)).toEqual(start);
    expect(nextSchoolDayStart(new Date(start.getTime() + 1), noTerms, bankHoliday).toISOString()).toBe('2026-06-11T07:45:00.000Z');
  });

  it('uses the school’s own start time', () => {
    expect(due('2026-06-10', '08:50', { ...noTerms, dayStartsAt: '09:00' })).toBe('2026-06-10T08:00:00.000Z');
    expect(due('2026-06-10', '08:35', { ...noTerms, dayStartsAt: '08:30' })).toBe('2026-06-11T07:30:00.000Z');
  });

  it('from the last day of a term is the first day of the next term, past Christmas and New Year', () => {
    expect(due('2026-12-18', '19:00', year2026)).toBe('2027-01-05T08:45:00.000Z'); // GMT
    expect(due('2026-12-24', '19:00', year2026)).toBe('2027-01-05T08:45:00.000Z');
  });

  it('with no terms configured counts every weekday that is not a bank holiday: Christmas Eve → 29 December', () => {
    expect(due('2026-12-24', '18:00')).toBe('2026-12-29T08:45:00.000Z');
  });

  it('skips a half term (the gap between two terms) and a closure on the first day back', () => {
    // Autumn 1 ends Friday 23 October; Autumn 2 starts Monday 2 November, which is closed: Tuesday 3 November.
    expect(due('2026-10-23', '20:00', year2026)).toBe('2026-11-03T08:45:00.000Z');
    expect(due('2026-10-28', '12:00', year2026)).toBe('2026-11-03T08:45:00.000Z');
  });

  it('skips a half-term week entered as closure days', () => {
    const closures = ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30'];
    expect(due('2026-10-23', '20:00', { ...noTerms, closures })).toBe('2026-11-02T08:45:00.000Z');
  });

  it('skips an INSET day', () => {
    expect(due('2026-09-04', '17:00', year2026)).toBe('2026-09-08T07:45:00.000Z');
    expect(due('2026-09-04', '17:00', { ...noTerms, closures: ['2026-09-07'] })).toBe('2026-09-08T07:45:00.000Z');
  });

  it('is 08:45 London time across the October clock change (BST → GMT)', () => {
    expect(due('2026-10-22', '20:00')).toBe('2026-10-23T07:45:00.000Z'); // still BST
    expect(due('2026-10-23', '20:00')).toBe('2026-10-26T08:45:00.000Z'); // clocks went back on Sunday 25th
    expect(due('2026-10-25', '01:30')).toBe('2026-10-26T08:45:00.000Z'); // in the repeated hour
    expect(wallTime(new Date('2026-10-26T08:45:00.000Z')).minutes).toBe(8 * 60 + 45);
  });

  it('is 08:45 London time across the March clock change (GMT → BST)', () => {
    expect(due('2026-03-27', '20:00')).toBe('2026-03-30T07:45:00.000Z');
    expect(due('2026-03-29', '01:30')).toBe('2026-03-30T07:45:00.000Z'); // in the skipped hour
  });

  it('treats dates after the last known term as school days (an out-of-date calendar makes a notice due sooner, never later)', () => {
    expect(due('2027-03-05', '20:00', year2026)).toBe('2027-03-08T08:45:00.000Z');
  });

  it('refuses a start time that is not HH:MM', () => {
    expect(() => due('2026-06-10', '12:00', { ...noTerms, dayStartsAt: '8.45' })).toThrow(RangeError);
    expect(() => due('2026-06-10', '12:00', { ...noTerms, dayStartsAt: '24:00' })).toThrow(RangeError);
  });

  it('is always the first school-day start strictly after the incident (every two hours or so of 2026 to 2027, two calendars)', () => {
    for (const cal of [noTerms, year2026]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 11, 31); t += 2 * 3_600_000 + 7 * 60_000) {
        const after = new Date(t);
        const result = nextSchoolDayStart(after, cal, bankHoliday);
        expect(result.getTime()).toBeGreaterThan(after.getTime());
        const at = wallTime(result);
        expect(at.minutes).toBe(8 * 60 + 45);
        expect(isSchoolDay(at.date, cal, bankHoliday)).toBe(true);
        // no school day starts in between
        for (let d = wallTime(after).date; d < at.date; d = addDays(d, 1)) {
          if (isSchoolDay(d, cal, bankHoliday)) expect(instantAt(d, 8 * 60 + 45).getTime()).toBeLessThanOrEqual(after.getTime());
        }
      }
    }
  });
});

describe('school days', () => {
  it('are weekdays in term that are neither bank holidays nor closures', () => {
    expect(isSchoolDay('2026-06-08', year2026, bankHoliday)).toBe(true);
    expect(isSchoolDay('2026-06-06', year2026, bankHoliday)).toBe(false); // Saturday
    expect(isSchoolDay('2026-05-25', noTerms, bankHoliday)).toBe(false); // spring bank holiday
    expect(isSchoolDay('2026-08-03', year2026, bankHoliday)).toBe(false); // summer holiday
    expect(isSchoolDay('2026-09-07', year2026, bankHoliday)).toBe(false); // INSET
    expect(isSchoolDay('2026-09-03', year2026, bankHoliday)).toBe(true); // first day, inclusive
    expect(isSchoolDay('2026-07-22', year2026, bankHoliday)).toBe(true); // last day, inclusive
  });

  it('has a default calendar with 08:45 and no terms', () => {
    expect(DEFAULT_SCHOOL_CALENDAR).toEqual({ dayStartsAt: '08:45', terms: [], closures: [] });
  });
});

describe('age on a date', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageOn('2022-06-10', '2026-06-09')).toBe(3);
    expect(ageOn('2022-06-10', '2026-06-10')).toBe(4);
    expect(ageOn('2008-06-10', '2026-06-09')).toBe(17);
    expect(ageOn('2008-06-10', '2026-06-10')).toBe(18);
  });

  it('turns a 29 February birthday on 1 March in other years', () => {
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageOn('2016-02-29', '2026-03-01')).toBe(10);
  });

  it('is negative for a date of birth after the date', () => {
    expect(ageOn('2026-07-01', '2026-06-01')).toBe(-1);
  });
});

describe('who the notice goes to', () => {
  const school = { agencyId: 'school-1', name: 'Bracken Way Primary School' };
  const nursery = { agencyId: 'nursery-1', name: 'Little Acorns' };
  const hv = { agencyId: 'health-1', name: 'Health visiting' };
  const frontDoor = { agencyId: 'csc-1', name: 'Children’s services' };
  const child = (over: Partial<ChildForRouting>): ChildForRouting => ({ ageAtIncident: 8, electivelyHomeEducated: false, school: null, earlyYears: null, healthVisitor: null, schoolGiven: null, ...over });

  it('sends a child of 4 to 17 to their school', () => {
    for (const age of [4, 8, 11, 16, 17]) expect(routeFor(child({ ageAtIncident: age, school }), { frontDoor })).toEqual({ route: 'school', agencyId: 'school-1' });
  });

  it('sends nothing about a young person of 18 or over', () => {
    const r = routeFor(child({ ageAtIncident: 18, school }), { frontDoor });
    expect(r).toEqual({ noNotice: 'The young person was 18 on the day of the incident: Operation Encompass is for children up to 17' });
  });

  it('sends an electively home educated child’s notice to the children’s social care front door', () => {
    expect(routeFor(child({ electivelyHomeEducated: true }), { frontDoor })).toEqual({ route: 'childrens_social_care', agencyId: 'csc-1' });
    expect(routeFor(child({ electivelyHomeEducated: true, school }), { frontDoor })).toEqual({ route: 'childrens_social_care', agencyId: 'csc-1' });
    expect(routeFor(child({ electivelyHomeEducated: true }), { frontDoor: null })).toMatchObject({ route: 'childrens_social_care', needsSetting: expect.stringContaining('electively home educated') });
  });

  it('sends an under-4’s notice to the early years setting (a school nursery counts), else the health visitor', () => {
    expect(routeFor(child({ ageAtIncident: 2, earlyYears: nursery, healthVisitor: hv }))).toEqual({ route: 'early_years', agencyId: 'nursery-1' });
    expect(routeFor(child({ ageAtIncident: 3, school }))).toEqual({ route: 'early_years', agencyId: 'school-1' });
    expect(routeFor(child({ ageAtIncident: 0, healthVisitor: hv }))).toEqual({ route: 'health_visitor', agencyId: 'health-1' });
    // EHE does not apply below school age
    expect(routeFor(child({ ageAtIncident: 1, electivelyHomeEducated: true, healthVisitor: hv }), { frontDoor })).toEqual({ route: 'health_visitor', agencyId: 'health-1' });
  });

  it('puts an under-4 with no setting in the queue, saying why', () => {
    expect(routeFor(child({ ageAtIncident: 1 }))).toEqual({ route: 'early_years', needsSetting: 'The child is under 4 and has no early years setting or health visitor recorded' });
    expect(routeFor(child({ ageAtIncident: 3, schoolGiven: 'Sunny Days' }))).toEqual({
      route: 'early_years',
      needsSetting: 'The child is under 4 and has no early years setting or health visitor recorded; the school named in the notification, “Sunny Days”, is not a school Threshold knows',
    });
  });

  it('puts a school-age child with no school in the queue, naming what the police wrote', () => {
    expect(routeFor(child({ schoolGiven: ' Hogwarts ' }))).toEqual({ route: 'school', needsSetting: 'The school named in the notification, “Hogwarts”, is not a school Threshold knows' });
    expect(routeFor(child({}))).toEqual({ route: 'school', needsSetting: 'No school is recorded for the child and the notification did not name one' });
  });

  it('puts a child with no date of birth in the queue even when a school is known', () => {
    const r = routeFor(child({ ageAtIncident: null, school, schoolGiven: 'Bracken Way' }));
    expect(r).toEqual({ route: 'school', needsSetting: 'No date of birth: Threshold cannot tell whether the child is of school age (4 to 17). The notification named “Bracken Way”. Check the child’s age and assign their school or setting' });
    expect(routeFor(child({ ageAtIncident: null }))).toMatchObject({ needsSetting: expect.stringMatching(/^No date of birth: /) });
  });

  it('questions a date of birth after the incident', () => {
    expect(routeFor(child({ ageAtIncident: -1, healthVisitor: hv }))).toMatchObject({ needsSetting: expect.stringContaining('date of birth is after the incident') });
  });
});

describe('matching the school the police named', () => {
  const schools = [
    { urn: '990101', name: 'Bracken Way Primary School' },
    { urn: '990102', name: 'St Aidan’s CE Primary School' },
    { urn: '990201', name: 'Moorside Academy' },
    { urn: '990202', name: 'Moorside  academy ' }, // a near-duplicate: an ambiguous name matches neither
  ];

  it('matches a URN exactly', () => {
    expect(matchSchool('990101', schools)?.name).toBe('Bracken Way Primary School');
    expect(matchSchool(' 990102 ', schools)?.urn).toBe('990102');
    expect(matchSchool('999999', schools)).toBeNull();
  });

  it('matches a whole name ignoring case, spacing and the kind of apostrophe, never a part of one', () => {
    expect(matchSchool('bracken way primary school', schools)?.urn).toBe('990101');
    expect(matchSchool("St  Aidan's CE Primary School", schools)?.urn).toBe('990102');
    expect(matchSchool('Bracken Way', schools)).toBeNull();
    expect(matchSchool('Moorside Academy', schools)).toBeNull();
    expect(matchSchool('', schools)).toBeNull();
    expect(matchSchool(null, schools)).toBeNull();
  });

  it('knows a URN is six digits', () => {
    expect(isUrn('990101')).toBe(true);
    expect(isUrn('99010')).toBe(false);
    expect(isUrn('9901011')).toBe(false);
    expect(isUrn('ABC123')).toBe(false);
    expect(schoolNameKey('  St Aidan’s  ')).toBe("st aidan's");
  });
});

describe('a notice’s status and outcome', () => {
  const dueAt = new Date('2026-06-08T07:45:00Z');
  const before = new Date('2026-06-08T07:00:00Z');
  const after = new Date('2026-06-08T08:00:00Z');

  it('is new, acknowledged, or support recorded', () => {
    expect(noticeStatus({ acknowledgedAt: null, supportRecordedAt: null })).toBe('new');
    expect(noticeStatus({ acknowledgedAt: before, supportRecordedAt: null })).toBe('acknowledged');
    expect(noticeStatus({ acknowledgedAt: before, supportRecordedAt: after })).toBe('support_recorded');
  });

  it('is in time when sent and acknowledged by the start of the school day', () => {
    expect(noticeOutcome({ dueAt, sentAt: before, acknowledgedAt: before }, after)).toBe('in_time');
    expect(noticeOutcome({ dueAt, sentAt: before, acknowledgedAt: dueAt }, after)).toBe('in_time');
  });

  it('is late when sent after the due time, whatever happened next', () => {
    expect(noticeOutcome({ dueAt, sentAt: after, acknowledgedAt: after }, after)).toBe('late');
    expect(noticeOutcome({ dueAt, sentAt: after, acknowledgedAt: null }, after)).toBe('late');
  });

  it('is missed when not sent, or not acknowledged, by the due time; waiting before it', () => {
    expect(noticeOutcome({ dueAt, sentAt: null, acknowledgedAt: null }, after)).toBe('not_sent');
    expect(noticeOutcome({ dueAt, sentAt: null, acknowledgedAt: null }, dueAt)).toBe('not_sent');
    expect(noticeOutcome({ dueAt, sentAt: null, acknowledgedAt: null }, before)).toBe('waiting');
    expect(noticeOutcome({ dueAt, sentAt: before, acknowledgedAt: null }, after)).toBe('not_acknowledged');
    expect(noticeOutcome({ dueAt, sentAt: before, acknowledgedAt: after }, after)).toBe('not_acknowledged');
    expect(noticeOutcome({ dueAt, sentAt: before, acknowledgedAt: null }, before)).toBe('waiting');
  });
});

describe('a notice received late (sent after the start of the next school day)', () => {
  const minute = 60_000;

  it('is never late before it is sent', () => {
    for (const dueAt of [london('2026-06-08', '08:45'), london('2026-10-26', '08:45'), london('2027-03-29', '08:45')]) {
      expect(receivedLate({ dueAt, sentAt: null })).toBe(false);
    }
  });

  it('is in time up to and at the due moment, late from a millisecond after it', () => {
    const dueAt = london('2026-06-08', '08:45');
    expect(receivedLate({ dueAt, sentAt: new Date(dueAt.getTime() - 1) })).toBe(false);
    expect(receivedLate({ dueAt, sentAt: dueAt })).toBe(false);
    expect(receivedLate({ dueAt, sentAt: new Date(dueAt.getTime() + 1) })).toBe(true);
  });

  it('every minute of the day around the due time: late exactly when sent after it', () => {
    const dueAt = london('2026-06-08', '08:45');
    for (let m = -24 * 60; m <= 24 * 60; m += 1) {
      const sentAt = new Date(dueAt.getTime() + m * minute);
      expect(receivedLate({ dueAt, sentAt })).toBe(m > 0);
    }
  });

  it('uses the school calendar’s due time: a Friday-night incident sent on Monday morning, in BST and in GMT', () => {
    // Friday 5 June 2026, 22:30: due Monday 8 June at 08:45 BST (07:45Z)
    const summer = nextSchoolDayStart(london('2026-06-05', '22:30'), noTerms, bankHoliday);
    expect(receivedLate({ dueAt: summer, sentAt: london('2026-06-08', '08:44') })).toBe(false);
    expect(receivedLate({ dueAt: summer, sentAt: london('2026-06-08', '08:46') })).toBe(true);
    // Saturday 24 October 2026, the night before the clocks go back: due Monday 26 October at 08:45 GMT
    const autumn = nextSchoolDayStart(london('2026-10-24', '23:00'), noTerms, bankHoliday);
    expect(autumn.toISOString()).toBe('2026-10-26T08:45:00.000Z');
    expect(receivedLate({ dueAt: autumn, sentAt: new Date('2026-10-26T07:50:00Z') })).toBe(false); // 07:50 GMT, before school
    expect(receivedLate({ dueAt: autumn, sentAt: new Date('2026-10-26T08:46:00Z') })).toBe(true);
    // the Easter weekend the clocks go forward: Easter Monday is a bank holiday, so due Tuesday 30 March 2027 at 08:45 BST
    const spring = nextSchoolDayStart(london('2027-03-27', '20:00'), noTerms, bankHoliday);
    expect(spring.toISOString()).toBe('2027-03-30T07:45:00.000Z');
    expect(receivedLate({ dueAt: spring, sentAt: new Date('2027-03-29T09:00:00Z') })).toBe(false); // on the bank holiday
    expect(receivedLate({ dueAt: spring, sentAt: new Date('2027-03-30T08:00:00Z') })).toBe(true); // 09:00 BST
    expect(receivedLate({ dueAt: spring, sentAt: new Date('2027-03-30T07:30:00Z') })).toBe(false); // 08:30 BST
  });

  it('agrees with the monitor’s outcome: "Sent late" exactly when received late, whatever the acknowledgement and the time now', () => {
    const dueAt = london('2026-06-08', '08:45');
    const times = [null, -60, -1, 0, 1, 60].map((m) => (m === null ? null : new Date(dueAt.getTime() + m * minute)));
    for (const sentAt of times) {
      for (const acknowledgedAt of times) {
        for (const now of times.filter((t): t is Date => t !== null)) {
          expect(noticeOutcome({ dueAt, sentAt, acknowledgedAt }, now) === 'late').toBe(receivedLate({ dueAt, sentAt }));
        }
      }
    }
  });
});

describe('term dates', () => {
  const terms = [{ name: 'Autumn 1', from: '2026-09-03', to: '2026-10-23' }];

  it('needs the last day on or after the first', () => {
    expect(termProblems({ from: '2026-11-02', to: '2026-11-01' }, terms)).toEqual([{ field: 'to', message: 'The last day of term must be the same as or after the first day' }]);
    expect(termProblems({ from: '2026-11-02', to: '2026-11-02' }, terms)).toEqual([]);
  });

  it('refuses a term that overlaps another, naming it', () => {
    expect(termProblems({ from: '2026-10-23', to: '2026-12-18' }, terms)).toEqual([
      { field: 'from', message: 'These dates overlap Autumn 1 (3 September 2026 to 23 October 2026): remove that term first or change the dates' },
    ]);
    expect(termProblems({ from: '2026-08-01', to: '2026-09-03' }, terms)).toHaveLength(1);
    expect(termProblems({ from: '2026-10-24', to: '2026-12-18' }, terms)).toEqual([]);
  });

  it('sorts terms and writes dates out in full', () => {
    expect(sortTerms([{ from: '2027-01-05', to: '2027-02-12' }, { from: '2026-09-03', to: '2026-10-23' }]).map((t) => t.from)).toEqual(['2026-09-03', '2027-01-05']);
    expect(longDate('2026-09-03')).toBe('3 September 2026');
  });
});
