import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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
    riskToStaff: boolean('risk_to_staff').notNull().default(false),
    riskToStaffNote: text('risk_to_staff_note'),
    deceasedOn: date('deceased_on', { mode: 'string' }),
    /** Set when this record was merged into another: the survivor. Reads follow it. */
    mergedIntoPersonId: uuid('merged_into_person_id'),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
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
    /** Given and family names normalised (lower case, no accents or punctuation), for fuzzy search. */
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_name_person').on(t.personId),
    index('person_name_exact').on(t.tenantId, sql`lower(${t.familyName})`, sql`lower(${t.givenNames})`),
    index('person_name_trigram').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const personContact = pgTable(
  'person_contact',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** phone | email | other */
    type: text('type').notNull(),
    value: text('value').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_contact_person').on(t.personId)],
);

/** What the matching engine knows of a person (all names, date of birth, address, identifiers), kept on write. */
export const personMatchProfile = pgTable('person_match_profile', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => person.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenant.id),
  fields: jsonb('fields').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Blocking keys (hashed), one row per key: a lookup finds candidates by index, never by scanning the register. */
export const personMatchKey = pgTable(
  'person_match_key',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: integer('key').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
  },
  (t) => [index('person_match_key_lookup').on(t.tenantId, t.key), index('person_match_key_person').on(t.personId)],
);

/** Estimated matching parameters for an area (m, u, prior, name frequencies), newest in use. */
export const matchModel = pgTable(
  'match_model',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    params: jsonb('params').notNull(),
    frequencies: jsonb('frequencies').notNull(),
    source: text('source').notNull(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_model_tenant').on(t.tenantId, t.trainedAt)],
);

/** Pairs of records that may be the same person, for someone to decide. */
export const duplicateCandidate = pgTable(
  'duplicate_candidate',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    personA: uuid('person_a')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    personB: uuid('person_b')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    probability: real('probability').notNull(),
    /** open | merged | not_same */
    status: text('status').notNull().default('open'),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
    decidedByUserId: uuid('decided_by_user_id').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [unique('duplicate_candidate_pair').on(t.personA, t.personB), index('duplicate_candidate_queue').on(t.tenantId, t.status, t.probability)],
);

/** A merge, with exactly what moved, so it can be undone. */
export const personMerge = pgTable(
  'person_merge',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => person.id),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => person.id),
    moved: jsonb('moved').notNull(),
    reason: text('reason'),
    mergedByUserId: uuid('merged_by_user_id').references(() => appUser.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneByUserId: uuid('undone_by_user_id').references(() => appUser.id),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('person_merge_survivor').on(t.survivorId), index('person_merge_merged').on(t.mergedId)],
);

/** People living at one address: derived from shared current addresses, adjustable by hand. */
export const household = pgTable(
  'household',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** UPRN, or the normalised first line and postcode. */
    addressKey: text('address_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('household_address').on(t.tenantId, t.addressKey)],
);

export const householdMember = pgTable(
  'household_member',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** address (derived) | manual */
    source: text('source').notNull(),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    /** Taken out by hand: the shared address does not put them back. */
    removedByHand: boolean('removed_by_hand').notNull().default(false),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_member_household').on(t.householdId), index('household_member_person').on(t.personId)],
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
