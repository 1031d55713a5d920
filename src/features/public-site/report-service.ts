/**
 * Reports from the public: drafts between question pages (sealed with a key only the reporter's cookie holds),
 * and sending one — in one transaction the report as given (`public_report`), the front-door contact made from it
 * through the front door's seam (`IntakeService.receiveIn`, channel "public"), the receipt email when the reporter
 * chose it and said it is safe, and the draft deleted. A report acknowledged is a report kept: the reference is
 * given only once that transaction has committed, and any failure is thrown, never swallowed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Database, transaction } from '../../db/client.js';
import {
  composeNarrative,
  contactAllowed,
  REPORTER_LABELS,
  type ReportAbout,
  type ReportAnswers,
  sourceCode,
  subjectFacts,
} from '../../domain/public-report.js';
import { londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail, SYSTEM_ACTOR } from '../../platform/audit.js';
import { decrypt, encrypt } from '../../platform/crypto.js';
import { enqueueEmail } from '../../platform/outbox.js';
import { type IntakeService, type IntakeSource } from '../front-door/intake-service.js';
import { type Notification } from '../front-door/notification-schema.js';
import { language } from './i18n.js';
import { SubmissionLimiter } from './report-limits.js';
import * as repo from './repository.js';

/** How long a draft lives after its last answer. */
export const DRAFT_LIFETIME_MS = 2 * 3_600_000;

export interface ReportOptions {
  /** Reports from one source, and from everyone, per hour. */
  reportsPerSourcePerHour: number;
  reportsPerHour: number;
  /** The shortest time from starting a report to sending it; quicker is a machine (the time token). Default 5 s. */
  minimumMsToSend?: number;
  /** The service's address, for the link in the receipt email. */
  publicUrl?: string;
}

/** A draft opened with the reporter's key. */
export interface OpenDraft {
  id: string;
  tenantId: string;
  key: Buffer;
  answers: ReportAnswers;
  startedAt: Date;
}

export type SendResult = { outcome: 'sent'; reference: string; contactId: string } | { outcome: 'too_soon' } | { outcome: 'busy' } | { outcome: 'already_sent' };

/** The actor that receives a public report: the public site, no user. */
export function publicSiteActor(tenantId: string, requestId: string | null): Actor {
  return { ...SYSTEM_ACTOR, tenantId, roles: ['public_site'], requestId };
}

const COOKIE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** The draft id and key a draft cookie holds, when it is well formed. */
export function readDraftCookie(value: string | undefined): { id: string; key: Buffer } | null {
  const m = value ? COOKIE.exec(value) : null;
  if (!m) return null;
  const key = Buffer.from(m[2]!, 'base64url');
  return key.length === 32 ? { id: m[1]!, key } : null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === '23505') return true;
  return false;
}

/** How long after sending the confirmation (with the reference) can be opened again from the reporter's cookie. */
export const SENT_PAGE_MS = 30 * 60_000;

