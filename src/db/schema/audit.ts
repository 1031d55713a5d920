import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail, one hash chain per tenant (and one for events outside any tenant). An event is written
 * unsealed (seq, prev_hash and hash null) in the caller's transaction; the audit sealer gives it its place in the
 * chain shortly after, in commit order (docs/adr/0008-audit-without-a-lock.md). A trigger refuses UPDATE and
 * DELETE except that one sealing update; `npm run audit:verify` recomputes every hash.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    /** Null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    tenantId: uuid('tenant_id'),
    userId: uuid('user_id'),
    roles: text('roles'),
    agencyId: uuid('agency_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    reason: text('reason'),
    requestId: text('request_id'),
    details: jsonb('details'),
    /** Null until sealed. */
    prevHash: text('prev_hash'),
    /** Null until sealed. */
    hash: text('hash'),
  },
  (t) => [
    unique('audit_event_chain_seq').on(t.chain, t.seq),
    index('audit_event_record').on(t.recordType, t.recordId, t.occurredAt),
    index('audit_event_tenant_action').on(t.tenantId, t.action, t.occurredAt),
    /** What the sealer reads: the events not sealed yet, in the order they were written. */
    index('audit_event_unsealed').on(t.id).where(sql`${t.seq} is null`),
    check(
      'audit_event_sealed_whole',
      sql`(${t.seq} is null and ${t.prevHash} is null and ${t.hash} is null) or (${t.seq} is not null and ${t.prevHash} is not null and ${t.hash} is not null)`,
    ),
  ],
);

/**
 * Keyed checkpoints, appended by the sealer in the transaction that extends a chain: the chain's new head and an
 * HMAC under a key kept outside the database, numbered across all chains and linked by the previous MAC.
 * Append-only like audit_event.
 */
export const auditCheckpoint = pgTable(
  'audit_checkpoint',
  {
    counter: bigint('counter', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    madeAt: timestamp('made_at', { withTimezone: true, precision: 3 }).notNull(),
    keyId: text('key_id').notNull(),
    prevMac: text('prev_mac').notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [index('audit_checkpoint_chain').on(t.chain, t.counter)],
);
