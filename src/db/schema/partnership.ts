/**
 * The safeguarding partnership's own assurance work (issue 17): the boards and their sub-groups, meetings,
 * attendance and the issues / risk log; learning reviews (rapid reviews, LCSPRs, SARs, DHRs, practice reviews,
 * child death reviews); multi-agency case audits; multi-agency training with its 3-month impact check; the
 * self-assessments (S11, S175, the voluntary sector's tool, the joint children's and adults' tool, DA); and one
 * action tracker that all of them feed. Each capability writes only its own tables (owners.json).
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agency } from './tenancy.js';
import { tenantRef, id, at, userRef, agencyRef, personRef } from './columns.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

// ——— boards ———

/** A statutory partnership board: the children's safeguarding partnership, the adults' board, the community safety partnership. */
export const board = pgTable(
  'board',
  {
    id: id(),
    tenantId: tenantRef(),
    /** children | adults | community_safety */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('board_tenant_kind').on(t.tenantId, t.kind)],
);

/** The board itself (no parent) or one of its sub-groups (learning and improvement, performance, training…). */
export const boardGroup = pgTable(
  'board_group',
  {
    id: id(),
    tenantId: tenantRef(),
    boardId: uuid('board_id')
      .notNull()
      .references(() => board.id),
    name: text('name').notNull(),
    /** The main board is the group with is_main; sub-groups report to it. */
    isMain: boolean('is_main').notNull().default(false),
    remit: text('remit'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [unique('board_group_name').on(t.boardId, t.name)],
);

/** A member of a group: a named person representing an agency in a role (chair, member, adviser). */
export const boardMember = pgTable(
  'board_member',
  {
    id: id(),
    tenantId: tenantRef(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => boardGroup.id),
    agencyId: agencyRef('agency_id').notNull(),
    userId: userRef('user_id'),
    name: text('name').notNull(),
    /** Their job title (Detective Superintendent, Designated Nurse…). */
    jobTitle: text('job_title'),
    /** chair | vice_chair | member | adviser | observer */
    role: text('role').notNull().default('member'),
    fromOn: date('from_on').notNull(),
    toOn: date('to_on'),
  },
  (t) => [index('board_member_group').on(t.groupId)],
);

export const boardMeeting = pgTable(
  'board_meeting',
  {
    id: id(),
    tenantId: tenantRef(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => boardGroup.id),
    heldAt: at('held_at').notNull(),
    location: text('location'),
    /** scheduled | held | cancelled */
    status: text('status').notNull().default('scheduled'),
    minutes: text('minutes'),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('board_meeting_group').on(t.groupId, t.heldAt), index('board_meeting_tenant').on(t.tenantId, t.heldAt)],
);

/** An agenda item, with its paper (a file) when there is one. */
export const boardAgendaItem = pgTable(
  'board_agenda_item',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => boardMeeting.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenter: text('presenter'),
    paperName: text('paper_name'),
    paperType: text('paper_type'),
    paper: bytea('paper'),
  },
  (t) => [index('board_agenda_item_meeting').on(t.meetingId, t.position)],
);

/** A decision taken at a meeting (it may raise an action in the tracker: the action names the meeting as its source). */
export const boardDecision = pgTable(
  'board_decision',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => boardMeeting.id),
    agendaItemId: uuid('agenda_item_id').references(() => boardAgendaItem.id),
    text: text('text').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('board_decision_meeting').on(t.meetingId)],
);

/** Attendance at a meeting, one row per member (and per agency for the annual report's table). */
export const boardAttendance = pgTable(
  'board_attendance',
  {
    id: id(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => boardMeeting.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => boardMember.id),
    agencyId: agencyRef('agency_id').notNull(),
    /** attended | deputy | apologies | absent */
    status: text('status').notNull(),
    deputyName: text('deputy_name'),
  },
  (t) => [unique('board_attendance_member').on(t.meetingId, t.memberId), index('board_attendance_agency').on(t.tenantId, t.agencyId)],
);

