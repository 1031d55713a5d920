/** The forms for asking partner agencies for information and for answering. */
import { z } from 'zod';
import { KNOWN_TO_AGENCY, RAG_RATINGS, RISK_INDICATORS } from '../../domain/intake.js';
import { checkboxes, choice, field, form, requiredText, withRules } from '../../platform/forms.js';
import { isUuid } from '../../platform/params.js';

export const askForm = form({
  agencyIds: field((v, ctx): string[] => {
    // The agencies' checkboxes and the schools' list send the same field; the list's "no school" is empty.
    const values = (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');
    if (values.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Select at least one agency to ask' });
      return z.NEVER;
    }
    if (values.some((x) => typeof x !== 'string' || !isUuid(x))) {
      ctx.addIssue({ code: 'custom', message: 'Select agencies from the list' });
      return z.NEVER;
    }
    return [...new Set((values as string[]).map((x) => x.toLowerCase()))];
  }),
  rag: choice(RAG_RATINGS, 'Select how urgent the request is'),
  questions: requiredText({ label: 'Questions', required: 'Enter the questions you want answered', max: 5_000, multiline: true }),
});

export const answerForm = withRules(
  form({
    knownToAgency: choice(KNOWN_TO_AGENCY, 'Select whether the people are known to your agency'),
    riskIndicators: checkboxes(RISK_INDICATORS, { invalid: 'Select risk indicators from the list' }),
    answer: requiredText({ label: 'Your answer', required: 'Enter your answer to the questions', max: 10_000, multiline: true }),
  }),
  (v, ctx) => {
    if (Array.isArray(v.riskIndicators) && v.riskIndicators.includes('none') && v.riskIndicators.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['riskIndicators'], message: 'Select “None known” on its own, or only the risks that apply' });
    }
  },
);
