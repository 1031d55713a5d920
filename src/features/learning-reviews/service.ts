/**
 * Learning reviews: rapid reviews (within 15 working days of a serious incident notification, itself within 5
 * working days of the local authority learning of the incident; Working Together 2023), local child safeguarding
 * practice reviews, safeguarding adults reviews (Care Act 2014 s44), domestic homicide reviews, practice / lessons
 * learned reviews and child death reviews (CDOP), from notification to publication; findings become
 * recommendations in an action plan (the action tracker's).
 *
 * The rules are the domain's (domain/learning-reviews.ts). Every change is checked against the review locked for
 * the transaction and audited as the last write of that transaction; every view is audited. The subject is
 * restricted: pages show the pseudonym only.
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, type Viewer, learningReviewAccess } from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import {
  BOARD_OF_KIND,
  type ClockCode,
  type ReviewDates,
  type ReviewKind,
  type ReviewStage,
  type ReviewState,
  type ReviewStep,
  type S44Answers,
  clocksNeedingAttention,
  clocksOf,
  dateProblem,
  firstStage,
  incidentProblems,
  isReviewKind,
  s44CriteriaMet,
  sarDecision,
  stageAfterDecision,
  stepProblem,
} from '../../domain/learning-reviews.js';
import { type LocalDate } from '../../domain/time.js';
import { type Timescale, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { type ActionService } from '../actions/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { type PeopleService } from '../people/service.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };
export type { ListTab, ReviewRow } from './repository.js';

const has = (problems: Problems) => Object.keys(problems).length > 0;

const TIMESCALE_OF: Record<ClockCode, string> = {
  notification: 'review.notification',
  rapid_review: 'review.rapid_review',
  panel: 'review.rapid_review',
  dhr_decision: 'review.dhr_decision',
  publication: 'review.lcspr_publication',
};

/** The area's calendar, today and the reviews' timescales, read before any transaction. */
export interface ReviewSetting {
  calendar: WorkingCalendar;
  today: LocalDate;
  timescales: Record<'notification' | 'rapid' | 'publication' | 'dhr', Timescale>;
  /** The DHR decision's timescale in months (the SQL lists count it so). */
  dhrMonths: number;
  source: (code: ClockCode) => string;
}

/** The date a timescale started on `from` is due, by the area's calendar. */
export function dueOn(calendar: WorkingCalendar, from: LocalDate, timescale: Timescale): LocalDate {
  return calendar.dateOf(timescaleDeadline(calendar, calendar.openingOfDay(from), timescale));
}

/** The domain's view of a review row. */
export function stateOf(r: repo.ReviewRow): ReviewState {
  return {
    kind: r.kind as ReviewKind,
    stage: r.stage as ReviewStage,
    decision: r.decision,
    panelSentOn: r.panel_sent_on,
    publicationHeld: r.publication_held,
    cdopRecorded: r.cdop_category !== null && !!r.modifiable_factors && !!r.learning,
    findings: r.findings,
    hasLcspr: !!r.lcspr_id,
  };
}

export function datesOf(r: repo.ReviewRow): ReviewDates {
  return {
    kind: r.kind as ReviewKind,
    stage: r.stage as ReviewStage,
    learnedOn: r.learned_on,
    notifiedOn: r.notified_on,
    notificationDueOn: r.notification_due_on,
    rapidReviewDueOn: r.rapid_review_due_on,
    rapidReviewHeldOn: r.rapid_review_held_on,
    decision: r.decision,
    decidedOn: r.decided_on,
    panelSentOn: r.panel_sent_on,
    publicationDueOn: r.publication_due_on,
    publicationHeld: r.publication_held,
    publishedOn: r.published_on,
  };
}

export interface NotifyInput {
  kind: string;
  boardKind: string | null;
  title: string;
  subjectPseudonym: string;
  subjectPersonId: string | null;
  summary: string;
  incidentOn: LocalDate;
  learnedOn: LocalDate;
}

