/**
 * Allegations against people who work with children (Working Together to Safeguard Children 2023; Keeping Children
 * Safe in Education, part 4): the designated officer's (LADO's) record of an allegation that reached the front door,
 * the threshold decision, allegation management meetings and their actions, the police investigation, the outcome
 * and the employer's actions.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contact } from './contacts.js';
import { person } from './people.js';
import { agency } from './tenancy.js';
import { tenantRef, id, at, userRef } from './columns.js';


/** An allegation (or a query) about an adult in a position of trust. */
export const ladoAllegation = pgTable(
  'lado_allegation',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** The front-door contact it arrived as (every referral comes through the MASH). */
    contactId: uuid('contact_id').references(() => contact.id),
    /** The LADO's service (the agency that owns it). */
    owningAgencyId: uuid('owning_agency_id')
      .notNull()
      .references(() => agency.id),
    /** The adult the allegation is about. */
    personId: uuid('person_id').references(() => person.id),
    adultName: text('adult_name').notNull(),
    roleTitle: text('role_title'),
    employerName: text('employer_name'),
    /** The employer's agency in Threshold, when it has one (a school, the council's fostering service, health…). */
    employerAgencyId: uuid('employer_agency_id').references(() => agency.id),
    /** Employing sector (secondary education, foster carer LA, residential, health…). */
    sector: text('sector').notNull(),
    /** Category of allegation (physical, physical restraint, emotional, sexual, historical sexual, CSE, neglect, person posing risk, conduct). */
    category: text('category').notNull(),
    /** The agency that referred (often the employer). */
    referringAgencyId: uuid('referring_agency_id').references(() => agency.id),
    receivedAt: at('received_at').notNull(),
    whatHappened: text('what_happened').notNull(),
    /** The threshold decision within 1 working day. */
    decisionDueAt: at('decision_due_at').notNull(),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedAt: at('decided_at'),
    decidedByUserId: userRef('decided_by_user_id'),
    status: text('status').notNull().default('open'),
    /** The police investigation: none, investigating, charged, no further action, court… with when it last changed. */
    policeStatus: text('police_status').notNull().default('none'),
    policeUpdatedOn: date('police_updated_on'),
    /** Why a case is still open (shown when it passes 3 months): awaiting police, awaiting a disciplinary hearing… */
    openReason: text('open_reason'),
    outcome: text('outcome'),
    outcomeOn: date('outcome_on'),
    /** The employer's actions: dismissal, suspension, DBS referral, regulator referral, training, no action… */
    employerActions: text('employer_actions').array().notNull().default(sql`'{}'::text[]`),
    closedAt: at('closed_at'),
    allocatedUserId: userRef('allocated_user_id'),
    /** Restricted by default: only the LADO's service opens it without a stated reason. */
    restricted: boolean('restricted').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('lado_allegation_reference').on(t.tenantId, t.reference),
    uniqueIndex('lado_allegation_contact').on(t.contactId),
    index('lado_allegation_open').on(t.tenantId, t.status, t.receivedAt),
    index('lado_allegation_employer').on(t.employerAgencyId),
  ],
);

/** A child named in an allegation. */
export const ladoChild = pgTable(
  'lado_child',
  {
    id: id(),
    tenantId: tenantRef(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => ladoAllegation.id),
    personId: uuid('person_id').references(() => person.id),
    name: text('name').notNull(),
  },
  (t) => [index('lado_child_allegation').on(t.allegationId)],
);

/** An allegation management meeting: who attended, what was decided, when it is reviewed. */
export const ladoMeeting = pgTable(
  'lado_meeting',
  {
    id: id(),
    tenantId: tenantRef(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => ladoAllegation.id),
    heldAt: at('held_at').notNull(),
    /** [{ agencyId, name, role }]: police, the employer, HR, children's social care… */
    attendees: jsonb('attendees').notNull(),
    decisions: text('decisions').notNull(),
    reviewOn: date('review_on'),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('lado_meeting_allegation').on(t.allegationId, t.heldAt)],
);

/** An action from an allegation management meeting, with its owner and due date. */
export const ladoAction = pgTable(
  'lado_action',
  {
    id: id(),
    tenantId: tenantRef(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => ladoAllegation.id),
    meetingId: uuid('meeting_id').references(() => ladoMeeting.id),
    description: text('description').notNull(),
    ownerAgencyId: uuid('owner_agency_id').references(() => agency.id),
    ownerName: text('owner_name'),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
  },
  (t) => [index('lado_action_allegation').on(t.allegationId)],
);
