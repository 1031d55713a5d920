import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** How it arrived: form (professional referral), phone, in_person, email, api, bulk, public (the public site). */
    channel: text('channel').notNull().default('phone'),
    /**
     * The language the referrer wrote or spoke in when it was not English (BCP 47, e.g. "pl"): a report from the
     * public site in Polish keeps the reporter's words as given; nothing is machine-translated.
     */
    language: text('language'),
    /** Signs of Safety framing: what the referrer is worried about, what is working well, what needs to happen. */
    worriedAbout: text('worried_about'),
    workingWell: text('working_well'),
    needsToHappen: text('needs_to_happen'),
    /** The screener's red / amber / green rating of urgency. */
    rag: text('rag'),
    /** Police risk grading when the contact is a police notification (standard | medium | high). */
    riskLevel: text('risk_level'),
    /** The incident this contact is the first report of (later reports attach as updates). */
    incidentId: uuid('incident_id'),
    /** The API client that sent it, when it came through the API. */
    apiClientId: uuid('api_client_id'),
    /** The police file it came in, when it came by bulk upload (the import's chunk audit events name the job and rows). */
    importJobId: uuid('import_job_id'),
    /** Its notification's number in that file (1 = the first), so a chunk run again never makes it twice. */
    importRow: integer('import_row'),
    /** The user who recorded it; null when an agency's system sent it through the API (see api_client_id). */
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
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
    index('contact_incident').on(t.incidentId),
    // The worklist: open work of one front door read a page at a time, in deadline order (id last, so ties split
    // the same way on every page), by urgency then deadline, and by allocated worker then deadline.
    index('contact_open_worklist')
      .on(t.tenantId, t.owningAgencyId, t.decisionDueAt, t.receivedAt, t.id)
      .where(sql`status in ('open', 'awaiting_authorisation')`),
    index('contact_open_worklist_rag')
      .on(t.tenantId, t.owningAgencyId, sql`(case "rag" when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end)`, t.decisionDueAt, t.receivedAt, t.id)
      .where(sql`status in ('open', 'awaiting_authorisation')`),
    index('contact_open_worklist_allocated')
      .on(t.tenantId, t.owningAgencyId, t.allocatedUserId, t.decisionDueAt, t.receivedAt, t.id)
      .where(sql`status in ('open', 'awaiting_authorisation')`),
    uniqueIndex('contact_import_row').on(t.importJobId, t.importRow).where(sql`import_job_id is not null`),
  ],
);

/**
 * The worklist's counts: open work (open or awaiting authorisation) per front door, status and hour of the decision
 * deadline ('infinity' when there is none). Kept only by triggers on contact (migration 0012), in the same
 * transaction as each change; a key may have several rows (slots) so that no writer waits for another, and the
 * count is the sum of its rows. Derived data: never written by the application.
 */
export const contactWorklistTally = pgTable(
  'contact_worklist_tally',
  {
    tenantId: uuid('tenant_id').notNull(),
    owningAgencyId: uuid('owning_agency_id').notNull(),
    status: text('status').notNull(),
    dueHour: timestamp('due_hour', { withTimezone: true }).notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    contacts: integer('contacts').notNull(),
  },
  (t) => [primaryKey({ name: 'contact_worklist_tally_pk', columns: [t.tenantId, t.owningAgencyId, t.status, t.dueHour, t.slot] })],
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

/**
 * A person as the referrer named them, before the front door has matched them to the register. Professional
 * referrals, the API and bulk files name people this way; the screener then chooses an existing person or creates a
 * new one, and the person becomes a subject of the contact.
 */
export const contactNamedPerson = pgTable(
  'contact_named_person',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    dobPrecision: text('dob_precision').notNull(),
    gender: text('gender').notNull(),
    nhsNumber: text('nhs_number'),
    addressLine1: text('address_line1'),
    postcode: text('postcode'),
    school: text('school'),
    childVoice: text('child_voice'),
    childDemeanour: text('child_demeanour'),
    /** Set when matched (or created) by the front door. */
    personId: uuid('person_id').references(() => person.id),
    /** How it was matched: identifier (automatic, on a verified unique identifier), chosen, created. */
    resolution: text('resolution'),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => appUser.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('contact_named_person_contact').on(t.contactId, t.position)],
);

