/**
 * The public content the partnership's business unit keeps: the "Find help" directory (local and national services,
 * each with how to reach it, when it is open and when it was last checked) and the awareness campaigns. The public
 * site reads the published directory and campaigns through this service; nothing else writes them.
 *
 * Every change is audited as the last write of its transaction (ids and codes only) and then `changed()` tells the
 * public site to drop the pages it kept. An entry unchecked for six months is out of date (domain/public-content.ts):
 * `sendStaleReminders` emails the area's business unit one list of them, once per lapse.
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, publicContentAccess } from '../../domain/access.js';
import { HELP_ENTRY_STALE_AFTER_DAYS, reminderDue } from '../../domain/public-content.js';
import { addDays, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail, SYSTEM_ACTOR } from '../../platform/audit.js';
import { enqueueEmail } from '../../platform/outbox.js';
import { type OrganisationService } from '../organisations/service.js';
import { type CampaignInput, type ServiceInput } from './forms.js';
import { publicContentPath } from './paths.js';
import * as repo from './repository.js';

export type { CampaignRow, HelpServiceRow, ServiceFilter } from './repository.js';
export type UserActor = Actor & { userId: string; tenantId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { id: string } | { problems: Problems } | { notFound: true };

/** At most this many entries are read for one area's public directory (the demo has about 40). */
export const PUBLISHED_LIMIT = 2_000;

