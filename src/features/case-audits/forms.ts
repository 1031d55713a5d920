/**
 * The multi-agency audits' forms: an audit in the programme, the sample's period and size, redrawing one record, the
 * next step, a finding, and an agency's grading. Each checks its own fields; the rules across them (a grade that
 * needs areas for improvement, the sample's period) are the domain's (domain/case-audits.ts), applied by the service.
 */
import { AUDIT_BOARDS, AUDIT_STATUSES, GRADES, MAX_SAMPLE, SAMPLE_KINDS } from '../../domain/case-audits.js';
import { choice, form, integerIn, optionalText, requiredDateInput, requiredText, uuid } from '../../platform/forms.js';

const LONG = 20_000;

export const auditForm = form({
  topic: requiredText({ label: 'Topic', required: 'Enter the audit’s topic, for example “Neglect: the voice of the child”', max: 200 }),
  scope: requiredText({ label: 'Scope', required: 'Enter the audit’s scope: what the agencies are asked to look at', max: LONG, multiline: true }),
  sampleKind: choice(SAMPLE_KINDS, 'Select the kind of records to sample'),
  boardKind: choice(AUDIT_BOARDS, 'Select the board the audit reports to'),
  plannedOn: requiredDateInput({ label: 'Planned date', required: 'Enter the date the audit is planned for', minYear: 2000 }),
  gradingDueOn: requiredDateInput({ label: 'Date gradings are due', required: 'Enter the date the agencies’ gradings are due', minYear: 2000 }),
});

export const drawForm = form({
  from: requiredDateInput({ label: 'Start of the period', required: 'Enter the start of the period to sample from', minYear: 2000 }),
  to: requiredDateInput({ label: 'End of the period', required: 'Enter the end of the period to sample from', minYear: 2000 }),
  size: integerIn(1, MAX_SAMPLE, `Enter a sample size from 1 to ${MAX_SAMPLE}`),
});

export const redrawForm = form({
  sampleId: uuid('Select a record in this audit’s sample'),
});

export const statusForm = form({
  status: choice(AUDIT_STATUSES, 'Select where the audit goes next'),
});

export const findingForm = form({
  finding: requiredText({ label: 'Finding', required: 'Enter the finding', max: LONG, multiline: true }),
});


export const gradingForm = form({
  grade: choice(GRADES, 'Select a grade'),
  strengths: optionalText({ label: 'Strengths', max: LONG, multiline: true }),
  improvements: optionalText({ label: 'Areas for improvement', max: LONG, multiline: true }),
});
