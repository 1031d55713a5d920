/** Children's social care forms: allocation, assessment, strategy discussion, section 47, conferences, reports, plans. */
import {
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  ATTENDANCE,
  CIN_REVIEW_DECISIONS,
  CLOSURE_REASONS,
  CONFERENCE_DECISIONS,
  CP_CATEGORIES,
  PARENT_PARTICIPATION,
  PLAN_END_REASONS,
  PRIMARY_NEEDS,
  REPORT_VIEWS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  VIEWS_GATHERED,
} from '../../domain/children.js';
import { type Code, list } from '../../domain/codes.js';
import { checkboxes, choice, dateInput, dateTimeInput, form, optionalChoice, optionalText, requiredDateInput, requiredDateTimeInput, requiredText, withRules, yesNo } from '../../platform/forms.js';

const long = (label: string, required: string) => requiredText({ label, required, max: 20_000, multiline: true });
const note = (label: string) => optionalText({ label, max: 20_000, multiline: true });
const YES_NO = list({ yes: 'Yes', no: 'No' });

export const allocateForm = (workers: readonly Code[]) => form({ userId: choice(workers, 'Select a social worker from the list') });

export const assessmentForm = (now: () => Date) =>
  form({
  factors: checkboxes(ASSESSMENT_FACTORS, { invalid: 'Select factors from the list' }),
  seenOn: dateInput({ label: 'Date the child was seen', past: true, minYear: 2000, now }),
  seenAlone: optionalChoice(YES_NO, 'Select whether the child was seen alone'),
  viewsHow: optionalChoice(VIEWS_GATHERED, 'Select how the child’s views were gathered'),
  viewsWhat: note('What the child said'),
  viewsBy: optionalText({ label: 'Who heard the child', max: 200 }),
  analysis: note('Analysis'),
  primaryNeedCode: optionalChoice(PRIMARY_NEEDS, 'Select the child’s primary need from the list'),
  outcome: optionalChoice(ASSESSMENT_OUTCOMES, 'Select the outcome from the list'),
  action: choice(list({ save: 'Save', submit: 'Send to a manager' }), 'Choose whether to save the assessment or send it to a manager'),
  });

export const authoriseForm = withRules(
  form({
    decision: choice(list({ authorise: 'Authorise', return: 'Return' }), 'Select whether you authorise the assessment or return it'),
    comment: optionalText({ label: 'Comment', max: 5_000, multiline: true }),
  }),
  (v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why you are returning the assessment' });
  },
);

/** Up to this many people on a strategy discussion form (the required three and others). */
export const PARTICIPANT_ROWS = 6;

export const strategyForm = (agencies: readonly Code[]) => {
  const rows: Record<string, ReturnType<typeof optionalChoice> | ReturnType<typeof optionalText>> = {};
  for (let i = 1; i <= PARTICIPANT_ROWS; i += 1) {
    rows[`agency${i}`] = optionalChoice(agencies, `Select the agency of person ${i} from the list`);
    rows[`name${i}`] = optionalText({ label: `Name of person ${i}`, max: 200 });
    rows[`role${i}`] = optionalText({ label: `Role of person ${i}`, max: 200 });
  }
  return withRules(
    form({
      heldAt: requiredDateTimeInput({ label: 'When the strategy discussion took place', required: 'Enter when the strategy discussion took place', minYear: 2000 }),
      ...rows,
      informationShared: long('Information shared', 'Enter the information each agency shared'),
      decision: choice(STRATEGY_DECISIONS, 'Select what the strategy discussion decided'),
      reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
    }),
    (v, ctx) => {
      const values = v as Record<string, unknown>;
      for (let i = 1; i <= PARTICIPANT_ROWS; i += 1) {
        if (values[`agency${i}`] && !values[`name${i}`]) ctx.addIssue({ code: 'custom', path: [`name${i}`], message: `Enter the name of person ${i}` });
        if (!values[`agency${i}`] && values[`name${i}`]) ctx.addIssue({ code: 'custom', path: [`agency${i}`], message: `Select the agency of person ${i}` });
      }
    },
  );
};

