/**
 * Safeguarding self-assessment: versioned frameworks (S11 for agencies, S175 for schools, the voluntary sector's
 * tool, the joint children's and adults' tool "to remove duplication", a DA self-assessment), rounds opened by the
 * business unit, each organisation's return online with evidence and RAG per standard, progress bands, a challenge
 * meeting, and actions into the tracker.
 *
 * Every change is checked against the return locked for its transaction and audited as the last write of that
 * transaction; every view is audited. Everything a change needs is read before its transaction (PGlite has one
 * connection).
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, saReturnAccess, saReturnCompleteAccess, saRoundAccess } from '../../domain/access.js';
import {
  type Band,
  type Compliance,
  type ReturnStatus,
  answerPairProblem,
  answerProblem,
  bandCounts,
  boardKindOf,
  challengeProblem,
  compliance,
  dueDateProblem,
  frameworksToInstall,
  latestVersions,
  roundOrganisations,
  statusAfterSave,
  unanswered,
} from '../../domain/self-assessment.js';
import { STANDARD_FRAMEWORKS, type StandardFramework } from '../../domain/self-assessment-frameworks.js';
import { londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type ActionService } from '../actions/service.js';
import { type OrganisationService } from '../organisations/service.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };
export type { FrameworkRow, OurReturnRow, ReturnRow, RoundRow, StandardRow } from './repository.js';

/** One standard's answer as posted: its RAG and evidence, either possibly blank. */
export interface PostedAnswer {
  standardId: string;
  rag: string | null;
  evidence: string | null;
}

const has = (p: Problems) => Object.keys(p).length > 0;

