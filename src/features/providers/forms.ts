/** The forms of organisational safeguarding: a provider, a contract concern and its closing, a provider enquiry, its links and its conclusion. */
import { z } from 'zod';
import { CONTRACT_CONCERN_CATEGORIES, IMPACT, LIKELIHOOD, SERVICE_TYPES, cqcLocationIdProblem } from '../../domain/providers.js';
import { choice, field, form, optionalPostcode, optionalText, requiredDateInput, requiredText, uuid } from '../../platform/forms.js';
import { isUuid } from '../../platform/params.js';

export const providerForm = form({
  name: requiredText({ label: 'Provider name', required: 'Enter the provider’s name', max: 200 }),
  cqcLocationId: optionalText({ label: 'CQC location ID', max: 20 }).transform((v, ctx) => {
    if (v === null) return null;
    const problem = cqcLocationIdProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return v.trim();
  }),
  serviceType: choice(SERVICE_TYPES, 'Select the type of service'),
  address: optionalText({ label: 'Address', max: 300 }),
  postcode: optionalPostcode(),
});

/** The raised date: a real date, today or before, this century. `now` is the app's clock. */
export function contractConcernForm(now: () => Date) {
  return form({
    category: choice(CONTRACT_CONCERN_CATEGORIES, 'Select what the concern is about'),
    description: requiredText({ label: 'Description', required: 'Describe the concern', max: 5_000, multiline: true }),
    likelihood: choice(LIKELIHOOD, 'Select how likely it is to happen again, from 1 to 5'),
    impact: choice(IMPACT, 'Select the impact on the people who use the service, from 1 to 5'),
    raisedOn: requiredDateInput({ label: 'Date raised', required: 'Enter the date the concern was raised', past: true, minYear: 2000, now }),
  });
}

export const closeConcernForm = form({
  concernId: uuid('Select the contract concern to close from the provider’s page'),
  closingNote: requiredText({ label: 'Closing note', required: 'Enter what was done and why the concern can close', max: 5_000, multiline: true }),
});

export const enquiryForm = form({
  reason: requiredText({ label: 'Reason', required: 'Enter why a provider enquiry is needed', max: 5_000, multiline: true }),
});

export const linkForm = form({
  concernIds: field((v, ctx): string[] => {
    const values = v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x !== 'string' || !isUuid(x))) {
      ctx.addIssue({ code: 'custom', message: 'Select concerns about this provider from the list' });
      return z.NEVER;
    }
    if (values.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Select the safeguarding concerns to link to the enquiry' });
      return z.NEVER;
    }
    return [...new Set((values as string[]).map((x) => x.toLowerCase()))];
  }),
});

export const closeEnquiryForm = form({
  conclusion: requiredText({ label: 'Conclusion', required: 'Enter the conclusion of the enquiry', max: 10_000, multiline: true }),
});