/** An incident (usually police-reported) that one or more notifications describe. */
export const incident = pgTable(
  'incident',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    policeReference: text('police_reference'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    postcode: text('postcode'),
    place: text('place'),
    /** The contact the first notification made; later notifications attach to it. */
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    /** Normalised name + date of birth keys of the people named, for the same-people-same-place rule. */
    peopleKeys: text('people_keys').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('incident_police_reference').on(t.tenantId, t.policeReference),
    index('incident_place_time').on(t.tenantId, t.postcode, t.occurredAt),
  ],
);

/** A later notification about the same incident, attached to the first contact instead of becoming new work. */
export const contactUpdate = pgTable(
  'contact_update',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incident.id),
    channel: text('channel').notNull(),
    /** The notification's own kind, e.g. gen117 or dash. */
    notificationType: text('notification_type'),
    sourceAgencyId: uuid('source_agency_id').references(() => agency.id),
    referrerName: text('referrer_name'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    riskLevel: text('risk_level'),
    narrative: text('narrative').notNull(),
    /** Which rule linked it: same_police_reference | same_people_place_time. */
    matchedBy: text('matched_by').notNull(),
    importJobId: uuid('import_job_id'),
    /** Its notification's number in the police file (see contact.import_row). */
    importRow: integer('import_row'),
    /** The notification as it arrived (people named, concerns), kept for the screener. */
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_update_contact').on(t.contactId, t.receivedAt),
    // the people of an incident's later notifications, for possible same incidents (incident-review-repository.ts)
    index('contact_update_incident').on(t.incidentId),
    uniqueIndex('contact_update_import_row').on(t.importJobId, t.importRow).where(sql`import_job_id is not null`),
  ],
);

/**
 * A question to a partner agency about a contact (replacing the requisition form), with a red / amber / green
 * deadline. The answer lands on the contact.
 */
