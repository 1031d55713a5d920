import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agency, tenant } from './tenancy.js';
import { appUser } from './accounts.js';

export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    /** exact | estimated | unborn (then dateOfBirth holds the expected date of delivery). */
    dobPrecision: text('dob_precision').notNull().default('exact'),
    gender: text('gender').notNull().default('unknown'),
    ethnicity: text('ethnicity'),
    firstLanguage: text('first_language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    restricted: boolean('restricted').notNull().default(false),
    deceasedOn: date('deceased_on', { mode: 'string' }),
    createdByAgencyId: uuid('created_by_agency_id').references(() => agency.id),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_tenant_dob').on(t.tenantId, t.dateOfBirth)],
);

export const personName = pgTable(
  'person_name',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    /** The name shown for the person. Exactly one per person. */
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_name_person').on(t.personId),
    index('person_name_exact').on(t.tenantId, sql`lower(${t.familyName})`, sql`lower(${t.givenNames})`),
  ],
);

export const personIdentifier = pgTable(
  'person_identifier',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    value: text('value').notNull(),
    issuerAgencyId: uuid('issuer_agency_id').references(() => agency.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_identifier_lookup').on(t.tenantId, t.type, t.value), index('person_identifier_person').on(t.personId)],
);

export const personAddress = pgTable(
  'person_address',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    line1: text('line1').notNull(),
    line2: text('line2'),
    town: text('town'),
    postcode: text('postcode'),
    uprn: text('uprn'),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_address_person').on(t.personId), index('person_address_postcode').on(t.tenantId, t.postcode)],
);

/** "person is the <type> of relatedPerson", dated. */
export const personRelationship = pgTable(
  'person_relationship',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    relatedPersonId: uuid('related_person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_relationship_person').on(t.personId), index('person_relationship_related').on(t.relatedPersonId)],
);
