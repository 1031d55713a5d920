import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from './calendar.js';
import { DEFAULT_TIMESCALES } from './timescales.js';
import {
  BOOKING_REFUSALS,
  IMPACT_TIMESCALE,
  IMPACT_TOKEN_DAYS,
  MAX_CAPACITY,
  NEED_PRIORITIES,
  TRAINING_BOARDS,
  TRAINING_MODES,
  TRAINING_THEMES,
  bookingRefusal,
  cancelBookingProblem,
  cancelSessionProblem,
  codeLabel,
  courseImpact,
  evaluationAllowed,
  evaluationProblems,
  impactDueOn,
  impactEmailDue,
  impactProblems,
  impactTokenExpiresAt,
  impactTokenState,
  isScore,
  looksLikeToken,
  normaliseEmail,
  placesLeft,
  registerProblem,
  sessionProblems,
  themeGaps,
  trainingYearLabel,
  trainingYearOf,
  trainingYearRange,
} from './training.js';

const cal = new WorkingCalendar(
  holidaysFile.events.map((e) => e.date),
  { coveredYears: { from: 2015, to: 2027 } },
);
const NOW = new Date('2026-06-10T10:00:00Z');
const later = new Date('2026-06-20T09:30:00Z');
const earlier = new Date('2026-06-01T09:30:00Z');

describe('codes', () => {
  it('has the modes, boards, themes and priorities the brief names', () => {
    expect(TRAINING_MODES.map((c) => c.code)).toEqual(['face_to_face', 'e_learning', 'webinar']);
    expect(TRAINING_BOARDS.map((c) => c.code)).toEqual(['children', 'adults', 'both', 'domestic_abuse']);
    expect(TRAINING_THEMES.map((c) => c.code)).toContain('domestic_abuse');
    expect(NEED_PRIORITIES.map((c) => c.code)).toEqual(['high', 'medium', 'low']);
    expect(new Set(TRAINING_THEMES.map((c) => c.code)).size).toBe(TRAINING_THEMES.length);
  });
  it('labels a code, and shows an unknown code as itself', () => {
    expect(codeLabel(TRAINING_MODES, 'webinar')).toBe('Webinar');
    expect(codeLabel(TRAINING_MODES, 'carrier_pigeon')).toBe('carrier_pigeon');
    expect(codeLabel(TRAINING_MODES, null)).toBe('');
  });
  it('compares emails trimmed and in lower case', () => {
    expect(normaliseEmail('  Sam.Teacher@School.Example ')).toBe('sam.teacher@school.example');
  });
  it('scores are whole numbers 1 to 5', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(isScore(n)).toBe(true);
    for (const n of [0, 6, 2.5, -1, NaN, '3', null, undefined]) expect(isScore(n)).toBe(false);
  });
});

describe('booking a place', () => {
  const open = { status: 'scheduled', startsAt: later, capacity: 2, booked: 1 };
  it('books a place on a scheduled session with room', () => {
    expect(bookingRefusal(open, false, NOW)).toBeNull();
  });
  it('refuses a full session', () => {
    expect(bookingRefusal({ ...open, booked: 2 }, false, NOW)).toBe('full');
    expect(bookingRefusal({ ...open, booked: 3 }, false, NOW)).toBe('full');
  });
  it('refuses the same person twice, before saying it is full', () => {
    expect(bookingRefusal(open, true, NOW)).toBe('duplicate');
    expect(bookingRefusal({ ...open, booked: 2 }, true, NOW)).toBe('duplicate');
  });
  it('refuses a cancelled session, and one that has started or been held', () => {
    expect(bookingRefusal({ ...open, status: 'cancelled' }, false, NOW)).toBe('cancelled');
    expect(bookingRefusal({ ...open, startsAt: earlier }, false, NOW)).toBe('started');
    expect(bookingRefusal({ ...open, startsAt: NOW }, false, NOW)).toBe('started');
    expect(bookingRefusal({ ...open, status: 'held' }, false, NOW)).toBe('started');
  });
  it('has a message for every refusal', () => {
    for (const m of Object.values(BOOKING_REFUSALS)) expect(m.length).toBeGreaterThan(10);
    expect(BOOKING_REFUSALS.full).toMatch(/full/);
  });
  it('counts places left, never below 0', () => {
    expect(placesLeft(20, 5)).toBe(15);
    expect(placesLeft(20, 20)).toBe(0);
    expect(placesLeft(20, 25)).toBe(0);
  });
  it('cancels a place only while booked and before the session starts', () => {
    expect(cancelBookingProblem({ status: 'booked' }, { status: 'scheduled', startsAt: later }, NOW)).toBeNull();
    expect(cancelBookingProblem({ status: 'cancelled' }, { status: 'scheduled', startsAt: later }, NOW)).toMatch(/no longer booked/);
    expect(cancelBookingProblem({ status: 'attended' }, { status: 'held', startsAt: earlier }, NOW)).toMatch(/no longer booked/);
    expect(cancelBookingProblem({ status: 'booked' }, { status: 'scheduled', startsAt: earlier }, NOW)).toMatch(/started/);
    expect(cancelBookingProblem({ status: 'booked' }, { status: 'cancelled', startsAt: later }, NOW)).toMatch(/started/);
  });
});

