/**
 * The partnership's boards (the children's safeguarding partnership, the adults' board, the community safety
 * partnership), their sub-groups and members, meetings with agenda, papers, decisions and attendance, and each
 * board's issues / risk log.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, boardGroupAccess, boardMeetingAccess, boardMeetingManageAccess, boardRiskAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class BoardService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async groupAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.groupFacts(this.db, id);
    return facts && boardGroupAccess(viewer, facts);
  }

  async meetingAccess(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.meetingFacts(this.db, id);
    return facts && (manage ? boardMeetingManageAccess(viewer, facts) : boardMeetingAccess(viewer, facts));
  }

  async riskAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.riskFacts(this.db, id);
    return facts && boardRiskAccess(viewer, facts);
  }
}
