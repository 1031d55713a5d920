/** The screener's choice for a person a referrer named: someone already known, or a new person. */
import { z } from 'zod';
import { field, form } from '../../platform/forms.js';
import { isUuid } from '../../platform/params.js';

export const matchNamedForm = form({
  personId: field((v, ctx): string => {
    if (v === 'new') return 'new';
    if (typeof v !== 'string' || !isUuid(v)) {
      ctx.addIssue({ code: 'custom', message: 'Select the person this is, or that they are not yet known' });
      return z.NEVER;
    }
    return v.toLowerCase();
  }),
});
