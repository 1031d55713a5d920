import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** A local authority area: the unit of tenancy. Every table holding case data carries its tenant. */
export const tenant = pgTable('tenant', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Bank holiday division for the working-day calendar. */
  calendarDivision: text('calendar_division').notNull().default('england-and-wales'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const agency = pgTable(
  'agency',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /** NHS ODS code, police force code or similar, where there is one. */
    externalCode: text('external_code'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('agency_tenant_name').on(t.tenantId, t.name), index('agency_tenant_type').on(t.tenantId, t.type)],
);

export const team = pgTable(
  'team',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('team_agency_name').on(t.agencyId, t.name)],
);

/** A school is an agency of type "school" with its URN and phase. */
export const school = pgTable(
  'school',
  {
    agencyId: uuid('agency_id')
      .primaryKey()
      .references(() => agency.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    urn: text('urn').notNull(),
    phase: text('phase').notNull(),
    postcode: text('postcode'),
  },
  (t) => [unique('school_urn').on(t.urn)],
);
