/**
 * The DoLS forms: a new application, the priority (the screening answers), allocation, one assessment, the urgent
 * extension, the decision and a withdrawal. Each checks its own fields; the rules across fields and against the
 * application and today are the domain's (domain/dols.ts), applied by the service.
 */
import { ASSESSMENT_OUTCOMES, DOLS_ASSESSMENTS, DOLS_DECISIONS, DOLS_KINDS, DOLS_PRIORITIES, DOLS_SETTINGS, SCREENING_FACTORS } from '../../domain/dols.js';
import { checkboxes, choice, dateInput, form, optionalText, personName, requiredDateInput, requiredText, uuid } from '../../platform/forms.js';

const screening = {
  factors: checkboxes(SCREENING_FACTORS, { invalid: 'Select the screening answers from the list' }),
  priority: choice(DOLS_PRIORITIES, 'Select the priority'),
  priorityNote: optionalText({ label: 'Why the priority is higher', max: 2_000, multiline: true }),
};

export const applicationForm = form({
  managingAuthority: requiredText({ label: 'Managing authority', required: 'Enter the name of the care home or hospital', max: 200 }),
  setting: choice(DOLS_SETTINGS, 'Select whether the managing authority is a care home or a hospital'),
  personName: personName({ label: 'The person’s full name', required: 'Enter the person’s full name' }),
  dateOfBirth: requiredDateInput({ label: 'Date of birth', required: 'Enter the person’s date of birth', minYear: 1900 }),
  kind: choice(DOLS_KINDS, 'Select whether this is a standard request or comes with an urgent authorisation'),
  urgentFrom: dateInput({ label: 'The date the urgent authorisation was given', minYear: 2000 }),
  ...screening,
});

export const priorityForm = form(screening);

export const allocateForm = form({
  assessorId: uuid('Select an assessor from the list'),
});

export const assessmentForm = form({
  kind: choice(DOLS_ASSESSMENTS, 'Select which assessment you are recording'),
  outcome: choice(ASSESSMENT_OUTCOMES, 'Select whether the requirement is met'),
  completedOn: requiredDateInput({ label: 'The date the assessment was completed', required: 'Enter the date the assessment was completed', minYear: 2000 }),
  note: optionalText({ label: 'Findings', max: 10_000, multiline: true }),
});

export const extendForm = form({
  exceptional: checkboxes([{ code: 'yes', label: 'Confirmed' }], {
    required: 'Confirm that the managing authority has asked for the extension and that the reasons are exceptional',
    invalid: 'Confirm that the managing authority has asked for the extension and that the reasons are exceptional',
  }),
});

export const decisionForm = form({
  decision: choice(DOLS_DECISIONS, 'Select whether the authorisation is granted'),
  authorisedFrom: dateInput({ label: 'The date the authorisation starts', minYear: 2000 }),
  authorisedUntil: dateInput({ label: 'The date the authorisation ends', minYear: 2000 }),
  conditions: optionalText({ label: 'Conditions', max: 10_000, multiline: true }),
  note: optionalText({ label: 'Reasons', max: 10_000, multiline: true }),
});

export const withdrawForm = form({
  reason: requiredText({ label: 'Why the application is withdrawn', required: 'Enter why the application is withdrawn', max: 5_000, multiline: true }),
});
