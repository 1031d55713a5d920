/**
 * Safeguarding self-assessment: versioned frameworks (S11 for agencies, S175 for schools, the voluntary sector's
 * tool, the joint children's and adults' tool "to remove duplication", a DA self-assessment), rounds opened by the
 * business unit, each organisation's return online with evidence and RAG per standard, progress bands, a challenge
 * meeting, and actions into the tracker.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, saReturnAccess, saReturnCompleteAccess, saRoundAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class SelfAssessmentService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async roundAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.roundFacts(this.db, id);
    return facts && saRoundAccess(viewer, facts);
  }

  async returnAccess(viewer: RecordViewer, id: string, complete = false): Promise<AccessDecision | undefined> {
    const facts = await repo.returnFacts(this.db, id);
    return facts && (complete ? saReturnCompleteAccess(viewer, facts) : saReturnAccess(viewer, facts));
  }
}
