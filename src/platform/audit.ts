/**
 * The audit trail. Every change to a record, and every view of a person or contact, writes an event in the same
 * transaction as the change. `record` only inserts the event, unsealed: no lock and no read, so audited work never
 * waits for other audited work. The audit sealer (`audit-sealer.ts`) chains events in commit order shortly after
 * and appends keyed checkpoints; `verify` checks both (docs/adr/0008-audit-without-a-lock.md).
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../db/client.js';
import {
  type AuditProblem,
  type ChainHead,
  type ChainRow,
  type Checkpoint,
  type Hmac,
  type StoredCheckpoint,
  type UnsealedEvent,
  GENESIS_MAC,
  compareHeads,
  verifyChain,
  verifyCheckpoints,
} from '../domain/audit-chain.js';
import { sha256 } from './crypto.js';

export interface Actor {
  userId: string | null;
  tenantId: string | null;
  agencyId: string | null;
  roles: readonly string[];
  requestId: string | null;
}

export interface AuditEventInput {
  action: string;
  recordType?: string;
  recordId?: string;
  reason?: string;
  /** Ids and codes only: never names, narrative or anything else that identifies a person. */
  details?: Record<string, unknown>;
  /** Tenant of the record, when it differs from the actor's (or there is no actor). */
  tenantId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, tenantId: null, agencyId: null, roles: [], requestId: null };

function chainOf(tenantId: string | null): string {
  return tenantId ?? 'system';
}

/** An audit_event row as raw SQL returns it (seq, prev_hash and hash are null until it is sealed). */
export interface EventRow {
  id: number;
  chain: string;
  seq: number | null;
  occurred_at: string;
  tenant_id: string | null;
  user_id: string | null;
  roles: string | null;
  agency_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string | null;
  hash: string | null;
}

export const EVENT_COLUMNS = sql.raw(
  'id, chain, seq, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type, record_id, reason, request_id, details, prev_hash, hash',
);

/** The hashed fields of a stored event, read back exactly as the database holds them. */
export function eventFields(r: EventRow): UnsealedEvent {
  return {
    chain: r.chain,
    occurredAt: asDate(r.occurred_at).toISOString(),
    tenantId: r.tenant_id,
    userId: r.user_id,
    roles: r.roles,
    agencyId: r.agency_id,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    reason: r.reason,
    requestId: r.request_id,
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
  };
}

