/** The forms of Operation Encompass: support given, assigning a setting, key adults, the school day and term dates, the report period. */
import { z } from 'zod';
import { SUPPORT_GIVEN, isUrn } from '../../domain/encompass.js';
import { isLocalDate } from '../../domain/time.js';
import { checkboxes, dateInput, form, optionalText, optionalUuid, requiredDateInput, requiredText, uuid, withRules } from '../../platform/forms.js';

export const supportForm = withRules(
  form({
    support: checkboxes(SUPPORT_GIVEN, { required: 'Select the support the school gave the child', invalid: 'Select support from the list' }),
    supportNote: optionalText({ label: 'Details of the support', max: 2_000, multiline: true }),
  }),
  (v, ctx) => {
    if (Array.isArray(v.support) && v.support.includes('other') && !v.supportNote) {
      ctx.addIssue({ code: 'custom', path: ['supportNote'], message: 'Describe the other support the school gave' });
    }
  },
);

export const assignForm = withRules(
  form({
    agencyId: optionalUuid('Choose a setting from the list'),
    urn: optionalText({ label: 'URN', max: 20 }).transform((v, ctx) => {
      if (v === null) return null;
      if (!isUrn(v)) {
        ctx.addIssue({ code: 'custom', message: 'Enter a URN of 6 digits, like 990101' });
        return z.NEVER;
      }
      return v.trim();
    }),
  }),
  (v, ctx) => {
    if (v.agencyId === null && v.urn === null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Choose the child’s school or setting, or enter its URN' });
    } else if (typeof v.agencyId === 'string' && typeof v.urn === 'string') {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Choose a setting from the list or enter a URN, not both' });
    }
  },
);

export const keyAdultForm = form({ userId: uuid('Choose who to add as a key adult') });

export const removeKeyAdultForm = form({ userId: uuid('Choose who to remove') });

export const dayStartForm = form({
  dayStartsAt: requiredText({ label: 'Start time', required: 'Enter the time the school day starts, like 08:45', max: 10 }).transform((v, ctx) => {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(v);
    const hour = m ? Number(m[1]) : NaN;
    const minute = m ? Number(m[2]) : NaN;
    if (!m || hour > 23 || minute > 59) {
      ctx.addIssue({ code: 'custom', message: 'Enter the start time using the 24-hour clock, like 08:45' });
      return z.NEVER;
    }
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  }),
});

export const termForm = withRules(
  form({
    name: requiredText({ label: 'Term name', required: 'Enter the name of the term, like Autumn 1', max: 60 }),
    from: requiredDateInput({ label: 'First day of term', required: 'Enter the first day of term', minYear: 2000 }),
    to: requiredDateInput({ label: 'Last day of term', required: 'Enter the last day of term', minYear: 2000 }),
  }),
  (v, ctx) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && isLocalDate(v.from) && isLocalDate(v.to) && v.to < v.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day of term must be the same as or after the first day' });
    }
  },
);

const isoDate = (message: string) =>
  requiredText({ label: 'Date', required: message, max: 10 }).refine((v) => isLocalDate(v), message);

export const removeTermForm = form({ from: isoDate('Choose a term to remove') });

export const closureForm = form({
  date: requiredDateInput({ label: 'Closure day', required: 'Enter the date the school is closed', minYear: 2000 }),
});

export const removeClosureForm = form({ date: isoDate('Choose a closure day to remove') });

/** The monitor's report period (a GET form): London dates, both optional. */
export const periodForm = withRules(
  form({
    from: dateInput({ label: 'Start date' }),
    to: dateInput({ label: 'End date' }),
  }),
  (v, ctx) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && v.to < v.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be the same as or after the start date' });
    }
  },
);
