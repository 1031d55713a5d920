/** The multi-agency audits' tables: audits, their samples, each agency's gradings, and findings. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type CaseAuditFacts } from '../../domain/access.js';

// ——— record checks ———

export async function auditFacts(db: Database, auditId: string): Promise<CaseAuditFacts | undefined> {
  const row = await one<{ tenant_id: string; agencies: string[] }>(
    db,
    sql`select a.tenant_id,
               coalesce(array(select distinct x from case_audit_sample s, unnest(s.agency_ids) as x where s.audit_id = a.id), '{}') as agencies
          from case_audit a where a.id = ${auditId}`,
  );
  return row && { tenantId: row.tenant_id, gradingAgencyIds: row.agencies };
}

export async function sampleFacts(db: Database, sampleId: string): Promise<{ tenantId: string; agencyIds: string[] } | undefined> {
  const row = await one<{ tenant_id: string; agency_ids: string[] }>(db, sql`select tenant_id, agency_ids from case_audit_sample where id = ${sampleId}`);
  return row && { tenantId: row.tenant_id, agencyIds: row.agency_ids };
}
