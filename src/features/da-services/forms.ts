/** The forms for domestic abuse service cases: a referral, allocation, a risk change, a handover, the safety plan, closure. */
import { DA_SERVICES, referralProblems } from '../../domain/da-services.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { choice, form, personName, requiredText, uuid, withRules } from '../../platform/forms.js';

export const referralForm = withRules(
  form({
    clientName: personName({ label: 'Client’s full name', required: 'Enter the client’s full name' }),
    service: choice(DA_SERVICES, 'Select the service you are referring the client to'),
    risk: choice(RISK_LEVELS, 'Select the client’s risk level'),
  }),
  (v, ctx) => {
    if (typeof v.service !== 'string' || typeof v.risk !== 'string') return;
    for (const [path, message] of Object.entries(referralProblems({ service: v.service, risk: v.risk }))) ctx.addIssue({ code: 'custom', path: [path], message });
  },
);

export const allocateForm = form({
  workerId: uuid('Select who will be the client’s keyworker'),
});

export const riskForm = form({
  risk: choice(RISK_LEVELS, 'Select the new risk level'),
  reason: requiredText({ label: 'Why the risk level has changed', required: 'Enter why the risk level has changed', max: 5_000, multiline: true }),
});

export const handoverForm = form({
  workerId: uuid('Select who to hand the case over to'),
  reason: requiredText({ label: 'Why the case is being handed over', required: 'Enter why the case is being handed over', max: 5_000, multiline: true }),
});

export const safetyPlanForm = form({
  safetyPlan: requiredText({ label: 'Safety plan', required: 'Enter the safety plan', max: 20_000, multiline: true }),
});

export const closeForm = form({
  riskAtClosure: choice(RISK_LEVELS, 'Select the risk level at closure'),
  reason: requiredText({ label: 'Why the case is being closed', required: 'Enter why the case is being closed', max: 5_000, multiline: true }),
});
