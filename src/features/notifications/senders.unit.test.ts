/**
 * Email templates (every one renders, a missing placeholder fails loudly, no personal details in the text) and the
 * choice of sender from the environment, with its refusals. Synthetic values only.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config.js';
import { EmailDeliveryError, type OutgoingEmail, safeDeliveryError } from '../../platform/outbox.js';
import { NotifySender, RecordingSender, SmtpSender, type NotifyApi, emailSenderFromEnv, messageIdFor, parseNotifyTemplateIds } from './senders.js';
import { TEMPLATES, TEMPLATE_NAMES, TemplateError, placeholdersOf, render } from '../../domain/email-templates.js';

const SAMPLE: Record<string, string> = {
  contact_reference: 'FM-2026-000123',
  action_reference: 'PA-00042',
  deadline: '5pm on 27 November 2026',
  link: 'https://threshold.fernmoor.example/info-requests/00000000-0000-4000-8000-000000000001',
};

const TEMPLATE_IDS = Object.fromEntries(TEMPLATE_NAMES.map((n, i) => [n, `00000000-0000-4000-8000-00000000000${i}`]));
const NOTIFY_KEY = 'threshold_test-11111111-1111-4111-8111-111111111111-22222222-2222-4222-8222-222222222222';

describe('email templates', () => {
  it('has the templates the front door needs', () => {
    expect(TEMPLATE_NAMES).toEqual(
      expect.arrayContaining(['info_request.new', 'info_request.reminder', 'info_request.escalation', 'contact.decision_needs_authorisation']),
    );
  });

  it.each(TEMPLATE_NAMES)('%s renders with its placeholders, leaving none unfilled', (name) => {
    const placeholders = placeholdersOf(name);
    expect(placeholders.length).toBeGreaterThan(0);
    // Operation Encompass emails go to schools, which never open the MASH's contact: they name no contact; nor does
    // training's impact questionnaire, which goes to an attendee.
    const aboutContact = !name.startsWith('encompass.') && !name.startsWith('training.') && !name.startsWith('partnership_action.') && !name.startsWith('public_content.');
    if (aboutContact) expect(placeholders).toContain('contact_reference');
    expect(placeholders).toContain('link');
    const values = Object.fromEntries(placeholders.map((p) => [p, SAMPLE[p] ?? `value-of-${p}`]));
    const { subject, body } = render(name, values);
    expect(subject + body).not.toMatch(/\(\(|\)\)/);
    if (aboutContact) expect(subject).toContain('FM-2026-000123');
    expect(body).toContain(SAMPLE.link);
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it.each(TEMPLATE_NAMES)('%s says nothing about a person: only placeholders for a reference, a deadline and a link', (name) => {
    // The directory reminder lists services (organisations in the public "Find help" directory), never a person.
    const allowed = ['contact_reference', 'action_reference', 'deadline', 'link', ...(name === 'public_content.entries_out_of_date' ? ['count', 'entries'] : [])];
    expect(placeholdersOf(name).every((p) => allowed.includes(p))).toBe(true);
    const t = TEMPLATES[name];
    expect(t.body.length).toBeLessThan(600);
  });

  it('throws on a missing or empty placeholder, naming it but no value', () => {
    expect(() => render('info_request.new', { contact_reference: 'FM-1', link: SAMPLE.link! })).toThrow(TemplateError);
    expect(() => render('info_request.new', { contact_reference: 'FM-1', link: SAMPLE.link! })).toThrow(/info_request\.new.*\(\(deadline\)\)/);
    expect(() => render('info_request.new', { ...SAMPLE, deadline: '  ' })).toThrow(/\(\(deadline\)\)/);
    expect(() => render('contact.decision_needs_authorisation', { contact_reference: 'FM-1\nBcc: x', link: SAMPLE.link! })).toThrow(/one line/);
    expect(() => render('no.such' as never, SAMPLE)).toThrow(/no email template/);
  });

  it('ignores extra personalisation, as Notify does', () => {
    expect(render('contact.decision_needs_authorisation', { ...SAMPLE }).subject).toBe('Decision to authorise: FM-2026-000123');
  });
});

describe('choosing the email sender from the environment', () => {
  it('keeps emails in memory by default outside production, and when told none', () => {
    expect(emailSenderFromEnv({})).toBeInstanceOf(RecordingSender);
    expect(emailSenderFromEnv({ NODE_ENV: 'test' })).toBeInstanceOf(RecordingSender);
    expect(emailSenderFromEnv({ EMAIL_DELIVERY: 'none', NODE_ENV: 'production' })).toBeInstanceOf(RecordingSender);
  });

  it('refuses to guess in production', () => {
    expect(() => emailSenderFromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => emailSenderFromEnv({ NODE_ENV: 'production' })).toThrow(/EMAIL_DELIVERY must be set/);
  });

  it('refuses an unknown choice', () => {
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'carrier-pigeon' })).toThrow(/notify, smtp or none/);
  });

  it('builds GOV.UK Notify from a key and a template id for every template', () => {
    const sender = emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS) });
    expect(sender).toBeInstanceOf(NotifySender);
    expect(sender.findSent).toBeTypeOf('function');
  });

  it('refuses Notify without a key, with a malformed key (without quoting it), or without every template id', () => {
    const ids = JSON.stringify(TEMPLATE_IDS);
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_TEMPLATE_IDS: ids })).toThrow(/NOTIFY_API_KEY must be set/);
    let message = '';
    try {
      emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_API_KEY: 'not-a-real-key-sekrit', NOTIFY_TEMPLATE_IDS: ids });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/NOTIFY_API_KEY is not a GOV.UK Notify API key/);
    expect(message).not.toContain('sekrit');
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_API_KEY: NOTIFY_KEY })).toThrow(/NOTIFY_TEMPLATE_IDS must be set/);
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_IDS: '{not json' })).toThrow(/must be a JSON object/);
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'notify', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_IDS: '["a"]' })).toThrow(/must be a JSON object/);
  });

  it('names what is wrong with NOTIFY_TEMPLATE_IDS', () => {
    const { ['info_request.reminder']: _omitted, ...partial } = TEMPLATE_IDS;
    expect(() => parseNotifyTemplateIds(JSON.stringify(partial))).toThrow(/no id for info_request\.reminder/);
    expect(() => parseNotifyTemplateIds(JSON.stringify({ ...TEMPLATE_IDS, 'info_request.typo': TEMPLATE_IDS['info_request.new'] }))).toThrow(/no template called "info_request\.typo"/);
    expect(() => parseNotifyTemplateIds(JSON.stringify({ ...TEMPLATE_IDS, 'info_request.new': 'abc' }))).toThrow(/not a Notify template id \(a UUID\) for info_request\.new/);
    expect(parseNotifyTemplateIds(JSON.stringify(TEMPLATE_IDS))).toEqual(TEMPLATE_IDS);
  });

  it('builds SMTP from a URL and a From address', () => {
    expect(emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', SMTP_URL: 'smtp://relay.fernmoor.example:25', EMAIL_FROM: 'Threshold <threshold@fernmoor.example>' })).toBeInstanceOf(SmtpSender);
    expect(emailSenderFromEnv({ EMAIL_DELIVERY: 'SMTP', SMTP_URL: 'smtps://u:p@relay.fernmoor.example:465', EMAIL_FROM: 'threshold@fernmoor.example' }).findSent).toBeUndefined();
  });

  it('refuses SMTP without a URL, with a URL that is not SMTP (without quoting it), or without a usable From address', () => {
    const from = 'threshold@fernmoor.example';
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', EMAIL_FROM: from })).toThrow(/SMTP_URL must be set/);
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', SMTP_URL: 'relay with spaces', EMAIL_FROM: from })).toThrow(/SMTP_URL must be a URL/);
    let message = '';
    try {
      emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', SMTP_URL: 'https://user:sekrit@relay.fernmoor.example', EMAIL_FROM: from });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/must start with smtp:\/\/ or smtps:\/\//);
    expect(message).not.toContain('sekrit');
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', SMTP_URL: 'smtp://relay.fernmoor.example' })).toThrow(/EMAIL_FROM must be set/);
    expect(() => emailSenderFromEnv({ EMAIL_DELIVERY: 'smtp', SMTP_URL: 'smtp://relay.fernmoor.example', EMAIL_FROM: 'threshold' })).toThrow(/EMAIL_FROM must be an email address/);
  });
});

function outgoing(reference = 'ref-0001'): OutgoingEmail {
  return { template: 'info_request.new', recipient: 'duty.team@agency.fernmoor.example', personalisation: SAMPLE, reference, ...render('info_request.new', SAMPLE) };
}

describe('senders', () => {
  it('Notify: sends by template id with the reference, and finds a sent message by its reference', async () => {
    const calls: unknown[][] = [];
    const api: NotifyApi = {
      sendEmail: async (...args) => {
        calls.push(args);
        return { data: { id: 'notify-id-1' } };
      },
      getNotifications: async (_t, _s, reference) => ({ data: { notifications: reference === 'ref-0001' ? [{ id: 'notify-id-1', reference }] : [] } }),
    };
    const sender = new NotifySender(api, TEMPLATE_IDS as never);
    expect(await sender.send(outgoing())).toEqual({ providerId: 'notify-id-1' });
    expect(calls[0]).toEqual([TEMPLATE_IDS['info_request.new'], 'duty.team@agency.fernmoor.example', { personalisation: SAMPLE, reference: 'ref-0001' }]);
    expect(await sender.findSent('ref-0001')).toEqual({ providerId: 'notify-id-1' });
    expect(await sender.findSent('ref-0002')).toBeNull();
  });

  it("Notify: an error keeps Notify's status and error codes, never its message (which can quote the recipient)", async () => {
    const refusal = Object.assign(new Error('Request failed'), {
      response: { status: 400, data: { status_code: 400, errors: [{ error: 'ValidationError', message: 'duty.team@agency.fernmoor.example is not allowed' }] } },
    });
    const api: NotifyApi = { sendEmail: async () => Promise.reject(refusal), getNotifications: async () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })) };
    const sender = new NotifySender(api, TEMPLATE_IDS as never);
    const err = await sender.send(outgoing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailDeliveryError);
    expect((err as EmailDeliveryError).permanent).toBe(true);
    expect(safeDeliveryError(err)).toBe('GOV.UK Notify answered 400 to a send (ValidationError)');
    const lookup = await sender.findSent('ref-0001').catch((e: unknown) => e);
    expect(safeDeliveryError(lookup)).toBe('GOV.UK Notify could not be reached for a search by reference (ECONNRESET)');
    expect((lookup as EmailDeliveryError).permanent).toBe(false);
  });

  it('Notify: a provider that does not answer in time is a failure to retry', async () => {
    const api: NotifyApi = { sendEmail: () => new Promise(() => {}), getNotifications: () => new Promise(() => {}) };
    const err = await new NotifySender(api, TEMPLATE_IDS as never, 20).send(outgoing()).catch((e: unknown) => e);
    expect(safeDeliveryError(err)).toMatch(/GOV.UK Notify did not answer within/);
    expect((err as EmailDeliveryError).permanent).toBe(false);
  });

  it('SMTP: the Message-ID comes from the reference, the same on every attempt', async () => {
    const mails: { messageId: string; to: string; from: string; subject: string; text: string }[] = [];
    const sender = new SmtpSender({ sendMail: async (m) => (mails.push(m), { messageId: m.messageId }) }, 'Threshold <threshold@fernmoor.example>');
    await sender.send(outgoing('ref-0009'));
    await sender.send(outgoing('ref-0009'));
    expect(mails.map((m) => m.messageId)).toEqual(['<ref-0009@fernmoor.example>', '<ref-0009@fernmoor.example>']);
    expect(mails[0]).toMatchObject({ to: 'duty.team@agency.fernmoor.example', from: 'Threshold <threshold@fernmoor.example>', subject: 'New information request: FM-2026-000123' });
    expect(messageIdFor('abc', 'threshold@fernmoor.example')).toBe('<abc@fernmoor.example>');
  });

  it('SMTP: errors keep codes only; a 5xx refusal of the recipient is permanent', async () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <duty.team@agency.fernmoor.example> unknown"), { code: 'EENVELOPE', responseCode: 550 });
    const sender = new SmtpSender({ sendMail: async () => Promise.reject(refused) }, 'threshold@fernmoor.example');
    const err = await sender.send(outgoing()).catch((e: unknown) => e);
    expect(safeDeliveryError(err)).toBe('The SMTP server did not take the message (EENVELOPE 550)');
    expect((err as EmailDeliveryError).permanent).toBe(true);
    const down = new SmtpSender({ sendMail: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })) }, 'threshold@fernmoor.example');
    const err2 = await down.send(outgoing()).catch((e: unknown) => e);
    expect(safeDeliveryError(err2)).toBe('The SMTP server did not take the message (ESOCKET)');
    expect((err2 as EmailDeliveryError).permanent).toBe(false);
  });

  it('safeDeliveryError never passes on an address from an unexpected error', () => {
    const e = Object.assign(new Error('mailbox duty.team@agency.fernmoor.example is full'), { code: 'EFULL' });
    expect(safeDeliveryError(e)).toBe('Error EFULL');
    expect(safeDeliveryError(new EmailDeliveryError('refused duty.team@agency.fernmoor.example'))).toBe('refused [address]');
  });

  it('the recording sender keeps what it was given and can say what it sent', async () => {
    const sender = new RecordingSender(2);
    await sender.send(outgoing('r1'));
    await sender.send(outgoing('r2'));
    await sender.send(outgoing('r3'));
    expect(sender.sent.map((m) => m.reference)).toEqual(['r2', 'r3']);
    expect(await sender.findSent('r3')).toEqual({ providerId: sender.sent[1]!.providerId });
    expect(await sender.findSent('r1')).toBeNull();
  });
});
