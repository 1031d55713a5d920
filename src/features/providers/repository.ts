/** Care providers, contract concerns and provider enquiries: this feature's tables (owners.json). */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';

export async function providerArea(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from care_provider where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

export async function enquiryArea(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from provider_enquiry where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}
