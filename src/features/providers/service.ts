/**
 * Organisational safeguarding: the care providers of the area (CQC locations), contract concerns about them with a
 * risk score, provider enquiries that bring several individual concerns together, and a provider's page for
 * contract compliance officers and commissioners. Every change is audited as the last write of its transaction;
 * the pages that show people's names (a provider's, an enquiry's) are audited as views.
 */
import { type Database, transaction } from '../../db/client.js';
import { assessRisk, closeConcernProblems, closeEnquiryProblems, linkProblems } from '../../domain/providers.js';
import { londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
/** A change's result: done (with the id of what it made), refused with problems for the form, or no such record in the area. */
export type ChangeResult = { ok: true; id: string } | { problems: Problems } | { notFound: true };

/** How many of a provider's contract concerns one page of its page shows. */
/** A provider's page lists its contract concerns, and the safeguarding concerns about it, 10 at a time each (issue 19: one screen, not six). */
export const CONCERNS_PER_PAGE = 10;
export { PROVIDER_SHOWS, type ProviderShow } from './repository.js';

export class ProviderService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  /** The area of a provider, for the record check (undefined: no such provider). */
  providerArea(id: string) {
    return repo.providerArea(this.db, id);
  }

  /** The area of a provider enquiry, for the record check. */
  enquiryArea(id: string) {
    return repo.enquiryArea(this.db, id);
  }

  today(): string {
    return londonDate(this.now());
  }

  /** A page of the area's providers by name, with their open counts. Audited as a view of the list. */
  async list(actor: UserActor, filter: repo.ProviderFilter, page: number, pageSize: number) {
    const [found, total] = await Promise.all([
      repo.listProviders(this.db, actor.tenantId, filter, pageSize, (page - 1) * pageSize),
      repo.countProviders(this.db, actor.tenantId, filter),
    ]);
    await this.audit.recordNow(actor, { action: 'provider.list_viewed', recordType: 'care_provider', details: { page, searched: filter.q.trim() !== '', serviceType: filter.serviceType, show: filter.show ?? 'all', shown: found.length } });
    return { rows: found, total };
  }

  /** How many providers each "show" filter of the list holds (its total, by the same query), for a home page. */
  async showCounts(tenantId: string): Promise<Record<repo.ProviderShow, number>> {
    const out = {} as Record<repo.ProviderShow, number>;
    for (const show of repo.PROVIDER_SHOWS) out[show] = await repo.countProviders(this.db, tenantId, { q: '', serviceType: null, show });
    return out;
  }

  /** A provider of the actor's area, unaudited (for a form's heading). */
  provider(actor: UserActor, id: string) {
    return repo.providerById(this.db, actor.tenantId, id);
  }

  /** A provider's page: its details, a page of its contract concerns (open first) and its enquiries. Audited as a view. */
  async view(actor: UserActor, id: string, page: number) {
    const provider = await repo.providerById(this.db, actor.tenantId, id);
    if (!provider) return undefined;
    const [concerns, counts, enquiries, links] = await Promise.all([
      repo.contractConcerns(this.db, actor.tenantId, id, CONCERNS_PER_PAGE, (page - 1) * CONCERNS_PER_PAGE),
      repo.countContractConcerns(this.db, actor.tenantId, id),
      repo.enquiriesOf(this.db, actor.tenantId, id),
      repo.linksOfProvider(this.db, actor.tenantId, id),
    ]);
    await this.audit.recordNow(actor, { action: 'provider.viewed', recordType: 'care_provider', recordId: id, details: { page } });
    return { provider, concerns, counts, enquiries, links };
  }

  /** An open contract concern of the provider, for its closing form (undefined: none such). */
  contractConcern(actor: UserActor, providerId: string, id: string) {
    return repo.contractConcern(this.db, actor.tenantId, providerId, id);
  }

  async addProvider(actor: UserActor, input: { name: string; cqcLocationId: string | null; serviceType: string; address: string | null; postcode: string | null }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      if (input.cqcLocationId) {
        const existing = await repo.providerByCqcId(tx, actor.tenantId, input.cqcLocationId);
        if (existing) return { problems: { cqcLocationId: `${existing.name} already has CQC location ID ${input.cqcLocationId}` } };
      }
      const id = await repo.insertProvider(tx, { tenantId: actor.tenantId, ...input });
      if (!id) return { problems: { cqcLocationId: `A provider with CQC location ID ${input.cqcLocationId ?? ''} has just been added by someone else` } };
      await this.audit.record(tx, actor, { action: 'provider.added', recordType: 'care_provider', recordId: id, details: { serviceType: input.serviceType, cqcLocationId: input.cqcLocationId } });
      return { ok: true as const, id };
    });
  }

  async raiseConcern(
    actor: UserActor,
    providerId: string,
    input: { category: string; description: string; likelihood: number; impact: number; raisedOn: string },
  ): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const provider = await repo.providerById(tx, actor.tenantId, providerId);
      if (!provider) return { notFound: true as const };
      const risk = assessRisk(input.likelihood, input.impact);
      const id = await repo.insertContractConcern(tx, { tenantId: actor.tenantId, providerId, ...input, raisedByUserId: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'contract_concern.raised',
        recordType: 'care_provider',
        recordId: providerId,
        details: { contractConcernId: id, category: input.category, likelihood: input.likelihood, impact: input.impact, score: risk.score, band: risk.band, raisedOn: input.raisedOn },
      });
      return { ok: true as const, id };
    });
  }

  async closeConcern(actor: UserActor, providerId: string, input: { concernId: string; closingNote: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockContractConcern(tx, actor.tenantId, providerId, input.concernId);
      if (!c) return { problems: { concernId: 'Select the contract concern to close from the provider’s page' } };
      const closedOn = this.today();
      const problems = closeConcernProblems({ status: c.status, raisedOn: c.raised_on }, { closingNote: input.closingNote, closedOn });
      if (Object.keys(problems).length) return { problems };
      if (!(await repo.closeContractConcern(tx, input.concernId, { closedOn, closingNote: input.closingNote }))) return { problems: { concernId: 'This contract concern is already closed' } };
      await this.audit.record(tx, actor, { action: 'contract_concern.closed', recordType: 'care_provider', recordId: providerId, details: { contractConcernId: input.concernId, closedOn } });
      return { ok: true as const, id: input.concernId };
    });
  }

  async openEnquiry(actor: UserActor, providerId: string, input: { reason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const provider = await repo.providerById(tx, actor.tenantId, providerId);
      if (!provider) return { notFound: true as const };
      const openedOn = this.today();
      const id = await repo.insertEnquiry(tx, { tenantId: actor.tenantId, providerId, openedOn, reason: input.reason, openedByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'provider_enquiry.opened', recordType: 'provider_enquiry', recordId: id, details: { providerId, openedOn } });
      return { ok: true as const, id };
    });
  }

  /** An enquiry with the ids of the individual concerns linked to it, unaudited (the caller audits the view it shows). */
  async enquiry(actor: UserActor, id: string) {
    const enquiry = await repo.enquiryById(this.db, actor.tenantId, id);
    if (!enquiry) return undefined;
    const linked = await repo.linkedConcernIds(this.db, id);
    return { enquiry, linked };
  }

  /** An enquiry's page was shown (with the names of the adults in its linked concerns). */
  async recordEnquiryView(actor: UserActor, id: string, page: string): Promise<void> {
    await this.audit.recordNow(actor, { action: 'provider_enquiry.viewed', recordType: 'provider_enquiry', recordId: id, details: { page } });
  }

  /**
   * Links individual safeguarding concerns to an open enquiry. `aboutProvider` holds the ids of the concerns the
   * adult safeguarding service says are about the enquiry's provider: only those may be linked.
   */
  async linkConcerns(actor: UserActor, enquiryId: string, concernIds: readonly string[], aboutProvider: ReadonlySet<string>): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const e = await repo.lockEnquiry(tx, actor.tenantId, enquiryId);
      if (!e) return { notFound: true as const };
      const alreadyLinked = new Set((await repo.linkedConcernIds(tx, enquiryId)).map((l) => l.concern_id));
      const problems = linkProblems({ enquiryStatus: e.status, concernIds, aboutProvider, alreadyLinked });
      if (Object.keys(problems).length) return { problems };
      const made = await repo.linkConcerns(tx, { tenantId: actor.tenantId, enquiryId, concernIds });
      await this.audit.record(tx, actor, { action: 'provider_enquiry.concerns_linked', recordType: 'provider_enquiry', recordId: enquiryId, details: { providerId: e.provider_id, concernIds, linked: made } });
      return { ok: true as const, id: enquiryId };
    });
  }

  async closeEnquiry(actor: UserActor, enquiryId: string, input: { conclusion: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const e = await repo.lockEnquiry(tx, actor.tenantId, enquiryId);
      if (!e) return { notFound: true as const };
      const problems = closeEnquiryProblems(e, input.conclusion);
      if (Object.keys(problems).length) return { problems };
      const closedOn = this.today();
      if (!(await repo.closeEnquiry(tx, enquiryId, { closedOn, conclusion: input.conclusion }))) return { problems: { conclusion: 'This provider enquiry is already closed' } };
      await this.audit.record(tx, actor, { action: 'provider_enquiry.closed', recordType: 'provider_enquiry', recordId: enquiryId, details: { providerId: e.provider_id, closedOn } });
      return { ok: true as const, id: enquiryId };
    });
  }
}
