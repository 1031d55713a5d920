/** Who leads a person's open safeguarding work, and transfers of the lead: this feature's tables (owners.json). */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type LeadTransferFacts } from '../../domain/access.js';

export async function transferFacts(db: Database, id: string): Promise<LeadTransferFacts | undefined> {
  const row = await one<{ tenant_id: string; from_agency_id: string; to_agency_id: string }>(db, sql`select tenant_id, from_agency_id, to_agency_id from lead_transfer where id = ${id}`);
  return row && { tenantId: row.tenant_id, fromAgencyId: row.from_agency_id, toAgencyId: row.to_agency_id };
}
