/**
 * Late notifications: a notification received longer after its incident than the area allows for its risk grading
 * (domain/incidents.ts; by default 24 hours for high risk, 72 hours otherwise; each area's own lags are data with
 * their source, changed by an administrator) is recorded, and the front door's managers (its users who authorise
 * decisions) and the sending agency's managers (its users who receive its escalations) are told in the app, in the
 * transaction that receives it. The contact page says so, and the timeliness page counts them.
 */
import { type Database, transaction } from '../../db/client.js';
import { DEFAULT_LATE_LAGS, LAG_RISK_LABELS, LAG_RISK_LEVELS, type LagRiskLevel, type LateLagSetting, type Lateness, lagSettingProblems, lagWords, lateness } from '../../domain/incidents.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ContactReceived, type UpdateAttached } from './events.js';
import * as repo from './late-notifications-repository.js';
import { contactPath } from './paths.js';

export type { LateRow } from './late-notifications-repository.js';

/** The lags as an area has them, and whether each is the default or the area's own (with when it was changed). */
export interface LagSettingView {
  setting: LateLagSetting;
  own: Partial<Record<LagRiskLevel, { updatedAt: string }>>;
}

/** The permission of the sending agency's managers (partner managers receive their agency's escalations). */
const SENDING_AGENCY_MANAGERS = 'info_request:escalations' as const;
/** The permission of the front door's managers. */
const FRONT_DOOR_MANAGERS = 'contact:authorise' as const;

