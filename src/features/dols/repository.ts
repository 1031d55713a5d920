/** Deprivation of Liberty Safeguards applications and assessments: this feature's tables (owners.json). */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type DolsApplicationFacts } from '../../domain/access.js';

export async function applicationFacts(db: Database, id: string): Promise<DolsApplicationFacts | undefined> {
  const row = await one<{ tenant_id: string; assessor_user_id: string | null }>(db, sql`select tenant_id, assessor_user_id from dols_application where id = ${id}`);
  return row && { tenantId: row.tenant_id, assessorUserId: row.assessor_user_id };
}
