import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.js';
import { contact } from './contacts.js';
import { person } from './people.js';
import { tenant } from './tenancy.js';

/**
 * Work with a statutory or local clock: an early help triage (5 working days), an assessment (45 working days).
 * Started by an authorised screening decision; completed by a practitioner.
 */
export const clock = pgTable(
  'clock',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** early_help_triage | assessment */
    kind: text('kind').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => person.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByUserId: uuid('completed_by_user_id').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clock_due').on(t.tenantId, t.kind, t.dueAt), index('clock_contact').on(t.contactId), unique('clock_once').on(t.contactId, t.kind, t.personId)],
);

/**
 * One row per record a measure counts, derived from the records by SQL (never typed in), with the dimensions it
 * can be broken down by. Refreshed incrementally; the figures are sums over it.
 */
export const measureFact = pgTable(
  'measure_fact',
  {
    tenantId: uuid('tenant_id').notNull(),
    measureId: text('measure_id').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The contact the record belongs to (for record-level permissions and links). */
    contactId: uuid('contact_id'),
    periodDate: date('period_date', { mode: 'string' }).notNull(),
    periodMonth: date('period_month', { mode: 'string' }).notNull(),
    numerator: boolean('numerator').notNull(),
    denominator: boolean('denominator').notNull(),
    value: real('value'),
    agencyId: uuid('agency_id'),
    locality: text('locality'),
    ageBand: text('age_band'),
    gender: text('gender'),
    ethnicity: text('ethnicity'),
    riskLevel: text('risk_level'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.measureId, t.recordId] }), index('measure_fact_period').on(t.tenantId, t.measureId, t.periodMonth)],
);

/**
 * Each measure's facts summed by month (numerator, denominator, median of values): what the scorecard reads.
 * Rebuilt for the months a refresh touched, so a page never aggregates the whole fact table.
 */
export const measureMonth = pgTable(
  'measure_month',
  {
    tenantId: uuid('tenant_id').notNull(),
    measureId: text('measure_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator').notNull(),
    median: real('median'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.measureId, t.month] })],
);

/** How far each measure's facts are up to date. */
export const measureRefresh = pgTable(
  'measure_refresh',
  {
    tenantId: uuid('tenant_id').notNull(),
    measureId: text('measure_id').notNull(),
    /** Records changed after this are not yet reflected. */
    watermark: timestamp('watermark', { withTimezone: true }).notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
    fullAt: timestamp('full_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.measureId] })],
);

/** The measures on a partnership's scorecard (a small set on purpose), in order, each with its owner. */
export const scorecardMeasure = pgTable(
  'scorecard_measure',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    measureId: text('measure_id').notNull(),
    position: integer('position').notNull(),
    periodType: text('period_type').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => appUser.id),
    targetValue: real('target_value'),
    targetTolerance: real('target_tolerance'),
    updatedByUserId: uuid('updated_by_user_id').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.measureId] })],
);

/** Mid-year population estimates by group and financial year, with their source. */
export const population = pgTable(
  'population',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    groupCode: text('group_code').notNull(),
    /** Financial year by its first calendar year (2024 = 2024-25). */
    year: integer('year').notNull(),
    value: integer('value').notNull(),
    source: text('source').notNull(),
    enteredByUserId: uuid('entered_by_user_id').references(() => appUser.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('population_once').on(t.tenantId, t.groupCode, t.year)],
);

/** Comparator figures per measure and year: statistical neighbours, England, top quartile, region. */
export const comparator = pgTable(
  'comparator',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    measureId: text('measure_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    value: real('value').notNull(),
    source: text('source').notNull(),
    enteredByUserId: uuid('entered_by_user_id').references(() => appUser.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('comparator_once').on(t.tenantId, t.measureId, t.kind, t.year)],
);

/** A published figure: kept as it was, with the records behind it, so it can be reproduced and explained. */
export const measureSnapshot = pgTable(
  'measure_snapshot',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    measureId: text('measure_id').notNull(),
    measureVersion: integer('measure_version').notNull(),
    periodKey: text('period_key').notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator'),
    median: real('median'),
    population: integer('population'),
    /** { numerator: [ids], denominator: [ids] } */
    records: jsonb('records').notNull(),
    publishedByUserId: uuid('published_by_user_id').references(() => appUser.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('measure_snapshot_once').on(t.tenantId, t.measureId, t.periodKey)],
);

/** The three commentary boxes the boards use, per measure and period, written by the measure's owner. */
export const measureCommentary = pgTable(
  'measure_commentary',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    measureId: text('measure_id').notNull(),
    periodKey: text('period_key').notNull(),
    workingWell: text('working_well'),
    worriedAbout: text('worried_about'),
    goingToDo: text('going_to_do'),
    updatedByUserId: uuid('updated_by_user_id').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('measure_commentary_once').on(t.tenantId, t.measureId, t.periodKey)],
);

