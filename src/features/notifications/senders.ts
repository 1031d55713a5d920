/**
 * Where emails go: GOV.UK Notify, an SMTP server, or nowhere (kept in memory, for tests and for the demo). Chosen by
 * EMAIL_DELIVERY; see docs/notifications.md.
 *
 * Errors thrown by the senders are EmailDeliveryErrors whose text names the provider's status and error codes only:
 * providers' own messages can quote the recipient, so they are never stored or logged.
 */
import { randomUUID } from 'node:crypto';
import { NotifyClient } from 'notifications-node-client';
import { createTransport } from 'nodemailer';
import { ConfigError } from '../../config.js';
import { EmailDeliveryError, type EmailSender, type OutgoingEmail } from '../../platform/outbox.js';
import { TEMPLATE_NAMES, type TemplateName, isTemplateName } from '../../domain/email-templates.js';

/**
 * How long GOV.UK Notify may take to answer before the attempt counts as failed (it is retried, after asking Notify
 * whether it has the message). Well inside the outbox lease, so a slow answer is never mistaken for a crash.
 */
export const PROVIDER_TIMEOUT_MS = 10_000;
/** SMTP: connecting, TLS and the conversation take longer. */
export const SMTP_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EmailDeliveryError(`${what} did not answer within ${Math.round(ms / 1000)} seconds`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ——— GOV.UK Notify ———

/** The part of notifications-node-client's NotifyClient used here (a fake in tests). */
export interface NotifyApi {
  sendEmail(templateId: string, emailAddress: string, options: { personalisation: Record<string, string>; reference: string }): Promise<{ data: { id: string } }>;
  getNotifications(templateType?: string, status?: string, reference?: string, olderThanId?: string): Promise<{ data: { notifications: { id: string; reference?: string }[] } }>;
}

/** Notify's answer to a failed request: its HTTP status and error codes (its messages can quote the request). */
function notifyError(err: unknown, what: string): EmailDeliveryError {
  const response = (err as { response?: { status?: unknown; data?: { errors?: { error?: unknown }[] } } } | null)?.response;
  if (typeof response?.status === 'number') {
    const codes = (Array.isArray(response.data?.errors) ? response.data.errors : [])
      .map((e) => (typeof e?.error === 'string' && /^\w{1,60}$/.test(e.error) ? e.error : null))
      .filter((c): c is string => c !== null);
    // 400: Notify refused the message itself (template, personalisation, recipient): sending it again cannot work.
    return new EmailDeliveryError(`GOV.UK Notify answered ${response.status} to ${what}${codes.length ? ` (${[...new Set(codes)].join(', ')})` : ''}`, {
      permanent: response.status === 400,
      cause: err,
    });
  }
  if (err instanceof EmailDeliveryError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  return new EmailDeliveryError(`GOV.UK Notify could not be reached for ${what}${typeof code === 'string' && /^\w{1,40}$/.test(code) ? ` (${code})` : ''}`, { cause: err });
}

/**
 * GOV.UK Notify. The email's subject and body live in Notify's templates (one per template name, same
 * placeholders); only the personalisation and the reference are sent. `findSent` asks Notify for a notification
 * with the reference, so an interrupted send is never repeated.
 */
export class NotifySender implements EmailSender {
  readonly name = 'GOV.UK Notify';

  constructor(
    private readonly client: NotifyApi,
    private readonly templateIds: Readonly<Record<TemplateName, string>>,
    private readonly timeoutMs = PROVIDER_TIMEOUT_MS,
  ) {}

  static fromApiKey(apiKey: string, templateIds: Readonly<Record<TemplateName, string>>, timeoutMs = PROVIDER_TIMEOUT_MS): NotifySender {
    return new NotifySender(new NotifyClient(apiKey) as unknown as NotifyApi, templateIds, timeoutMs);
  }

  async send(m: OutgoingEmail): Promise<{ providerId: string }> {
    const templateId = this.templateIds[m.template];
    if (!templateId) throw new EmailDeliveryError(`No GOV.UK Notify template id for "${m.template}"`, { permanent: true });
    try {
      const response = await withTimeout(
        this.client.sendEmail(templateId, m.recipient, { personalisation: m.personalisation, reference: m.reference }),
        this.timeoutMs,
        'GOV.UK Notify',
      );
      return { providerId: response.data.id };
    } catch (err) {
      throw notifyError(err, 'a send');
    }
  }

  async findSent(reference: string): Promise<{ providerId: string } | null> {
    try {
      const response = await withTimeout(this.client.getNotifications(undefined, undefined, reference), this.timeoutMs, 'GOV.UK Notify');
      const found = response.data.notifications.find((n) => n.reference === reference);
      return found ? { providerId: found.id } : null;
    } catch (err) {
      throw notifyError(err, 'a search by reference');
    }
  }
}

// ——— SMTP ———

/** The part of a nodemailer transport used here (a fake in tests). */
export interface SmtpTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<{ messageId?: string }>;
}

const ADDRESS = /^[^\s@<>]+@([^\s@<>]+\.[^\s@<>]+)$/;
const NAMED_ADDRESS = /^[^<>\r\n]*<([^\s@<>]+@([^\s@<>]+\.[^\s@<>]+))>$/;

/** The domain of a From address ("a@b.example" or "Name <a@b.example>"), or undefined if it is not one. */
export function fromDomain(from: string): string | undefined {
  const trimmed = from.trim();
  return ADDRESS.exec(trimmed)?.[1] ?? NAMED_ADDRESS.exec(trimmed)?.[2];
}

/** The Message-ID for a reference: the same for every attempt, so receiving servers can drop a duplicate. */
export function messageIdFor(reference: string, from: string): string {
  return `<${reference}@${fromDomain(from) ?? 'threshold.invalid'}>`;
}

/**
 * An SMTP server (nodemailer). Every attempt at a message carries the same Message-ID, derived from the reference,
 * so a receiving server that drops duplicates will. An SMTP server cannot be asked what it has sent, so there is no
 * `findSent`: a send interrupted after the server accepted the message but before Threshold recorded it (a crash in
 * that instant, or a lost reply) is sent again — rarely, an email may arrive twice. GOV.UK Notify is checked instead.
 */
export class SmtpSender implements EmailSender {
  readonly name = 'SMTP';

  constructor(
    private readonly transport: SmtpTransport,
    private readonly from: string,
    private readonly timeoutMs = SMTP_TIMEOUT_MS,
  ) {
    if (!fromDomain(from)) throw new ConfigError('EMAIL_FROM must be an email address, or a name and an address like "Threshold <threshold@council.example>"');
  }

  /**
   * A transport for an smtp:// or smtps:// URL, with timeouts well inside the outbox lease. (nodemailer 10 merges
   * these with the URL's settings; whatever the transport does, `send` gives up after SMTP_TIMEOUT_MS.)
   */
  static fromUrl(url: string, from: string): SmtpSender {
    const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: SMTP_TIMEOUT_MS });
    return new SmtpSender(transport as unknown as SmtpTransport, from);
  }

  async send(m: OutgoingEmail): Promise<{ providerId: string }> {
    const messageId = messageIdFor(m.reference, this.from);
    try {
      const info = await withTimeout(
        this.transport.sendMail({ from: this.from, to: m.recipient, subject: m.subject, text: m.body, messageId }),
        this.timeoutMs,
        'The SMTP server',
      );
      return { providerId: info.messageId || messageId };
    } catch (err) {
      if (err instanceof EmailDeliveryError) throw err;
      const e = err as { code?: unknown; responseCode?: unknown } | null;
      const code = typeof e?.code === 'string' && /^\w{1,40}$/.test(e.code) ? e.code : undefined;
      const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
      const detail = [code, responseCode === undefined ? undefined : String(responseCode)].filter(Boolean).join(' ');
      // A 5xx answer about the envelope (the recipient or sender) will not change on a retry.
      const permanent = code === 'EENVELOPE' && responseCode !== undefined && responseCode >= 500 && responseCode < 600;
      throw new EmailDeliveryError(`The SMTP server did not take the message${detail ? ` (${detail})` : ''}`, { permanent, cause: err });
    }
  }
}