/** The issues / risk log: likelihood × impact (1–5 each), owner, mitigations, review date. */
export const boardRisk = pgTable(
  'board_risk',
  {
    id: id(),
    tenantId: tenantRef(),
    boardId: uuid('board_id')
      .notNull()
      .references(() => board.id),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** risk | issue */
    kind: text('kind').notNull().default('risk'),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    ownerAgencyId: agencyRef('owner_agency_id'),
    ownerName: text('owner_name').notNull(),
    mitigations: text('mitigations'),
    reviewOn: date('review_on').notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on'),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('board_risk_reference').on(t.tenantId, t.reference), index('board_risk_board').on(t.boardId, t.status)],
);

// ——— the action tracker ———

/**
 * A plan: the recommendations and actions from one source (a review, an audit, an inspection, a self-assessment
 * round, the peer review, a board decision). A "short" plan refuses more than `max_open` open actions.
 */
export const actionPlan = pgTable(
  'action_plan',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    /** learning_review | case_audit | inspection | self_assessment | peer_review | board_decision */
    sourceKind: text('source_kind').notNull(),
    /** The source record's id when it is in Threshold (a review, an audit, a round, a meeting); null for an inspection or peer review. */
    sourceId: uuid('source_id'),
    sourceTitle: text('source_title').notNull(),
    /** The board that owns it (children | adults | community_safety | joint). */
    boardKind: text('board_kind').notNull(),
    short: boolean('short').notNull().default(false),
    maxOpen: integer('max_open'),
    /** Restricted when its source is (a review of a named person): only the business unit opens it without a reason. */
    restricted: boolean('restricted').notNull().default(false),
    /** open | closed */
    status: text('status').notNull().default('open'),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('action_plan_reference').on(t.tenantId, t.reference), index('action_plan_source').on(t.sourceKind, t.sourceId)],
);