export class SelfAssessmentService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly organisations: OrganisationService,
    readonly actions: ActionService,
    readonly now: () => Date,
  ) {}

  private today() {
    return londonDate(this.now());
  }

  // ——— record checks ———

  async roundAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.roundFacts(this.db, id);
    return facts && saRoundAccess(viewer, facts);
  }

  async returnAccess(viewer: RecordViewer, id: string, complete = false): Promise<AccessDecision | undefined> {
    const facts = await repo.returnFacts(this.db, id);
    return facts && (complete ? saReturnCompleteAccess(viewer, facts) : saReturnAccess(viewer, facts));
  }

  // ——— frameworks ———

  /**
   * Installs the standard frameworks an area does not have yet (by kind and version): idempotent, and a new version
   * of a framework is a new framework, so an old version's rounds and answers stay with it. Called by the demo seed
   * and from the business unit's frameworks page. Returns how many were installed.
   */
  async installFrameworks(tenantId: string, actor: Actor, frameworks: readonly StandardFramework[] = STANDARD_FRAMEWORKS): Promise<number> {
    const installed = await repo.frameworks(this.db, tenantId);
    const missing = frameworksToInstall(installed, frameworks);
    if (missing.length === 0) return 0;
    const at = this.now();
    return transaction(this.db, async (tx) => {
      const ids: string[] = [];
      for (const f of missing) {
        const id = await repo.insertFramework(tx, tenantId, f, at);
        if (id) ids.push(id);
      }
      if (ids.length > 0) {
        await this.audit.record(tx, actor, { action: 'sa_framework.installed', recordType: 'sa_framework', tenantId, details: { frameworks: missing.map((f) => `${f.kind}:${f.version}`), ids } });
      }
      return ids.length;
    });
  }

  /** The area's frameworks (every version) with their standards. */
  async frameworks(actor: UserActor) {
    const list = await repo.frameworks(this.db, actor.tenantId);
    const standards = await repo.standardsOf(
      this.db,
      list.map((f) => f.id),
    );
    await this.audit.recordNow(actor, { action: 'sa_framework.list_viewed', recordType: 'sa_framework', details: { shown: list.length } });
    const latest = new Set(latestVersions(list).map((f) => f.id));
    return list.map((f) => ({ ...f, latest: latest.has(f.id), standardRows: standards.filter((s) => s.framework_id === f.id) }));
  }

  // ——— rounds ———

  async rounds(actor: UserActor, page: number, pageSize: number) {
    const list = await repo.rounds(this.db, actor.tenantId, pageSize, (page - 1) * pageSize);
    await this.audit.recordNow(actor, { action: 'sa_round.list_viewed', recordType: 'sa_round', details: { page, shown: list.length } });
    return { rows: list, total: list[0]?.total ?? 0 };
  }

  /** The open rounds, soonest due first, with their returns submitted (for the business unit's home page; not audited). */
  openRounds(tenantId: string, limit = 5) {
    return repo.rounds(this.db, tenantId, limit, 0, true);
  }

  /** What the form to open a round offers: the newest version of each framework, and the area's active agencies. */
  async roundChoices(actor: UserActor) {
    const [list, agencies] = await Promise.all([repo.frameworks(this.db, actor.tenantId), this.organisations.agencies(actor.tenantId, { activeOnly: true })]);
    return { frameworks: latestVersions(list), agencies: agencies.map((a) => ({ id: a.id, name: a.name, type: a.type, active: a.active })) };
  }

  /** Opens a round of a framework for organisations (all of its agency types in the area, or a chosen subset): a return each, not started. */
  async openRound(actor: UserActor, input: { frameworkId: string; title: string; dueOn: string; organisations: readonly string[] | 'all' }): Promise<{ problems: Problems } | { id: string }> {
    const choices = await this.roundChoices(actor);
    const framework = choices.frameworks.find((f) => f.id === input.frameworkId);
    const problems: Problems = {};
    if (!framework) problems.frameworkId = 'Select the framework from the list';
    const today = this.today();
    const due = dueDateProblem(input.dueOn, today);
    if (due) problems.dueOn = due;
    let agencyIds: string[] = [];
    if (framework) {
      const picked = roundOrganisations(choices.agencies, framework.agency_types, input.organisations);
      if ('problem' in picked) problems[input.organisations === 'all' ? 'who' : 'agencyIds'] = picked.problem;
      else agencyIds = picked.agencies.map((a) => a.id);
    }
    if (has(problems)) return { problems };
    const id = await transaction(this.db, async (tx) => {
      const roundId = await repo.insertRound(tx, { tenantId: actor.tenantId, frameworkId: framework!.id, title: input.title, openedOn: today, dueOn: input.dueOn, openedByUserId: actor.userId, agencyIds });
      await this.audit.record(tx, actor, { action: 'sa_round.opened', recordType: 'sa_round', recordId: roundId, details: { frameworkId: framework!.id, kind: framework!.kind, version: framework!.version, dueOn: input.dueOn, returns: agencyIds.length, all: input.organisations === 'all' } });
      return roundId;
    });
    return { id };
  }

  /** A round's page: progress bands, compliance per standard across submitted returns, and a page of its returns. */
  async round(actor: UserActor, id: string, page: number, pageSize: number) {
    const r = await repo.round(this.db, id);
    if (!r || r.tenant_id !== actor.tenantId) return undefined;
    const [standards, progress, answers, returns] = await Promise.all([
      repo.standardsOf(this.db, [r.framework_id]),
      repo.progressOfRound(this.db, id),
      repo.submittedAnswers(this.db, id),
      repo.returnsOfRound(this.db, id, pageSize, (page - 1) * pageSize),
    ]);
    await this.audit.recordNow(actor, { action: 'sa_round.viewed', recordType: 'sa_round', recordId: id, details: { page } });
    const bands: Record<Band, number> = bandCounts(progress);
    const byStandard: Map<string, Compliance> = compliance(
      standards.map((s) => s.id),
      answers.map((a) => ({ standardId: a.standard_id, rag: a.rag })),
    );
    return { round: r, standards, bands, compliance: byStandard, returns, total: returns[0]?.total ?? 0 };
  }

  /** The round's action plan in the tracker (made the first time): "Make an action plan" / "Open the action plan". */
  async planFor(actor: UserActor, roundId: string): Promise<string | undefined> {
    const r = await repo.round(this.db, roundId);
    if (!r || r.tenant_id !== actor.tenantId) return undefined;
    return this.actions.planFor(actor, {
      sourceKind: 'self_assessment',
      sourceId: r.id,
      sourceTitle: `${r.framework_title} (version ${r.version}): ${r.title}`,
      title: `Self-assessment actions: ${r.title}`,
      boardKind: boardKindOf(r.kind),
      short: true,
      maxOpen: 5,
    });
  }

  // ——— returns ———

  /** A return with its framework's standards and its answers (for the organisation, the business unit and the boards). */
  async viewReturn(actor: UserActor, id: string) {
    const x = await repo.returnById(this.db, id);
    if (!x || x.tenant_id !== actor.tenantId) return undefined;
    const r = (await repo.round(this.db, x.round_id))!;
    const [standards, answers] = await Promise.all([repo.standardsOf(this.db, [r.framework_id]), repo.answersOf(this.db, id)]);
    await this.audit.recordNow(actor, { action: 'sa_return.viewed', recordType: 'sa_return', recordId: id, details: { roundId: r.id } });
    return { ret: x, round: r, standards, answers: new Map(answers.map((a) => [a.standard_id, a])) };
  }

  /**
   * Saves the answers posted (save as you go): a standard with a RAG and evidence is answered (or its answer
   * changed); a standard left blank is left as it was. A RAG without evidence (or evidence without a RAG) is refused
   * and nothing is saved.
   */
  async saveAnswers(actor: UserActor, id: string, posted: readonly PostedAnswer[]): Promise<ChangeResult> {
    const x = await repo.returnById(this.db, id);
    if (!x || x.tenant_id !== actor.tenantId || x.agency_id !== actor.agencyId) return { notFound: true };
    const r = (await repo.round(this.db, x.round_id))!;
    const standards = await repo.standardsOf(this.db, [r.framework_id]);
    const byId = new Map(standards.map((s) => [s.id, s]));
    const problems: Problems = {};
    const toSave: { standardId: string; rag: string; evidence: string }[] = [];
    for (const p of posted) {
      const s = byId.get(p.standardId);
      if (!s) continue;
      const problem = answerPairProblem(s.code, p.rag, p.evidence);
      if (problem) problems[`${problem.field}${s.position}`] = problem.message;
      else if (p.rag && p.evidence) toSave.push({ standardId: s.id, rag: p.rag, evidence: p.evidence.trim() });
    }
    if (has(problems)) return { problems };
    const at = this.now();
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockReturn(tx, id);
      if (!locked) return { notFound: true };
      const blocked = answerProblem(locked.round_status, locked.status as ReturnStatus);
      if (blocked) return { problems: { form: blocked } };
      const changed: string[] = [];
      for (const a of toSave) {
        if (await repo.upsertAnswer(tx, { tenantId: actor.tenantId, returnId: id, ...a, userId: actor.userId, at })) changed.push(byId.get(a.standardId)!.code);
      }
      const answered = await repo.countAnswers(tx, id);
      const status = statusAfterSave(answered);
      if (changed.length > 0 || status !== locked.status) await repo.setReturnStatus(tx, id, status, at);
      await this.audit.record(tx, actor, { action: 'sa_return.saved', recordType: 'sa_return', recordId: id, details: { changed, answered, standards: standards.length } });
      return { ok: true };
    });
  }

  /** Submits a return once every standard is answered; otherwise names the standards still to answer. */
  async submit(actor: UserActor, id: string): Promise<ChangeResult> {
    const x = await repo.returnById(this.db, id);
    if (!x || x.tenant_id !== actor.tenantId || x.agency_id !== actor.agencyId) return { notFound: true };
    const r = (await repo.round(this.db, x.round_id))!;
    const standards = await repo.standardsOf(this.db, [r.framework_id]);
    const at = this.now();
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockReturn(tx, id);
      if (!locked) return { notFound: true };
      const blocked = answerProblem(locked.round_status, locked.status as ReturnStatus);
      if (blocked) return { problems: { form: blocked } };
      const answeredIds = new Set(await repo.answeredStandardIds(tx, id));
      const missing = unanswered(
        standards,
        standards.filter((s) => answeredIds.has(s.id)).map((s) => s.code),
      );
      if (missing.length > 0) return { problems: Object.fromEntries(missing.map((s) => [`rag${s.position}`, `Answer standard ${s.code} (${s.title}) before you submit`])) };
      await repo.markSubmitted(tx, id, actor.userId, at);
      await this.audit.record(tx, actor, { action: 'sa_return.submitted', recordType: 'sa_return', recordId: id, details: { roundId: r.id, standards: standards.length } });
      return { ok: true };
    });
  }

  /** The business unit's challenge meeting with the organisation about its submitted return. */
  async challenge(actor: UserActor, id: string, input: { challengeOn: string; notes: string }): Promise<ChangeResult> {
    const x = await repo.returnById(this.db, id);
    if (!x || x.tenant_id !== actor.tenantId) return { notFound: true };
    const today = this.today();
    const at = this.now();
    return transaction(this.db, async (tx) => {
      const locked = await repo.lockReturn(tx, id);
      if (!locked) return { notFound: true };
      const problem = challengeProblem(locked.status as ReturnStatus, input.challengeOn, today);
      if (problem) return { problems: { [problem.field]: problem.message } };
      await repo.recordChallenge(tx, id, input.challengeOn, input.notes, at);
      await this.audit.record(tx, actor, { action: 'sa_return.challenged', recordType: 'sa_return', recordId: id, details: { challengeOn: input.challengeOn, again: locked.status === 'challenged' } });
      return { ok: true };
    });
  }

  /** An organisation's own returns ("Our self-assessments"). */
  async ours(actor: UserActor, page: number, pageSize: number, openOnly = false) {
    const list = await repo.returnsOfAgency(this.db, actor.tenantId, actor.agencyId, pageSize, (page - 1) * pageSize, openOnly);
    await this.audit.recordNow(actor, { action: 'sa_return.list_viewed', recordType: 'sa_return', details: { page, openOnly, shown: list.length } });
    return { rows: list, total: list[0]?.total ?? 0 };
  }

  /** The home page's panel: the organisation's returns still to submit in open rounds (at most `limit`). */
  async openReturns(actor: UserActor, limit = 5) {
    const list = await repo.returnsOfAgency(this.db, actor.tenantId, actor.agencyId, limit, 0, true);
    return { rows: list, total: list[0]?.total ?? 0 };
  }
}