export const s47Form = (agencies: readonly Code[], chairs: readonly Code[]) =>
  withRules(
    form({
      outcome: choice(S47_OUTCOMES, 'Select the outcome of the section 47 enquiry'),
      reason: long('Reasons', 'Enter the reasons for the outcome'),
      scheduledAt: dateTimeInput({ label: 'Date and time of the initial conference', minYear: 2000 }),
      agencyIds: checkboxes(agencies, { invalid: 'Select agencies from the list' }),
      chairUserId: optionalChoice(chairs, 'Select a chair from the list'),
    }),
    (v, ctx) => {
      if (v.outcome !== 'substantiated_icpc') return;
      if (!v.scheduledAt) ctx.addIssue({ code: 'custom', path: ['scheduledAt'], message: 'Enter the date and time of the initial child protection conference' });
      if (v.agencyIds.length === 0) ctx.addIssue({ code: 'custom', path: ['agencyIds'], message: 'Select the agencies to invite to the conference' });
    },
  );

export const closeForm = form({ reason: choice(CLOSURE_REASONS, 'Select the reason for closing the case') });

export const scheduleForm = (chairs: readonly Code[]) =>
  form({
    scheduledAt: requiredDateTimeInput({ label: 'Date and time of the conference', required: 'Enter the date and time of the conference', minYear: 2000 }),
    chairUserId: optionalChoice(chairs, 'Select a chair from the list'),
  });

export const conferenceForm = (inviteIds: readonly string[]) => {
  const attendance: Record<string, ReturnType<typeof optionalChoice>> = {};
  for (const id of inviteIds) attendance[`attendance-${id}`] = optionalChoice(ATTENDANCE, 'Select whether the agency attended');
  return form({
    heldAt: requiredDateTimeInput({ label: 'When the conference was held', required: 'Enter when the conference was held', minYear: 2000 }),
    ...attendance,
    childAttended: yesNo('Select whether the child attended'),
    childAdvocate: yesNo('Select whether the child had an advocate'),
    childViewsPresented: yesNo('Select whether the child’s views were presented'),
    childViews: note('The child’s views'),
    parentsParticipation: choice(PARENT_PARTICIPATION, 'Select how the parents took part'),
    parentsViews: note('The parents’ views'),
    decision: choice(CONFERENCE_DECISIONS, 'Select the conference’s decision'),
    category: optionalChoice(CP_CATEGORIES, 'Select a category from the list'),
    endReason: optionalChoice(PLAN_END_REASONS, 'Select why the plan ends from the list'),
    reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
    dissent: note('Dissent'),
    dissentEscalated: optionalChoice(list({ yes: 'Yes' }), 'Select whether the dissent was escalated'),
  });
};

export const reportForm = form({
  view: choice(REPORT_VIEWS, 'Select your agency’s view of the risk to the child'),
  report: long('Your agency’s report', 'Enter your agency’s report for the conference'),
});

export const visitForm = (now: () => Date) =>
  form({
  visitedOn: requiredDateInput({ label: 'Date of the visit', required: 'Enter the date of the visit', past: true, minYear: 2000, now }),
  seen: yesNo('Select whether the child was seen'),
  seenAlone: yesNo('Select whether the child was seen alone'),
  notes: long('What happened on the visit', 'Enter what happened on the visit'),
  });

export const coreGroupForm = (agencies: readonly Code[], now: () => Date) =>
  form({
    heldOn: requiredDateInput({ label: 'Date of the core group meeting', required: 'Enter the date of the core group meeting', past: true, minYear: 2000, now }),
    agencyIds: checkboxes(agencies, { required: 'Select the agencies that took part', invalid: 'Select agencies from the list' }),
    notes: long('Progress against the plan', 'Enter the progress against the plan'),
  });

export const reviewForm = (now: () => Date) =>
  form({
  heldOn: requiredDateInput({ label: 'Date of the review', required: 'Enter the date of the review', past: true, minYear: 2000, now }),
  decision: choice(CIN_REVIEW_DECISIONS, 'Select the review’s decision'),
  notes: long('Progress and next steps', 'Enter the progress and next steps'),
  });

export const endPlanForm = (now: () => Date) =>
  form({
  endedOn: requiredDateInput({ label: 'Date the plan ended', required: 'Enter the date the plan ended', past: true, minYear: 2000, now }),
  reason: choice(PLAN_END_REASONS, 'Select why the plan ended'),
  });
