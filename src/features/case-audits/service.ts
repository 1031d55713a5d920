/**
 * Multi-agency case audits: an audit programme by year, each audit a topic with a sample of records chosen in
 * Threshold (children's, adults' or domestic abuse cases), each agency grading its own part of each record, and
 * findings that become actions in the tracker.
 *
 * The sample is drawn through each owning feature's published read (children's referrals, adult concerns, DA cases),
 * in an order fixed by the audit's id, so the same audit draws the same records. Audit pages show a record's
 * reference, the person's initials and age band, never their name. Every change is audited as the last write of its
 * transaction; every view is audited.
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, caseAuditAccess, caseAuditManageAccess, caseAuditSampleGradeAccess } from '../../domain/access.js';
import {
  DRAW_DEPTH,
  type SampleCandidate,
  type SampleKind,
  SAMPLE_KIND_RECORDS,
  auditReference,
  drawSample,
  gradingProblems,
  isSampleKind,
  mayAddFindings,
  mayChangeSample,
  mayGrade,
  programmeYearOf,
  replacement,
  sampleProblems,
  statusProblem,
} from '../../domain/case-audits.js';
import { type LocalDate, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type ActionService } from '../actions/service.js';
import { type AdultSafeguardingService } from '../adult-safeguarding/service.js';
import { type ChildrenService } from '../children/service.js';
import { type DomesticAbuseService } from '../domestic-abuse/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { auditPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };

/** Where each kind of sample comes from: the owning features' published reads. */
export interface SampleSource {
  auditSample(tenantId: string, from: string, to: string, limit: number, seed: string): Promise<SampleCandidate[]>;
  auditRecords(tenantId: string, ids: readonly string[]): Promise<SampleCandidate[]>;
}

export interface AuditInput {
  topic: string;
  scope: string;
  sampleKind: string;
  boardKind: string;
  plannedOn: string;
  gradingDueOn: string;
}

const has = (problems: Problems) => Object.keys(problems).length > 0;

