/**
 * Adult safeguarding (Care Act 2014 s42): concerns and their three-point test and decision, enquiries with their
 * risks, contributions, meetings and actions; organisational safeguarding (care providers, contract concerns,
 * provider enquiries); Deprivation of Liberty Safeguards applications; and the one lead agency for a person's open
 * safeguarding work, with transfers (across the 18th birthday among others).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contact } from './contacts.js';
import { person } from './people.js';
import { team } from './tenancy.js';
import { tenantRef, id, at, userRef, agencyRef } from './columns.js';


// ——— adult safeguarding: concerns and enquiries ———

/** A safeguarding concern about an adult: who raised it, what happened, the three-point test and the decision. */
export const adultConcern = pgTable(
  'adult_concern',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** The front-door contact it came from (a hand-off from the children's front door, or a contact to the adult front door). */
    contactId: uuid('contact_id').references(() => contact.id),
    channel: text('channel').notNull(),
    /** The adult team that owns it (the area's adult front door). */
    owningAgencyId: agencyRef('owning_agency_id').notNull(),
    personId: uuid('person_id').references(() => person.id),
    adultName: text('adult_name').notNull(),
    receivedAt: at('received_at').notNull(),
    sourceCode: text('source_code').notNull(),
    sourceAgencyId: agencyRef('source_agency_id'),
    referrerName: text('referrer_name'),
    whatHappened: text('what_happened').notNull(),
    othersInvolved: text('others_involved'),
    /** The adult's own view of the concern, in their words, when known. */
    personsView: text('persons_view'),
    /** A care provider the concern is about, when it is about the care a provider gives. */
    providerId: uuid('provider_id').references(() => careProvider.id),
    decisionDueAt: at('decision_due_at').notNull(),
    status: text('status').notNull().default('open'),
    restricted: boolean('restricted').notNull().default(false),
    allocatedUserId: userRef('allocated_user_id'),
    testNeeds: text('test_needs'),
    testNeedsReason: text('test_needs_reason'),
    testAbuse: text('test_abuse'),
    testAbuseReason: text('test_abuse_reason'),
    testProtect: text('test_protect'),
    testProtectReason: text('test_protect_reason'),
    testRecordedAt: at('test_recorded_at'),
    testRecordedByUserId: userRef('test_recorded_by_user_id'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    signpostTo: text('signpost_to'),
    decidedAt: at('decided_at'),
    decidedByUserId: userRef('decided_by_user_id'),
    authorisedAt: at('authorised_at'),
    authorisedByUserId: userRef('authorised_by_user_id'),
    returnedComment: text('returned_comment'),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('adult_concern_reference').on(t.tenantId, t.reference),
    uniqueIndex('adult_concern_contact').on(t.contactId),
    index('adult_concern_worklist').on(t.tenantId, t.status, t.decisionDueAt),
    index('adult_concern_person').on(t.personId),
    index('adult_concern_received').on(t.tenantId, t.receivedAt),
  ],
);

/** A section 42 (or other) enquiry started by an authorised decision. */
export const adultEnquiry = pgTable(
  'adult_enquiry',
  {
    id: id(),
    tenantId: tenantRef(),
    concernId: uuid('concern_id')
      .notNull()
      .references(() => adultConcern.id),
    kind: text('kind').notNull(),
    startedAt: at('started_at').notNull(),
    leadKind: text('lead_kind').notNull().default('adult_team'),
    leadAgencyId: agencyRef('lead_agency_id'),
    allocatedUserId: userRef('allocated_user_id'),
    consent: text('consent'),
    capacity: text('capacity'),
    capacityNote: text('capacity_note'),
    /** The adult's primary support reason (SAC table SG1). */
    primarySupportReason: text('primary_support_reason'),
    advocacy: text('advocacy'),
    advocateName: text('advocate_name'),
    mspAsked: text('msp_asked'),
    /** What the adult wants to happen, in their own words (Making Safeguarding Personal). */
    desiredOutcomes: text('desired_outcomes'),
    outcomesAchieved: text('outcomes_achieved'),
    status: text('status').notNull().default('open'),
    conclusion: text('conclusion'),
    sanctions: jsonb('sanctions').$type<string[]>().notNull().default([]),
    exitReason: text('exit_reason'),
    exitNote: text('exit_note'),
    endedAt: at('ended_at'),
    endedByUserId: userRef('ended_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('adult_enquiry_concern').on(t.concernId), index('adult_enquiry_tenant_status').on(t.tenantId, t.status), index('adult_enquiry_ended').on(t.tenantId, t.endedAt)],
);

/** One risk in an enquiry: its SAC type, location and source, and where it stood at the end. */
export const adultRisk = pgTable(
  'adult_risk',
  {
    id: id(),
    tenantId: tenantRef(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => adultEnquiry.id),
    type: text('type').notNull(),
    location: text('location').notNull(),
    source: text('source').notNull(),
    description: text('description'),
    result: text('result'),
    actionTaken: boolean('action_taken'),
    actionNote: text('action_note'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('adult_risk_enquiry').on(t.enquiryId)],
);

/** A partner's contribution to an enquiry: the question asked of an agency, and its answer. */
export const adultContribution = pgTable(
  'adult_contribution',
  {
    id: id(),
    tenantId: tenantRef(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => adultEnquiry.id),
    agencyId: agencyRef('agency_id').notNull(),
    question: text('question').notNull(),
    dueOn: date('due_on').notNull(),
    askedByUserId: userRef('asked_by_user_id').notNull(),
    askedAt: at('asked_at').notNull().defaultNow(),
    answer: text('answer'),
    answeredAt: at('answered_at'),
    answeredByUserId: userRef('answered_by_user_id'),
  },
  (t) => [index('adult_contribution_agency').on(t.tenantId, t.agencyId, t.answeredAt), index('adult_contribution_enquiry').on(t.enquiryId)],
);

/** A decision making or outcome meeting. */
export const adultMeeting = pgTable(
  'adult_meeting',
  {
    id: id(),
    tenantId: tenantRef(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => adultEnquiry.id),
    kind: text('kind').notNull(),
    heldAt: at('held_at').notNull(),
    /** The adult's voice at the meeting: what they said, or what was said for them. */
    personsVoice: text('persons_voice').notNull(),
    decisions: text('decisions').notNull(),
    minutes: text('minutes'),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('adult_meeting_enquiry').on(t.enquiryId), index('adult_meeting_held').on(t.tenantId, t.kind, t.heldAt)],
);

export const adultMeetingAttendee = pgTable(
  'adult_meeting_attendee',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => adultMeeting.id),
    role: text('role').notNull(),
    name: text('name').notNull(),
    agencyId: agencyRef('agency_id'),
    attendance: text('attendance').notNull(),
  },
  (t) => [index('adult_meeting_attendee_meeting').on(t.meetingId)],
);

/** An action agreed at a meeting, with its owner and due date. */
export const adultAction = pgTable(
  'adult_action',
  {
    id: id(),
    tenantId: tenantRef(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => adultEnquiry.id),
    meetingId: uuid('meeting_id').references(() => adultMeeting.id),
    description: text('description').notNull(),
    ownerAgencyId: agencyRef('owner_agency_id').notNull(),
    ownerName: text('owner_name'),
    dueOn: date('due_on').notNull(),
    doneAt: at('done_at'),
  },
  (t) => [index('adult_action_enquiry').on(t.enquiryId)],
);

// ——— organisational safeguarding ———

/** A registered care provider location (a care home, a home care agency, a hospital ward…). */
export const careProvider = pgTable(
  'care_provider',
  {
    id: id(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    cqcLocationId: text('cqc_location_id'),
    serviceType: text('service_type').notNull(),
    address: text('address'),
    postcode: text('postcode'),
    /** The provider's own agency in Threshold, when its staff have accounts. */
    agencyId: agencyRef('agency_id'),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('care_provider_cqc').on(t.tenantId, t.cqcLocationId), index('care_provider_agency').on(t.agencyId)],
);

/** A contract concern about a provider (late or missed calls, quality, medication, staffing…), scored for risk. */
export const contractConcern = pgTable(
  'contract_concern',
  {
    id: id(),
    tenantId: tenantRef(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => careProvider.id),
    raisedOn: date('raised_on').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on'),
    closingNote: text('closing_note'),
    raisedByUserId: userRef('raised_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('contract_concern_provider').on(t.providerId, t.status), index('contract_concern_raised').on(t.tenantId, t.raisedOn)],
);

/** An organisational (provider) enquiry, bringing together several individual concerns about one provider. */
export const providerEnquiry = pgTable(
  'provider_enquiry',
  {
    id: id(),
    tenantId: tenantRef(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => careProvider.id),
    openedOn: date('opened_on').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on'),
    conclusion: text('conclusion'),
    openedByUserId: userRef('opened_by_user_id'),
  },
  (t) => [index('provider_enquiry_provider').on(t.providerId)],
);

export const providerEnquiryConcern = pgTable(
  'provider_enquiry_concern',
  {
    id: id(),
    tenantId: tenantRef(),
    providerEnquiryId: uuid('provider_enquiry_id')
      .notNull()
      .references(() => providerEnquiry.id),
    concernId: uuid('concern_id')
      .notNull()
      .references(() => adultConcern.id),
    linkedAt: at('linked_at').notNull().defaultNow(),
  },
  (t) => [unique('provider_enquiry_concern_once').on(t.providerEnquiryId, t.concernId)],
);

// ——— Deprivation of Liberty Safeguards ———

/** A request from a managing authority (a care home or hospital) for a standard authorisation, maybe with an urgent one. */
export const dolsApplication = pgTable(
  'dols_application',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    personId: uuid('person_id').references(() => person.id),
    personName: text('person_name').notNull(),
    dateOfBirth: date('date_of_birth'),
    providerId: uuid('provider_id').references(() => careProvider.id),
    managingAuthority: text('managing_authority').notNull(),
    setting: text('setting').notNull(),
    kind: text('kind').notNull(),
    receivedAt: at('received_at').notNull(),
    /** The urgent authorisation the managing authority granted itself (7 days), and its one extension (7 more). */
    urgentFrom: date('urgent_from'),
    urgentExtendedAt: at('urgent_extended_at'),
    priority: text('priority').notNull(),
    priorityReason: text('priority_reason'),
    assessorUserId: userRef('assessor_user_id'),
    allocatedAt: at('allocated_at'),
    status: text('status').notNull().default('received'),
    decidedAt: at('decided_at'),
    decisionNote: text('decision_note'),
    authorisedFrom: date('authorised_from'),
    authorisedUntil: date('authorised_until'),
    conditions: text('conditions'),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('dols_application_reference').on(t.tenantId, t.reference), index('dols_application_status').on(t.tenantId, t.status, t.priority), index('dols_application_received').on(t.tenantId, t.receivedAt)],
);

/** One of the six assessments of a standard authorisation. */
export const dolsAssessment = pgTable(
  'dols_assessment',
  {
    id: id(),
    tenantId: tenantRef(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => dolsApplication.id),
    kind: text('kind').notNull(),
    outcome: text('outcome').notNull(),
    note: text('note'),
    assessorUserId: userRef('assessor_user_id'),
    completedOn: date('completed_on').notNull(),
  },
  (t) => [unique('dols_assessment_once').on(t.applicationId, t.kind)],
);

// ——— one lead for a person's open safeguarding work ———

/** Which agency and team leads a person's open safeguarding work, from when until when (one open row per person). */
export const safeguardingLead = pgTable(
  'safeguarding_lead',
  {
    id: id(),
    tenantId: tenantRef(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    agencyId: agencyRef('agency_id').notNull(),
    teamId: uuid('team_id').references(() => team.id),
    /** The work that made them lead: a contact, a DA case, a MARAC referral, an adult concern or enquiry. */
    workKind: text('work_kind').notNull(),
    workId: uuid('work_id'),
    since: at('since').notNull(),
    until: at('until'),
    reason: text('reason').notNull(),
    setByUserId: userRef('set_by_user_id'),
  },
  (t) => [uniqueIndex('safeguarding_lead_one_open').on(t.personId).where(sql`until is null`), index('safeguarding_lead_agency').on(t.tenantId, t.agencyId)],
);

/** A proposed move of the lead to another agency or team: explicit, and made only when the receiving side accepts. */
export const leadTransfer = pgTable(
  'lead_transfer',
  {
    id: id(),
    tenantId: tenantRef(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    fromAgencyId: agencyRef('from_agency_id').notNull(),
    fromTeamId: uuid('from_team_id').references(() => team.id),
    toAgencyId: agencyRef('to_agency_id').notNull(),
    toTeamId: uuid('to_team_id').references(() => team.id),
    reason: text('reason').notNull(),
    proposedByUserId: userRef('proposed_by_user_id').notNull(),
    proposedAt: at('proposed_at').notNull(),
    status: text('status').notNull().default('proposed'),
    respondedByUserId: userRef('responded_by_user_id'),
    respondedAt: at('responded_at'),
    responseNote: text('response_note'),
  },
  (t) => [index('lead_transfer_to').on(t.tenantId, t.toAgencyId, t.status), index('lead_transfer_person').on(t.personId)],
);