describe('sessions', () => {
  it('must end after they start', () => {
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: 20 })).toEqual({});
    expect(sessionProblems({ startsAt: later, endsAt: later, capacity: 20 })).toHaveProperty('endsAt');
    expect(sessionProblems({ startsAt: later, endsAt: earlier, capacity: 20 })).toHaveProperty('endsAt');
  });
  it('offers 1 to the most places, never fewer than already booked', () => {
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: 0 }).capacity).toMatch(/1 to 500/);
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: MAX_CAPACITY + 1 }).capacity).toMatch(/1 to 500/);
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: 2.5 }).capacity).toMatch(/whole number/);
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: 5 }, 6).capacity).toBe('Places cannot be fewer than the 6 already booked');
    expect(sessionProblems({ startsAt: earlier, endsAt: later, capacity: 6 }, 6)).toEqual({});
  });
  it('cancels a session only before it starts', () => {
    expect(cancelSessionProblem({ status: 'scheduled', startsAt: later }, NOW)).toBeNull();
    expect(cancelSessionProblem({ status: 'cancelled', startsAt: later }, NOW)).toMatch(/already cancelled/);
    expect(cancelSessionProblem({ status: 'scheduled', startsAt: earlier }, NOW)).toMatch(/started/);
    expect(cancelSessionProblem({ status: 'held', startsAt: later }, NOW)).toMatch(/started/);
  });
  it('takes the register once the session has started, and again to correct it, never on a cancelled one', () => {
    expect(registerProblem({ status: 'scheduled', startsAt: earlier }, NOW)).toBeNull();
    expect(registerProblem({ status: 'held', startsAt: earlier }, NOW)).toBeNull();
    expect(registerProblem({ status: 'scheduled', startsAt: NOW }, NOW)).toBeNull();
    expect(registerProblem({ status: 'scheduled', startsAt: later }, NOW)).toMatch(/once the session has started/);
    expect(registerProblem({ status: 'cancelled', startsAt: earlier }, NOW)).toMatch(/cancelled/);
  });
});

describe('the evaluation', () => {
  it('needs the three scores, 1 to 5; comments are optional', () => {
    expect(evaluationProblems({ confidenceBefore: 2, confidenceAfter: 4, usefulness: 5, comments: null })).toEqual({});
    expect(Object.keys(evaluationProblems({}))).toEqual(['confidenceBefore', 'confidenceAfter', 'usefulness']);
    expect(evaluationProblems({ confidenceBefore: 0, confidenceAfter: 6, usefulness: 3 })).toEqual({
      confidenceBefore: 'Select how confident they felt before the course, from 1 to 5',
      confidenceAfter: 'Select how confident they felt after the course, from 1 to 5',
    });
  });
  it('is recorded only for someone who attended', () => {
    expect(evaluationAllowed({ status: 'attended' })).toBeNull();
    for (const s of ['booked', 'cancelled', 'did_not_attend']) expect(evaluationAllowed({ status: s })).toMatch(/attended/);
  });
});

