/** The multi-agency audits' tables: audits, their samples, each agency's gradings, and findings. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
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

// ——— audits ———

export interface AuditRow {
  id: string;
  tenant_id: string;
  reference: string;
  programme_year: number;
  topic: string;
  scope: string;
  sample_kind: string;
  board_kind: string;
  planned_on: string;
  grading_due_on: string | null;
  status: string;
  created_at: string;
}

const AUDIT = sql`select a.id, a.tenant_id, a.reference, a.programme_year, a.topic, a.scope, a.sample_kind, a.board_kind, a.planned_on::text as planned_on,
                         a.grading_due_on::text as grading_due_on, a.status, a.created_at from case_audit a`;

export function audit(db: Database, tenantId: string, id: string): Promise<AuditRow | undefined> {
  return one<AuditRow>(db, sql`${AUDIT} where a.id = ${id} and a.tenant_id = ${tenantId}`);
}

/** The audit, locked for the transaction that changes it. */
export function lockAudit(tx: Database, tenantId: string, id: string): Promise<{ status: string } | undefined> {
  return one<{ status: string }>(tx, sql`select status from case_audit where id = ${id} and tenant_id = ${tenantId} for update`);
}

export async function nextNumber(tx: Database): Promise<number> {
  const row = await one<{ n: string }>(tx, sql`select nextval('case_audit_reference_seq')::text as n`);
  return Number(row!.n);
}

export interface NewAudit {
  tenantId: string;
  reference: string;
  programmeYear: number;
  topic: string;
  scope: string;
  sampleKind: string;
  boardKind: string;
  plannedOn: string;
  gradingDueOn: string;
  createdByUserId: string;
}

export async function insertAudit(tx: Database, a: NewAudit): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into case_audit (tenant_id, reference, programme_year, topic, scope, sample_kind, board_kind, planned_on, grading_due_on, created_by_user_id)
        values (${a.tenantId}, ${a.reference}, ${a.programmeYear}, ${a.topic}, ${a.scope}, ${a.sampleKind}, ${a.boardKind}, ${a.plannedOn}, ${a.gradingDueOn}, ${a.createdByUserId})
        returning id`,
  );
  return row!.id;
}

export async function setStatus(tx: Database, id: string, status: string): Promise<void> {
  await tx.execute(sql`update case_audit set status = ${status} where id = ${id}`);
}

export interface ProgrammeRow extends AuditRow {
  sampled: number;
  asked: number;
  graded: number;
  findings: number;
}

/** An area's audits in one programme year (by the planned date), with their sample and grading counts. */
export function programme(db: Database, tenantId: string, year: number): Promise<ProgrammeRow[]> {
  return rows<ProgrammeRow>(
    db,
    sql`select x.*,
               (select count(*)::int from case_audit_sample s where s.audit_id = x.id) as sampled,
               (select coalesce(sum(cardinality(s.agency_ids)), 0)::int from case_audit_sample s where s.audit_id = x.id) as asked,
               (select count(*)::int from case_audit_grading g join case_audit_sample s on s.id = g.sample_id where g.audit_id = x.id and g.agency_id = any(s.agency_ids)) as graded,
               (select count(*)::int from case_audit_finding f where f.audit_id = x.id) as findings
          from (${AUDIT} where a.tenant_id = ${tenantId} and a.programme_year = ${year}) x
         order by x.planned_on, x.reference`,
  );
}

// ——— the sample ———

export interface SampleRow {
  id: string;
  person_id: string;
  record_kind: string;
  record_id: string;
  agency_ids: string[];
}

export function samples(db: Database, auditId: string): Promise<SampleRow[]> {
  return rows<SampleRow>(db, sql`select id, person_id, record_kind, record_id, agency_ids::text[] as agency_ids from case_audit_sample where audit_id = ${auditId} order by id`);
}

export function sample(db: Database, tenantId: string, id: string): Promise<(SampleRow & { audit_id: string }) | undefined> {
  return one(db, sql`select id, audit_id, person_id, record_kind, record_id, agency_ids::text[] as agency_ids from case_audit_sample where id = ${id} and tenant_id = ${tenantId}`);
}

export interface NewSample {
  tenantId: string;
  auditId: string;
  personId: string;
  recordKind: string;
  recordId: string;
  agencyIds: readonly string[];
}

export async function insertSample(tx: Database, s: NewSample): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into case_audit_sample (tenant_id, audit_id, person_id, record_kind, record_id, agency_ids)
        values (${s.tenantId}, ${s.auditId}, ${s.personId}, ${s.recordKind}, ${s.recordId}, array(select jsonb_array_elements_text(${JSON.stringify(s.agencyIds)}::jsonb))::uuid[])
        returning id`,
  );
  return row!.id;
}

/** Removes the audit's sample (only before grading starts: no grading refers to it then). */
export async function clearSample(tx: Database, auditId: string): Promise<void> {
  await tx.execute(sql`delete from case_audit_sample where audit_id = ${auditId} and not exists (select 1 from case_audit_grading g where g.sample_id = case_audit_sample.id)`);
}

export async function deleteSample(tx: Database, id: string): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`delete from case_audit_sample where id = ${id} and not exists (select 1 from case_audit_grading g where g.sample_id = ${id}) returning id`);
  return Boolean(row);
}