export class PublicContentService {
  private listeners: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
    /** For the reminder: who in an area keeps the directory. */
    readonly organisations: OrganisationService | null = null,
    /** Where Threshold is, for the reminder's link. */
    readonly publicUrl = '',
  ) {}

  /** Called after every change to the directory or the campaigns (the public site drops the pages it kept). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  protected changed(): void {
    for (const l of this.listeners) l();
  }

  today(): string {
    return londonDate(this.now());
  }

  /** The last day an entry may have been checked and be out of date today. */
  private staleOn(today: string): string {
    return addDays(today, -HELP_ENTRY_STALE_AFTER_DAYS);
  }

  async helpServiceAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.helpServiceFacts(this.db, id);
    return facts && publicContentAccess(viewer, facts);
  }

  async campaignAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.campaignFacts(this.db, id);
    return facts && publicContentAccess(viewer, facts);
  }

  // ——— the directory, for the business unit ———

  /** A page of the area's entries, with how many current entries are out of date. */
  /**
   * For the business unit's home page: the current entries out of date (the directory's "out of date" filter's total,
   * by the same query), and the campaigns starting in the next 14 days (not audited: counts and titles only).
   */
  async homeSummary(tenantId: string) {
    const today = this.today();
    const [stale, current] = await Promise.all([
      repo.listServices(this.db, tenantId, { need: null, archived: false, staleOn: this.staleOn(today) }, 0, 0),
      repo.currentCampaigns(this.db, tenantId, today, 50),
    ]);
    const until = addDays(today, 14);
    return { stale: stale.total, starting: current.filter((c) => c.starts_on >= today && c.starts_on <= until).slice(0, 3), today };
  }

  /** The directory; `stale` keeps only the current entries out of date today. */
  async directoryPage(viewer: RecordViewer, filter: { need: string | null; archived: boolean; stale: boolean }, page: number, pageSize: number) {
    const today = this.today();
    return this.directory(viewer, { need: filter.need, archived: filter.archived, staleOn: filter.stale ? this.staleOn(today) : null }, page, pageSize);
  }

  async directory(viewer: RecordViewer, filter: repo.ServiceFilter, page: number, pageSize: number) {
    const today = this.today();
    const [list, stale] = await Promise.all([repo.listServices(this.db, viewer.tenantId, filter, pageSize, (page - 1) * pageSize), repo.countStale(this.db, viewer.tenantId, this.staleOn(today))]);
    return { ...list, stale, today };
  }

  async service(viewer: RecordViewer, id: string): Promise<repo.HelpServiceRow | undefined> {
    const row = await repo.service(this.db, id);
    return row && row.tenant_id === viewer.tenantId ? row : undefined;
  }

  async addService(actor: UserActor, input: ServiceInput): Promise<ChangeResult> {
    const today = this.today();
    const id = await transaction(this.db, async (tx) => {
      const id = await repo.insertService(tx, actor.tenantId, input, actor.userId, today);
      await this.audit.record(tx, actor, { action: 'public_content.service_added', recordType: 'help_service', recordId: id, details: { needs: input.needs, areas: input.areas } });
      return id;
    });
    this.changed();
    return { id };
  }

  async editService(actor: UserActor, id: string, input: ServiceInput): Promise<ChangeResult> {
    const current = await repo.service(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    await transaction(this.db, async (tx) => {
      await repo.updateService(tx, id, input, this.now());
      await this.audit.record(tx, actor, { action: 'public_content.service_changed', recordType: 'help_service', recordId: id, details: { needs: input.needs, areas: input.areas } });
    });
    this.changed();
    return { id };
  }

  /** "Mark as checked today": the entry's details were confirmed with the service. */
  async markChecked(actor: UserActor, id: string): Promise<ChangeResult> {
    const current = await repo.service(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    if (current.archived_at) return { problems: { form: 'This entry is archived: restore it before marking it as checked' } };
    const today = this.today();
    await transaction(this.db, async (tx) => {
      await repo.markChecked(tx, id, actor.userId, today, this.now());
      await this.audit.record(tx, actor, { action: 'public_content.service_checked', recordType: 'help_service', recordId: id, details: { checkedOn: today, previously: current.last_checked_on } });
    });
    this.changed();
    return { id };
  }

  /** Archives (the public no longer sees it) or restores an entry. */
  async archiveService(actor: UserActor, id: string, archive: boolean): Promise<ChangeResult> {
    const current = await repo.service(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    const done = await transaction(this.db, async (tx) => {
      const changed = await repo.setServiceArchived(tx, id, archive ? this.now() : null);
      if (!changed) return false;
      await this.audit.record(tx, actor, { action: archive ? 'public_content.service_archived' : 'public_content.service_restored', recordType: 'help_service', recordId: id });
      return true;
    });
    if (!done) return { problems: { form: archive ? 'This entry is already archived' : 'This entry is not archived' } };
    this.changed();
    return { id };
  }

  // ——— campaigns, for the business unit ———

  async campaigns(viewer: RecordViewer, archived: boolean, page: number, pageSize: number) {
    const list = await repo.listCampaigns(this.db, viewer.tenantId, archived, pageSize, (page - 1) * pageSize);
    return { ...list, today: this.today() };
  }

  async campaign(viewer: RecordViewer, id: string): Promise<repo.CampaignRow | undefined> {
    const row = await repo.campaign(this.db, id);
    return row && row.tenant_id === viewer.tenantId ? row : undefined;
  }

  async addCampaign(actor: UserActor, input: CampaignInput): Promise<ChangeResult> {
    const id = await transaction(this.db, async (tx) => {
      const id = await repo.insertCampaign(tx, actor.tenantId, input);
      await this.audit.record(tx, actor, { action: 'public_content.campaign_added', recordType: 'awareness_campaign', recordId: id, details: { board: input.board, startsOn: input.startsOn, endsOn: input.endsOn } });
      return id;
    });
    this.changed();
    return { id };
  }

  async editCampaign(actor: UserActor, id: string, input: CampaignInput): Promise<ChangeResult> {
    const current = await repo.campaign(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    await transaction(this.db, async (tx) => {
      await repo.updateCampaign(tx, id, input, this.now());
      await this.audit.record(tx, actor, { action: 'public_content.campaign_changed', recordType: 'awareness_campaign', recordId: id, details: { board: input.board, startsOn: input.startsOn, endsOn: input.endsOn } });
    });
    this.changed();
    return { id };
  }

  async archiveCampaign(actor: UserActor, id: string, archive: boolean): Promise<ChangeResult> {
    const current = await repo.campaign(this.db, id);
    if (!current || current.tenant_id !== actor.tenantId) return { notFound: true };
    const done = await transaction(this.db, async (tx) => {
      const changed = await repo.setCampaignArchived(tx, id, archive ? this.now() : null);
      if (!changed) return false;
      await this.audit.record(tx, actor, { action: archive ? 'public_content.campaign_archived' : 'public_content.campaign_restored', recordType: 'awareness_campaign', recordId: id });
      return true;
    });
    if (!done) return { problems: { form: archive ? 'This campaign is already archived' : 'This campaign is not archived' } };
    this.changed();
    return { id };
  }

  // ——— for the public site ———

  /** Every entry the public may see in an area (none archived). */
  publishedServices(tenantId: string): Promise<repo.HelpServiceRow[]> {
    return repo.publishedServices(this.db, tenantId, PUBLISHED_LIMIT);
  }

  /** The area's campaigns live today or still to come. */
  currentCampaigns(tenantId: string, today = this.today()): Promise<repo.CampaignRow[]> {
    return repo.currentCampaigns(this.db, tenantId, today, 200);
  }

  // ——— the reminder ———

  /**
   * For each area, one email to each of its users who keep the directory, listing the entries whose reminder is due
   * (out of date and not reminded of since last checked), which are then marked reminded today. An area with no one
   * to tell is left for the next run. Safe to run often and from several processes: an entry is reminded of once
   * per lapse, so an area gets at most one email a day.
   */
  async sendStaleReminders(now: Date = this.now()): Promise<{ areas: number; entries: number; emails: number }> {
    if (!this.organisations) throw new Error('The reminder needs the organisation service');
    const today = londonDate(now);
    const staleOn = this.staleOn(today);
    const due = (await repo.staleUnreminded(this.db, staleOn)).filter((r) => reminderDue({ lastCheckedOn: r.last_checked_on, reminderSentOn: r.reminder_sent_on, archived: false }, today));
    const byArea = new Map<string, repo.StaleRow[]>();
    for (const r of due) byArea.set(r.tenant_id, [...(byArea.get(r.tenant_id) ?? []), r]);
    const sent = { areas: 0, entries: 0, emails: 0 };
    for (const [tenantId, entries] of byArea) {
      const recipients = [...new Map((await this.organisations.areaUsersWith(tenantId, 'public_content:manage')).map((u) => [u.email.toLowerCase(), u])).values()];
      if (recipients.length === 0) continue;
      const link = `${this.publicUrl}${publicContentPath('services', {})}`;
      const marked = await transaction(this.db, async (tx) => {
        const ids = new Set(await repo.markReminded(tx, entries.map((e) => e.id), staleOn, today));
        const listed = entries.filter((e) => ids.has(e.id));
        if (listed.length === 0) return 0;
        const lines = listed.map((e) => `- ${e.name.replace(/[\r\n]+/g, ' ')}`).join('\n');
        for (const u of recipients) {
          await enqueueEmail(tx, {
            tenantId,
            template: 'public_content.entries_out_of_date',
            recipient: u.email,
            personalisation: { count: String(listed.length), entries: lines, link },
          });
        }
        await this.audit.record(tx, { ...SYSTEM_ACTOR, tenantId }, {
          action: 'public_content.reminder_sent',
          recordType: 'help_service',
          details: { entries: listed.map((e) => e.id), recipients: recipients.length },
        });
        return listed.length;
      });
      if (marked) {
        sent.areas += 1;
        sent.entries += marked;
        sent.emails += recipients.length;
      }
    }
    return sent;
  }

  /** Runs `sendStaleReminders` every `intervalMs` (the server starts it; entries fall out of date by the day). */
  startReminding(intervalMs: number, log?: (message: string, fields: Record<string, unknown>) => void): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.sendStaleReminders()
        .then((sent) => {
          if (sent.emails) log?.('find help reminders sent', sent);
        })
        .catch((err: unknown) => log?.('find help reminders failed', { err: err instanceof Error ? err.message : String(err) }))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  stopReminding(): Promise<unknown> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }
}