/** A recommendation (or finding) in a plan; actions answer it. */
export const actionRecommendation = pgTable(
  'action_recommendation',
  {
    id: id(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlan.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('action_recommendation_plan').on(t.planId, t.position)],
);

/** One action: owner agency and person, due date, status, RAG, the impact check. */
export const partnershipAction = pgTable(
  'partnership_action',
  {
    id: id(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlan.id),
    recommendationId: uuid('recommendation_id').references(() => actionRecommendation.id),
    reference: text('reference').notNull(),
    description: text('description').notNull(),
    ownerAgencyId: agencyRef('owner_agency_id').notNull(),
    ownerUserId: userRef('owner_user_id'),
    ownerName: text('owner_name').notNull(),
    dueOn: date('due_on').notNull(),
    /** not_started | in_progress | completed | cancelled */
    status: text('status').notNull().default('not_started'),
    /** red | amber | green (blue = completed is shown from status) */
    rag: text('rag').notNull().default('amber'),
    completedOn: date('completed_on'),
    /** What difference it made, checked after completion: text and when, by whom. */
    impact: text('impact'),
    impactCheckedOn: date('impact_checked_on'),
    impactCheckedByUserId: userRef('impact_checked_by_user_id'),
    /** The last reminder and escalation sent through the outbox, so each is sent once. */
    remindedOn: date('reminded_on'),
    escalatedOn: date('escalated_on'),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('partnership_action_reference').on(t.tenantId, t.reference),
    index('partnership_action_plan').on(t.planId),
    index('partnership_action_owner').on(t.tenantId, t.ownerAgencyId, t.status),
    index('partnership_action_due').on(t.tenantId, t.status, t.dueOn),
  ],
);

/** An update on an action: progress text, evidence (text and an optional file), a change of status or RAG. */
export const actionUpdate = pgTable(
  'action_update',
  {
    id: id(),
    tenantId: tenantRef(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => partnershipAction.id),
    note: text('note').notNull(),
    isEvidence: boolean('is_evidence').notNull().default(false),
    fileName: text('file_name'),
    fileType: text('file_type'),
    fileBytes: integer('file_bytes'),
    file: bytea('file'),
    status: text('status'),
    rag: text('rag'),
    byUserId: userRef('by_user_id').notNull(),
    byAgencyId: agencyRef('by_agency_id').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('action_update_action').on(t.actionId, t.at)],
);

// ——— learning reviews ———

/**
 * A learning review: rapid review, LCSPR, safeguarding adults review (Care Act s44), domestic homicide review,
 * practice / lessons learned review, or child death review. Dates from notification to publication; the subject
 * is restricted.
 */
export const learningReview = pgTable(
  'learning_review',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** rapid_review | lcspr | sar | dhr | practice_review | child_death_review */
    kind: text('kind').notNull(),
    /** The rapid review a later LCSPR grew out of. */
    parentReviewId: uuid('parent_review_id'),
    title: text('title').notNull(),
    /** The person it is about (the child, the adult, the victim), restricted: a pseudonym is shown to others. */
    subjectPersonId: personRef('subject_person_id'),
    subjectPseudonym: text('subject_pseudonym').notNull(),
    summary: text('summary').notNull(),
    incidentOn: date('incident_on').notNull(),
    /** The local authority learned of the serious incident (the clock for the notification). */
    learnedOn: date('learned_on'),
    /** Serious incident notification to the Child Safeguarding Practice Review Panel (within 5 working days). */
    notifiedOn: date('notified_on'),
    notificationDueOn: date('notification_due_on'),
    /** Rapid review meeting (within 15 working days of the notification). */
    rapidReviewDueOn: date('rapid_review_due_on'),
    rapidReviewHeldOn: date('rapid_review_held_on'),
    /** lcspr | no_lcspr | national_review | sar | no_sar | dhr | no_dhr … the decision the review reached on what follows. */
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedOn: date('decided_on'),
    /** Care Act s44: which criteria were met (s44(1) mandatory: needs, abuse or neglect suspected, concern about how partners worked, and died / serious abuse; s44(4) discretionary). */
    s44Criteria: jsonb('s44_criteria'),
    /** CDOP: category of death (1–10), modifiable factors (yes / no / insufficient information), and the learning. */
    cdopCategory: integer('cdop_category'),
    modifiableFactors: text('modifiable_factors'),
    reviewer: text('reviewer'),
    termsOfReferenceOn: date('terms_of_reference_on'),
    panelSentOn: date('panel_sent_on'),
    publicationDueOn: date('publication_due_on'),
    /** Publication held back while criminal proceedings run. */
    publicationHeld: boolean('publication_held').notNull().default(false),
    publicationHeldReason: text('publication_held_reason'),
    publishedOn: date('published_on'),
    /** notified | rapid_review | in_review | report | published | closed */
    stage: text('stage').notNull(),
    learning: text('learning'),
    boardKind: text('board_kind').notNull(),
    restricted: boolean('restricted').notNull().default(true),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('learning_review_reference').on(t.tenantId, t.reference), index('learning_review_stage').on(t.tenantId, t.kind, t.stage)],
);

