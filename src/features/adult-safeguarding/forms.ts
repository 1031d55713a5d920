/** The adult safeguarding forms: details, the three-point test, the decision, the enquiry's steps, the answer. */
import {
  ADVOCACY,
  ATTENDANCE,
  CAPACITY,
  CONCERN_DECISIONS,
  CONCERN_SOURCES,
  CONSENT,
  ENQUIRY_LEADS,
  EXIT_REASONS,
  MEETING_KINDS,
  MSP_ASKED,
  OUTCOMES_ACHIEVED,
  PRIMARY_SUPPORT_REASONS,
  RISK_LOCATIONS,
  RISK_RESULTS,
  RISK_SOURCES,
  RISK_TYPES,
  SANCTIONS,
  SIGNPOST_TEAMS,
  TEST_ANSWERS,
} from '../../domain/adult-safeguarding.js';
import { type Code } from '../../domain/codes.js';
import { checkboxes, choice, dateInput, form, optionalChoice, optionalText, optionalUuid, requiredDateTimeInput, requiredText, uuid, withRules, yesNo } from '../../platform/forms.js';

const long = (label: string, required: string) => requiredText({ label, required, max: 20_000, multiline: true });
const note = (label: string) => optionalText({ label, max: 20_000, multiline: true });

export const detailsForm = (providers: readonly Code[]) =>
  form({
    sourceCode: choice(CONCERN_SOURCES, 'Select where the concern came from'),
    othersInvolved: note('Who else is involved'),
    personsView: note('The adult’s own view'),
    providerId: optionalChoice(providers, 'Select a care provider from the list'),
  });

const reason = (label: string) => requiredText({ label, required: `Enter the reasons for your answer: ${label.toLowerCase()}`, max: 5_000, multiline: true });

export const testForm = form({
  needs: choice(TEST_ANSWERS, 'Select whether the adult has needs for care and support'),
  needsReason: reason('Care and support needs'),
  abuse: choice(TEST_ANSWERS, 'Select whether the adult is experiencing, or at risk of, abuse or neglect'),
  abuseReason: reason('Abuse or neglect'),
  protect: choice(TEST_ANSWERS, 'Select whether the adult is unable to protect themselves'),
  protectReason: reason('Unable to protect themselves'),
});

export const decisionForm = form({
  decision: choice(CONCERN_DECISIONS, 'Select the decision'),
  signpostTo: optionalChoice(SIGNPOST_TEAMS, 'Select a team or service from the list'),
  reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
});

export const authoriseForm = withRules(
  form({
    decision: choice([{ code: 'authorise', label: 'Authorise' }, { code: 'return', label: 'Return' }], 'Select whether you authorise the decision or return it'),
    comment: optionalText({ label: 'Comment', max: 5_000, multiline: true }),
  }),
  (v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why you are returning the decision' });
  },
);

export const allocateForm = form({ userId: uuid('Select a worker') });

export const planForm = (agencies: readonly Code[]) =>
  withRules(
    form({
      leadKind: choice(ENQUIRY_LEADS, 'Select who leads the enquiry'),
      leadAgencyId: optionalChoice(agencies, 'Select the agency the enquiry is caused to from the list'),
      consent: choice(CONSENT, 'Select whether the adult consents to the enquiry'),
      capacity: choice(CAPACITY, 'Select whether the adult has capacity about the enquiry'),
      capacityNote: note('About the adult’s capacity'),
      primarySupportReason: choice(PRIMARY_SUPPORT_REASONS, 'Select the adult’s primary support reason'),
      advocacy: optionalChoice(ADVOCACY, 'Select who supports the adult from the list'),
      advocateName: optionalText({ label: 'Advocate’s name', max: 200 }),
      mspAsked: choice(MSP_ASKED, 'Select whether the adult was asked what outcomes they want'),
      desiredOutcomes: note('What the adult wants to happen, in their words'),
    }),
    (v, ctx) => {
      if (v.leadKind && v.leadKind !== 'adult_team' && !v.leadAgencyId) ctx.addIssue({ code: 'custom', path: ['leadAgencyId'], message: 'Select the agency the enquiry is caused to' });
      if (v.leadKind === 'adult_team' && v.leadAgencyId) ctx.addIssue({ code: 'custom', path: ['leadAgencyId'], message: 'Leave the agency empty when the adult safeguarding team leads' });
      if (v.mspAsked === 'asked_expressed' && !v.desiredOutcomes) ctx.addIssue({ code: 'custom', path: ['desiredOutcomes'], message: 'Enter the outcomes the adult wants, in their words' });
      if (v.capacity === 'lacks_capacity' && !v.advocacy) ctx.addIssue({ code: 'custom', path: ['advocacy'], message: 'Select who will support the adult, who lacks capacity, through the enquiry' });
      if ((v.advocacy === 's68_independent' || v.advocacy === 'imca') && !v.advocateName) ctx.addIssue({ code: 'custom', path: ['advocateName'], message: 'Enter the advocate’s name' });
    },
  );