/** HMAC-SHA256 under the checkpoint key. */
export function checkpointHmac(key: Buffer): Hmac {
  return (text) => createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

export interface VerifyOptions {
  /** The checkpoint key (config.auditCheckpointKey). Without it every check but the MACs is made (`keyed: false`). */
  checkpointKey?: Buffer;
  /** Unsealed events older than this are a problem (the sealer is not running). Default 10 minutes. */
  unsealedToleranceMs?: number;
  now?: Date;
}

export interface AuditVerification {
  /** Sealed events checked. */
  checked: number;
  /** Chains with sealed events. */
  chains: number;
  problems: AuditProblem[];
  /** Each chain's sealed head hash. */
  heads: Record<string, string>;
  checkpoints: { checked: number; keyed: boolean; newestAt: Date | null };
  /** Events written but not sealed yet (normal for a few seconds after they are written). */
  unsealed: { count: number; oldestAt: Date | null };
}

export const DEFAULT_UNSEALED_TOLERANCE_MS = 10 * 60_000;
const BATCH = 5000;

export class AuditTrail {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /**
   * Writes an event inside the caller's transaction: one insert, unsealed, with no lock and no read, so it commits
   * or rolls back with the change and never waits for other audited work. The sealer chains it after commit.
   */
  async record(tx: Database, actor: Actor, event: AuditEventInput): Promise<void> {
    const tenantId = event.tenantId !== undefined ? event.tenantId : actor.tenantId;
    await tx.execute(sql`
      insert into audit_event (chain, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type,
                               record_id, reason, request_id, details)
      values (${chainOf(tenantId)}, ${this.now().toISOString()}, ${tenantId}, ${actor.userId},
              ${actor.roles.length ? actor.roles.join(',') : null}, ${actor.agencyId}, ${event.action},
              ${event.recordType ?? null}, ${event.recordId ?? null}, ${event.reason ?? null}, ${actor.requestId},
              ${event.details === undefined || event.details === null ? null : JSON.stringify(event.details)}::jsonb)`);
  }

  /** Writes an event on its own (for events with no other change: views, refusals, sign-ins). */
  recordNow(actor: Actor, event: AuditEventInput): Promise<void> {
    // One insert is its own transaction.
    return this.record(this.db, actor, event);
  }

  /**
   * Checks the whole trail in one consistent snapshot: recomputes every chain; checks every checkpoint (numbered
   * without gaps, each following the one before, its MAC under the key, its event still in the chain); checks that
   * each chain ends exactly at its newest checkpoint; and counts the events not sealed yet.
   */
  async verify(options: VerifyOptions = {}): Promise<AuditVerification> {
    const hmac = options.checkpointKey ? checkpointHmac(options.checkpointKey) : null;
    const now = options.now ?? this.now();
    const tolerance = options.unsealedToleranceMs ?? DEFAULT_UNSEALED_TOLERANCE_MS;
    return transaction(this.db, async (tx) => {
      // The sealer may extend chains and add checkpoints meanwhile: read them all as of one moment.
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const problems: AuditProblem[] = [];
      const heads = new Map<string, ChainHead>();
      let checked = 0;
      const chains = await rows<{ chain: string }>(tx, sql`select distinct chain from audit_event where seq is not null order by chain`);
      for (const { chain } of chains) {
        let carry: ChainHead | undefined;
        for (;;) {
          const batch = await rows<EventRow>(
            tx,
            sql`select ${EVENT_COLUMNS} from audit_event where chain = ${chain} and seq > ${carry?.seq ?? 0} order by seq limit ${BATCH}`,
          );
          if (batch.length === 0) break;
          const chainRows: ChainRow[] = batch.map((r) => ({ ...eventFields(r), seq: Number(r.seq), prevHash: r.prev_hash!, hash: r.hash! }));
          // Each batch continues from the last row of the previous one.
          for (const p of verifyChain(chainRows, sha256, carry)) problems.push({ chain, ...p });
          checked += chainRows.length;
          const last = chainRows[chainRows.length - 1]!;
          carry = { seq: last.seq, hash: last.hash };
        }
        if (carry) heads.set(chain, carry);
      }

      const newest = new Map<string, Pick<Checkpoint, 'counter' | 'seq'>>();
      let after = { counter: 0, mac: GENESIS_MAC };
      let newestAt: Date | null = null;
      let checkpointsChecked = 0;
      for (;;) {
        const batch = await rows<{
          counter: number; chain: string; seq: number; head_hash: string; made_at: string; key_id: string;
          prev_mac: string; mac: string; event_hash: string | null;
        }>(
          tx,
          sql`select c.counter, c.chain, c.seq, c.head_hash, c.made_at, c.key_id, c.prev_mac, c.mac, e.hash as event_hash
                from audit_checkpoint c
                left join audit_event e on e.chain = c.chain and e.seq = c.seq
               where c.counter > ${after.counter}
               order by c.counter limit ${BATCH}`,
        );
        if (batch.length === 0) break;
        const stored: StoredCheckpoint[] = batch.map((c) => ({
          counter: Number(c.counter),
          chain: c.chain,
          seq: Number(c.seq),
          headHash: c.head_hash,
          madeAt: asDate(c.made_at).toISOString(),
          keyId: c.key_id,
          prevMac: c.prev_mac,
          mac: c.mac,
          eventHash: c.event_hash,
        }));
        problems.push(...verifyCheckpoints(stored, hmac, after));
        for (const c of stored) newest.set(c.chain, { counter: c.counter, seq: c.seq });
        checkpointsChecked += stored.length;
        const last = stored[stored.length - 1]!;
        after = { counter: last.counter, mac: last.mac };
        newestAt = new Date(last.madeAt);
      }
      problems.push(...compareHeads(heads, newest));

      const pending = await one<{ n: number; oldest: string | null }>(
        tx,
        sql`select count(*)::int as n, min(occurred_at) as oldest from audit_event where seq is null`,
      );
      const unsealed = { count: Number(pending?.n ?? 0), oldestAt: asDate(pending?.oldest ?? null) };
      if (unsealed.oldestAt && now.getTime() - unsealed.oldestAt.getTime() > tolerance) {
        const late = await one<{ chain: string; n: number }>(
          tx,
          sql`select chain, count(*)::int as n from audit_event
               where seq is null and occurred_at < ${new Date(now.getTime() - tolerance).toISOString()}
               group by chain order by count(*) desc limit 1`,
        );
        problems.push({
          chain: late?.chain ?? 'system',
          seq: 0,
          problem: `${unsealed.count} event(s) are not sealed, the oldest written at ${unsealed.oldestAt.toISOString()} (more than ${Math.round(tolerance / 60_000)} minutes ago): is the audit sealer running?`,
        });
      }
      return {
        checked,
        chains: heads.size,
        problems,
        heads: Object.fromEntries([...heads].map(([chain, head]) => [chain, head.hash])),
        checkpoints: { checked: checkpointsChecked, keyed: hmac !== null, newestAt },
        unsealed,
      };
    });
  }

  /** Whether a chain still holds a sealed event with this hash (a head recorded earlier). */
  async chainContains(chain: string, hash: string): Promise<boolean> {
    return !!(await one(this.db, sql`select 1 from audit_event where chain = ${chain} and hash = ${hash}`));
  }

  /** Who has looked at or changed a record, newest first (sealed or not yet). */
  async eventsFor(tenantId: string, recordType: string, recordId: string, limit = 200) {
    return rows<{ occurred_at: string; action: string; reason: string | null; user_id: string | null; display_name: string | null; agency_name: string | null; roles: string | null }>(
      this.db,
      sql`select e.occurred_at, e.action, e.reason, e.user_id, u.display_name, a.name as agency_name, e.roles
            from audit_event e
            left join app_user u on u.id = e.user_id
            left join agency a on a.id = e.agency_id
           where e.chain = ${tenantId} and e.record_type = ${recordType} and e.record_id = ${recordId}
           order by e.occurred_at desc, e.id desc limit ${limit}`,
    );
  }
}
