import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { agency, team, tenant } from './tenancy.js';

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    teamId: uuid('team_id').references(() => team.id),
    /** Lower-case e-mail address: the sign-in name. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** argon2id; null for accounts that only sign in through the council's identity provider. */
    passwordHash: text('password_hash'),
    /** TOTP secret, encrypted with the application secret (AES-256-GCM). */
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    oidcSubject: text('oidc_subject').unique(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('app_user_tenant_agency').on(t.tenantId, t.agencyId)],
);

export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    grantedByUserId: uuid('granted_by_user_id').references(() => appUser.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('role_assignment_user_role').on(t.userId, t.role)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const userSession = pgTable(
  'user_session',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** 'active', or 'mfa' (password accepted, second factor awaited) or 'mfa-enrol' (must set one up). */
    stage: text('stage').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** TOTP secret offered during enrolment, encrypted, until confirmed. */
    pendingTotpSecretEnc: text('pending_totp_secret_enc'),
    signInMethod: text('sign_in_method').notNull().default('password'),
  },
  (t) => [index('user_session_user').on(t.userId), index('user_session_expires').on(t.expiresAt)],
);

/** A stated reason to open a restricted record; valid for a short time, reported to managers. */
export const breakGlass = pgTable(
  'break_glass',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    reason: text('reason').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('break_glass_lookup').on(t.userId, t.recordType, t.recordId), index('break_glass_tenant').on(t.tenantId, t.openedAt)],
);

/**
 * Failed sign-in attempts (passwords and second-factor codes), counted per scope so that an attacker is slowed
 * without the account being locked (src/features/accounts/throttle.ts). Keys are HMACs under a key derived from
 * THRESHOLD_SECRET: no email address or IP address is stored in clear. Rows expire `expires_at` after the last
 * failure and are deleted lazily.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    /** HMAC of the scope and what it counts: (account, source), a source address, or an account. */
    keyHash: text('key_hash').primaryKey(),
    /** 'pair' (an account from one source), 'source' (an address, across accounts) or 'account'. */
    scope: text('scope').notNull(),
    /** HMAC of the normalised email address tried ('pair' and 'account'), so an administrator can clear them. */
    accountHash: text('account_hash'),
    /** The account, when the address tried belongs to one (never shown to the person signing in). */
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'cascade' }),
    failures: integer('failures').notNull().default(0),
    /** No attempt in this scope is answered before this time. */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_throttle_account').on(t.accountHash), index('sign_in_throttle_user').on(t.userId), index('sign_in_throttle_expires').on(t.expiresAt)],
);
