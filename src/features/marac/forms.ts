/** The MARAC forms: a referral, a meeting, its agenda and attendance, research, minutes, actions and status. */
import { z } from 'zod';
import { list } from '../../domain/codes.js';
import { MARAC_CRITERIA } from '../../domain/domestic-abuse.js';
import { localDateOf, londonDate } from '../../domain/time.js';
import {
  checkboxes,
  choice,
  dateInput,
  field,
  form,
  optionalUuid,
  personName,
  requiredDateInput,
  requiredDateTimeInput,
  requiredText,
  uuid,
  withRules,
} from '../../platform/forms.js';
import { isUuid } from '../../platform/params.js';

/** Ids chosen with checkboxes: at least one, each an id. */
function idList(required: string, invalid: string) {
  return field((v, ctx): string[] => {
    const values = v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x !== 'string' || !isUuid(x))) {
      ctx.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    }
    if (values.length === 0) {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    return [...new Set((values as string[]).map((x) => x.toLowerCase()))];
  });
}

/** A whole number in a range, or nothing. */
function optionalInteger(min: number, max: number, message: string) {
  return field((v, ctx): number | null => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const n = typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

export const DASH_MAX = 27;

/** The referral form. `highRisk` is the DASH score for visible high risk (SafeLives: 14), from the checklist data. */
export function referralForm(highRisk: number) {
  return withRules(
    form({
      daCaseId: optionalUuid('The domestic abuse case was not recognised: start the referral again from the case'),
      victimGivenNames: personName({ label: 'The victim’s first names', required: 'Enter the victim’s first names' }),
      victimFamilyName: personName({ label: 'The victim’s last name', required: 'Enter the victim’s last name' }),
      victimDob: requiredDateInput({ label: 'The victim’s date of birth', required: 'Enter the victim’s date of birth', past: true, minYear: 1900 }),
      perpetratorGivenNames: personName({ label: 'The perpetrator’s first names' }),
      perpetratorFamilyName: personName({ label: 'The perpetrator’s last name' }),
      perpetratorDob: dateInput({ label: 'The perpetrator’s date of birth', past: true, minYear: 1900 }),
      criteria: checkboxes(MARAC_CRITERIA, { required: 'Select at least one MARAC criterion the case meets', invalid: 'Select criteria from the list' }),
      dashScore: optionalInteger(0, DASH_MAX, `The DASH score must be a whole number from 0 to ${DASH_MAX}`),
      reason: requiredText({ label: 'Why you are referring', required: 'Enter why you are referring the victim to MARAC', max: 5_000, multiline: true }),
    }),
    (v, ctx) => {
      const criteria = Array.isArray(v.criteria) ? v.criteria : [];
      if (criteria.includes('visible_high_risk') && (v.dashScore === null || v.dashScore === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['dashScore'], message: `Enter the DASH score: visible high risk needs a DASH score of ${highRisk} or more` });
      } else if (criteria.includes('visible_high_risk') && typeof v.dashScore === 'number' && v.dashScore < highRisk) {
        ctx.addIssue({
          code: 'custom',
          path: ['dashScore'],
          message: `Visible high risk needs a DASH score of ${highRisk} or more (this score is ${v.dashScore}): choose professional judgement instead if you believe the risk is high`,
        });
      }
      const given = typeof v.perpetratorGivenNames === 'string' && v.perpetratorGivenNames !== '';
      const family = typeof v.perpetratorFamilyName === 'string' && v.perpetratorFamilyName !== '';
      if (given && !family) ctx.addIssue({ code: 'custom', path: ['perpetratorFamilyName'], message: 'Enter the perpetrator’s last name, or leave both names empty if they are not known' });
      if (family && !given) ctx.addIssue({ code: 'custom', path: ['perpetratorGivenNames'], message: 'Enter the perpetrator’s first names, or leave both names empty if they are not known' });
      if (!given && !family && typeof v.perpetratorDob === 'string') {
        ctx.addIssue({ code: 'custom', path: ['perpetratorGivenNames'], message: 'Enter the perpetrator’s name, or leave their date of birth empty' });
      }
    },
  );
}

export function meetingForm(now: () => Date) {
  return withRules(
    form({
      meetingAt: requiredDateTimeInput({ label: 'The meeting date', required: 'Enter the date and time of the meeting', minYear: 2000 }),
      location: requiredText({ label: 'Where the meeting is', required: 'Enter where the meeting will be held', max: 200 }),
      agencyIds: idList('Select the agencies to invite', 'Select agencies from the list'),
    }),
    (v, ctx) => {
      if (v.meetingAt instanceof Date && localDateOf(v.meetingAt) < londonDate(now())) {
        ctx.addIssue({ code: 'custom', path: ['meetingAt', 'day'], message: 'The meeting date must be today or in the future' });
      }
    },
  );
}

export const agendaForm = form({
  referralIds: idList('Select at least one referral to put on the agenda', 'Select referrals from the list'),
});

export const attendanceForm = form({
  presentAgencyIds: idList('Select the agencies that were present', 'Select agencies from the list'),
});

export const KNOWN = list({ yes: 'Yes, known to us', no: 'No, not known to us' });

export const researchForm = form({
  known: choice(KNOWN, 'Select whether your agency knows the victim, the perpetrator or the family'),
  information: requiredText({ label: 'What your agency holds', required: 'Enter what your agency holds, or what you checked if it holds nothing', max: 10_000, multiline: true }),
});

export const minutesForm = form({
  minutes: requiredText({ label: 'The minutes', required: 'Enter the minutes for this case', max: 20_000, multiline: true }),
});

export function actionForm(today: () => string) {
  return withRules(
    form({
      ownerAgencyId: uuid('Select the agency that owns the action'),
      ownerUserId: optionalUuid('Select a person from the list'),
      dueOn: requiredDateInput({ label: 'The due date', required: 'Enter the date the action is due', minYear: 2000 }),
      description: requiredText({ label: 'The action', required: 'Enter what must be done', max: 2_000, multiline: true }),
    }),
    (v, ctx) => {
      if (typeof v.dueOn === 'string' && v.dueOn < today()) ctx.addIssue({ code: 'custom', path: ['dueOn', 'day'], message: 'The due date must be today or in the future' });
    },
  );
}

export const completeForm = form({
  note: requiredText({ label: 'What was done', required: 'Enter what was done to complete the action', max: 5_000, multiline: true }),
});

export const REFERRAL_OUTCOMES = list({ heard: 'Heard at MARAC', closed: 'Closed: the MARAC’s work on this case is finished' });

export const statusForm = form({
  status: choice(REFERRAL_OUTCOMES, 'Select whether the case was heard or is closed'),
});
