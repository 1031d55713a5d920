/**
 * Children's social care after the front door (Working Together to Safeguard Children 2023; the DfE Children in
 * Need census): a referral per child made from an authorised front-door decision, the child and family
 * assessment, the strategy discussion, the section 47 enquiry; child protection conferences with each invited
 * agency's report and attendance; child protection and child in need plans with core groups, visits and reviews;
 * and early help episodes led by any agency's lead practitioner.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { contact } from './contacts.js';
import { tenantRef, id, at, userRef, agencyRef, personRef } from './columns.js';


// ——— children's social care: referral, assessment, strategy discussion, section 47 ———

/** A referral to children's social care for one child (the CIN census counts referrals per child). */
export const cscReferral = pgTable(
  'csc_referral',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** The front-door contact whose authorised decision made it (null for a referral recorded directly, e.g. a transfer in). */
    contactId: uuid('contact_id').references(() => contact.id),
    /** The front door's decision: referral_csc or strategy_discussion. */
    route: text('route').notNull(),
    owningAgencyId: agencyRef('owning_agency_id').notNull(),
    personId: personRef('person_id').notNull(),
    childName: text('child_name').notNull(),
    /** When children's social care accepted the referral (the census's referral date). */
    referredAt: at('referred_at').notNull(),
    /** CIN census referral source (1A … 10). */
    sourceCode: text('source_code').notNull(),
    /** CIN census primary need (N1 … N9), recorded at or after assessment. */
    primaryNeedCode: text('primary_need_code'),
    /** CIN census: the referral led to no further action (no assessment needed, or NFA after one). */
    nfa: boolean('nfa').notNull().default(false),
    status: text('status').notNull().default('open'),
    closedAt: at('closed_at'),
    /** CIN census reason for closure (RC1 … RC9). */
    closureReason: text('closure_reason'),
    allocatedUserId: userRef('allocated_user_id'),
    restricted: boolean('restricted').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('csc_referral_reference').on(t.tenantId, t.reference),
    unique('csc_referral_contact_child').on(t.contactId, t.personId),
    index('csc_referral_person').on(t.personId),
    index('csc_referral_open').on(t.tenantId, t.status, t.referredAt),
  ],
);

/** The child and family assessment for one child (45 working days from the referral). */
export const childAssessment = pgTable(
  'child_assessment',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cscReferral.id),
    personId: personRef('person_id').notNull(),
    startedAt: at('started_at'),
    dueAt: at('due_at').notNull(),
    status: text('status').notNull().default('not_started'),
    /** CIN census factors identified at assessment (1A, 2B, 3A … 24A). */
    factors: text('factors').array().notNull().default(sql`'{}'::text[]`),
    seenOn: date('seen_on'),
    seenAlone: boolean('seen_alone'),
    /** The child's views in their words: how they were gathered, what they said, and who heard them. */
    viewsHow: text('views_how'),
    viewsWhat: text('views_what'),
    viewsBy: text('views_by'),
    analysis: text('analysis'),
    outcome: text('outcome'),
    submittedAt: at('submitted_at'),
    submittedByUserId: userRef('submitted_by_user_id'),
    authorisedAt: at('authorised_at'),
    authorisedByUserId: userRef('authorised_by_user_id'),
    returnedComment: text('returned_comment'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('child_assessment_referral').on(t.referralId), index('child_assessment_due').on(t.tenantId, t.status, t.dueAt), index('child_assessment_person').on(t.personId)],
);

/** A strategy discussion about one child's referral: who took part, what was shared, the decision. */
export const strategyDiscussion = pgTable(
  'strategy_discussion',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cscReferral.id),
    heldAt: at('held_at').notNull(),
    /** Recorded by the end of the working day it was held. */
    recordDueAt: at('record_due_at').notNull(),
    recordedAt: at('recorded_at').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    /** [{ agencyType, agencyId?, name, role }]: children's social care, police and health must be among them. */
    participants: jsonb('participants').notNull(),
    informationShared: text('information_shared').notNull(),
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('strategy_discussion_referral').on(t.referralId), index('strategy_discussion_held').on(t.tenantId, t.heldAt)],
);

/** A section 47 enquiry (Children Act 1989) for one child, started by a strategy discussion. */
export const s47Enquiry = pgTable(
  's47_enquiry',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cscReferral.id),
    strategyDiscussionId: uuid('strategy_discussion_id')
      .notNull()
      .references(() => strategyDiscussion.id),
    personId: personRef('person_id').notNull(),
    startedAt: at('started_at').notNull(),
    /** An initial conference within 15 working days of the strategy discussion, if one is needed. */
    conferenceDueAt: at('conference_due_at').notNull(),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    completedAt: at('completed_at'),
    completedByUserId: userRef('completed_by_user_id'),
  },
  (t) => [unique('s47_enquiry_discussion').on(t.strategyDiscussionId), index('s47_enquiry_referral').on(t.referralId), index('s47_enquiry_started').on(t.tenantId, t.startedAt)],
);

// ——— child protection: conferences and plans ———

