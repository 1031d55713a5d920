/** The self-assessment tables: frameworks and standards (versioned), rounds, returns and answers. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';

// ——— record checks ———

export async function roundFacts(db: Database, roundId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from sa_round where id = ${roundId}`);
  return row && { tenantId: row.tenant_id };
}

export async function returnFacts(db: Database, returnId: string): Promise<{ tenantId: string; agencyId: string } | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string }>(db, sql`select tenant_id, agency_id from sa_return where id = ${returnId}`);
  return row && { tenantId: row.tenant_id, agencyId: row.agency_id };
}
