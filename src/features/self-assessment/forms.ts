/**
 * The self-assessment's forms: opening a round, an organisation's answers (a RAG and evidence per standard, saved as
 * they go), and the business unit's challenge meeting. Each checks its own fields; the rules (a RAG needs evidence,
 * what stops a submit, due dates) are the domain's (domain/self-assessment.ts), applied by the service.
 */
import { type z } from 'zod';
import { type Code, list } from '../../domain/codes.js';
import { MAX_EVIDENCE, RAG_CODES } from '../../domain/self-assessment.js';
import { checkboxes, choice, form, optionalChoice, optionalText, requiredDateInput, requiredText, withRules } from '../../platform/forms.js';

export const WHO = list({ all: 'Every organisation of the types the framework is for', chosen: 'Only the organisations I choose' });

export function roundForm(frameworks: readonly Code[], agencies: readonly Code[]) {
  return withRules(
    form({
      frameworkId: choice(frameworks, 'Select the framework'),
      title: requiredText({ label: 'Name of the round', required: 'Enter a name for the round, for example “Section 175 2026 to 2027”', max: 200 }),
      dueOn: requiredDateInput({ label: 'Due date', required: 'Enter the date returns are due', minYear: 2000 }),
      who: choice(WHO, 'Select which organisations the round is for'),
      agencyIds: checkboxes(agencies, { invalid: 'Select organisations from the list' }),
    }),
    (v, ctx) => {
      if (v.who === 'chosen' && Array.isArray(v.agencyIds) && v.agencyIds.length === 0) ctx.addIssue({ code: 'custom', path: ['agencyIds'], message: 'Select the organisations the round is for' });
    },
  );
}

/** A return's answers: `rag<n>` and `evidence<n>` for the standard at position n (either may be left blank). */
export function answersForm(standards: readonly { code: string; position: number }[]) {
  const fields: Record<string, z.ZodType> = {};
  for (const s of standards) {
    fields[`rag${s.position}`] = optionalChoice(RAG_CODES, `Select whether standard ${s.code} is met, partly met or not met`);
    fields[`evidence${s.position}`] = optionalText({ label: `Evidence for standard ${s.code}`, max: MAX_EVIDENCE, multiline: true });
  }
  return form(fields);
}

export const challengeForm = form({
  challengeOn: requiredDateInput({ label: 'Date of the challenge meeting', required: 'Enter the date of the challenge meeting', past: true, minYear: 2000 }),
  notes: requiredText({ label: 'What the meeting found and agreed', required: 'Enter what the challenge meeting found and agreed', max: 20_000, multiline: true }),
});