describe('the impact questionnaire', () => {
  it('accepts yes with an example, and no or not yet without one', () => {
    expect(impactProblems({ used: 'yes', example: 'I used the DASH checklist at a home visit', confidenceNow: 4, moreHelp: null })).toEqual({});
    expect(impactProblems({ used: 'no', example: null, confidenceNow: 2 })).toEqual({});
    expect(impactProblems({ used: 'not_yet', example: null, confidenceNow: 3 })).toEqual({});
  });
  it('asks for an example when they have used it', () => {
    expect(impactProblems({ used: 'yes', example: '  ', confidenceNow: 4 })).toEqual({ example: 'Give an example of how it changed your practice' });
    expect(impactProblems({ used: 'yes', example: null, confidenceNow: 4 })).toHaveProperty('example');
  });
  it('needs an answer to each question', () => {
    expect(impactProblems({})).toEqual({ used: 'Select whether you have used what you learned', confidenceNow: 'Select how confident you feel now, from 1 to 5' });
    expect(impactProblems({ used: 'maybe' as never, confidenceNow: 9 })).toHaveProperty('used');
  });
});

describe('the 3-month impact check', () => {
  it('has its timescale as data with its source', () => {
    const t = DEFAULT_TIMESCALES.find((x) => x.code === IMPACT_TIMESCALE);
    expect(t).toMatchObject({ amount: 3, unit: 'months' });
    expect(t?.source).toMatch(/3 months/);
  });
  it('falls due 3 months after the session, on the same date (clamped to the month end)', () => {
    expect(impactDueOn(cal, new Date('2026-02-10T09:30:00Z'), { amount: 3, unit: 'months' })).toBe('2026-05-10');
    expect(impactDueOn(cal, new Date('2025-11-30T10:00:00Z'), { amount: 3, unit: 'months' })).toBe('2026-02-28');
    // An evening session in British Summer Time counts from its London date.
    expect(impactDueOn(cal, new Date('2026-06-30T23:30:00Z'), { amount: 3, unit: 'months' })).toBe('2026-10-01');
  });
  it('follows an area that counts it another way', () => {
    expect(impactDueOn(cal, new Date('2026-06-05T09:30:00Z'), { amount: 10, unit: 'working_days' })).toBe('2026-06-19');
  });
  it('is emailed once, to an attendee, on or after the due date', () => {
    const b = { status: 'attended', impactDueOn: '2026-06-10', impactSentAt: null };
    expect(impactEmailDue(b, '2026-06-10')).toBe(true);
    expect(impactEmailDue(b, '2026-07-01')).toBe(true);
    expect(impactEmailDue(b, '2026-06-09')).toBe(false);
    expect(impactEmailDue({ ...b, impactSentAt: NOW }, '2026-07-01')).toBe(false);
    expect(impactEmailDue({ ...b, status: 'did_not_attend' }, '2026-07-01')).toBe(false);
    expect(impactEmailDue({ ...b, impactDueOn: null }, '2026-07-01')).toBe(false);
  });
  it('has a link that works for 60 days, once', () => {
    expect(IMPACT_TOKEN_DAYS).toBe(60);
    const sent = new Date('2026-06-01T08:00:00Z');
    expect(impactTokenExpiresAt(sent).toISOString()).toBe('2026-07-31T08:00:00.000Z');
    expect(impactTokenState({ impactSentAt: sent, impactAnsweredAt: null }, new Date('2026-07-31T08:00:00Z'))).toBe('open');
    expect(impactTokenState({ impactSentAt: sent, impactAnsweredAt: null }, new Date('2026-07-31T08:00:01Z'))).toBe('expired');
    expect(impactTokenState({ impactSentAt: sent, impactAnsweredAt: NOW }, new Date('2026-08-31T08:00:00Z'))).toBe('answered');
    expect(impactTokenState({ impactSentAt: null, impactAnsweredAt: null }, NOW)).toBe('unknown');
    expect(impactTokenState(undefined, NOW)).toBe('unknown');
  });
  it('knows a token by its shape', () => {
    expect(looksLikeToken('aZ0_-'.repeat(8) + 'abc')).toBe(true);
    expect(looksLikeToken('a'.repeat(42))).toBe(false);
    expect(looksLikeToken('a'.repeat(44))).toBe(false);
    expect(looksLikeToken('a'.repeat(42) + '=')).toBe(false);
    expect(looksLikeToken('../../etc/passwd')).toBe(false);
  });
});

