/**
 * Forms for the household's gradings, a DASH checklist, starting the daily triage meeting, its decision for a
 * household, and data-sharing agreements. Forms with a field per person or per question are built for the page
 * that shows them, and stay strict: nothing the page did not ask for is read.
 */
import { z } from 'zod';
import { type Code } from '../../domain/codes.js';
import { type DashChecklist, DASH_ANSWERS } from '../../domain/dash.js';
import { DA_ROLES, INCIDENT_TYPES, MADA_DECISIONS } from '../../domain/domestic-abuse.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { checkboxes, choice, dateInput, form, optionalChoice, optionalText, requiredDateInput, requiredDateTimeInput, requiredText, uuid, withRules } from '../../platform/forms.js';

const ANSWER_CODES: readonly Code[] = DASH_ANSWERS.map((a) => ({ code: a.code, label: a.label }));

/** One risk level and (for a child) a reason per person; the service says which are missing, by name. */
export function gradingForm(personIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of personIds) {
    shape[`grading-${id}`] = optionalChoice(RISK_LEVELS, 'Choose high, medium or standard risk');
    shape[`reason-${id}`] = optionalText({ label: 'The reason', max: 2_000, multiline: true });
  }
  return form(shape);
}

export function dashForm(list: DashChecklist) {
  const shape: Record<string, z.ZodType> = {
    version: choice([{ code: list.id, label: list.title }], 'Choose a DASH checklist'),
    daPersonId: uuid('Choose who the checklist was completed with'),
    judgement: optionalChoice(RISK_LEVELS, 'Choose high, medium or standard risk, or leave professional judgement blank'),
    judgementReason: optionalText({ label: 'The reason for your professional judgement', max: 2_000, multiline: true }),
  };
  for (const q of list.questions) {
    // every answer is checked by the service, so a missing one is named with its question
    shape[`answer-${q.id}`] = optionalChoice(ANSWER_CODES, `Answer question ${q.id.slice(1)} with yes, no or not known`);
    shape[`words-${q.id}`] = optionalText({ label: `The victim’s words for question ${q.id.slice(1)}`, max: 2_000, multiline: true });
  }
  return form(shape);
}

export function startMeetingForm(agencies: readonly Code[], partners: readonly Code[]) {
  return form({
    agencyIds: checkboxes(agencies, { required: 'Choose the agencies present', invalid: 'Choose agencies from the list' }),
    partnerTenantIds: checkboxes(partners, { invalid: 'Only areas with a data-sharing agreement in force both ways can join' }),
  });
}

export const ACTION_ROWS = 3;

/** `today` is the meeting's date (London): an action cannot be due before it. */
export function decisionForm(agencies: readonly Code[], today: string, now: () => Date) {
  const shape: Record<string, z.ZodType> = {
    decisions: checkboxes(MADA_DECISIONS, { required: 'Choose at least one decision for the household', invalid: 'Choose decisions from the list' }),
    reason: requiredText({ label: 'The reason', required: 'Give the reason for the decision', max: 5_000, multiline: true }),
  };
  for (let i = 0; i < ACTION_ROWS; i += 1) {
    shape[`action-description-${i}`] = optionalText({ label: `Action ${i + 1}`, max: 1_000, multiline: true });
    shape[`action-owner-${i}`] = optionalChoice(agencies, `Choose the agency that owns action ${i + 1}`);
    shape[`action-due-${i}`] = dateInput({ label: `The due date of action ${i + 1}`, now });
  }
  return withRules(form(shape), (v, ctx) => {
    const value = v as Record<string, unknown>;
    for (let i = 0; i < ACTION_ROWS; i += 1) {
      const has = value[`action-description-${i}`] !== null;
      if (has && value[`action-owner-${i}`] === null) ctx.addIssue({ code: 'custom', path: [`action-owner-${i}`], message: `Choose the agency that owns action ${i + 1}` });
      if (has && value[`action-due-${i}`] === null) ctx.addIssue({ code: 'custom', path: [`action-due-${i}`], message: `Enter the due date of action ${i + 1}` });
      const due = value[`action-due-${i}`];
      if (has && typeof due === 'string' && due < today) ctx.addIssue({ code: 'custom', path: [`action-due-${i}`], message: `The due date of action ${i + 1} must be today or later` });
      if (!has && (value[`action-owner-${i}`] !== null || value[`action-due-${i}`] !== null)) ctx.addIssue({ code: 'custom', path: [`action-description-${i}`], message: `Describe action ${i + 1}, or clear its agency and due date` });
    }
  });
}

export function agreementForm(areas: readonly Code[], now: () => Date) {
  return withRules(
    form({
      partnerTenantId: choice(areas, 'Choose the neighbouring area'),
      reference: requiredText({ label: 'The agreement’s reference', required: 'Enter the agreement’s reference', max: 200 }),
      startsOn: requiredDateInput({ label: 'The start date', required: 'Enter the date the agreement starts', now }),
      endsOn: dateInput({ label: 'The end date', now }),
    }),
    (v, ctx) => {
      if (v.endsOn && v.startsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be on or after the start date' });
    },
  );
}


/** A contact recorded as a DA incident: the incident, and each person's role and the police grading. */
export function recordForm(refs: readonly string[], now: () => Date) {
  const shape: Record<string, z.ZodType> = {
    incidentType: choice(INCIDENT_TYPES, 'Choose the type of incident'),
    occurredAt: requiredDateTimeInput({ label: 'The date and time of the incident', required: 'Enter the date and time of the incident', past: true, minYear: 2000, now }),
    policeReference: optionalText({ label: 'The police reference', max: 40 }),
    policeRisk: optionalChoice(RISK_LEVELS, 'Choose high, medium or standard risk, or leave the police grading blank'),
  };
  for (const ref of refs) {
    // the service names the person when a role is missing
    shape[`role-${ref}`] = optionalChoice(DA_ROLES, 'Choose a role from the list');
    shape[`risk-${ref}`] = optionalChoice(RISK_LEVELS, 'Choose high, medium or standard risk');
  }
  return form(shape);
}

export const actionDoneForm = form({
  note: requiredText({ label: 'What was done', required: 'Say what was done', max: 2_000, multiline: true }),
});
