/**
 * Learning reviews: rapid reviews (within 15 working days of a serious incident notification, itself within 5
 * working days of the local authority learning of the incident; Working Together 2023), local child safeguarding
 * practice reviews, safeguarding adults reviews (Care Act 2014 s44), domestic homicide reviews, practice / lessons
 * learned reviews and child death reviews (CDOP), from notification to publication; findings become
 * recommendations in an action plan.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, learningReviewAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class LearningReviewService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async access(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.reviewFacts(this.db, id);
    return facts && learningReviewAccess(viewer, facts);
  }
}
