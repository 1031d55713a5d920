/**
 * Domestic abuse: one DA case per incident, its people with their roles and gradings, DASH risk identification
 * checklists, the daily MASH triage (MADA), MARAC, the IDVA and commissioned services, and Operation Encompass.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.js';
import { contact, contactNamedPerson, incident } from './contacts.js';
import { person } from './people.js';
import { agency, tenant } from './tenancy.js';
import { tenantRef, id, at } from './columns.js';


/** One per DA incident: the contact the incident created, with the facts the police gave. */
export const daCase = pgTable(
  'da_case',
  {
    id: id(),
    tenantId: tenantRef(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id),
    incidentId: uuid('incident_id').references(() => incident.id),
    policeReference: text('police_reference'),
    incidentType: text('incident_type').notNull(),
    occurredAt: at('occurred_at'),
    receivedAt: at('received_at').notNull(),
    place: text('place'),
    postcode: text('postcode'),
    /** The police risk grading of the adult victim (high | medium | standard), if given. */
    policeRisk: text('police_risk'),
    /** Name-and-date-of-birth keys of the victim and the alleged perpetrator, for repeat and escalation checks. */
    victimKey: text('victim_key'),
    perpetratorKey: text('perpetrator_key'),
    /** DA incidents between the same victim and perpetrator in the 12 months up to and including this one. */
    incidentsInYear: integer('incidents_in_year').notNull().default(1),
    /** The MARAC referral this incident repeats (within 12 months of it), flagged on arrival. */
    repeatOfReferralId: uuid('repeat_of_referral_id'),
    /** The household's grading, made once for everyone together. */
    householdRisk: text('household_risk'),
    householdReviewedAt: at('household_reviewed_at'),
    householdReviewedByUserId: uuid('household_reviewed_by_user_id').references(() => appUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('da_case_contact').on(t.contactId), index('da_case_tenant_received').on(t.tenantId, t.receivedAt), index('da_case_pair').on(t.tenantId, t.victimKey, t.perpetratorKey)],
);

/** A person in a DA incident: their role, the police grading and the household grading, and (children) their voice. */
export const daPerson = pgTable(
  'da_person',
  {
    id: id(),
    tenantId: tenantRef(),
    daCaseId: uuid('da_case_id')
      .notNull()
      .references(() => daCase.id),
    namedPersonId: uuid('named_person_id').references(() => contactNamedPerson.id),
    personId: uuid('person_id').references(() => person.id),
    /** victim | alleged_perpetrator | child_present | child_in_household | other */
    role: text('role').notNull(),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    personKey: text('person_key'),
    policeRisk: text('police_risk'),
    grading: text('grading'),
    /** Why a child is graded lower than the adult victim (required then). */
    gradingReason: text('grading_reason'),
    childVoice: text('child_voice'),
    childDemeanour: text('child_demeanour'),
    /** The school or setting the notification named (free text or URN), kept for Operation Encompass. */
    schoolGiven: text('school_given'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('da_person_case').on(t.daCaseId), index('da_person_key').on(t.tenantId, t.personKey)],
);

/** A completed DASH risk identification checklist (any version), scored against the version's thresholds. */
export const dashAssessment = pgTable(
  'dash_assessment',
  {
    id: id(),
    tenantId: tenantRef(),
    daCaseId: uuid('da_case_id').references(() => daCase.id),
    daPersonId: uuid('da_person_id').references(() => daPerson.id),
    personId: uuid('person_id').references(() => person.id),
    /** The checklist version id (its questions and thresholds, with their source). */
    version: text('version').notNull(),
    answers: jsonb('answers').notNull(),
    /** The victim's own words, per question id. */
    victimWords: jsonb('victim_words').notNull().default(sql`'{}'::jsonb`),
    score: integer('score').notNull(),
    scoredGrading: text('scored_grading').notNull(),
    judgementGrading: text('judgement_grading'),
    judgementReason: text('judgement_reason'),
    grading: text('grading').notNull(),
    escalation: boolean('escalation').notNull().default(false),
    /** police_notification | form */
    source: text('source').notNull(),
    agencyId: uuid('agency_id').references(() => agency.id),
    completedByUserId: uuid('completed_by_user_id').references(() => appUser.id),
    completedAt: at('completed_at').notNull(),
  },
  (t) => [index('dash_case').on(t.daCaseId)],
);

/** A data-sharing agreement one area records with another; MADA shares cases only when both have recorded one. */
export const dataSharingAgreement = pgTable(
  'data_sharing_agreement',
  {
    id: id(),
    tenantId: tenantRef(),
    partnerTenantId: uuid('partner_tenant_id')
      .notNull()
      .references(() => tenant.id),
    purpose: text('purpose').notNull(),
    reference: text('reference').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('dsa_tenant').on(t.tenantId, t.purpose)],
);

/** The daily MASH domestic abuse triage meeting. */
export const madaMeeting = pgTable(
  'mada_meeting',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    chairUserId: uuid('chair_user_id').references(() => appUser.id),
    agenciesPresent: uuid('agencies_present').array().notNull().default(sql`'{}'::uuid[]`),
    /** Neighbouring areas whose cases this meeting may triage (each with an agreement both ways). */
    partnerTenantIds: uuid('partner_tenant_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status').notNull().default('open'),
    createdAt: at('created_at').notNull().defaultNow(),
    closedAt: at('closed_at'),
  },
  (t) => [unique('mada_meeting_day').on(t.tenantId, t.meetingOn)],
);

/** The decision for a DA case (the whole household), made once. Stored in the case's area. */
export const madaDecision = pgTable(
  'mada_decision',
  {
    id: id(),
    tenantId: tenantRef(),
    daCaseId: uuid('da_case_id')
      .notNull()
      .references(() => daCase.id),
    meetingId: uuid('meeting_id').references(() => madaMeeting.id),
    meetingTenantId: uuid('meeting_tenant_id').references(() => tenant.id),
    decisions: text('decisions').array().notNull(),
    reason: text('reason').notNull(),
    decidedByUserId: uuid('decided_by_user_id').references(() => appUser.id),
    decidedAt: at('decided_at').notNull(),
  },
  (t) => [unique('mada_decision_case').on(t.daCaseId)],
);

/** An action from MADA or MARAC, with an owner agency, a due date and completion. */
export const daAction = pgTable(
  'da_action',
  {
    id: id(),
    tenantId: tenantRef(),
    /** mada | marac */
    forum: text('forum').notNull(),
    daCaseId: uuid('da_case_id').references(() => daCase.id),
    maracReferralId: uuid('marac_referral_id'),
    meetingId: uuid('meeting_id'),
    description: text('description').notNull(),
    ownerAgencyId: uuid('owner_agency_id')
      .notNull()
      .references(() => agency.id),
    ownerUserId: uuid('owner_user_id').references(() => appUser.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
    doneAt: at('done_at'),
    doneByUserId: uuid('done_by_user_id').references(() => appUser.id),
    doneNote: text('done_note'),
  },
  (t) => [index('da_action_owner').on(t.tenantId, t.ownerAgencyId, t.doneAt), index('da_action_referral').on(t.maracReferralId)],
);

export const maracMeeting = pgTable(
  'marac_meeting',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingAt: at('meeting_at').notNull(),
    location: text('location').notNull(),
    /** scheduled | held */
    status: text('status').notNull().default('scheduled'),
    createdByUserId: uuid('created_by_user_id').references(() => appUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('marac_meeting_tenant').on(t.tenantId, t.meetingAt)],
);

/** Agencies invited to a MARAC meeting, and whether they were present (minutes are shared only with those present). */
export const maracMeetingAgency = pgTable(
  'marac_meeting_agency',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => maracMeeting.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    present: boolean('present'),
  },
  (t) => [unique('marac_meeting_agency_once').on(t.meetingId, t.agencyId)],
);

export const maracReferral = pgTable(
  'marac_referral',
  {
    id: id(),
    tenantId: tenantRef(),
    daCaseId: uuid('da_case_id').references(() => daCase.id),
    victimPersonId: uuid('victim_person_id').references(() => person.id),
    perpetratorPersonId: uuid('perpetrator_person_id').references(() => person.id),
    victimName: text('victim_name').notNull(),
    perpetratorName: text('perpetrator_name'),
    victimKey: text('victim_key'),
    perpetratorKey: text('perpetrator_key'),
    referringAgencyId: uuid('referring_agency_id')
      .notNull()
      .references(() => agency.id),
    referredByUserId: uuid('referred_by_user_id').references(() => appUser.id),
    referredAt: at('referred_at').notNull(),
    /** visible_high_risk | professional_judgement | escalation | repeat */
    criteria: text('criteria').array().notNull(),
    dashScore: integer('dash_score'),
    reason: text('reason').notNull(),
    previousReferralId: uuid('previous_referral_id'),
    /** referred | listed | heard | closed */
    status: text('status').notNull().default('referred'),
    meetingId: uuid('meeting_id').references(() => maracMeeting.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('marac_referral_pair').on(t.tenantId, t.victimKey, t.perpetratorKey, t.referredAt), index('marac_referral_meeting').on(t.meetingId)],
);

/** What an agency found in its own records about a case on the agenda, completed before the meeting. */
export const maracResearch = pgTable(
  'marac_research',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => maracReferral.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    /** yes | no: whether the agency knows the family. */
    known: text('known').notNull(),
    information: text('information').notNull(),
    completedByUserId: uuid('completed_by_user_id').references(() => appUser.id),
    completedAt: at('completed_at').notNull(),
  },
  (t) => [unique('marac_research_once').on(t.referralId, t.agencyId)],
);

export const maracMinutes = pgTable(
  'marac_minutes',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => maracMeeting.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => maracReferral.id),
    text: text('text').notNull(),
    recordedByUserId: uuid('recorded_by_user_id').references(() => appUser.id),
    recordedAt: at('recorded_at').notNull(),
  },
  (t) => [unique('marac_minutes_once').on(t.meetingId, t.referralId)],
);

