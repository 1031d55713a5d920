/**
 * Multi-agency training: courses (theme, mode, board), sessions with capacity, bookings by partners' staff with
 * their agency and agency type, registers (attended, did not attend), the end-of-course evaluation, the automatic
 * 3-month impact questionnaire by email, and the training needs analysis by agency and role.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, trainingBookingAccess, trainingCourseAccess, trainingSessionAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class TrainingService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async courseAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.courseFacts(this.db, id);
    return facts && trainingCourseAccess(viewer, facts);
  }

  async sessionAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.sessionFacts(this.db, id);
    return facts && trainingSessionAccess(viewer, facts);
  }

  async bookingAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.bookingFacts(this.db, id);
    return facts && trainingBookingAccess(viewer, facts);
  }
}
