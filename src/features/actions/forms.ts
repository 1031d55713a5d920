/**
 * The action tracker's forms: a plan for a source not held in Threshold (an inspection, the peer review), a
 * recommendation, an action, an update (note, status, RAG, evidence; the file is checked apart, domain/actions.ts),
 * the impact check and closing a plan. Each checks its own fields; the rules against the plan and the action (a
 * short plan's limit, completing with evidence, allowed moves) are the domain's, applied by the service.
 */
import { type Code, list } from '../../domain/codes.js';
import { ACTION_STATUSES, BOARD_KINDS, MANUAL_SOURCE_KINDS, MAX_OPEN_LIMIT, RAGS } from '../../domain/actions.js';
import { checkboxes, choice, field, form, optionalChoice, personName, requiredDateInput, requiredText, withRules, yesNo } from '../../platform/forms.js';

const long = (label: string, required: string) => requiredText({ label, required, max: 10_000, multiline: true });

/** A whole number of open actions, or nothing (checked against "short" below). */
const maxOpenField = field((v, ctx): number | null => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  const n = typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_OPEN_LIMIT) {
    ctx.addIssue({ code: 'custom', message: `The number of open actions must be a whole number between 1 and ${MAX_OPEN_LIMIT}` });
    return null;
  }
  return n;
});

export const planForm = withRules(
  form({
    title: requiredText({ label: 'Title of the plan', required: 'Enter a title for the plan', max: 200 }),
    sourceKind: choice(MANUAL_SOURCE_KINDS, 'Select where the plan’s recommendations come from'),
    sourceTitle: requiredText({ label: 'The source', required: 'Enter the inspection or review the plan answers, for example “Joint targeted area inspection, March 2026”', max: 300 }),
    boardKind: choice(BOARD_KINDS, 'Select the board that owns the plan'),
    short: yesNo('Select yes if this is a short plan with a limit on open actions'),
    maxOpen: maxOpenField,
  }),
  (v, ctx) => {
    if (v.short === true && (v.maxOpen === null || v.maxOpen === undefined)) ctx.addIssue({ code: 'custom', path: ['maxOpen'], message: 'Enter how many open actions the short plan may have' });
  },
);

export const recommendationForm = form({
  text: long('The recommendation', 'Enter the recommendation'),
});

/** An action: the agencies and users are the area's, passed in so a choice outside them is refused by name. */
export function actionForm(agencies: readonly Code[], users: readonly Code[], recommendations: readonly Code[]) {
  return form({
    description: long('What the action is', 'Enter what the action is'),
    ownerAgencyId: choice(agencies, 'Select the agency that owns the action'),
    ownerName: personName({ label: 'Name of the person who owns it', required: 'Enter the name of the person who owns the action' }),
    ownerUserId: optionalChoice(users, 'Select a user from the list, or leave it blank'),
    dueOn: requiredDateInput({ label: 'Due date', required: 'Enter the date the action is due', minYear: 2000 }),
    recommendationId: optionalChoice(recommendations, 'Select a recommendation of this plan, or none'),
    rag: choice(RAGS, 'Select the action’s RAG rating'),
  });
}

export const updateForm = form({
  note: long('Progress or evidence', 'Enter the progress made or the evidence'),
  status: choice(ACTION_STATUSES, 'Select the action’s status'),
  rag: choice(RAGS, 'Select the action’s RAG rating'),
  isEvidence: checkboxes(list({ yes: 'This update is evidence' }), { invalid: 'Select whether this update is evidence' }),
});

export const impactForm = form({
  impact: long('What difference it made', 'Enter what difference the action made'),
});

export const closeForm = form({
  confirm: choice(list({ yes: 'Yes' }), 'Confirm that the plan can be closed'),
});
