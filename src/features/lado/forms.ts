/**
 * The LADO's forms: an allegation's details, the threshold decision, an allegation management meeting (attendees,
 * decisions, actions), the police status, why it is still open, the outcome with the employer's actions, and the
 * employer's own action. Each checks its own fields; the rules against the allegation are the domain's
 * (domain/lado.ts), applied by the service.
 */
import { z } from 'zod';
import { type Code, list } from '../../domain/codes.js';
import { EMPLOYER_ACTIONS, LADO_CATEGORIES, LADO_DECISIONS, LADO_OUTCOMES, LADO_SECTORS, MEETING_ROLES, OPEN_REASONS, POLICE_STATUSES, REGULATORS } from '../../domain/lado.js';
import { checkboxes, choice, dateInput, form, optionalChoice, optionalText, personName, requiredDateInput, requiredDateTimeInput, requiredText, uuid, withRules } from '../../platform/forms.js';

const long = (label: string, required: string) => requiredText({ label, required, max: 20_000, multiline: true });

/** Up to this many people named on a meeting's form, and this many actions. */
export const ATTENDEE_ROWS = 6;
export const ACTION_ROWS = 4;

export function detailsForm(agencies: readonly Code[]) {
  return form({
    adultName: personName({ label: 'Name of the adult', required: 'Enter the name of the adult the allegation is about' }),
    roleTitle: requiredText({ label: 'Their role', required: 'Enter the adult’s role, for example “Teaching assistant”', max: 200 }),
    employerAgencyId: optionalChoice(agencies, 'Select the employer from the list, or leave it blank and enter its name'),
    employerName: optionalText({ label: 'Employer’s name', max: 200 }),
    sector: choice(LADO_SECTORS, 'Select the employing sector'),
    category: choice(LADO_CATEGORIES, 'Select the category of the allegation'),
    whatHappened: long('What is alleged', 'Enter what is alleged to have happened'),
    children: optionalText({ label: 'Children named in the allegation', max: 2_000, multiline: true }),
  });
}

export const decisionForm = form({
  decision: choice(LADO_DECISIONS, 'Select the threshold decision'),
  reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
});

export function meetingForm(agencies: readonly Code[]) {
  const rows: Record<string, z.ZodType> = {};
  for (let i = 1; i <= ATTENDEE_ROWS; i += 1) {
    rows[`role${i}`] = optionalChoice(MEETING_ROLES, `Select the part person ${i} took from the list`);
    rows[`agency${i}`] = optionalChoice(agencies, `Select the agency of person ${i} from the list`);
    rows[`name${i}`] = optionalText({ label: `Name of person ${i}`, max: 200 });
  }
  for (let i = 1; i <= ACTION_ROWS; i += 1) {
    rows[`action${i}`] = optionalText({ label: `Action ${i}`, max: 2_000 });
    rows[`owner${i}`] = optionalChoice(agencies, `Select the agency that owns action ${i} from the list`);
    rows[`ownerName${i}`] = optionalText({ label: `Who owns action ${i}`, max: 200 });
    rows[`due${i}`] = dateInput({ label: `Due date of action ${i}`, minYear: 2000 });
  }
  return withRules(
    form({
      heldAt: requiredDateTimeInput({ label: 'When the meeting was held', required: 'Enter when the meeting was held', minYear: 2000 }),
      ...rows,
      decisions: long('What the meeting decided', 'Enter what the meeting decided'),
      reviewOn: dateInput({ label: 'Review date', minYear: 2000 }),
    }),
    (v, ctx) => {
      const values = v as Record<string, unknown>;
      let people = 0;
      for (let i = 1; i <= ATTENDEE_ROWS; i += 1) {
        const any = values[`role${i}`] || values[`agency${i}`] || values[`name${i}`];
        if (!any) continue;
        people += 1;
        if (!values[`name${i}`]) ctx.addIssue({ code: 'custom', path: [`name${i}`], message: `Enter the name of person ${i}` });
        if (!values[`role${i}`]) ctx.addIssue({ code: 'custom', path: [`role${i}`], message: `Select the part person ${i} took` });
      }
      if (people === 0) ctx.addIssue({ code: 'custom', path: ['name1'], message: 'Enter who attended the meeting' });
      for (let i = 1; i <= ACTION_ROWS; i += 1) {
        const any = values[`action${i}`] || values[`owner${i}`] || values[`ownerName${i}`] || values[`due${i}`];
        if (!any) continue;
        if (!values[`action${i}`]) ctx.addIssue({ code: 'custom', path: [`action${i}`], message: `Enter what action ${i} is` });
        if (!values[`owner${i}`] && !values[`ownerName${i}`]) ctx.addIssue({ code: 'custom', path: [`owner${i}`], message: `Select the agency that owns action ${i}, or enter who owns it` });
        if (values[`due${i}`] === null) ctx.addIssue({ code: 'custom', path: [`due${i}`], message: `Enter the due date of action ${i}` });
      }
    },
  );
}

export const policeForm = form({
  policeStatus: choice(POLICE_STATUSES, 'Select the police status'),
  on: requiredDateInput({ label: 'Date of the update', required: 'Enter the date the police status changed', past: true, minYear: 2000 }),
});

export const reasonForm = form({
  openReason: choice(OPEN_REASONS, 'Select why the allegation is still open'),
});

const ACTION_CODES = EMPLOYER_ACTIONS;
const DATE_OF: Record<string, string> = { suspension: 'suspensionOn', dismissal: 'dismissalOn', dbs_referral: 'dbsOn', regulator_referral: 'regulatorOn' };

/** The employer's actions on the outcome's form: checkboxes, with a date for each dated one and the regulator. */
export const employerActionFields = {
  employerActions: checkboxes(ACTION_CODES, { invalid: 'Select the employer’s actions from the list' }),
  suspensionOn: dateInput({ label: 'Date of the suspension', minYear: 2000 }),
  dismissalOn: dateInput({ label: 'Date of the dismissal', minYear: 2000 }),
  dbsOn: dateInput({ label: 'Date of the DBS referral', minYear: 2000 }),
  regulatorOn: dateInput({ label: 'Date of the referral to the regulator', minYear: 2000 }),
  regulator: optionalChoice(REGULATORS, 'Select the regulator from the list'),
};

/** The employer's actions as the domain reads them, from the outcome form's values. */
export function actionsFrom(v: { employerActions: string[]; regulator: string | null } & Record<string, unknown>): { code: string; on: string | null; regulator: string | null }[] {
  return v.employerActions.map((code) => ({
    code,
    on: DATE_OF[code] ? ((v[DATE_OF[code]] as string | null | undefined) ?? null) : null,
    regulator: code === 'regulator_referral' ? v.regulator : null,
  }));
}

export const outcomeForm = form({
  outcome: choice(LADO_OUTCOMES, 'Select the outcome'),
  outcomeOn: requiredDateInput({ label: 'Date of the outcome', required: 'Enter the date of the outcome', minYear: 2000 }),
  ...employerActionFields,
});

export const closeForm = form({
  confirm: choice(list({ yes: 'Yes' }), 'Confirm that the allegation can be closed'),
});

/** The employer records one action it has taken. */
export const employerActionForm = form({
  action: choice(EMPLOYER_ACTIONS, 'Select the action your organisation took'),
  on: requiredDateInput({ label: 'Date of the action', required: 'Enter the date of the action', past: true, minYear: 2000 }),
  regulator: optionalChoice(REGULATORS, 'Select the regulator from the list'),
});

export const actionDoneForm = form({
  actionId: uuid('Select the action that is done'),
});
