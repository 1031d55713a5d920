/**
 * The action tracker the partnership's work shares: plans from a source (a learning review, an audit, an
 * inspection, a self-assessment round, the peer review, a board decision), recommendations, and actions with an
 * owner agency and person, a due date, status, RAG, evidence and an impact check. A "short" plan refuses more than
 * its number of open actions (the peer review's "a much smaller number of game changing actions").
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, actionPlanAccess, actionPlanManageAccess, partnershipActionAccess, partnershipActionOwnerAccess } from '../../domain/access.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

/** Where a plan's recommendations come from. */
export type PlanSourceKind = 'learning_review' | 'case_audit' | 'inspection' | 'self_assessment' | 'peer_review' | 'board_decision';

export interface PlanSource {
  sourceKind: PlanSourceKind;
  /** The source record in Threshold (a review, an audit, a round, a meeting); none for an inspection or the peer review. */
  sourceId?: string | null;
  /** How the source is named on the plan (a review's reference and title, an audit's topic…). */
  sourceTitle: string;
  title: string;
  /** children | adults | community_safety | joint */
  boardKind: string;
  short?: boolean;
  maxOpen?: number | null;
  /** A plan from a restricted source (a review of a named person). */
  restricted?: boolean;
}

export type PlanActor = Actor & { userId: string; tenantId: string };

export class ActionService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— the published interface: features whose work feeds a plan ———

  /**
   * The plan for a source record, made (and audited) the first time it is asked for: a review, an audit, a round
   * or a meeting has one plan. Runs its own transaction: call it outside yours (PGlite has one connection).
   */
  async planFor(actor: PlanActor, source: PlanSource): Promise<string> {
    if (source.sourceId) {
      const existing = await repo.planBySource(this.db, actor.tenantId, source.sourceKind, source.sourceId);
      if (existing) return existing.id;
    }
    return transaction(this.db, async (tx) => {
      const id = await repo.insertPlan(tx, { ...source, tenantId: actor.tenantId, createdByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'action_plan.created', recordType: 'action_plan', recordId: id, details: { sourceKind: source.sourceKind, sourceId: source.sourceId ?? null } });
      return id;
    });
  }

  // ——— record checks ———

  async planAccess(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.planFacts(this.db, id);
    return facts && (manage ? actionPlanManageAccess(viewer, facts) : actionPlanAccess(viewer, facts));
  }

  async actionAccess(viewer: RecordViewer, id: string, owner = false): Promise<AccessDecision | undefined> {
    const facts = await repo.actionFacts(this.db, id);
    return facts && (owner ? partnershipActionOwnerAccess(viewer, facts) : partnershipActionAccess(viewer, facts));
  }
}
