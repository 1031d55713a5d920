/** The learning reviews' tables: reviews, their findings, and the agencies taking part. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type LearningReviewFacts } from '../../domain/access.js';

// ——— record checks ———

export async function reviewFacts(db: Database, reviewId: string): Promise<LearningReviewFacts | undefined> {
  const row = await one<{ tenant_id: string; stage: string; restricted: boolean }>(db, sql`select tenant_id, stage, restricted from learning_review where id = ${reviewId}`);
  return row && { tenantId: row.tenant_id, stage: row.stage, restricted: row.restricted };
}
