/**
 * The early help forms: the family contacted, triage (who leads), the early help assessment completed, a member of
 * the team around the family, a step up to children's social care and the close. Each checks its own fields; the
 * rules against the episode and now are the domain's (domain/early-help.ts), applied by the service.
 */
import { CONCERNS, CONSENT } from '../../domain/codes.js';
import { EARLY_HELP_CLOSURE_REASONS } from '../../domain/children.js';
import { checkboxes, choice, form, optionalUuid, requiredDateTimeInput, requiredText, uuid, yesNo } from '../../platform/forms.js';

export const contactedForm = form({
  contactedAt: requiredDateTimeInput({ label: 'When the family was contacted', required: 'Enter the date and time the family was contacted', minYear: 2000 }),
  engaged: yesNo('Select yes if the family agreed to early help'),
});

export const triageForm = form({
  leadAgencyId: uuid('Select the agency that will lead the early help'),
  leadUserId: optionalUuid('Select a lead practitioner from the list'),
});

export const completeEhaForm = form({
  summary: requiredText({ label: 'Summary of the assessment', required: 'Enter a summary of the early help assessment: the family’s strengths, needs and the plan', max: 10_000, multiline: true }),
  familyViews: requiredText({ label: 'The family’s views', required: 'Enter the family’s views, in their own words', max: 5_000, multiline: true }),
});

export const teamForm = form({
  agencyId: uuid('Select the agency joining the team around the family'),
  role: requiredText({ label: 'Their part in the plan', required: 'Enter their part in the plan, for example “Health visitor: sleep and routines”', max: 200 }),
});

export const removeMemberForm = form({
  agencyId: uuid('Select the agency to remove from the team'),
});

export const stepUpForm = form({
  concerns: checkboxes(CONCERNS, { required: 'Select at least one concern', invalid: 'Select the concerns from the list' }),
  narrative: requiredText({ label: 'Why the family is stepped up', required: 'Enter what has changed and why the family needs children’s social care', max: 20_000, multiline: true }),
  childVoice: requiredText({ label: 'What the children have said', required: 'Enter what the children have said, in their words, or why they have not been asked', max: 5_000, multiline: true }),
  childDemeanour: requiredText({ label: 'How the children seem', required: 'Enter how the children seem', max: 5_000, multiline: true }),
  consent: choice(CONSENT.filter((c) => c.code !== 'overridden'), 'Select whether the family consented to the referral'),
});

export const closeForm = form({
  reason: choice(EARLY_HELP_CLOSURE_REASONS, 'Select why the early help episode is closing'),
});
