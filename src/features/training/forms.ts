/**
 * Training's forms: a course, a session, a place booked for one of the agency's staff, the register, the end-of-
 * course evaluation, the public 3-month impact questionnaire and a training needs analysis line. Each checks its
 * own fields; the rules against the session or booking are the domain's (domain/training.ts), applied by the service.
 */
import { z } from 'zod';
import { type Code } from '../../domain/codes.js';
import { ATTENDANCE, IMPACT_USED, MAX_CAPACITY, NEED_PRIORITIES, SCORE_MAX, SCORE_MIN, TRAINING_BOARDS, TRAINING_MODES, TRAINING_THEMES, impactProblems } from '../../domain/training.js';
import { choice, field, form, integerIn, optionalText, personName, requiredDateTimeInput, requiredText, withRules } from '../../platform/forms.js';

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** A whole number in a range, or nothing. */
function optionalInteger(min: number, max: number, message: string) {
  return field((v, ctx): number | null => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const n = typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

const score = (what: string) => integerIn(SCORE_MIN, SCORE_MAX, `Select ${what}, from ${SCORE_MIN} to ${SCORE_MAX}`);

export const courseForm = form({
  title: requiredText({ label: 'Title', required: 'Enter the course’s title', max: 200 }),
  theme: choice(TRAINING_THEMES, 'Select the course’s theme'),
  mode: choice(TRAINING_MODES, 'Select how the course is delivered'),
  boardKind: choice(TRAINING_BOARDS, 'Select the board the course answers to'),
  description: requiredText({ label: 'Description', required: 'Enter what the course covers', max: 5_000, multiline: true }),
  audience: optionalText({ label: 'Who it is for', max: 300 }),
  durationMinutes: optionalInteger(15, 4_800, 'Enter the course’s length in minutes, from 15 to 4,800'),
});

export const sessionForm = form({
  startsAt: requiredDateTimeInput({ label: 'Start', required: 'Enter when the session starts', minYear: 2000 }),
  endsAt: requiredDateTimeInput({ label: 'End', required: 'Enter when the session ends', minYear: 2000 }),
  venue: requiredText({ label: 'Venue or joining link', required: 'Enter the venue, or the joining link for a webinar', max: 500 }),
  trainer: optionalText({ label: 'Trainer', max: 200 }),
  capacity: integerIn(1, MAX_CAPACITY, `Enter the number of places, from 1 to ${MAX_CAPACITY}`),
});

export const bookingForm = withRules(
  form({
    attendeeName: personName({ label: 'Name', required: 'Enter the name of the person attending' }),
    attendeeEmail: requiredText({ label: 'Work email address', required: 'Enter their work email address', max: 254 }),
    jobRole: requiredText({ label: 'Job role', required: 'Enter their job role, for example “Teaching assistant”', max: 200 }),
  }),
  (v, ctx) => {
    if (typeof v.attendeeEmail === 'string' && !EMAIL.test(v.attendeeEmail)) {
      ctx.addIssue({ code: 'custom', path: ['attendeeEmail'], message: 'Enter a work email address in the correct format, like name@school.example' });
    }
  },
);

/** The register's field for one booking. */
export const attendanceField = (bookingId: string) => `b_${bookingId}`;

/** The register: attended or did not attend, for each booking on the session. */
export function registerForm(bookings: readonly { id: string; attendee_name: string }[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const b of bookings) shape[attendanceField(b.id)] = choice(ATTENDANCE, `Select whether ${b.attendee_name} attended`);
  return form(shape);
}

export const evaluationForm = form({
  confidenceBefore: score('how confident they felt before the course'),
  confidenceAfter: score('how confident they felt after the course'),
  usefulness: score('how useful the course was'),
  comments: optionalText({ label: 'Comments', max: 2_000, multiline: true }),
});

export const impactForm = withRules(
  form({
    used: choice(IMPACT_USED, 'Select whether you have used what you learned'),
    example: optionalText({ label: 'Your example', max: 2_000, multiline: true }),
    confidenceNow: score('how confident you feel now'),
    moreHelp: optionalText({ label: 'What else would help', max: 2_000, multiline: true }),
  }),
  (v, ctx) => {
    if (typeof v.used !== 'string') return;
    const problem = impactProblems({ used: v.used as never, example: v.example ?? null, confidenceNow: 3 }).example;
    if (problem) ctx.addIssue({ code: 'custom', path: ['example'], message: problem });
  },
);

export function needForm(agencies: readonly Code[]) {
  return form({
    year: integerIn(2000, 2100, 'Select a training year from 2000 to 2100'),
    agencyId: choice(agencies, 'Select the agency'),
    jobRole: requiredText({ label: 'Job role', required: 'Enter the job role, for example “Health visitor”', max: 200 }),
    theme: choice(TRAINING_THEMES, 'Select the theme'),
    staffCount: integerIn(1, 100_000, 'Enter how many staff need it, a whole number from 1 to 100,000'),
    priority: choice(NEED_PRIORITIES, 'Select the priority'),
    notes: optionalText({ label: 'Notes', max: 2_000, multiline: true }),
  });
}
