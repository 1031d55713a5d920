import { sql } from 'drizzle-orm';
import { date, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.js';
import { tenant } from './tenancy.js';

export const bankHoliday = pgTable(
  'bank_holiday',
  {
    division: text('division').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    addedByUserId: uuid('added_by_user_id').references(() => appUser.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.division, t.date] })],
);

/** Years whose bank holidays an administrator has confirmed as complete, per division. */
export const calendarYear = pgTable(
  'calendar_year',
  {
    division: text('division').notNull(),
    year: integer('year').notNull(),
    confirmedByUserId: uuid('confirmed_by_user_id').references(() => appUser.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.division, t.year] })],
);

/** A tenant's own value for a timescale (the defaults, with their sources, live in domain/timescales.ts). */
export const timescaleSetting = pgTable(
  'timescale_setting',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    code: text('code').notNull(),
    amount: integer('amount').notNull(),
    unit: text('unit').notNull(),
    source: text('source').notNull(),
    updatedByUserId: uuid('updated_by_user_id').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('timescale_setting_tenant_code').on(t.tenantId, t.code)],
);
