/**
 * The audit trail. Every change to a record, and every view of a person or contact, writes an event in the same
 * transaction as the change. Events form a hash chain per tenant; an advisory lock serialises writers of a chain
 * so the chain never forks. Call `record` last in a transaction: the lock is held until commit.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../db/client.js';
import { type AuditFields, type ChainProblem, type ChainRow, GENESIS_HASH, auditPayload, verifyChain } from '../domain/audit-chain.js';
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

export class AuditTrail {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Appends an event inside the caller's transaction. */
  async record(tx: Database, actor: Actor, event: AuditEventInput): Promise<void> {
    const tenantId = event.tenantId !== undefined ? event.tenantId : actor.tenantId;
    const chain = chainOf(tenantId);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + chain}))`);
    const last = await one<{ seq: number; hash: string }>(
      tx,
      sql`select seq, hash from audit_event where chain = ${chain} order by seq desc limit 1`,
    );
    const fields: AuditFields = {
      chain,
      seq: (last?.seq ?? 0) + 1,
      occurredAt: this.now().toISOString(),
      tenantId,
      userId: actor.userId,
      roles: actor.roles.length ? actor.roles.join(',') : null,
      agencyId: actor.agencyId,
      action: event.action,
      recordType: event.recordType ?? null,
      recordId: event.recordId ?? null,
      reason: event.reason ?? null,
      requestId: actor.requestId,
      details: event.details ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = sha256(auditPayload(fields, prevHash));
    await tx.execute(sql`
      insert into audit_event (chain, seq, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type,
                               record_id, reason, request_id, details, prev_hash, hash)
      values (${fields.chain}, ${fields.seq}, ${fields.occurredAt}, ${fields.tenantId}, ${fields.userId},
              ${fields.roles}, ${fields.agencyId}, ${fields.action}, ${fields.recordType}, ${fields.recordId},
              ${fields.reason}, ${fields.requestId},
              ${fields.details === null ? null : JSON.stringify(fields.details)}::jsonb, ${prevHash}, ${hash})`);
  }

  /** Appends an event in a transaction of its own (for events with no other change: views, refusals, sign-ins). */
  recordNow(actor: Actor, event: AuditEventInput): Promise<void> {
    return transaction(this.db, (tx) => this.record(tx, actor, event));
  }

  /** Recomputes every chain. Returns the problems found and how many rows were checked. */
  async verify(): Promise<{ checked: number; chains: number; problems: (ChainProblem & { chain: string })[]; heads: Record<string, string> }> {
    const chains = await rows<{ chain: string }>(this.db, sql`select distinct chain from audit_event order by chain`);
    const problems: (ChainProblem & { chain: string })[] = [];
    const heads: Record<string, string> = {};
    let checked = 0;
    for (const { chain } of chains) {
      let afterSeq = 0;
      let carry: ChainRow | undefined;
      for (;;) {
        const batch = await rows<{
          chain: string; seq: number; occurred_at: string; tenant_id: string | null; user_id: string | null;
          roles: string | null; agency_id: string | null; action: string; record_type: string | null;
          record_id: string | null; reason: string | null; request_id: string | null; details: unknown;
          prev_hash: string; hash: string;
        }>(
          this.db,
          sql`select chain, seq, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type, record_id,
                     reason, request_id, details, prev_hash, hash
                from audit_event where chain = ${chain} and seq > ${afterSeq} order by seq limit 5000`,
        );
        if (batch.length === 0) break;
        const chainRows: ChainRow[] = batch.map((r) => ({
          chain: r.chain,
          seq: Number(r.seq),
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
          prevHash: r.prev_hash,
          hash: r.hash,
        }));
        // Each batch continues from the last row of the previous one.
        const found = verifyChain(chainRows, sha256, carry ? { seq: carry.seq, hash: carry.hash } : undefined);
        for (const p of found) problems.push({ chain, ...p });
        checked += chainRows.length;
        carry = chainRows[chainRows.length - 1];
        afterSeq = carry!.seq;
        heads[chain] = carry!.hash;
      }
    }
    return { checked, chains: chains.length, problems, heads };
  }

  /** Whether a chain still holds an event with this hash (a head recorded earlier). */
  async chainContains(chain: string, hash: string): Promise<boolean> {
    return !!(await one(this.db, sql`select 1 from audit_event where chain = ${chain} and hash = ${hash}`));
  }

  /** Who has looked at or changed a record, newest first. */
  async eventsFor(tenantId: string, recordType: string, recordId: string, limit = 200) {
    return rows<{ occurred_at: string; action: string; reason: string | null; user_id: string | null; display_name: string | null; agency_name: string | null; roles: string | null }>(
      this.db,
      sql`select e.occurred_at, e.action, e.reason, e.user_id, u.display_name, a.name as agency_name, e.roles
            from audit_event e
            left join app_user u on u.id = e.user_id
            left join agency a on a.id = e.agency_id
           where e.chain = ${tenantId} and e.record_type = ${recordType} and e.record_id = ${recordId}
           order by e.seq desc limit ${limit}`,
    );
  }
}