export const infoRequest = pgTable(
  'info_request',
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
    rag: text('rag').notNull(),
    questions: text('questions').notNull(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => appUser.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** open | answered | withdrawn */
    status: text('status').notNull().default('open'),
    /** known_open | known_past | not_known */
    knownToAgency: text('known_to_agency'),
    riskIndicators: text('risk_indicators').array().notNull().default(sql`'{}'::text[]`),
    answer: text('answer'),
    answeredByUserId: uuid('answered_by_user_id').references(() => appUser.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    index('info_request_queue').on(t.tenantId, t.agencyId, t.status, t.dueAt),
    index('info_request_contact').on(t.contactId),
    index('info_request_open_due').on(t.status, t.dueAt),
  ],
);

/** An area's front-door settings: when several contacts about one person raise an alert. */
export const intakeSetting = pgTable('intake_setting', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenant.id),
  multipleConcernsCount: integer('multiple_concerns_count').notNull().default(3),
  multipleConcernsDays: integer('multiple_concerns_days').notNull().default(90),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A bulk file of police notifications: checked whole (a file with any bad row is rejected and nothing is saved),
 * then imported in chunks, each chunk one transaction with its audit event and the job's progress. The checked
 * file is kept until the import finishes, so an interrupted import resumes where it stopped.
 */
export const importJob = pgTable(
  'import_job',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => appUser.id),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    /** importing | imported | rejected | failed */
    status: text('status').notNull(),
    totalRows: integer('total_rows').notNull(),
    /** Notifications imported so far (the next chunk starts after them). */
    rowsDone: integer('rows_done').notNull().default(0),
    contactsCreated: integer('contacts_created').notNull().default(0),
    updatesAttached: integer('updates_attached').notNull().default(0),
    /** Per-row problems when rejected: [{ row, field, message }]. */
    problems: jsonb('problems').notNull().default(sql`'[]'::jsonb`),
    /** The police force the file came from. */
    sourceAgencyId: uuid('source_agency_id').references(() => agency.id),
    /** The uploader as the audit trail names them (agency, roles, request), for chunks run after a restart. */
    actor: jsonb('actor'),
    /** The checked file, kept while it is imported (read again, as checked, to resume); cleared once imported. */
    fileText: text('file_text'),
    /** When the file was checked: the clock its notifications were read with. */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    /** The process importing it, and until when its claim holds (renewed by every chunk). */
    claimedBy: text('claimed_by'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_job_tenant').on(t.tenantId, t.createdAt), index('import_job_importing').on(t.leaseUntil).where(sql`status = 'importing'`)],
);

/**
 * Two contacts that may be one incident (domain/incidents.ts): a notification that became a new contact at the place
 * and time of an incident already reported, sharing its people by the identity engine's comparisons but not its
 * police reference. A screener decides: the same incident (the new contact becomes an update of the first, and
 * closes) or different incidents (kept apart, and the pair is never raised again, whichever way round).
 */
export const incidentReview = pgTable(
  'incident_review',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** The new contact, whose page raises the question. */
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    /** The contact of the incident already reported. */
    otherContactId: uuid('other_contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incident.id),
    otherIncidentId: uuid('other_incident_id')
      .notNull()
      .references(() => incident.id),
    /** open | same | different */
    status: text('status').notNull().default('open'),
    /** Why the two may be one incident: place, time, references and each person shared, with the comparisons. */
    details: jsonb('details').notNull(),
    decidedByUserId: uuid('decided_by_user_id').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    /** The update the new contact became on the first contact, when decided the same incident. */
    updateId: uuid('update_id').references(() => contactUpdate.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One question per pair of contacts, whichever is the newer: a pair kept apart is never asked about again.
    uniqueIndex('incident_review_pair').on(sql`least("contact_id", "other_contact_id")`, sql`greatest("contact_id", "other_contact_id")`),
    index('incident_review_contact').on(t.contactId, t.status),
    index('incident_review_other_contact').on(t.otherContactId, t.status),
  ],
);

/**
 * A notification received later after its incident than the area allows for its risk grading
 * (lateNotificationSetting; defaults in domain/incidents.ts): the front door's managers and the sending agency's
 * managers were told in the app when it arrived. One per contact, or per update attached to a contact.
 */
export const lateNotification = pgTable(
  'late_notification',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** The contact it is, or the contact it was attached to as an update. */
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    updateId: uuid('update_id').references(() => contactUpdate.id, { onDelete: 'cascade' }),
    sourceAgencyId: uuid('source_agency_id').references(() => agency.id),
    /** The lag level it was judged at: high | medium | standard | not_graded. */
    riskLevel: text('risk_level').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    lagMinutes: integer('lag_minutes').notNull(),
    /** The lag the area allowed for its grading when it arrived. */
    allowedHours: integer('allowed_hours').notNull(),
    /** How many people were told. */
    told: integer('told').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('late_notification_contact').on(t.contactId).where(sql`update_id is null`),
    uniqueIndex('late_notification_update').on(t.updateId).where(sql`update_id is not null`),
    index('late_notification_received').on(t.tenantId, t.receivedAt),
  ],
);

/** An area's own lag for late notifications, per risk grading, with its source (defaults in domain/incidents.ts). */
export const lateNotificationSetting = pgTable(
  'late_notification_setting',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    /** high | medium | standard | not_graded */
    riskLevel: text('risk_level').notNull(),
    hours: integer('hours').notNull(),
    source: text('source').notNull(),
    updatedByUserId: uuid('updated_by_user_id').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'late_notification_setting_pk', columns: [t.tenantId, t.riskLevel] })],
);
