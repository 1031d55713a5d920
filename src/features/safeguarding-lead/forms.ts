/** The forms for the lead: proposing a transfer, answering one, withdrawing one. */
import { z } from 'zod';
import { list } from '../../domain/codes.js';
import { choice, field, form, noFields, optionalText, requiredText, withRules } from '../../platform/forms.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TO = new RegExp(`^(${UUID})(?::(${UUID}))?$`, 'i');

/** Who should lead, as the form's one choice sends it: an agency's id, or "agency id:team id". */
export function leadChoiceValue(agencyId: string, teamId: string | null): string {
  return teamId ? `${agencyId}:${teamId}` : agencyId;
}

const leadChoice = (message: string) =>
  field((v, ctx): { agencyId: string; teamId: string | null } => {
    const m = typeof v === 'string' ? TO.exec(v.trim()) : null;
    if (!m) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return { agencyId: m[1]!.toLowerCase(), teamId: m[2]?.toLowerCase() ?? null };
  });

export const proposeForm = form({
  to: leadChoice('Select the agency or team that should take the lead'),
  reason: requiredText({ label: 'Why the lead should move', required: 'Enter why the lead should move', max: 5_000, multiline: true }),
});

export const DECISIONS = list({ accept: 'Accept: we will lead from now', decline: 'Decline: the lead stays where it is' });

export const responseForm = withRules(
  form({
    decision: choice(DECISIONS, 'Select whether you accept or decline the transfer'),
    note: optionalText({ label: 'Note', max: 5_000, multiline: true }),
  }),
  (v, ctx) => {
    if (v.decision === 'decline' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Enter why you are declining the transfer' });
  },
);

export const withdrawalForm = noFields;
