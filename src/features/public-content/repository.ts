/** The public site's directory of help and the partnership's awareness campaigns (written only by this capability). */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';

// ——— record checks ———

export async function helpServiceFacts(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from help_service where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

export async function campaignFacts(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from awareness_campaign where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}