export class LateNotificationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly organisations: Pick<OrganisationService, 'areaUsersWith'>,
    private readonly now: () => Date,
  ) {}

  // ——— the area's lags ———

  async settingView(tenantId: string): Promise<LagSettingView> {
    const found = await repo.lagRows(this.db, tenantId);
    const setting: Record<LagRiskLevel, LateLagSetting[LagRiskLevel]> = { ...DEFAULT_LATE_LAGS };
    const own: LagSettingView['own'] = {};
    for (const r of found) {
      const level = LAG_RISK_LEVELS.find((l) => l === r.risk_level);
      if (!level) continue;
      setting[level] = { riskLevel: level, hours: Number(r.hours), source: r.source };
      own[level] = { updatedAt: r.updated_at };
    }
    return { setting, own };
  }

  async setting(tenantId: string): Promise<LateLagSetting> {
    return (await this.settingView(tenantId)).setting;
  }

  /** Changes the area's lags (every level at once, with where the standard comes from); audited. */
  async saveSetting(actor: Actor & { tenantId: string; userId: string }, hours: Record<LagRiskLevel, number>, source: string): Promise<{ problems: Partial<Record<LagRiskLevel | 'source', string>> } | { ok: true }> {
    const problems: Partial<Record<LagRiskLevel | 'source', string>> = lagSettingProblems(hours);
    if (!source.trim()) problems.source = 'Enter where these lags come from, like your MASH protocol';
    if (Object.keys(problems).length) return { problems };
    const before = await this.setting(actor.tenantId);
    const at = this.now();
    await transaction(this.db, async (tx) => {
      for (const level of LAG_RISK_LEVELS) await repo.saveLag(tx, { tenantId: actor.tenantId, riskLevel: level, hours: hours[level], source: source.trim(), userId: actor.userId, at });
      await this.audit.record(tx, actor, {
        action: 'admin.late_notification_lags_changed',
        details: { before: Object.fromEntries(LAG_RISK_LEVELS.map((l) => [l, before[l].hours])), after: hours, source: source.trim() },
      });
    });
    return { ok: true };
  }

  // ——— a notification received ———

  /** Whether a received notification or contact could be late: it names an incident time, or may (a form's contact). */
  mayBeLate(event: ContactReceived | UpdateAttached, setting: LateLagSetting | undefined): boolean {
    if (event.outcome === 'created' && event.notification === null) return true;
    const n = event.notification;
    if (!n?.incident?.occurredAt) return false;
    const judged = lateness(n.incident.occurredAt, n.receivedAt, n.riskLevel, setting ?? DEFAULT_LATE_LAGS);
    // Without the area's lags yet (a police file's chunk prepares once), anything past the smallest lag might be late.
    if (setting) return !!judged?.late;
    const smallest = Math.min(...LAG_RISK_LEVELS.map((l) => DEFAULT_LATE_LAGS[l].hours), 1);
    return !!judged && judged.lagHours > smallest;
  }

  /**
   * In the transaction receiving it (reads and writes through `tx` only): when the notification is late, records it
   * and tells the front door's managers and the sending agency's managers in the app. A police file's chunk is one
   * transaction: each manager is told once for it ("late notifications in a police file"), not once per row. Returns
   * what it did, for the contact's audit event.
   */
  async recordIn(tx: Database, event: ContactReceived | UpdateAttached, setting: LateLagSetting): Promise<{ lateNotification: { lag: string; allowedHours: number; riskLevel: LagRiskLevel; told: number } } | undefined> {
    let occurredAt: Date | null;
    let receivedAt: Date;
    let riskLevel: string | null;
    let sourceAgencyId = event.sourceAgencyId;
    if (event.notification) {
      occurredAt = event.notification.incident?.occurredAt ?? null;
      receivedAt = event.notification.receivedAt;
      riskLevel = event.notification.riskLevel;
    } else {
      // A contact recorded on the form: its incident time and grading are on the contact.
      const timing = await repo.contactTiming(tx, event.contactId);
      if (!timing) return undefined;
      occurredAt = timing.incident_at ? new Date(timing.incident_at) : null;
      receivedAt = new Date(timing.received_at);
      riskLevel = timing.risk_level;
      sourceAgencyId = timing.source_agency_id;
    }
    const judged = lateness(occurredAt, receivedAt, riskLevel, setting);
    if (!judged?.late || !occurredAt) return undefined;
    const agencies = await repo.owningAgencyOf(tx, event.contactId);
    if (!agencies) return undefined;
    const memo = this.memoOf(tx);
    const usersWith = (permission: typeof FRONT_DOOR_MANAGERS | typeof SENDING_AGENCY_MANAGERS) => {
      let found = memo.users.get(permission);
      if (!found) memo.users.set(permission, (found = this.organisations.areaUsersWith(event.tenantId, permission, tx)));
      return found;
    };
    const frontDoor = (await usersWith(FRONT_DOOR_MANAGERS)).filter((u) => u.agency_id === agencies.owning_agency_id);
    const frontDoorIds = new Set(frontDoor.map((u) => u.id));
    const sending = sourceAgencyId ? (await usersWith(SENDING_AGENCY_MANAGERS)).filter((u) => u.agency_id === sourceAgencyId && !frontDoorIds.has(u.id)) : [];
    const recorded = await repo.insertLate(tx, {
      tenantId: event.tenantId,
      contactId: event.contactId,
      updateId: event.outcome === 'attached' ? event.updateId : null,
      sourceAgencyId,
      riskLevel: judged.riskLevel,
      occurredAt,
      receivedAt,
      lagMinutes: Math.round(judged.lagHours * 60),
      allowedHours: judged.allowedHours,
      told: frontDoor.length + sending.length,
    });
    if (!recorded) return undefined;
    const words = this.words(judged);
    const inFile = event.channel === 'bulk';
    const title = inFile ? 'Late notifications in a police file' : `Late notification: ${event.reference}`;
    const tell = async (userId: string, body: string, link: string | null) => {
      if (memo.told.has(userId)) return;
      memo.told.add(userId);
      await notifyInApp(tx, { tenantId: event.tenantId, userId, title, body, link });
    };
    const fileNote = ' Others in the same police file may be late too: Measures → Front door timeliness counts them.';
    for (const u of frontDoor) {
      await tell(u.id, `${inFile ? `${event.reference}: this notification was` : event.outcome === 'attached' ? 'A later notification about this contact’s incident was' : 'This notification was'} ${words}${inFile ? fileNote : ''}`, contactPath(event.contactId, 'late-notification'));
    }
    // The sending agency sees a contact it sent; an update attached to another agency's contact is named, not linked.
    const senderSeesContact = event.outcome === 'created' || agencies.source_agency_id === sourceAgencyId;
    for (const u of sending) {
      await tell(u.id, `A notification your agency sent (${event.reference}) was ${words}${inFile ? fileNote : ''}`, senderSeesContact ? contactPath(event.contactId) : null);
    }
    return { lateNotification: { lag: lagWords(judged.lagHours), allowedHours: judged.allowedHours, riskLevel: judged.riskLevel, told: frontDoor.length + sending.length } };
  }

  /** What one transaction has read and told already (a police file's chunk receives many notifications in one). */
  private readonly transactions = new WeakMap<Database, { users: Map<string, Promise<{ id: string; agency_id: string }[]>>; told: Set<string> }>();

  private memoOf(tx: Database) {
    let memo = this.transactions.get(tx);
    if (!memo) this.transactions.set(tx, (memo = { users: new Map(), told: new Set() }));
    return memo;
  }

  /** "received 21 days after the incident: late (high risk notifications are expected within 24 hours)." */
  words(judged: Pick<Lateness, 'lagHours' | 'allowedHours' | 'riskLevel'>): string {
    const level = judged.riskLevel === 'not_graded' ? 'notifications without a risk grading are' : `${LAG_RISK_LABELS[judged.riskLevel].toLowerCase()} notifications are`;
    return `received ${lagWords(judged.lagHours)} after the incident: late (${level} expected within ${judged.allowedHours} hours).`;
  }

  // ——— reading ———

  /** The late notifications on a contact: its own first, then those of updates attached to it. */
  ofContact(contactId: string) {
    return repo.lateOf(this.db, contactId);
  }

  /** Per lag level, the notifications received in a period with an incident time, and how many were late. */
  async counts(tenantId: string, start: string, end: string): Promise<{ riskLevel: LagRiskLevel; label: string; received: number; late: number }[]> {
    const found = await repo.lateCounts(this.db, tenantId, start, end);
    return LAG_RISK_LEVELS.map((level) => {
      const r = found.find((x) => x.risk_level === level);
      return { riskLevel: level, label: LAG_RISK_LABELS[level], received: Number(r?.received ?? 0), late: Number(r?.late ?? 0) };
    });
  }
}