// ——— nowhere ———

/**
 * Keeps messages in memory instead of sending them: for tests, and for the demo when no email is configured. It can
 * say what it has "sent", like Notify. Keeps the latest `limit` messages.
 */
export class RecordingSender implements EmailSender {
  readonly name = 'recorded, not delivered';
  readonly sent: (OutgoingEmail & { providerId: string })[] = [];

  constructor(private readonly limit = 1000) {}

  async send(m: OutgoingEmail): Promise<{ providerId: string }> {
    const providerId = `recorded-${randomUUID()}`;
    this.sent.push({ ...m, personalisation: { ...m.personalisation }, providerId });
    if (this.sent.length > this.limit) this.sent.splice(0, this.sent.length - this.limit);
    return { providerId };
  }

  async findSent(reference: string): Promise<{ providerId: string } | null> {
    const found = this.sent.find((m) => m.reference === reference);
    return found ? { providerId: found.providerId } : null;
  }
}

// ——— choosing from the environment ———

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Notify API keys end with two UUIDs: the service id and the secret. */
const NOTIFY_KEY = /^[A-Za-z0-9_-]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function required(env: NodeJS.ProcessEnv, name: string, mode: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} must be set when EMAIL_DELIVERY=${mode}`);
  return value;
}

/** NOTIFY_TEMPLATE_IDS: a JSON object with a Notify template id (a UUID) for every template Threshold sends. */
export function parseNotifyTemplateIds(raw: string): Record<TemplateName, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('NOTIFY_TEMPLATE_IDS must be a JSON object of template names and Notify template ids, like {"info_request.new": "<id>", …}');
  }
  const given = parsed as Record<string, unknown>;
  const missing = TEMPLATE_NAMES.filter((n) => !Object.hasOwn(given, n));
  const unknown = Object.keys(given).filter((k) => !isTemplateName(k));
  const malformed = TEMPLATE_NAMES.filter((n) => Object.hasOwn(given, n) && !(typeof given[n] === 'string' && UUID.test(given[n])));
  const problems = [
    missing.length ? `no id for ${missing.join(', ')}` : '',
    unknown.length ? `there is no template called ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 60))).join(', ')}` : '',
    malformed.length ? `not a Notify template id (a UUID) for ${malformed.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) throw new ConfigError(`NOTIFY_TEMPLATE_IDS: ${problems.join('; ')}`);
  return Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, given[n] as string])) as Record<TemplateName, string>;
}

