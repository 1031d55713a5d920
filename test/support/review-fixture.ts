/**
 * A learning review for the sweeps over every route (hostile input, the route walk): an LCSPR in review from the
 * demo data, or one made here when the demo has none.
 */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../src/db/client.js';

export async function reviewFixture(db: Database): Promise<{ learningReview: string }> {
  const found = await one<{ id: string }>(db, sql`select id from learning_review where stage = 'in_review' order by (kind = 'lcspr') desc, created_at desc limit 1`);
  if (found) return { learningReview: found.id };
  const made = await one<{ id: string }>(
    db,
    sql`insert into learning_review (tenant_id, reference, kind, title, subject_pseudonym, summary, incident_on, learned_on, stage, board_kind, restricted, created_by_user_id)
        select u.tenant_id, 'LR-FIXTURE', 'lcspr', 'Local child safeguarding practice review: Child F', 'Child F', 'A review for the route sweeps.',
               current_date - 60, current_date - 59, 'in_review', 'children', true, u.id
          from app_user u where u.email = 'business-unit@demo.threshold.test'
        returning id`,
  );
  return { learningReview: made!.id };
}
