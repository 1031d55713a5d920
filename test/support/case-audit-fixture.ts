/**
 * Multi-agency audits for the sweeps: an audit still choosing its sample (its forms all refuse hostile input: no
 * findings before grading, no plan without findings), and a record the police were asked to grade in an audit with
 * the agencies (the demo's).
 */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../src/db/client.js';

export async function caseAuditFixture(db: Database): Promise<{ caseAudit: string; caseAuditSample: string }> {
  const audit = await one<{ id: string }>(db, sql`select id from case_audit where status = 'sampling' order by reference limit 1`);
  const sample = await one<{ id: string }>(
    db,
    sql`select s.id from case_audit_sample s join case_audit a on a.id = s.audit_id join app_user u on u.agency_id = any(s.agency_ids)
         where a.status = 'grading' and u.email = 'police@demo.threshold.test' order by s.id limit 1`,
  );
  if (!audit || !sample) throw new Error('The demo has no multi-agency audit choosing its sample, or none with the police grading');
  return { caseAudit: audit.id, caseAuditSample: sample.id };
}
