import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.js';
import { person } from './people.js';
import { agency, tenant } from './tenancy.js';

/** Any request for help or expression of concern about a child or an adult. */
export const contact = pgTable(
  'contact',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** Human reference, e.g. C-2026-000123; given when submitted. */
    reference: text('reference'),
    status: text('status').notNull(),
    contactType: text('contact_type').notNull(),
    owningAgencyId: uuid('owning_agency_id')
      .notNull()
      .references(() => agency.id),
    sourceAgencyId: uuid('source_agency_id').references(() => agency.id),
    sourceCode: text('source_code').notNull(),
    referrerName: text('referrer_name'),
    referrerRole: text('referrer_role'),
    referrerPhone: text('referrer_phone'),
    referrerEmail: text('referrer_email'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    incidentAt: timestamp('incident_at', { withTimezone: true }),
    concerns: text('concerns').array().notNull().default(sql`'{}'::text[]`),
    narrative: text('narrative').notNull(),
    consent: text('consent').notNull(),
    consentLawfulBasis: text('consent_lawful_basis'),
    consentReason: text('consent_reason'),
    decisionDueAt: timestamp('decision_due_at', { withTimezone: true }),
    allocatedUserId: uuid('allocated_user_id').references(() => appUser.id),
    restricted: boolean('restricted').notNull().default(false),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => appUser.id),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('contact_reference').on(t.reference),
    index('contact_worklist').on(t.tenantId, t.owningAgencyId, t.status, t.decisionDueAt),
    index('contact_source_agency').on(t.tenantId, t.sourceAgencyId),
    index('contact_created_by').on(t.createdByUserId, t.status),
  ],
);

export const contactSubject = pgTable(
  'contact_subject',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    role: text('role').notNull(),
    /** What the child said, in their words, and how they seemed. */
    childVoice: text('child_voice'),
    childDemeanour: text('child_demeanour'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('contact_subject_once').on(t.contactId, t.personId), index('contact_subject_person').on(t.personId)],
);

export const contactShare = pgTable(
  'contact_share',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    purpose: text('purpose').notNull(),
    sharedByUserId: uuid('shared_by_user_id').references(() => appUser.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('contact_share_once').on(t.contactId, t.agencyId), index('contact_share_agency').on(t.agencyId)],
);

export const screeningDecision = pgTable(
  'screening_decision',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    thresholdLevel: integer('threshold_level').notNull(),
    outcome: text('outcome').notNull(),
    rationale: text('rationale').notNull(),
    passedTo: text('passed_to'),
    decidedByUserId: uuid('decided_by_user_id')
      .notNull()
      .references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    /** pending | authorised | returned */
    authorisation: text('authorisation').notNull().default('pending'),
    authorisedByUserId: uuid('authorised_by_user_id').references(() => appUser.id),
    authorisedAt: timestamp('authorised_at', { withTimezone: true }),
    authoriserComment: text('authoriser_comment'),
  },
  (t) => [index('screening_decision_contact').on(t.contactId, t.decidedAt)],
);