/**
 * The email sender the environment asks for. EMAIL_DELIVERY:
 * - `notify`: GOV.UK Notify; needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_IDS;
 * - `smtp`: an SMTP server; needs SMTP_URL (smtp:// or smtps://) and EMAIL_FROM;
 * - `none`: emails are kept in memory and not delivered (the default outside production; in production it must be
 *   chosen explicitly, so a live service never drops email silently).
 * Throws a ConfigError (which never quotes a key or a password) when what a choice needs is missing or malformed.
 */
export function emailSenderFromEnv(env: NodeJS.ProcessEnv): EmailSender {
  const mode = (env.EMAIL_DELIVERY ?? '').trim().toLowerCase();
  switch (mode) {
    case 'notify': {
      const apiKey = required(env, 'NOTIFY_API_KEY', mode);
      if (!NOTIFY_KEY.test(apiKey)) throw new ConfigError('NOTIFY_API_KEY is not a GOV.UK Notify API key (a key name followed by two ids)');
      const templateIds = parseNotifyTemplateIds(required(env, 'NOTIFY_TEMPLATE_IDS', mode));
      return NotifySender.fromApiKey(apiKey, templateIds);
    }
    case 'smtp': {
      const url = required(env, 'SMTP_URL', mode);
      let protocol: string;
      try {
        protocol = new URL(url).protocol;
      } catch {
        throw new ConfigError('SMTP_URL must be a URL like smtps://user:password@smtp.council.example:465');
      }
      if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
      return SmtpSender.fromUrl(url, required(env, 'EMAIL_FROM', mode));
    }
    case 'none':
      return new RecordingSender();
    case '':
      if (env.NODE_ENV === 'production') {
        throw new ConfigError('EMAIL_DELIVERY must be set when NODE_ENV=production: notify, smtp, or none (emails are not delivered)');
      }
      return new RecordingSender();
    default:
      throw new ConfigError('EMAIL_DELIVERY must be notify, smtp or none');
  }
}