/** The period and size of the audit's last draw: to redraw from the same order and to show how the sample was drawn. */
export async function lastDraw(db: Database, tenantId: string, auditId: string): Promise<{ from: string; to: string; size: number } | undefined> {
  const row = await one<{ from: string | null; to: string | null; size: number | null }>(
    db,
    sql`select sample_from::text as "from", sample_to::text as "to", sample_size as size from case_audit where tenant_id = ${tenantId} and id = ${auditId}`,
  );
  return row && row.from !== null && row.to !== null && row.size !== null ? { from: row.from, to: row.to, size: row.size } : undefined;
}

/** Keeps the period and size a sample was drawn from. */
export async function setDraw(tx: Database, auditId: string, draw: { from: string; to: string; size: number }): Promise<void> {
  await tx.execute(sql`update case_audit set sample_from = ${draw.from}, sample_to = ${draw.to}, sample_size = ${draw.size} where id = ${auditId}`);
}

// ——— gradings ———

export interface GradingRow {
  sample_id: string;
  agency_id: string;
  grade: string;
  strengths: string | null;
  improvements: string | null;
  graded_at: string;
}

export function gradings(db: Database, auditId: string): Promise<GradingRow[]> {
  return rows<GradingRow>(db, sql`select sample_id, agency_id, grade, strengths, improvements, graded_at from case_audit_grading where audit_id = ${auditId} order by graded_at`);
}

export function grading(db: Database, sampleId: string, agencyId: string): Promise<GradingRow | undefined> {
  return one<GradingRow>(db, sql`select sample_id, agency_id, grade, strengths, improvements, graded_at from case_audit_grading where sample_id = ${sampleId} and agency_id = ${agencyId}`);
}

export interface NewGrading {
  tenantId: string;
  sampleId: string;
  auditId: string;
  agencyId: string;
  grade: string;
  strengths: string | null;
  improvements: string | null;
  userId: string;
  at: Date;
}

/** An agency's grading of its part of a record: made, or changed while the audit is with the agencies. */
export async function saveGrading(tx: Database, g: NewGrading): Promise<boolean> {
  const row = await one<{ inserted: boolean }>(
    tx,
    sql`insert into case_audit_grading (tenant_id, sample_id, audit_id, agency_id, grade, strengths, improvements, graded_by_user_id, graded_at)
        values (${g.tenantId}, ${g.sampleId}, ${g.auditId}, ${g.agencyId}, ${g.grade}, ${g.strengths}, ${g.improvements}, ${g.userId}, ${g.at.toISOString()})
        on conflict (sample_id, agency_id) do update set grade = excluded.grade, strengths = excluded.strengths, improvements = excluded.improvements,
                                                         graded_by_user_id = excluded.graded_by_user_id, graded_at = excluded.graded_at
        returning (xmax = 0) as inserted`,
  );
  return row!.inserted;
}

// ——— an agency's own gradings ———

export interface OurRow {
  sample_id: string;
  audit_id: string;
  reference: string;
  topic: string;
  sample_kind: string;
  status: string;
  grading_due_on: string | null;
  record_kind: string;
  record_id: string;
  grade: string | null;
  total: number;
}

/** The records an agency was asked to grade, in audits sent to the agencies: those waiting first, by due date. */
export function ours(db: Database, tenantId: string, agencyId: string, limit: number, offset: number, auditId?: string): Promise<OurRow[]> {
  return rows<OurRow>(
    db,
    sql`select s.id as sample_id, a.id as audit_id, a.reference, a.topic, a.sample_kind, a.status, a.grading_due_on::text as grading_due_on, s.record_kind, s.record_id,
               g.grade, count(*) over ()::int as total
          from case_audit_sample s join case_audit a on a.id = s.audit_id
          left join case_audit_grading g on g.sample_id = s.id and g.agency_id = ${agencyId}
         where s.tenant_id = ${tenantId} and ${agencyId}::uuid = any(s.agency_ids) and a.status in ('grading', 'findings', 'closed') ${auditId ? sql`and a.id = ${auditId}` : sql``}
         order by (a.status = 'grading' and g.grade is null) desc, a.grading_due_on nulls last, a.reference, s.id
         limit ${limit} offset ${offset}`,
  );
}

/** For the home page: audits with records waiting for this agency's grading, with how many and the due date. */
export function waiting(db: Database, tenantId: string, agencyId: string): Promise<{ audit_id: string; reference: string; topic: string; grading_due_on: string | null; waiting: number }[]> {
  return rows(
    db,
    sql`select a.id as audit_id, a.reference, a.topic, a.grading_due_on::text as grading_due_on, count(*)::int as waiting
          from case_audit a join case_audit_sample s on s.audit_id = a.id
         where a.tenant_id = ${tenantId} and a.status = 'grading' and ${agencyId}::uuid = any(s.agency_ids)
           and not exists (select 1 from case_audit_grading g where g.sample_id = s.id and g.agency_id = ${agencyId})
         group by a.id order by a.grading_due_on nulls last, a.reference limit 10`,
  );
}

// ——— findings ———

export function findings(db: Database, auditId: string): Promise<{ id: string; position: number; text: string }[]> {
  return rows(db, sql`select id, position, text from case_audit_finding where audit_id = ${auditId} order by position`);
}

export async function insertFinding(tx: Database, tenantId: string, auditId: string, text: string): Promise<{ id: string; position: number }> {
  const row = await one<{ id: string; position: number }>(
    tx,
    sql`insert into case_audit_finding (tenant_id, audit_id, position, text)
        values (${tenantId}, ${auditId}, (select coalesce(max(position), 0) + 1 from case_audit_finding where audit_id = ${auditId}), ${text})
        returning id, position`,
  );
  return row!;
}