export const riskForm = form({
  type: choice(RISK_TYPES, 'Select the type of abuse or neglect'),
  location: choice(RISK_LOCATIONS, 'Select where the risk is'),
  source: choice(RISK_SOURCES, 'Select who the risk comes from'),
  description: note('About this risk'),
});

export const askForm = (agencies: readonly Code[]) =>
  form({
    agencyIds: checkboxes(agencies, { required: 'Select at least one agency to ask', invalid: 'Select agencies from the list' }),
    question: long('What you need to know', 'Enter what you need the agencies to tell you'),
  });

export const answerForm = form({ answer: long('Your agency’s contribution', 'Enter your agency’s contribution') });

export const ACTION_ROWS = 3;

export const meetingForm = (agencies: readonly Code[]) => {
  const actionFields: Record<string, ReturnType<typeof note> | ReturnType<typeof optionalUuid> | ReturnType<typeof dateInput>> = {};
  for (let i = 1; i <= ACTION_ROWS; i += 1) {
    actionFields[`action${i}`] = optionalText({ label: `Action ${i}`, max: 2_000, multiline: true });
    actionFields[`action${i}Owner`] = optionalChoice(agencies, `Select the agency that owns action ${i}`);
    actionFields[`action${i}Due`] = dateInput({ label: `Action ${i} due date` });
  }
  return withRules(
    form({
      kind: choice(MEETING_KINDS, 'Select the kind of meeting'),
      heldAt: requiredDateTimeInput({ label: 'When the meeting was held', required: 'Enter when the meeting was held', past: true }),
      personAttendance: choice(ATTENDANCE, 'Select whether the adult attended'),
      advocateName: optionalText({ label: 'Advocate’s name', max: 200 }),
      advocateAttendance: optionalChoice(ATTENDANCE, 'Select whether the advocate attended'),
      familyName: optionalText({ label: 'Family member’s or friend’s name', max: 200 }),
      familyAttendance: optionalChoice(ATTENDANCE, 'Select whether the family member or friend attended'),
      agenciesAttended: checkboxes(agencies, { invalid: 'Select agencies from the list' }),
      agenciesApologies: checkboxes(agencies, { invalid: 'Select agencies from the list' }),
      personsVoice: long('The adult’s voice', 'Enter what the adult said, or what was said for them'),
      decisions: long('Decisions', 'Enter the decisions made'),
      minutes: note('Minutes'),
      ...actionFields,
    }),
    (v, ctx) => {
      const values = v as Record<string, unknown>;
      if (v.advocateName && !v.advocateAttendance) ctx.addIssue({ code: 'custom', path: ['advocateAttendance'], message: 'Select whether the advocate attended' });
      if (v.familyName && !v.familyAttendance) ctx.addIssue({ code: 'custom', path: ['familyAttendance'], message: 'Select whether the family member or friend attended' });
      const both = (v.agenciesAttended ?? []).filter((a) => (v.agenciesApologies ?? []).includes(a));
      if (both.length) ctx.addIssue({ code: 'custom', path: ['agenciesApologies'], message: 'An agency cannot both attend and send apologies' });
      for (let i = 1; i <= ACTION_ROWS; i += 1) {
        if (!values[`action${i}`]) continue;
        if (!values[`action${i}Owner`]) ctx.addIssue({ code: 'custom', path: [`action${i}Owner`], message: `Select the agency that owns action ${i}` });
        if (!values[`action${i}Due`]) ctx.addIssue({ code: 'custom', path: [`action${i}Due`], message: `Enter the date action ${i} is due` });
      }
    },
  );
};

export const outcomeForm = (riskCount: number) => {
  const fields: Record<string, ReturnType<typeof choice> | ReturnType<typeof yesNo> | ReturnType<typeof note>> = {};
  for (let i = 1; i <= riskCount; i += 1) {
    fields[`result${i}`] = choice(RISK_RESULTS, `Select where risk ${i} stands`);
    fields[`action${i}`] = yesNo(`Select whether action was taken about risk ${i}`);
    fields[`actionNote${i}`] = note(`Action taken about risk ${i}`);
  }
  return form({
    ...fields,
    outcomesAchieved: optionalChoice(OUTCOMES_ACHIEVED, 'Select how far the adult’s outcomes were achieved'),
    sanctions: checkboxes(SANCTIONS, { invalid: 'Select referrals and sanctions from the list' }),
    conclusion: long('Conclusion', 'Enter the conclusion of the enquiry'),
  });
};

export const exitForm = form({
  reason: choice(EXIT_REASONS, 'Select why the enquiry is ending'),
  note: long('About ending the enquiry', 'Enter more about why the enquiry is ending'),
});