/** A referral to the IDVA service (high risk) or a commissioned service (standard and medium risk). */
export const daServiceCase = pgTable(
  'da_service_case',
  {
    id: id(),
    tenantId: tenantRef(),
    /** idva | commissioned */
    service: text('service').notNull(),
    daCaseId: uuid('da_case_id').references(() => daCase.id),
    maracReferralId: uuid('marac_referral_id').references(() => maracReferral.id),
    personId: uuid('person_id').references(() => person.id),
    clientName: text('client_name').notNull(),
    referredByAgencyId: uuid('referred_by_agency_id').references(() => agency.id),
    referredByUserId: uuid('referred_by_user_id').references(() => appUser.id),
    referredAt: at('referred_at').notNull(),
    /** waiting | allocated | closed */
    status: text('status').notNull().default('waiting'),
    riskAtIntake: text('risk_at_intake').notNull(),
    currentRisk: text('current_risk').notNull(),
    riskAtClosure: text('risk_at_closure'),
    keyworkerUserId: uuid('keyworker_user_id').references(() => appUser.id),
    safetyPlan: text('safety_plan'),
    safetyPlanUpdatedAt: at('safety_plan_updated_at'),
    closedAt: at('closed_at'),
    closureReason: text('closure_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('da_service_case_status').on(t.tenantId, t.service, t.status), index('da_service_case_worker').on(t.keyworkerUserId, t.status)],
);

/** Every change of keyworker: the first allocation and each handover, with its reason (handovers are counted). */
export const daServiceAllocation = pgTable(
  'da_service_allocation',
  {
    id: id(),
    tenantId: tenantRef(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => daServiceCase.id),
    fromUserId: uuid('from_user_id').references(() => appUser.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => appUser.id),
    /** allocation | handover */
    kind: text('kind').notNull(),
    reason: text('reason'),
    byUserId: uuid('by_user_id').references(() => appUser.id),
    at: at('at').notNull(),
  },
  (t) => [index('da_service_allocation_case').on(t.caseId)],
);

/** A change of risk level on a service case; the keyworker stays unless someone hands over. */
export const daServiceRiskChange = pgTable('da_service_risk_change', {
  id: id(),
  tenantId: tenantRef(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => daServiceCase.id),
  fromRisk: text('from_risk').notNull(),
  toRisk: text('to_risk').notNull(),
  reason: text('reason').notNull(),
  keyworkerUserId: uuid('keyworker_user_id').references(() => appUser.id),
  byUserId: uuid('by_user_id').references(() => appUser.id),
  at: at('at').notNull(),
});

/** Where a child goes to school or nursery, or who their health visitor is; from the person record or the census. */
export const personEducation = pgTable(
  'person_education',
  {
    id: id(),
    tenantId: tenantRef(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /** school | early_years | health_visitor | elective_home_education */
    kind: text('kind').notNull(),
    agencyId: uuid('agency_id').references(() => agency.id),
    /** record | census */
    source: text('source').notNull(),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('person_education_person').on(t.personId)],
);

/** A school's (or, with no agency, the authority's) school day start time and term dates. */
export const schoolCalendar = pgTable(
  'school_calendar',
  {
    id: id(),
    tenantId: tenantRef(),
    agencyId: uuid('agency_id').references(() => agency.id),
    dayStartsAt: text('day_starts_at').notNull().default('08:45'),
    /** [{ name, from, to }] inclusive, and closure days (INSET) as dates. */
    terms: jsonb('terms').notNull().default(sql`'[]'::jsonb`),
    closures: jsonb('closures').notNull().default(sql`'[]'::jsonb`),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('school_calendar_once').on(t.tenantId, t.agencyId).nullsNotDistinct()],
);

/** The key adults at a school (usually the DSL and deputies) who receive Operation Encompass notifications. */
export const encompassKeyAdult = pgTable(
  'encompass_key_adult',
  {
    id: id(),
    tenantId: tenantRef(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    addedByUserId: uuid('added_by_user_id').references(() => appUser.id),
    addedAt: at('added_at').notNull().defaultNow(),
  },
  (t) => [unique('encompass_key_adult_once').on(t.agencyId, t.userId)],
);

/** An Operation Encompass notification about one child, to their school, early years setting, health visitor or CSC. */
export const encompassNotice = pgTable(
  'encompass_notice',
  {
    id: id(),
    tenantId: tenantRef(),
    daCaseId: uuid('da_case_id')
      .notNull()
      .references(() => daCase.id),
    daPersonId: uuid('da_person_id')
      .notNull()
      .references(() => daPerson.id),
    /** school | early_years | health_visitor | childrens_social_care */
    route: text('route').notNull(),
    agencyId: uuid('agency_id').references(() => agency.id),
    /** Why no setting could be found (the "needs a school" queue), in words. */
    needsSetting: text('needs_setting'),
    dueAt: at('due_at').notNull(),
    sentAt: at('sent_at'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedByUserId: uuid('acknowledged_by_user_id').references(() => appUser.id),
    support: text('support').array().notNull().default(sql`'{}'::text[]`),
    supportNote: text('support_note'),
    supportRecordedAt: at('support_recorded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('encompass_notice_child').on(t.daPersonId), index('encompass_notice_agency').on(t.agencyId, t.sentAt), index('encompass_notice_tenant').on(t.tenantId, t.dueAt)],
);