export class PublicReports {
  readonly limiter: SubmissionLimiter;
  private readonly minimumMs: number;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly intake: IntakeService | null,
    private readonly now: () => Date,
    private readonly options: ReportOptions,
  ) {
    this.limiter = new SubmissionLimiter(options.reportsPerSourcePerHour, options.reportsPerHour, () => this.now().getTime());
    this.minimumMs = options.minimumMsToSend ?? 5_000;
  }

  /** Starts a draft; returns the cookie's value (`<id>.<key>`), the only place the key is kept. */
  async start(tenantId: string, about: ReportAbout): Promise<string> {
    const id = randomUUID();
    const key = randomBytes(32);
    const at = this.now();
    const answers: ReportAnswers = { about };
    await repo.insertDraft(this.db, { id, tenantId, sealed: encrypt(key, JSON.stringify(answers)), startedAt: at, expiresAt: new Date(at.getTime() + DRAFT_LIFETIME_MS) });
    return `${id}.${key.toString('base64url')}`;
  }

  /** The draft a cookie names, opened with its key; null when missing, expired, or the cookie is not its own. */
  async open(cookie: string | undefined): Promise<OpenDraft | null> {
    const c = readDraftCookie(cookie);
    if (!c) return null;
    const row = await repo.liveDraft(this.db, c.id, this.now());
    if (!row) return null;
    let answers: ReportAnswers;
    try {
      answers = JSON.parse(decrypt(c.key, row.sealed)) as ReportAnswers;
    } catch {
      return null;
    }
    if (answers?.about !== 'child' && answers?.about !== 'adult') return null;
    return { id: row.id, tenantId: row.tenant_id, key: c.key, answers, startedAt: new Date(row.started_at) };
  }

  async save(draft: OpenDraft, answers: ReportAnswers): Promise<void> {
    const at = this.now();
    await repo.updateDraft(this.db, draft.id, encrypt(draft.key, JSON.stringify(answers)), at, new Date(at.getTime() + DRAFT_LIFETIME_MS));
  }

  /** The report a draft cookie's draft became, if it was sent: its reference, and whether a receipt was emailed. */
  /**
   * The report a draft became, for its confirmation page: only for 30 minutes after sending, so that on a shared
   * device someone later cannot reopen "report sent" and its reference from the browser's cookie.
   */
  async sentReport(cookie: string | undefined): Promise<{ reference: string; emailed: boolean } | null> {
    const c = readDraftCookie(cookie);
    const r = c ? await repo.reportOfDraft(this.db, c.id, new Date(this.now().getTime() - SENT_PAGE_MS)) : undefined;
    return r?.reference ? { reference: r.reference, emailed: r.emailed } : null;
  }

  async deleteExpiredDrafts(): Promise<number> {
    return repo.deleteExpiredDrafts(this.db, this.now());
  }

  /** The notification the front door receives: the answers verbatim in the narrative, the person as far as known. */
  notification(answers: ReportAnswers, lang: string, receivedAt: Date): Notification {
    const today = londonDate(receivedAt);
    const person = subjectFacts(answers, today);
    const allowed = contactAllowed(answers);
    const named = answers.aboutYou?.giveName === 'yes' && answers.aboutYou.name ? answers.aboutYou.name : null;
    const child = answers.about === 'child';
    const notKnown = 'Not known: reported by a member of the public on the public website';
    return {
      contactType: answers.about,
      notificationType: null,
      sourceCode: sourceCode(answers),
      referrer: { name: named, role: answers.who ? REPORTER_LABELS[answers.who] : null, phone: allowed.phone, email: allowed.email },
      receivedAt,
      incident: null,
      riskLevel: null,
      domesticAbuse: null,
      concerns: ['other'],
      narrative: composeNarrative(answers, language(lang)?.english ?? lang),
      worriedAbout: null,
      workingWell: null,
      needsToHappen: null,
      consent: 'not_sought',
      consentLawfulBasis: null,
      consentReason: null,
      restricted: false,
      language: lang === 'en' ? null : lang,
      people: [
        {
          role: child ? 'subject_child' : 'subject_adult',
          givenNames: person.givenNames,
          familyName: person.familyName,
          dateOfBirth: person.dateOfBirth,
          dobPrecision: person.dobPrecision,
          gender: 'unknown',
          nhsNumber: null,
          addressLine1: person.addressLine1,
          postcode: person.postcode,
          school: person.school,
          daRole: null,
          riskLevel: null,
          childVoice: child ? notKnown : null,
          childDemeanour: child ? notKnown : null,
        },
      ],
    };
  }

  /**
   * Sends a complete draft: refused when started too recently (the time token) or when the source or everyone has
   * sent their hour's share; otherwise received at the front door in one transaction. Throws when the database
   * cannot be reached (nothing is acknowledged); a draft sent twice makes one report (`already_sent`).
   */
  async send(draft: OpenDraft, lang: string, source: { address: string; requestId: string | null }): Promise<SendResult> {
    if (!this.intake) throw new Error('the public site has no front door to send reports to');
    const at = this.now();
    if (at.getTime() - draft.startedAt.getTime() < this.minimumMs) return { outcome: 'too_soon' };
    const who = this.limiter.sourceOf(source.address);
    if (!this.limiter.take(who)) return { outcome: 'busy' };
    try {
      const n = this.notification(draft.answers, lang, at);
      const context = await this.intake.context(draft.tenantId, n);
      const problem = this.intake.setupProblem(context, n.contactType);
      if (problem) throw new Error(problem);
      const actor = publicSiteActor(draft.tenantId, source.requestId);
      const intakeSource: IntakeSource = { actor, tenantId: draft.tenantId, channel: 'public', sourceAgencyId: null, createdByUserId: null, apiClientId: null };
      const email = contactAllowed(draft.answers).email;
      const intake = this.intake;
      const received = await transaction(this.db, async (tx) => {
        const r = await intake.receiveIn(tx, context, intakeSource, n);
        const reportId = await repo.insertReport(tx, {
          tenantId: draft.tenantId,
          contactId: r.contactId,
          draftId: draft.id,
          language: lang,
          about: draft.answers.about,
          answers: draft.answers,
          anonymous: draft.answers.aboutYou?.giveName !== 'yes',
          receivedAt: at,
        });
        if (email) {
          await enqueueEmail(tx, {
            tenantId: draft.tenantId,
            template: 'public_report.received',
            recipient: email,
            personalisation: { contact_reference: r.reference, link: `${(this.options.publicUrl ?? '').replace(/\/$/, '')}/help/${lang}/what-happens-next` },
          });
        }
        await repo.deleteDraft(tx, draft.id);
        await this.audit.record(tx, actor, {
          action: 'public_report.received',
          recordType: 'public_report',
          recordId: reportId,
          details: { contactId: r.contactId, reference: r.reference, language: lang, about: draft.answers.about, anonymous: draft.answers.aboutYou?.giveName !== 'yes', receiptEmail: !!email },
        });
        return r;
      });
      return { outcome: 'sent', reference: received.reference, contactId: received.contactId };
    } catch (err) {
      this.limiter.giveBack(who);
      // Sent twice at once: the other send made the report (its draft id is unique), and this one rolled back.
      if (isUniqueViolation(err) && (await repo.reportOfDraft(this.db, draft.id, new Date(0)))) return { outcome: 'already_sent' };
      throw err;
    }
  }
}
