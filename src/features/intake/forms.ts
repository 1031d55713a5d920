/** The screener's choice for a person a referrer named: someone already known, or a new person. */
import { z } from 'zod';
import { field, form } from '../../platform/forms.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const matchNamedForm = form({
  personId: field((v, ctx): string => {
    if (v === 'new') return 'new';
    if (typeof v !== 'string' || !UUID.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'Select the person this is, or that they are not yet known' });
      return z.NEVER;
    }
    return v.toLowerCase();
  }),
});