/** A child protection conference (initial, review or transfer-in) for one child. */
export const cpConference = pgTable(
  'cp_conference',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cscReferral.id),
    personId: personRef('person_id').notNull(),
    s47Id: uuid('s47_id').references(() => s47Enquiry.id),
    /** The plan a review conference reviews. */
    planId: uuid('plan_id'),
    kind: text('kind').notNull(),
    dueAt: at('due_at').notNull(),
    scheduledAt: at('scheduled_at').notNull(),
    chairUserId: userRef('chair_user_id'),
    status: text('status').notNull().default('scheduled'),
    heldAt: at('held_at'),
    childAttended: boolean('child_attended'),
    childAdvocate: boolean('child_advocate'),
    childViewsPresented: boolean('child_views_presented'),
    childViews: text('child_views'),
    parentsParticipation: text('parents_participation'),
    parentsViews: text('parents_views'),
    decision: text('decision'),
    category: text('category'),
    decisionReason: text('decision_reason'),
    dissent: text('dissent'),
    dissentEscalated: boolean('dissent_escalated').notNull().default(false),
    recordedByUserId: userRef('recorded_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('cp_conference_person').on(t.personId), index('cp_conference_diary').on(t.tenantId, t.status, t.scheduledAt), index('cp_conference_plan').on(t.planId), index('cp_conference_referral').on(t.referralId), index('cp_conference_s47').on(t.s47Id)],
);

/** An agency invited to a conference: its report (through its own queue, before the day) and its attendance. */
export const conferenceInvite = pgTable(
  'conference_invite',
  {
    id: id(),
    tenantId: tenantRef(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => cpConference.id),
    agencyId: agencyRef('agency_id').notNull(),
    reportDueAt: at('report_due_at').notNull(),
    reportStatus: text('report_status').notNull().default('requested'),
    report: text('report'),
    /** The agency's view of the risk in its report: significant harm / child in need / no concerns. */
    reportView: text('report_view'),
    submittedAt: at('submitted_at'),
    submittedByUserId: userRef('submitted_by_user_id'),
    attendance: text('attendance'),
  },
  (t) => [unique('conference_invite_once').on(t.conferenceId, t.agencyId), index('conference_invite_queue').on(t.tenantId, t.agencyId, t.reportStatus, t.reportDueAt)],
);

/** A child protection plan or a child in need plan. */
export const childPlan = pgTable(
  'child_plan',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cscReferral.id),
    personId: personRef('person_id').notNull(),
    kind: text('kind').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    /** CP plans: the category at the start and now (neglect, physical, emotional, sexual, multiple). */
    initialCategory: text('initial_category'),
    latestCategory: text('latest_category'),
    endReason: text('end_reason'),
    /** A child in need plan that a child protection plan stepped down to. */
    steppedDownFromPlanId: uuid('stepped_down_from_plan_id'),
    /** The conference that made a CP plan. */
    conferenceId: uuid('conference_id').references(() => cpConference.id),
    allocatedUserId: userRef('allocated_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('child_plan_person').on(t.personId), index('child_plan_active').on(t.tenantId, t.kind, t.endedOn), index('child_plan_referral').on(t.referralId)],
);

/** A core group meeting of a child protection plan. */
export const coreGroup = pgTable(
  'core_group',
  {
    id: id(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => childPlan.id),
    heldOn: date('held_on').notNull(),
    dueOn: date('due_on').notNull(),
    /** Agency ids present. */
    agencies: uuid('agencies').array().notNull(),
    notes: text('notes').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('core_group_plan').on(t.planId, t.heldOn)],
);

/** A visit to a child on a plan: seen, seen alone. */
export const planVisit = pgTable(
  'plan_visit',
  {
    id: id(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => childPlan.id),
    visitedOn: date('visited_on').notNull(),
    dueOn: date('due_on').notNull(),
    seen: boolean('seen').notNull(),
    seenAlone: boolean('seen_alone').notNull(),
    notes: text('notes').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('plan_visit_plan').on(t.planId, t.visitedOn), index('plan_visit_tenant').on(t.tenantId, t.visitedOn)],
);

/** A review of a child in need plan. */
export const planReview = pgTable(
  'plan_review',
  {
    id: id(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => childPlan.id),
    heldOn: date('held_on').notNull(),
    dueOn: date('due_on').notNull(),
    decision: text('decision').notNull(),
    notes: text('notes').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('plan_review_plan').on(t.planId, t.heldOn)],
);

// ——— early help ———

/** An early help episode for a family, led by a lead practitioner of any agency. */
export const earlyHelpEpisode = pgTable(
  'early_help_episode',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    contactId: uuid('contact_id').references(() => contact.id),
    /** A step down from children's social care. */
    steppedDownFromReferralId: uuid('stepped_down_from_referral_id').references(() => cscReferral.id),
    /** The children in the family the episode is for. */
    children: uuid('children').array().notNull(),
    familyName: text('family_name').notNull(),
    startedAt: at('started_at').notNull(),
    /** The family contacted and engaged within 3 working days (local). */
    contactDueAt: at('contact_due_at').notNull(),
    contactedAt: at('contacted_at'),
    engaged: boolean('engaged'),
    /** Triaged within 5 working days (local). */
    triageDueAt: at('triage_due_at').notNull(),
    triagedAt: at('triaged_at'),
    leadAgencyId: agencyRef('lead_agency_id').notNull(),
    leadUserId: userRef('lead_user_id'),
    ehaStartedAt: at('eha_started_at'),
    ehaDueAt: at('eha_due_at'),
    ehaCompletedAt: at('eha_completed_at'),
    /** The agency that completed the assessment (partners' share is measured). */
    ehaAgencyId: agencyRef('eha_agency_id'),
    ehaSummary: text('eha_summary'),
    familyViews: text('family_views'),
    /** [{ agencyId, role }]: the team around the family. */
    team: jsonb('team').notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('open'),
    steppedUpToContactId: uuid('stepped_up_to_contact_id').references(() => contact.id),
    closedAt: at('closed_at'),
    closureReason: text('closure_reason'),
    restricted: boolean('restricted').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('early_help_reference').on(t.tenantId, t.reference),
    unique('early_help_contact').on(t.contactId),
    index('early_help_lead').on(t.tenantId, t.leadAgencyId, t.status),
    index('early_help_started').on(t.tenantId, t.startedAt),
  ],
);
