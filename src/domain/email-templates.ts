/**
 * Email templates as data, with GOV.UK Notify-style `((placeholder))` personalisation. Emails leave the secure
 * system, so a template carries a reference and a link back into Threshold, never a name, an address, a date of
 * birth or narrative: whoever follows the link signs in to see the rest.
 *
 * With GOV.UK Notify the same subject and body are set up as templates in Notify (their ids are configured in
 * NOTIFY_TEMPLATE_IDS) and only the personalisation is sent; with SMTP the text below is the email.
 */

export interface EmailTemplate {
  /** Who it goes to and why: for the documentation and for whoever sets the template up in Notify. */
  readonly purpose: string;
  readonly subject: string;
  readonly body: string;
}

const NO_REPLY = 'This email was sent automatically by Threshold. Do not reply to it.';

export const TEMPLATES = {
  'info_request.new': {
    purpose: 'To an agency: the hub has asked it for information about a contact.',
    subject: 'New information request: ((contact_reference))',
    body: [
      'Your agency has a new information request from the multi-agency safeguarding hub.',
      '',
      'Contact reference: ((contact_reference))',
      'Respond by: ((deadline))',
      '',
      'Sign in to Threshold to read the request and respond:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'info_request.reminder': {
    purpose: 'To an agency: an information request it has not answered is nearly due.',
    subject: 'Reminder: information request ((contact_reference)) is due soon',
    body: [
      'An information request for your agency has not been answered yet and is due soon.',
      '',
      'Contact reference: ((contact_reference))',
      'Respond by: ((deadline))',
      '',
      'Sign in to Threshold to respond:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'info_request.escalation': {
    purpose: "To the agency's manager: an information request has passed its deadline without an answer.",
    subject: 'Overdue: information request ((contact_reference))',
    body: [
      'An information request for your agency has passed its deadline without an answer.',
      '',
      'Contact reference: ((contact_reference))',
      'It was due by: ((deadline))',
      '',
      'Sign in to Threshold to see the request and who it is with:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'contact.decision_needs_authorisation': {
    purpose: 'To managers who authorise decisions: a screening decision is waiting for authorisation.',
    subject: 'Decision to authorise: ((contact_reference))',
    body: [
      'A screening decision is waiting for a manager to authorise it.',
      '',
      'Contact reference: ((contact_reference))',
      '',
      'Sign in to Threshold to review it:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'encompass.notice': {
    purpose: 'To a school or setting’s key adults: an Operation Encompass notification about a child is waiting.',
    subject: 'Operation Encompass notification',
    body: [
      'An Operation Encompass notification about a child at your school or setting is waiting for you in Threshold.',
      '',
      'Read it before the school day starts: ((deadline))',
      '',
      'Sign in to Threshold to read it:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'training.impact': {
    purpose: 'To someone who attended multi-agency safeguarding training: the 3-month questionnaire on its impact on their practice (a one-use link, no sign-in).',
    subject: 'How has your safeguarding training changed your practice?',
    body: [
      'About three months ago you attended multi-agency safeguarding training run by the safeguarding partnership.',
      '',
      'Tell us whether you have used what you learned, with an example. It takes about 3 minutes.',
      '',
      'Answer by: ((deadline))',
      '((link))',
      '',
      'The link works once. Do not forward this email.',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'partnership_action.reminder': {
    purpose: 'To an action’s owner (or, with none named, its agency’s staff who update actions): a partnership action is due soon.',
    subject: 'Reminder: partnership action ((action_reference)) is due soon',
    body: [
      'A safeguarding partnership action your agency owns is due soon and is still open.',
      '',
      'Action reference: ((action_reference))',
      'Due by: ((deadline))',
      '',
      'Sign in to Threshold to update it with progress or evidence:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'partnership_action.escalation': {
    purpose: 'To the partnership’s business unit and the owning agency’s partner managers: a partnership action is overdue.',
    subject: 'Overdue: partnership action ((action_reference))',
    body: [
      'A safeguarding partnership action has passed its due date and is still open.',
      '',
      'Action reference: ((action_reference))',
      'It was due by: ((deadline))',
      '',
      'Sign in to Threshold to see the action and who owns it:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'public_content.entries_out_of_date': {
    purpose: 'To the partnership’s business unit: entries in the public site’s “Find help” directory have not been checked for six months (one email an area, listing them).',
    subject: '((count)) Find help entries need checking',
    body: [
      'These entries in the public “Find help” directory have not been checked for six months. The public still sees them, marked with the date they were last checked.',
      '',
      '((entries))',
      '',
      'Check each service’s details with the service, then sign in to Threshold and select “Mark as checked today”:',
      '((link))',
      '',
      NO_REPLY,
    ].join('\n'),
  },
  'public_report.received': {
    purpose: 'To a member of the public who reported a concern on the public website, chose to be emailed and said it is safe: the report’s reference only, nothing of what they reported.',
    subject: 'We have received your report: ((contact_reference))',
    body: [
      'Thank you. We have received your report.',
      '',
      'Your reference is ((contact_reference))',
      '',
      'What happens next:',
      '((link))',
      '',
      'If someone is in immediate danger, call 999.',
      '',
      NO_REPLY,
    ].join('\n'),
  },
} as const satisfies Record<string, EmailTemplate>;

export type TemplateName = keyof typeof TEMPLATES;

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/** Raised when a template is rendered without a value for one of its placeholders (a programming error). */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

const PLACEHOLDER = /\(\(([a-z][a-z0-9_]*)\)\)/g;

/** The placeholders a template uses, in order of first appearance, each once. */
export function placeholdersOf(template: TemplateName): string[] {
  const t = TEMPLATES[template];
  const names = new Set<string>();
  for (const text of [t.subject, t.body]) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names];
}

/**
 * The subject and body with every placeholder filled in. Throws a TemplateError (naming the template and the
 * placeholder, never a value) when a placeholder has no value, or a value is empty or spans lines in a subject.
 * Extra personalisation is ignored, as Notify does.
 */
export function render(template: TemplateName, personalisation: Readonly<Record<string, string>>): { subject: string; body: string } {
  if (!isTemplateName(template)) throw new TemplateError(`There is no email template called "${String(template)}"`);
  const t = TEMPLATES[template];
  const fill = (text: string, where: 'subject' | 'body') =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const value = Object.hasOwn(personalisation, name) ? personalisation[name] : undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        throw new TemplateError(`Email template "${template}" needs a value for ((${name}))`);
      }
      if (where === 'subject' && /[\r\n]/.test(value)) {
        throw new TemplateError(`Email template "${template}": ((${name})) is in the subject and must be on one line`);
      }
      return value;
    });
  return { subject: fill(t.subject, 'subject'), body: fill(t.body, 'body') };
}
