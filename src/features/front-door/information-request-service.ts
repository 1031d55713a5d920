/**
 * Information requests, replacing the requisition form: a screener asks partner agencies specific questions about a
 * contact with a red / amber / green deadline; each agency answers from its queue and the answer lands on the
 * contact. Reminders before the deadline and escalation to the agency's managers after it go through the outbox
 * (email) and in-app notifications, in the same transaction as the change that causes them.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { INFO_REQUEST_AGENCY_TYPES, type RagRating, escalationDue, infoRequestTimescale, reminderDue } from '../../domain/intake.js';
import { type TemplateName } from '../../domain/email-templates.js';
import { timescaleDeadline } from '../../domain/timescales.js';
import { addDays, instantAt } from '../../domain/time.js';
import { type Actor, SYSTEM_ACTOR, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { enqueueEmail, notifyInApp } from '../../platform/outbox.js';
import { formatDateTime } from '../../platform/views.js';
import { type OrganisationService } from '../organisations/service.js';
import * as repo from './information-request-repository.js';
import * as contacts from './contact-repository.js';
import { type FrontDoorEvents, reportedDetails } from './events.js';
import { contactPath, frontDoorPath } from './paths.js';

export { QUEUE_FILTERS, type QueueFilter } from './information-request-repository.js';

type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
type Problems = Record<string, string>;

export class InformationRequestService {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly organisations: OrganisationService,
    private readonly publicUrl: string,
    private readonly events: FrontDoorEvents,
    private readonly now: () => Date,
  ) {}

  /** Agencies in the area that can be asked, by name. */
  async askable(tenantId: string) {
    const agencies = await this.organisations.agencies(tenantId, { activeOnly: true });
    return agencies.filter((a) => INFO_REQUEST_AGENCY_TYPES.has(a.type));
  }

  async ask(actor: UserActor, contactId: string, contactReference: string, input: { agencyIds: string[]; rag: string; questions: string }): Promise<{ problems: Problems } | { ids: string[] }> {
    const askable = new Map((await this.askable(actor.tenantId)).map((a) => [a.id, a]));
    const unknown = input.agencyIds.filter((id) => !askable.has(id));
    if (unknown.length) return { problems: { agencyIds: 'Select agencies from the list' } };
    const open = new Set((await repo.forContact(this.db, contactId)).filter((r) => r.status === 'open').map((r) => r.agency_id));
    const already = input.agencyIds.filter((id) => open.has(id));
    if (already.length) return { problems: { agencyIds: `${already.map((id) => askable.get(id)!.name).join(' and ')} already ${already.length === 1 ? 'has' : 'have'} an open request about this contact: wait for the answer, or withdraw it first` } };
    // Deadlines and who to tell, read before the transaction.
    const tenant = await this.organisations.tenant(actor.tenantId);
    const calendar = await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
    const timescale = await this.calendar.timescale(actor.tenantId, infoRequestTimescale(input.rag as RagRating));
    const requestedAt = this.now();
    const dueAt = timescaleDeadline(calendar, requestedAt, timescale);
    const recipients = new Map(await Promise.all(input.agencyIds.map(async (id) => [id, await this.organisations.usersWith(actor.tenantId, id, 'info_request:answer')] as const)));
    const ids = await transaction(this.db, async (tx) => {
      const made: string[] = [];
      for (const agencyId of input.agencyIds) {
        const id = await repo.insertRequest(tx, { tenantId: actor.tenantId, contactId, agencyId, rag: input.rag, questions: input.questions, requestedByUserId: actor.userId, requestedAt, dueAt });
        made.push(id);
        await this.tell(tx, actor.tenantId, recipients.get(agencyId) ?? [], 'info_request.new', {
          title: `New ${input.rag} information request: ${contactReference}`,
          body: `Your agency has been asked for information. Respond by ${formatDateTime(dueAt)}.`,
          link: frontDoorPath('informationRequest', { id: id }),
          reference: contactReference,
          deadline: dueAt,
        });
        await contacts.touchContact(tx, contactId, requestedAt);
        await this.audit.record(tx, actor, { action: 'contact.information_requested', recordType: 'contact', recordId: contactId, details: { requestId: id, agencyId, rag: input.rag, dueAt: dueAt.toISOString() } });
      }
      return made;
    });
    return { ids };
  }

  private async tell(tx: Database, tenantId: string, users: readonly { id: string; email: string }[], template: TemplateName, message: { title: string; body: string; link: string; reference: string; deadline: Date }): Promise<void> {
    for (const u of users) {
      await notifyInApp(tx, { tenantId, userId: u.id, title: message.title, body: message.body, link: message.link });
      await enqueueEmail(tx, {
        tenantId,
        template,
        recipient: u.email,
        personalisation: { contact_reference: message.reference, deadline: formatDateTime(message.deadline), link: `${this.publicUrl}${message.link}` },
      });
    }
  }

  forContact(contactId: string) {
    return repo.forContact(this.db, contactId);
  }

  /** The end of today in the area's calendar (the "due today" filter). */
  private async endOfToday(tenantId: string): Promise<Date> {
    const tenant = await this.organisations.tenant(tenantId);
    const calendar = await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
    const today = calendar.dateOf(this.now());
    return new Date(instantAt(addDays(today, 1), 0, calendar.timeZone).getTime() - 1);
  }

  /** One page of an agency's queue for a filter, with the filter's total (from `queueCounts`, as the home page counts). */
  async queue(viewer: { tenantId: string; agencyId: string }, show: repo.QueueFilter, page = { limit: 50, offset: 0 }) {
    const now = this.now();
    const endOfToday = await this.endOfToday(viewer.tenantId);
    const [rows, counts] = [await repo.queue(this.db, viewer.tenantId, viewer.agencyId, show, page.limit, page.offset, now, endOfToday), await repo.queueCounts(this.db, viewer.tenantId, viewer.agencyId, now, endOfToday)];
    return { rows, counts, total: counts[show] };
  }

  /** How many requests each filter of an agency's queue holds. */
  async queueCounts(viewer: { tenantId: string; agencyId: string }) {
    return repo.queueCounts(this.db, viewer.tenantId, viewer.agencyId, this.now(), await this.endOfToday(viewer.tenantId));
  }

  openCount(viewer: { tenantId: string; agencyId: string }) {
    return repo.openCount(this.db, viewer.tenantId, viewer.agencyId);
  }

  /** What a request's record rule reads (domain/access.ts). */
  accessFacts(id: string) {
    return repo.accessFacts(this.db, id);
  }

  /**
   * A request for its answering agency (or the contact's owners): the questions and only what is needed to find the
   * people in the agency's own records. Audited as a view.
   */
  async forAnswering(actor: UserActor, id: string) {
    const request = await repo.byId(this.db, actor.tenantId, id);
    if (!request) return undefined;
    const people = await repo.peopleFor(this.db, request.contact_id);
    await this.audit.recordNow(actor, { action: 'information_request.view', recordType: 'info_request', recordId: id, details: { contactId: request.contact_id } });
    return { request, people };
  }

  async answer(actor: UserActor, id: string, input: { knownToAgency: string; riskIndicators: string[]; answer: string }): Promise<{ problems: Problems } | { ok: true } | { refused: true }> {
    const request = await repo.byId(this.db, actor.tenantId, id);
    if (!request || request.agency_id !== actor.agencyId) return { refused: true };
    const answering = { tenantId: actor.tenantId, requestId: id, contactId: request.contact_id };
    const prepared = await this.events.informationAnswered.prepare(answering);
    return transaction(this.db, async (tx) => {
      const done = await repo.answer(tx, id, { ...input, userId: actor.userId, at: this.now() });
      if (!done) return { problems: { answer: 'This request has already been answered or withdrawn' } };
      await contacts.touchContact(tx, request.contact_id, this.now());
      const asker = await repo.requesterOf(tx, id);
      if (asker) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: asker, title: `${request.agency_name} answered: ${request.contact_reference}`, body: 'An information request you made has been answered.', link: contactPath(request.contact_id, 'information-requests') });
      }
      const reported = await this.events.informationAnswered.publish(tx, { ...answering, agencyId: actor.agencyId, knownToAgency: input.knownToAgency, riskIndicators: input.riskIndicators, actor }, prepared);
      await this.audit.record(tx, actor, { action: 'contact.information_answered', recordType: 'contact', recordId: request.contact_id, details: { requestId: id, knownToAgency: input.knownToAgency, ...reportedDetails(reported) } });
      return { ok: true as const };
    });
  }

  async withdraw(actor: UserActor, contactId: string, id: string): Promise<boolean> {
    const request = await repo.byId(this.db, actor.tenantId, id);
    if (!request || request.contact_id !== contactId) return false;
    return transaction(this.db, async (tx) => {
      const done = await repo.withdraw(tx, id);
      if (done) await contacts.touchContact(tx, contactId, this.now());
      if (done) await this.audit.record(tx, actor, { action: 'contact.information_request_withdrawn', recordType: 'contact', recordId: contactId, details: { requestId: id } });
      return done;
    });
  }

  // ——— reminders and escalation ———

  /** Sends the reminders and escalations due now; returns how many of each. Safe to run from several processes. */
  async sweepOnce(): Promise<{ reminded: number; escalated: number }> {
    const now = this.now();
    const due = await repo.dueForSweep(this.db, now);
    let reminded = 0;
    let escalated = 0;
    for (const r of due) {
      const dueAt = asDate(r.due_at);
      const escalate = !r.escalated_at && escalationDue(dueAt, now);
      const remind = !escalate && !r.reminded_at && reminderDue(asDate(r.requested_at), dueAt, now);
      if (!escalate && !remind) continue;
      let users = await this.organisations.usersWith(r.tenant_id, r.agency_id, escalate ? 'info_request:escalations' : 'info_request:answer');
      // An agency with no manager in Threshold: the front door's managers hear instead, so nothing goes unheard.
      if (escalate && users.length === 0) users = await this.organisations.usersWith(r.tenant_id, r.owning_agency_id, 'info_request:escalations');
      const actor = { ...SYSTEM_ACTOR, tenantId: r.tenant_id };
      await transaction(this.db, async (tx) => {
        const marked = escalate ? await repo.markEscalated(tx, r.id, now) : await repo.markReminded(tx, r.id, now);
        if (!marked) return;
        if (escalate) await contacts.touchContact(tx, r.contact_id, now);
        await this.tell(tx, r.tenant_id, users, escalate ? 'info_request.escalation' : 'info_request.reminder', {
          title: escalate ? `Overdue information request: ${r.reference}` : `Information request due soon: ${r.reference}`,
          body: escalate ? `It was due by ${formatDateTime(dueAt)} and has not been answered.` : `Respond by ${formatDateTime(dueAt)}.`,
          link: frontDoorPath('informationRequest', { id: r.id }),
          reference: r.reference,
          deadline: dueAt,
        });
        await this.audit.record(tx, actor, { action: escalate ? 'information_request.escalated' : 'information_request.reminded', recordType: 'info_request', recordId: r.id, details: { recipients: users.length } });
        if (escalate) escalated += 1;
        else reminded += 1;
      });
    }
    return { reminded, escalated };
  }

  startSweeping(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweepOnce()
        .catch(() => undefined)
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  stopSweeping(): Promise<unknown> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.sweeping ?? Promise.resolve();
  }
}