/** A finding of a review; recommendations go into its action plan. */
export const learningReviewFinding = pgTable(
  'learning_review_finding',
  {
    id: id(),
    tenantId: tenantRef(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => learningReview.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('learning_review_finding_review').on(t.reviewId, t.position)],
);

/** An agency taking part in a review (a chronology or an individual management review asked of it). */
export const learningReviewAgency = pgTable(
  'learning_review_agency',
  {
    id: id(),
    tenantId: tenantRef(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => learningReview.id),
    agencyId: agencyRef('agency_id').notNull(),
    askedFor: text('asked_for').notNull(),
    dueOn: date('due_on'),
    receivedOn: date('received_on'),
  },
  (t) => [unique('learning_review_agency_once').on(t.reviewId, t.agencyId)],
);

// ——— multi-agency case audits ———

/** A multi-agency audit on a topic in the year's programme, with its sample of records chosen in Threshold. */
export const caseAudit = pgTable(
  'case_audit',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** The programme year (the year it starts in: 2026 is 2026/27). */
    programmeYear: integer('programme_year').notNull(),
    topic: text('topic').notNull(),
    scope: text('scope').notNull(),
    /** children | adults | domestic_abuse */
    sampleKind: text('sample_kind').notNull(),
    boardKind: text('board_kind').notNull(),
    plannedOn: date('planned_on').notNull(),
    /** The date agencies' gradings are due. */
    gradingDueOn: date('grading_due_on'),
    /** The period and size of the last draw of the sample (a record dropped is replaced from the same period's order). */
    sampleFrom: date('sample_from'),
    sampleTo: date('sample_to'),
    sampleSize: integer('sample_size'),
    /** planned | sampling | grading | findings | closed */
    status: text('status').notNull().default('planned'),
    summary: text('summary'),
    createdByUserId: userRef('created_by_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('case_audit_reference').on(t.tenantId, t.reference), index('case_audit_year').on(t.tenantId, t.programmeYear)],
);

/** A record in an audit's sample: the person (and the record that brought them in: a contact, a referral, a concern, a MARAC case). */
export const caseAuditSample = pgTable(
  'case_audit_sample',
  {
    id: id(),
    tenantId: tenantRef(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => caseAudit.id),
    personId: personRef('person_id').notNull(),
    /** contact | csc_referral | adult_concern | marac_referral | da_case */
    recordKind: text('record_kind').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The agencies asked to grade their part of this record. */
    agencyIds: uuid('agency_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [unique('case_audit_sample_once').on(t.auditId, t.recordKind, t.recordId)],
);

/** One agency's grading of its part in one sampled record (outstanding, good, requires improvement, inadequate). */
export const caseAuditGrading = pgTable(
  'case_audit_grading',
  {
    id: id(),
    tenantId: tenantRef(),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => caseAuditSample.id),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => caseAudit.id),
    agencyId: agencyRef('agency_id').notNull(),
    grade: text('grade').notNull(),
    strengths: text('strengths'),
    improvements: text('improvements'),
    gradedByUserId: userRef('graded_by_user_id').notNull(),
    gradedAt: at('graded_at').notNull().defaultNow(),
  },
  (t) => [unique('case_audit_grading_once').on(t.sampleId, t.agencyId), index('case_audit_grading_audit').on(t.auditId)],
);

/** A finding of an audit; actions go into its plan. */
export const caseAuditFinding = pgTable(
  'case_audit_finding',
  {
    id: id(),
    tenantId: tenantRef(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => caseAudit.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('case_audit_finding_audit').on(t.auditId, t.position)],
);

// ——— training ———

export const trainingCourse = pgTable(
  'training_course',
  {
    id: id(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    /** The theme (neglect, exploitation, domestic abuse, MCA, self-neglect…). */
    theme: text('theme').notNull(),
    /** face_to_face | e_learning | webinar */
    mode: text('mode').notNull(),
    /** children | adults | both | domestic_abuse */
    boardKind: text('board_kind').notNull(),
    description: text('description').notNull(),
    /** Who it is for (the level: basic awareness, DSLs, managers…). */
    audience: text('audience'),
    durationMinutes: integer('duration_minutes'),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('training_course_title').on(t.tenantId, t.title)],
);

export const trainingSession = pgTable(
  'training_session',
  {
    id: id(),
    tenantId: tenantRef(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourse.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    venue: text('venue').notNull(),
    trainer: text('trainer'),
    capacity: integer('capacity').notNull(),
    /** scheduled | held | cancelled */
    status: text('status').notNull().default('scheduled'),
    registerTakenAt: at('register_taken_at'),
  },
  (t) => [index('training_session_course').on(t.courseId, t.startsAt), index('training_session_tenant').on(t.tenantId, t.startsAt)],
);

/**
 * A place on a session for one of a partner's staff, with their agency and role: attendance, the end-of-course
 * evaluation, and the 3-month impact questionnaire (sent by email with a one-use token; answered without signing in).
 */
export const trainingBooking = pgTable(
  'training_booking',
  {
    id: id(),
    tenantId: tenantRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSession.id),
    attendeeName: text('attendee_name').notNull(),
    attendeeEmail: text('attendee_email').notNull(),
    attendeeUserId: userRef('attendee_user_id'),
    agencyId: agencyRef('agency_id').notNull(),
    agencyType: text('agency_type').notNull(),
    jobRole: text('job_role').notNull(),
    bookedByUserId: userRef('booked_by_user_id').notNull(),
    bookedAt: at('booked_at').notNull().defaultNow(),
    /** booked | cancelled | attended | did_not_attend */
    status: text('status').notNull().default('booked'),
    /** End of course: confidence before and after (1–5), usefulness (1–5), comments. */
    evaluation: jsonb('evaluation'),
    evaluatedAt: at('evaluated_at'),
    /** The 3-month impact check: a hash of the emailed token, when it is due and sent, and the answers. */
    impactTokenHash: text('impact_token_hash'),
    impactDueOn: date('impact_due_on'),
    impactSentAt: at('impact_sent_at'),
    impact: jsonb('impact'),
    impactAnsweredAt: at('impact_answered_at'),
  },
  (t) => [
    index('training_booking_session').on(t.sessionId),
    index('training_booking_agency').on(t.tenantId, t.agencyId),
    uniqueIndex('training_booking_token').on(t.impactTokenHash),
    index('training_booking_impact_due').on(t.tenantId, t.impactDueOn),
  ],
);

/** A training needs analysis line: what an agency's staff in a role need, how many, how urgently, for which year. */
export const trainingNeed = pgTable(
  'training_need',
  {
    id: id(),
    tenantId: tenantRef(),
    year: integer('year').notNull(),
    agencyId: agencyRef('agency_id').notNull(),
    jobRole: text('job_role').notNull(),
    theme: text('theme').notNull(),
    staffCount: integer('staff_count').notNull(),
    /** high | medium | low */
    priority: text('priority').notNull(),
    notes: text('notes'),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('training_need_year').on(t.tenantId, t.year)],
);

// ——— self-assessment ———

/** A versioned framework: S11 (agencies), S175 (schools), the voluntary sector's tool, the joint children's and adults' tool, DA. */
export const saFramework = pgTable(
  'sa_framework',
  {
    id: id(),
    tenantId: tenantRef(),
    /** s11 | s175 | vcs | joint | da */
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** Which agency types complete it (school, police, health…). */
    agencyTypes: text('agency_types').array().notNull(),
    publishedAt: at('published_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('sa_framework_version').on(t.tenantId, t.kind, t.version)],
);

export const saStandard = pgTable(
  'sa_standard',
  {
    id: id(),
    tenantId: tenantRef(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => saFramework.id),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    guidance: text('guidance').notNull(),
    /** children | adults | both: on the joint tool, which board each standard answers to. */
    appliesTo: text('applies_to').notNull().default('both'),
  },
  (t) => [unique('sa_standard_code').on(t.frameworkId, t.code)],
);

/** A round of a framework opened by the business unit, for a set of organisations, due by a date. */
export const saRound = pgTable(
  'sa_round',
  {
    id: id(),
    tenantId: tenantRef(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => saFramework.id),
    title: text('title').notNull(),
    openedOn: date('opened_on').notNull(),
    dueOn: date('due_on').notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
    openedByUserId: userRef('opened_by_user_id').notNull(),
  },
  (t) => [index('sa_round_framework').on(t.frameworkId)],
);

/** One organisation's return in a round: its answers, when submitted, and the challenge meeting. */
export const saReturn = pgTable(
  'sa_return',
  {
    id: id(),
    tenantId: tenantRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => saRound.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    /** not_started | in_progress | submitted | challenged */
    status: text('status').notNull().default('not_started'),
    submittedAt: at('submitted_at'),
    submittedByUserId: userRef('submitted_by_user_id'),
    challengeOn: date('challenge_on'),
    challengeNotes: text('challenge_notes'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('sa_return_once').on(t.roundId, t.agencyId), index('sa_return_agency').on(t.tenantId, t.agencyId)],
);

/** An answer to one standard: RAG (green met, amber partly, red not met) and the evidence. */
export const saAnswer = pgTable(
  'sa_answer',
  {
    id: id(),
    tenantId: tenantRef(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => saReturn.id),
    standardId: uuid('standard_id')
      .notNull()
      .references(() => saStandard.id),
    rag: text('rag').notNull(),
    evidence: text('evidence').notNull(),
    answeredByUserId: userRef('answered_by_user_id').notNull(),
    answeredAt: at('answered_at').notNull().defaultNow(),
  },
  (t) => [unique('sa_answer_once').on(t.returnId, t.standardId)],
);
