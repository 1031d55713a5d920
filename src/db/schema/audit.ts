import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail, one hash chain per tenant (and one for events outside any tenant). A trigger refuses
 * UPDATE and DELETE; `npm run audit:verify` recomputes every hash.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('audit_event_chain_seq').on(t.chain, t.seq),
    index('audit_event_record').on(t.recordType, t.recordId, t.occurredAt),
    index('audit_event_tenant_action').on(t.tenantId, t.action, t.occurredAt),
  ],
);