export class CaseAuditService {
  readonly sources: Record<SampleKind, SampleSource>;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
    readonly organisations: OrganisationService,
    sources: { children: ChildrenService; adults: AdultSafeguardingService; domesticAbuse: DomesticAbuseService },
    readonly actions: ActionService,
  ) {
    this.sources = { children: sources.children, adults: sources.adults, domestic_abuse: sources.domesticAbuse };
  }

  today(): LocalDate {
    return londonDate(this.now());
  }

  // ——— record checks ———

  async access(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.auditFacts(this.db, id);
    return facts && (manage ? caseAuditManageAccess(viewer, facts) : caseAuditAccess(viewer, facts));
  }

  async sampleGradeAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.sampleFacts(this.db, id);
    return facts && caseAuditSampleGradeAccess(viewer, facts);
  }

  // ——— the programme ———

  /** An area's audits in a programme year. Audited as a view of the programme. */
  async programme(actor: UserActor, year: number) {
    const list = await repo.programme(this.db, actor.tenantId, year);
    await this.audit.recordNow(actor, { action: 'case_audit.programme_viewed', recordType: 'case_audit', details: { year, shown: list.length } });
    return list;
  }

  async create(actor: UserActor, input: AuditInput): Promise<{ problems: Problems } | { id: string }> {
    const problems: Problems = {};
    if (input.gradingDueOn < input.plannedOn) problems.gradingDueOn = 'The date gradings are due must be on or after the planned date';
    if (has(problems)) return { problems };
    const year = programmeYearOf(input.plannedOn);
    const id = await transaction(this.db, async (tx) => {
      const reference = auditReference(year, await repo.nextNumber(tx));
      const made = await repo.insertAudit(tx, { ...input, tenantId: actor.tenantId, programmeYear: year, createdByUserId: actor.userId, reference });
      await this.audit.record(tx, actor, { action: 'case_audit.created', recordType: 'case_audit', recordId: made, details: { reference, year, sampleKind: input.sampleKind, boardKind: input.boardKind } });
      return made;
    });
    return { id };
  }

  // ——— an audit ———

  /** An audit with its sample (references, initials and age bands), gradings and findings. Audited. */
  async view(actor: UserActor, id: string, part = 'audit') {
    const audit = await repo.audit(this.db, actor.tenantId, id);
    if (!audit) return undefined;
    const [samples, gradings, findings, draw, agencies] = await Promise.all([
      repo.samples(this.db, id),
      repo.gradings(this.db, id),
      repo.findings(this.db, id),
      repo.lastDraw(this.db, actor.tenantId, id),
      this.organisations.agencies(actor.tenantId),
    ]);
    const records = await this.recordsOf(actor.tenantId, audit.sample_kind, samples);
    await this.audit.recordNow(actor, { action: 'case_audit.viewed', recordType: 'case_audit', recordId: id, details: { part } });
    return { audit, samples, records, gradings, findings, draw, agencies: agencies.map((a) => ({ id: a.id, name: a.name })), today: this.today() };
  }

  /** The sampled records as their owning feature shows them today, by record id. */
  private async recordsOf(tenantId: string, kind: string, samples: readonly repo.SampleRow[]): Promise<Map<string, SampleCandidate>> {
    if (samples.length === 0 || !isSampleKind(kind)) return new Map();
    const found = await this.sources[kind].auditRecords(tenantId, samples.map((s) => s.record_id));
    return new Map(found.map((r) => [r.id, r]));
  }

  /**
   * Draws the audit's sample: the first `size` records of its kind active in the period, in the order its id fixes
   * (the same audit over the same records draws the same sample). Replaces an earlier draw; the audit moves to
   * choosing its sample.
   */
  async draw(actor: UserActor, id: string, input: { from: string; to: string; size: number }): Promise<ChangeResult & { drawn?: number }> {
    const audit = await repo.audit(this.db, actor.tenantId, id);
    if (!audit || !isSampleKind(audit.sample_kind)) return { notFound: true };
    if (!mayChangeSample(audit.status)) return { problems: { from: 'The sample has gone to the agencies to grade: it cannot be drawn again' } };
    const problems = sampleProblems(input, this.today());
    if (has(problems)) return { problems };
    const candidates = drawSample(await this.sources[audit.sample_kind].auditSample(actor.tenantId, input.from, input.to, input.size, id), input.size);
    if (candidates.length === 0) return { problems: { from: 'There are no records of this kind in the period: choose another period' } };
    const kind = SAMPLE_KIND_RECORDS[audit.sample_kind];
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockAudit(tx, actor.tenantId, id);
      if (!locked || !mayChangeSample(locked.status)) return { problems: { from: 'The sample has gone to the agencies to grade: it cannot be drawn again' } };
      await repo.clearSample(tx, id);
      for (const c of candidates) await repo.insertSample(tx, { tenantId: actor.tenantId, auditId: id, personId: c.person_id, recordKind: kind, recordId: c.id, agencyIds: c.agency_ids });
      await repo.setDraw(tx, id, input);
      if (locked.status === 'planned') await repo.setStatus(tx, id, 'sampling');
      await this.audit.record(tx, actor, { action: 'case_audit.sample_drawn', recordType: 'case_audit', recordId: id, details: { from: input.from, to: input.to, size: input.size, drawn: candidates.length, recordIds: candidates.map((c) => c.id) } });
      return { ok: true as const, drawn: candidates.length };
    });
  }

  /**
   * Drops one record from the sample and draws the next after every record drawn so far in the audit's order (from
   * the same period), so a dropped record never comes back.
   */
  async redraw(actor: UserActor, id: string, sampleId: string): Promise<ChangeResult> {
    const [audit, current, draw] = await Promise.all([repo.audit(this.db, actor.tenantId, id), repo.samples(this.db, id), repo.lastDraw(this.db, actor.tenantId, id)]);
    if (!audit || !isSampleKind(audit.sample_kind)) return { notFound: true };
    const dropped = current.find((s) => s.id === sampleId);
    if (!dropped) return { problems: { sampleId: 'Select a record in this audit’s sample' } };
    if (!mayChangeSample(audit.status)) return { problems: { sampleId: 'The sample has gone to the agencies to grade: it cannot be changed' } };
    if (!draw) return { problems: { sampleId: 'Draw the sample before changing it' } };
    const order = await this.sources[audit.sample_kind].auditSample(actor.tenantId, draw.from, draw.to, DRAW_DEPTH, id);
    const nextId = replacement(order.map((c) => c.id), current.map((s) => s.record_id));
    const next = order.find((c) => c.id === nextId);
    if (!next) return { problems: { sampleId: 'There are no more records of this kind in the period to draw from: draw the sample again from a longer period' } };
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockAudit(tx, actor.tenantId, id);
      if (!locked || !mayChangeSample(locked.status)) return { problems: { sampleId: 'The sample has gone to the agencies to grade: it cannot be changed' } };
      if (!(await repo.deleteSample(tx, sampleId))) return { problems: { sampleId: 'Select a record in this audit’s sample' } };
      await repo.insertSample(tx, { tenantId: actor.tenantId, auditId: id, personId: next.person_id, recordKind: SAMPLE_KIND_RECORDS[audit.sample_kind as SampleKind], recordId: next.id, agencyIds: next.agency_ids });
      await this.audit.record(tx, actor, { action: 'case_audit.sample_redrawn', recordType: 'case_audit', recordId: id, details: { dropped: dropped.record_id, drawn: next.id } });
      return { ok: true as const };
    });
  }

  /**
   * Moves the audit on one step. Sending the sample to grade tells each asked agency's graders, in the same
   * transaction, which records wait for them and when they are due.
   */
  async advance(actor: UserActor, id: string, to: string): Promise<ChangeResult> {
    const audit = await repo.audit(this.db, actor.tenantId, id);
    if (!audit) return { notFound: true };
    const [samples, findings] = await Promise.all([repo.samples(this.db, id), repo.findings(this.db, id)]);
    const problem = statusProblem({ status: audit.status, sampled: samples.length, findings: findings.length }, to);
    if (problem) return { problems: { status: problem } };
    const graders = to === 'grading' ? await this.organisations.areaUsersWith(actor.tenantId, 'audits:grade') : [];
    const asked = new Map<string, number>();
    for (const s of samples) for (const a of new Set(s.agency_ids)) asked.set(a, (asked.get(a) ?? 0) + 1);
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockAudit(tx, actor.tenantId, id);
      if (!locked || locked.status !== audit.status) return { problems: { status: 'The audit has changed since the page was loaded: look again' } };
      await repo.setStatus(tx, id, to);
      let told = 0;
      for (const user of graders) {
        const n = asked.get(user.agency_id);
        if (!n) continue;
        told += 1;
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId: user.id,
          title: `Multi-agency audit ${audit.reference}: ${n} ${n === 1 ? 'record' : 'records'} to grade`,
          body: `Your agency is asked to grade its part of ${n} ${n === 1 ? 'record' : 'records'} for the audit “${audit.topic}”${audit.grading_due_on ? `, by ${audit.grading_due_on}` : ''}.`,
          link: auditPath('ours', { id }),
        });
      }
      await this.audit.record(tx, actor, { action: 'case_audit.status_changed', recordType: 'case_audit', recordId: id, details: { from: audit.status, to, told } });
      return { ok: true as const };
    });
  }

  // ——— grading ———

  /** One sampled record for an asked agency to grade: the record (reference, initials, age band) and its own grading. Audited. */
  async gradingView(actor: UserActor, sampleId: string) {
    const sample = await repo.sample(this.db, actor.tenantId, sampleId);
    if (!sample) return undefined;
    const audit = await repo.audit(this.db, actor.tenantId, sample.audit_id);
    if (!audit) return undefined;
    const [records, mine] = await Promise.all([this.recordsOf(actor.tenantId, audit.sample_kind, [sample]), repo.grading(this.db, sampleId, actor.agencyId)]);
    await this.audit.recordNow(actor, { action: 'case_audit.sample_viewed', recordType: 'case_audit_sample', recordId: sampleId, details: { auditId: audit.id } });
    return { audit, sample, record: records.get(sample.record_id), mine, today: this.today() };
  }

  /** The actor's agency grades its part of one sampled record (or changes its grading while the audit is with the agencies). */
  async grade(actor: UserActor, sampleId: string, input: { grade: string | null; strengths: string | null; improvements: string | null }): Promise<ChangeResult> {
    const sample = await repo.sample(this.db, actor.tenantId, sampleId);
    if (!sample || !sample.agency_ids.includes(actor.agencyId)) return { notFound: true };
    const audit = await repo.audit(this.db, actor.tenantId, sample.audit_id);
    if (!audit) return { notFound: true };
    if (!mayGrade(audit.status)) return { problems: { grade: 'This audit is not taking gradings now' } };
    const problems = gradingProblems(input);
    if (has(problems)) return { problems };
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockAudit(tx, actor.tenantId, audit.id);
      if (!locked || !mayGrade(locked.status)) return { problems: { grade: 'This audit is not taking gradings now' } };
      const inserted = await repo.saveGrading(tx, { tenantId: actor.tenantId, sampleId, auditId: audit.id, agencyId: actor.agencyId, grade: input.grade!, strengths: input.strengths, improvements: input.improvements, userId: actor.userId, at: this.now() });
      await this.audit.record(tx, actor, { action: inserted ? 'case_audit.graded' : 'case_audit.grading_changed', recordType: 'case_audit_sample', recordId: sampleId, details: { auditId: audit.id, grade: input.grade } });
      return { ok: true as const };
    });
  }

  /** The records this agency was asked to grade (in one audit, or all), with the records as audit pages show them. Audited as a view of the list. */
  async ours(actor: UserActor, page: number, pageSize: number, auditId?: string) {
    const list = await repo.ours(this.db, actor.tenantId, actor.agencyId, pageSize, (page - 1) * pageSize, auditId);
    const records = new Map<string, SampleCandidate>();
    for (const kind of new Set(list.map((r) => r.sample_kind))) {
      const of = list.filter((r) => r.sample_kind === kind).map((r) => ({ id: r.sample_id, person_id: '', record_kind: r.record_kind, record_id: r.record_id, agency_ids: [] }));
      for (const [k, v] of await this.recordsOf(actor.tenantId, kind, of)) records.set(k, v);
    }
    await this.audit.recordNow(actor, { action: 'case_audit.ours_viewed', recordType: 'case_audit', recordId: auditId, details: { page, shown: list.length } });
    return { rows: list, records, total: list[0]?.total ?? 0, today: this.today() };
  }

  /** The home panel: audits with records waiting for this agency's grading, with the due dates (not audited: counts only). */
  waiting(viewer: { tenantId: string; agencyId: string }) {
    return repo.waiting(this.db, viewer.tenantId, viewer.agencyId);
  }

  // ——— findings and the action plan ———

  async addFinding(actor: UserActor, id: string, text: string): Promise<ChangeResult> {
    const audit = await repo.audit(this.db, actor.tenantId, id);
    if (!audit) return { notFound: true };
    if (!mayAddFindings(audit.status)) return { problems: { finding: audit.status === 'closed' ? 'The audit is closed: its findings cannot change' : 'Findings are written once the sample has gone to the agencies to grade' } };
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockAudit(tx, actor.tenantId, id);
      if (!locked || !mayAddFindings(locked.status)) return { problems: { finding: 'The audit is not taking findings now' } };
      const made = await repo.insertFinding(tx, actor.tenantId, id, text);
      await this.audit.record(tx, actor, { action: 'case_audit.finding_added', recordType: 'case_audit', recordId: id, details: { findingId: made.id, position: made.position } });
      return { ok: true as const };
    });
  }

  /** The audit's action plan in the tracker (made the first time): a short plan of up to 5 open actions. */
  async actionPlan(actor: UserActor, id: string): Promise<{ problems: Problems } | { notFound: true } | { planId: string }> {
    const audit = await repo.audit(this.db, actor.tenantId, id);
    if (!audit) return { notFound: true };
    const findings = await repo.findings(this.db, id);
    if (findings.length === 0) return { problems: { plan: 'Record at least one finding before making the action plan' } };
    const planId = await this.actions.planFor(actor, {
      sourceKind: 'case_audit',
      sourceId: id,
      sourceTitle: `${audit.reference}: ${audit.topic}`,
      title: `Multi-agency audit: ${audit.topic}`,
      boardKind: audit.board_kind,
      short: true,
      maxOpen: 5,
    });
    return { planId };
  }
}