export class LearningReviewService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly organisations: OrganisationService,
    readonly people: PeopleService,
    readonly actions: ActionService,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async access(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.reviewFacts(this.db, id);
    return facts && learningReviewAccess(viewer, facts);
  }

  // ——— the area's setting ———

  async setting(tenantId: string): Promise<ReviewSetting> {
    const tenant = await this.organisations.tenant(tenantId);
    const [calendar, notification, rapid, publication, dhr] = await Promise.all([
      this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales'),
      this.calendar.timescale(tenantId, 'review.notification'),
      this.calendar.timescale(tenantId, 'review.rapid_review'),
      this.calendar.timescale(tenantId, 'review.lcspr_publication'),
      this.calendar.timescale(tenantId, 'review.dhr_decision'),
    ]);
    const byCode: Record<string, Timescale> = { 'review.notification': notification, 'review.rapid_review': rapid, 'review.lcspr_publication': publication, 'review.dhr_decision': dhr };
    return {
      calendar,
      today: calendar.dateOf(this.now()),
      timescales: { notification, rapid, publication, dhr },
      dhrMonths: dhr.unit === 'months' ? dhr.amount : 1,
      source: (code) => byCode[TIMESCALE_OF[code]]?.source ?? '',
    };
  }

  // ——— reading ———

  /** One tab of the list of reviews (only published ones for those who follow the partnership). Audited. */
  async list(actor: UserActor, q: { tab: repo.ListTab; kind: string | null; publishedOnly: boolean; page: number; pageSize: number }) {
    const s = await this.setting(actor.tenantId);
    const kind = q.kind && isReviewKind(q.kind) ? q.kind : null;
    const [list, counts] = await Promise.all([
      repo.list(this.db, { tenantId: actor.tenantId, tab: q.tab, kind, publishedOnly: q.publishedOnly, today: s.today, dhrMonths: s.dhrMonths, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      repo.counts(this.db, { tenantId: actor.tenantId, kind, publishedOnly: q.publishedOnly, today: s.today, dhrMonths: s.dhrMonths }),
    ]);
    await this.audit.recordNow(actor, { action: 'learning_review.list_viewed', recordType: 'learning_review', details: { tab: q.tab, kind, page: q.page, shown: list.length } });
    return { rows: list, total: list[0]?.total ?? 0, counts, today: s.today };
  }

  /** The home page's panel: reviews with a clock overdue or due in the next 5 working days (references and pseudonyms only; not audited). */
  async attention(viewer: { tenantId: string }, limit = 5) {
    const s = await this.setting(viewer.tenantId);
    const horizon = s.calendar.addWorkingDays(s.today, 5);
    const list = await repo.needingAttention(this.db, { tenantId: viewer.tenantId, horizon, dhrMonths: s.dhrMonths, limit });
    return { rows: list, total: list[0]?.total ?? 0, today: s.today, horizon };
  }

  /** A review with its findings, agencies and clocks, for a user the record check let in. Audited. */
  async view(actor: UserActor, id: string, part = 'review') {
    const review = await repo.review(this.db, actor.tenantId, id);
    if (!review) return undefined;
    const [findings, agencies, s, areaAgencies] = await Promise.all([repo.findings(this.db, id), repo.agencies(this.db, id), this.setting(actor.tenantId), this.organisations.agencies(actor.tenantId, { activeOnly: true })]);
    await this.audit.recordNow(actor, { action: 'learning_review.viewed', recordType: 'learning_review', recordId: id, details: { part } });
    const clocks = clocksOf(datesOf(review), s.today, { dhrMonths: s.dhrMonths, source: s.source });
    return { review, findings, agencies, clocks, attention: clocksNeedingAttention(clocks, s.calendar.addWorkingDays(s.today, 5)), today: s.today, areaAgencies: areaAgencies.map((a) => ({ id: a.id, name: a.name })) };
  }

  // ——— notifying ———

  /** A serious incident (or a death, a SAR referral, a practice review) notified: the review starts at its first stage. */
  async notify(actor: UserActor, viewer: Viewer, input: NotifyInput): Promise<{ id: string } | { problems: Problems }> {
    const s = await this.setting(actor.tenantId);
    if (!isReviewKind(input.kind) || input.kind === 'lcspr') return { problems: { kind: 'Select the kind of review' } };
    const kind: ReviewKind = input.kind;
    const problems: Problems = incidentProblems({ incidentOn: input.incidentOn, learnedOn: input.learnedOn, today: s.today });
    const boardKind = BOARD_OF_KIND[kind] ?? input.boardKind;
    if (!boardKind) problems.boardKind = 'Select the board the practice review is for';
    if (input.subjectPersonId) {
      const decision = await this.people.access(viewer, input.subjectPersonId);
      if (!decision || (decision.outcome === 'deny' && decision.reason === 'another area')) problems.subjectPersonId = 'The person linked is not on the register: open the form again from their record';
    }
    if (has(problems)) return { problems };
    const notificationDueOn = kind === 'rapid_review' ? dueOn(s.calendar, input.learnedOn, s.timescales.notification) : null;
    return transaction(this.db, async (tx) => {
      const made = await repo.insertReview(tx, {
        tenantId: actor.tenantId,
        kind,
        parentReviewId: null,
        title: input.title,
        subjectPersonId: input.subjectPersonId,
        subjectPseudonym: input.subjectPseudonym,
        summary: input.summary,
        incidentOn: input.incidentOn,
        learnedOn: input.learnedOn,
        notificationDueOn,
        publicationDueOn: null,
        stage: firstStage(kind),
        boardKind: boardKind!,
        createdByUserId: actor.userId,
      });
      await this.audit.record(tx, actor, { action: 'learning_review.notified', recordType: 'learning_review', recordId: made.id, details: { reference: made.reference, kind, boardKind, learnedOn: input.learnedOn, notificationDueOn, subjectLinked: !!input.subjectPersonId } });
      return { id: made.id };
    });
  }

  // ——— changes ———

  private async change(actor: UserActor, id: string, step: ReviewStep, field: string, apply: (tx: Database, r: repo.ReviewRow) => Promise<Problems | void>): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const r = await repo.lock(tx, actor.tenantId, id);
      if (!r) return { notFound: true as const };
      const blocked = stepProblem(stateOf(r), step);
      if (blocked) return { problems: { [field]: blocked } };
      const problems = (await apply(tx, r)) ?? {};
      if (has(problems)) return { problems };
      return { ok: true as const };
    });
  }

  /** The serious incident notification sent to the Panel: the rapid review is due 15 working days on. */
  async recordNotification(actor: UserActor, id: string, input: { notifiedOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'notification', 'notifiedOn', async (tx, r) => {
      const p = dateProblem({ name: 'notifiedOn', label: 'The date the Panel was notified' }, input.notifiedOn, { today: s.today, notBefore: { date: r.learned_on, label: 'the local authority learned of the incident' } });
      if (has(p)) return p;
      const rapidReviewDueOn = dueOn(s.calendar, input.notifiedOn, s.timescales.rapid);
      await repo.recordNotification(tx, id, input.notifiedOn, rapidReviewDueOn);
      const inTime = !r.notification_due_on || input.notifiedOn <= r.notification_due_on;
      await this.audit.record(tx, actor, { action: 'learning_review.notification_sent', recordType: 'learning_review', recordId: id, details: { notifiedOn: input.notifiedOn, dueOn: r.notification_due_on, inTime, rapidReviewDueOn } });
    });
  }

  /** The rapid review held, with its decision and reason; closed once the decision is sent to the Panel. */
  async recordRapidReview(actor: UserActor, id: string, input: { heldOn: LocalDate; decision: string; reason: string; panelSentOn: LocalDate | null }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'rapid', 'heldOn', async (tx, r) => {
      const p = {
        ...dateProblem({ name: 'heldOn', label: 'The date of the rapid review' }, input.heldOn, { today: s.today, notBefore: { date: r.notified_on, label: 'the notification to the Panel' } }),
        ...(input.panelSentOn ? dateProblem({ name: 'panelSentOn', label: 'The date the decision was sent to the Panel' }, input.panelSentOn, { today: s.today, notBefore: { date: input.heldOn, label: 'the rapid review' } }) : {}),
      };
      if (has(p)) return p;
      const stage = input.panelSentOn ? 'closed' : 'rapid_review';
      await repo.recordRapidReview(tx, id, { ...input, stage });
      const day = r.notified_on ? s.calendar.workingDaysBetween(r.notified_on, input.heldOn) : null;
      const inTime = !r.rapid_review_due_on || input.heldOn <= r.rapid_review_due_on;
      await this.audit.record(tx, actor, { action: 'learning_review.rapid_review_held', recordType: 'learning_review', recordId: id, details: { heldOn: input.heldOn, workingDay: day, inTime, decision: input.decision, panelSentOn: input.panelSentOn } });
    });
  }

  /** The rapid review's decision sent to the Panel: the rapid review ends. */
  async recordPanel(actor: UserActor, id: string, input: { panelSentOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'panel', 'panelSentOn', async (tx, r) => {
      const p = dateProblem({ name: 'panelSentOn', label: 'The date the decision was sent to the Panel' }, input.panelSentOn, { today: s.today, notBefore: { date: r.rapid_review_held_on, label: 'the rapid review' } });
      if (has(p)) return p;
      await repo.recordPanelSent(tx, id, input.panelSentOn, 'closed');
      const inTime = !r.rapid_review_due_on || input.panelSentOn <= r.rapid_review_due_on;
      await this.audit.record(tx, actor, { action: 'learning_review.decision_sent', recordType: 'learning_review', recordId: id, details: { panelSentOn: input.panelSentOn, decision: r.decision, inTime } });
    });
  }

  /** An LCSPR started from a rapid review that decided on one: a new review, due for publication 6 months (local) after the decision. */
  async startLcspr(actor: UserActor, id: string): Promise<{ id: string } | { problems: Problems } | { notFound: true }> {
    const s = await this.setting(actor.tenantId);
    return transaction(this.db, async (tx) => {
      const r = await repo.lock(tx, actor.tenantId, id);
      if (!r) return { notFound: true as const };
      const blocked = stepProblem(stateOf(r), 'lcspr');
      if (blocked) return { problems: { form: blocked } };
      const publicationDueOn = dueOn(s.calendar, r.decided_on ?? s.today, s.timescales.publication);
      const made = await repo.insertReview(tx, {
        tenantId: r.tenant_id,
        kind: 'lcspr',
        parentReviewId: r.id,
        title: r.title,
        subjectPersonId: r.subject_person_id,
        subjectPseudonym: r.subject_pseudonym,
        summary: r.summary,
        incidentOn: r.incident_on,
        learnedOn: r.learned_on,
        notificationDueOn: null,
        publicationDueOn,
        stage: firstStage('lcspr'),
        boardKind: r.board_kind,
        createdByUserId: actor.userId,
      });
      await this.audit.record(tx, actor, { action: 'learning_review.lcspr_started', recordType: 'learning_review', recordId: made.id, details: { reference: made.reference, rapidReviewId: r.id, rapidReview: r.reference, publicationDueOn } });
      return { id: made.id };
    });
  }

  /** The community safety partnership's decision on a domestic homicide review. */
  async recordDhrDecision(actor: UserActor, id: string, input: { decision: string; reason: string; decidedOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'decision', 'decision', async (tx, r) => {
      const p = dateProblem({ name: 'decidedOn', label: 'The date of the decision' }, input.decidedOn, { today: s.today, notBefore: { date: r.learned_on, label: 'the partnership was notified of the death' } });
      if (has(p)) return p;
      const stage = stageAfterDecision(input.decision);
      await repo.recordDecision(tx, id, { ...input, stage, s44: null });
      const dueOnDate = r.learned_on ? dueOn(s.calendar, r.learned_on, s.timescales.dhr) : null;
      await this.audit.record(tx, actor, { action: 'learning_review.dhr_decided', recordType: 'learning_review', recordId: id, details: { decision: input.decision, decidedOn: input.decidedOn, dueOn: dueOnDate, inTime: !dueOnDate || input.decidedOn <= dueOnDate } });
    });
  }

  /** The safeguarding adults board's decision against s44: which criteria are met, and a mandatory review when s44(1)'s are. */
  async recordSar(actor: UserActor, id: string, input: { answers: S44Answers; decision: string; reason: string; decidedOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'sar', 'decision', async (tx, r) => {
      const p = dateProblem({ name: 'decidedOn', label: 'The date of the decision' }, input.decidedOn, { today: s.today, notBefore: { date: r.learned_on, label: 'the referral was received' } });
      const d = sarDecision(input.answers, input.decision);
      if ('problem' in d) p.decision = d.problem;
      if (has(p)) return p;
      const basis = 'basis' in d ? d.basis : null;
      const s44 = { ...input.answers, basis, met: s44CriteriaMet(input.answers) };
      await repo.recordDecision(tx, id, { decision: input.decision, reason: input.reason, decidedOn: input.decidedOn, stage: stageAfterDecision(input.decision), s44 });
      await this.audit.record(tx, actor, { action: 'learning_review.sar_decided', recordType: 'learning_review', recordId: id, details: { decision: input.decision, basis, decidedOn: input.decidedOn, ...input.answers } });
    });
  }

  /** A child death review's category of death, modifiable factors and learning. */
  async recordCdop(actor: UserActor, id: string, input: { category: number; modifiableFactors: string; learning: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'cdop', 'category', async (tx, r) => {
      await repo.recordCdop(tx, id, input);
      await this.audit.record(tx, actor, { action: 'learning_review.cdop_recorded', recordType: 'learning_review', recordId: id, details: { category: input.category, modifiableFactors: input.modifiableFactors, previous: r.cdop_category } });
    });
  }

  /** The terms of reference agreed and the reviewer appointed. */
  async recordTerms(actor: UserActor, id: string, input: { termsOfReferenceOn: LocalDate; reviewer: string }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'terms', 'termsOfReferenceOn', async (tx, r) => {
      const p = dateProblem({ name: 'termsOfReferenceOn', label: 'The date the terms of reference were agreed' }, input.termsOfReferenceOn, { today: s.today, notBefore: { date: r.decided_on ?? r.learned_on, label: r.decided_on ? 'the decision to hold the review' : 'the notification' } });
      if (has(p)) return p;
      await repo.recordTerms(tx, id, input);
      await this.audit.record(tx, actor, { action: 'learning_review.terms_recorded', recordType: 'learning_review', recordId: id, details: { termsOfReferenceOn: input.termsOfReferenceOn } });
    });
  }

  /** An agency taking part: what was asked of it (a chronology, an individual management review…), when it is due and when it came. */
  async recordAgency(actor: UserActor, id: string, input: { agencyId: string; askedFor: string; dueOn: LocalDate | null; receivedOn: LocalDate | null }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    const agencies = await this.organisations.agencies(actor.tenantId);
    return this.change(actor, id, 'agencies', 'agencyId', async (tx, r) => {
      if (!agencies.some((a) => a.id === input.agencyId)) return { agencyId: 'Select the agency from the list' };
      const p = input.receivedOn ? dateProblem({ name: 'receivedOn', label: 'The date it was received' }, input.receivedOn, { today: s.today, notBefore: { date: r.learned_on, label: 'the notification' } }) : {};
      if (input.dueOn && r.learned_on && input.dueOn < r.learned_on) p.dueOn = 'The due date must be on or after the notification';
      if (has(p)) return p;
      const how = await repo.upsertAgency(tx, { tenantId: actor.tenantId, reviewId: id, ...input });
      await this.audit.record(tx, actor, { action: 'learning_review.agency_recorded', recordType: 'learning_review', recordId: id, details: { agencyId: input.agencyId, how, dueOn: input.dueOn, receivedOn: input.receivedOn } });
    });
  }

  /** A finding of the review; its recommendations go into the action plan. */
  async addFinding(actor: UserActor, id: string, input: { text: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'findings', 'text', async (tx) => {
      const f = await repo.insertFinding(tx, { tenantId: actor.tenantId, reviewId: id, text: input.text });
      await this.audit.record(tx, actor, { action: 'learning_review.finding_added', recordType: 'learning_review', recordId: id, details: { findingId: f.id, position: f.position } });
    });
  }

  /** The final report sent (to the Panel for an LCSPR, the board for a SAR, the Home Office for a DHR). */
  async recordReport(actor: UserActor, id: string, input: { sentOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'report', 'sentOn', async (tx, r) => {
      const p = dateProblem({ name: 'sentOn', label: 'The date the final report was sent' }, input.sentOn, { today: s.today, notBefore: { date: r.terms_of_reference_on ?? r.decided_on ?? r.learned_on, label: 'the review began' } });
      if (has(p)) return p;
      await repo.recordReportSent(tx, id, input.sentOn);
      await this.audit.record(tx, actor, { action: 'learning_review.report_sent', recordType: 'learning_review', recordId: id, details: { sentOn: input.sentOn } });
    });
  }

  /** Publication held while criminal proceedings run (with the reason). */
  async hold(actor: UserActor, id: string, input: { reason: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'hold', 'reason', async (tx) => {
      await repo.holdPublication(tx, id, input.reason);
      await this.audit.record(tx, actor, { action: 'learning_review.publication_held', recordType: 'learning_review', recordId: id });
    });
  }

  async release(actor: UserActor, id: string): Promise<ChangeResult> {
    return this.change(actor, id, 'release', 'confirm', async (tx, r) => {
      await repo.releasePublication(tx, id);
      await this.audit.record(tx, actor, { action: 'learning_review.publication_released', recordType: 'learning_review', recordId: id, details: { heldReason: r.publication_held_reason } });
    });
  }

  /** Published: those who follow the partnership may now read it (the subject stays a pseudonym). */
  async publish(actor: UserActor, id: string, input: { publishedOn: LocalDate }): Promise<ChangeResult> {
    const s = await this.setting(actor.tenantId);
    return this.change(actor, id, 'publish', 'publishedOn', async (tx, r) => {
      const p = dateProblem({ name: 'publishedOn', label: 'The date of publication' }, input.publishedOn, { today: s.today, notBefore: { date: r.panel_sent_on, label: 'the final report was sent' } });
      if (has(p)) return p;
      await repo.publish(tx, id, input.publishedOn);
      const inTime = !r.publication_due_on || input.publishedOn <= r.publication_due_on;
      await this.audit.record(tx, actor, { action: 'learning_review.published', recordType: 'learning_review', recordId: id, details: { publishedOn: input.publishedOn, dueOn: r.publication_due_on, inTime } });
    });
  }

  async close(actor: UserActor, id: string): Promise<ChangeResult> {
    return this.change(actor, id, 'close', 'confirm', async (tx, r) => {
      await repo.close(tx, id);
      await this.audit.record(tx, actor, { action: 'learning_review.closed', recordType: 'learning_review', recordId: id, details: { kind: r.kind, from: r.stage } });
    });
  }

  /**
   * The review's action plan, made the first time (the action tracker's planFor runs its own transaction, outside
   * any of ours): short (at most 5 open actions) and restricted like the review.
   */
  async planFor(actor: UserActor, id: string): Promise<{ planId: string } | { problems: Problems } | { notFound: true }> {
    const r = await repo.review(this.db, actor.tenantId, id);
    if (!r) return { notFound: true };
    const blocked = stepProblem(stateOf(r), 'plan');
    if (blocked) return { problems: { form: blocked } };
    const planId = await this.actions.planFor(actor, {
      sourceKind: 'learning_review',
      sourceId: r.id,
      sourceTitle: `${r.reference}: ${r.title}`,
      title: `Recommendations of ${r.reference}: ${r.title}`,
      boardKind: r.board_kind,
      restricted: true,
      short: true,
      maxOpen: 5,
    });
    return { planId };
  }
}
