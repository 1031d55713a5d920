import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agency, tenant } from './tenancy.js';

/** A partner agency's system allowed to send contacts through the API (OAuth 2 client credentials). */
export const apiClient = pgTable('api_client', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenant.id),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agency.id),
  name: text('name').notNull(),
  /** Public identifier, sent with the secret to get a token. */
  clientId: text('client_id').notNull().unique(),
  /** argon2id hash of the secret; the secret itself is shown once, when the client is made. */
  secretHash: text('secret_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** Bearer tokens issued to API clients, stored hashed (SHA-256), short-lived. */
export const apiToken = pgTable(
  'api_token',
  {
    tokenHash: text('token_hash').primaryKey(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClient.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_token_expiry').on(t.expiresAt)],
);

/** The first response to each Idempotency-Key, replayed for retries of the same request. */
export const idempotencyRecord = pgTable(
  'idempotency_record',
  {
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClient.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of the method, path and body: the same key with a different request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    headers: jsonb('headers').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiClientId, t.key] }), index('idempotency_created').on(t.createdAt)],
);
