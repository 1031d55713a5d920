/**
 * Multi-agency case audits: an audit programme by year, each audit a topic with a sample of records chosen in
 * Threshold (children's, adults' or domestic abuse cases), each agency grading its own part of each record, and
 * findings that become actions in the tracker.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, caseAuditAccess, caseAuditManageAccess, caseAuditSampleGradeAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class CaseAuditService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async access(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.auditFacts(this.db, id);
    return facts && (manage ? caseAuditManageAccess(viewer, facts) : caseAuditAccess(viewer, facts));
  }

  async sampleGradeAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.sampleFacts(this.db, id);
    return facts && caseAuditSampleGradeAccess(viewer, facts);
  }
}