describe('the course page’s figures', () => {
  const ev = (before: number, after: number, useful: number) => ({ confidenceBefore: before, confidenceAfter: after, usefulness: useful, comments: null });
  const sent = new Date('2026-06-01T08:00:00Z');
  it('counts attendance, evaluations and impact, and averages the scores to 1 place', () => {
    const result = courseImpact([
      { status: 'attended', evaluation: ev(2, 4, 5), impactSentAt: sent, impactAnsweredAt: NOW, impact: { used: 'yes', example: ' Referred a family to early help sooner ', confidenceNow: 4 } },
      { status: 'attended', evaluation: ev(3, 4, 4), impactSentAt: sent, impactAnsweredAt: NOW, impact: { used: 'not_yet', example: null, confidenceNow: 3 } },
      { status: 'attended', evaluation: ev(1, 3, 4), impactSentAt: sent, impactAnsweredAt: null, impact: null },
      { status: 'attended', evaluation: null, impactSentAt: null, impactAnsweredAt: null, impact: null },
      { status: 'did_not_attend', evaluation: null, impactSentAt: null, impactAnsweredAt: null, impact: null },
      { status: 'cancelled', evaluation: null, impactSentAt: null, impactAnsweredAt: null, impact: null },
      { status: 'booked', evaluation: null, impactSentAt: null, impactAnsweredAt: null, impact: null },
    ]);
    expect(result).toEqual({
      booked: 6,
      attended: 4,
      didNotAttend: 1,
      evaluated: 3,
      asked: 3,
      answered: 2,
      used: 1,
      usedPercent: 50,
      meanBefore: 2,
      meanAfter: 3.7,
      meanUsefulness: 4.3,
      meanNow: 3.5,
      examples: ['Referred a family to early help sooner'],
    });
  });
  it('has no averages and no percentage with nothing to average', () => {
    const result = courseImpact([]);
    expect(result.usedPercent).toBeNull();
    expect(result.meanBefore).toBeNull();
    expect(result.meanNow).toBeNull();
    expect(result.examples).toEqual([]);
  });
  it('leaves out scores that are not 1 to 5 (a damaged row)', () => {
    const result = courseImpact([{ status: 'attended', evaluation: { confidenceBefore: 9 as never, confidenceAfter: 5, usefulness: 5 }, impactSentAt: null, impactAnsweredAt: null, impact: null }]);
    expect(result.meanBefore).toBeNull();
    expect(result.meanAfter).toBe(5);
  });
});

describe('the training needs analysis', () => {
  it('runs its years April to March', () => {
    expect(trainingYearOf('2026-04-01')).toBe(2026);
    expect(trainingYearOf('2026-03-31')).toBe(2025);
    expect(trainingYearOf('2026-12-31')).toBe(2026);
    expect(trainingYearRange(2026)).toEqual({ from: '2026-04-01', to: '2027-04-01' });
    expect(trainingYearLabel(2017)).toBe('2017 to 2018');
  });
  it('sets the needs against the offer by theme, the largest gap first', () => {
    const gaps = themeGaps(
      [
        { theme: 'neglect', staffCount: 40, priority: 'high' },
        { theme: 'neglect', staffCount: 10, priority: 'low' },
        { theme: 'domestic_abuse', staffCount: 20, priority: 'medium' },
        { theme: 'prevent', staffCount: 5, priority: 'high' },
      ],
      [
        { theme: 'neglect', courses: 1, sessions: 2, places: 30, booked: 25 },
        { theme: 'domestic_abuse', courses: 2, sessions: 3, places: 60, booked: 30 },
        { theme: 'online', courses: 1, sessions: 1, places: 20, booked: 4 },
      ],
    );
    expect(gaps.map((g) => [g.theme, g.staffNeeding, g.highPriority, g.booked, g.gap, g.placesShort])).toEqual([
      ['neglect', 50, 40, 25, 25, 20],
      ['prevent', 5, 5, 0, 5, 5],
      ['domestic_abuse', 20, 0, 30, 0, 0],
      ['online', 0, 0, 4, 0, 0],
    ]);
    expect(gaps[0]).toMatchObject({ courses: 1, sessions: 2, places: 30 });
  });
  it('breaks ties by high priority, then the themes’ order', () => {
    const gaps = themeGaps(
      [
        { theme: 'prevent', staffCount: 10, priority: 'low' },
        { theme: 'core', staffCount: 10, priority: 'low' },
        { theme: 'neglect', staffCount: 10, priority: 'high' },
        { theme: 'zz_unknown', staffCount: 10, priority: 'low' },
      ],
      [],
    );
    expect(gaps.map((g) => g.theme)).toEqual(['neglect', 'core', 'prevent', 'zz_unknown']);
  });
  it('is empty with no needs and no offer', () => {
    expect(themeGaps([], [])).toEqual([]);
  });
});
