/** The self-assessment tables: frameworks and standards (versioned), rounds, returns and answers. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type FrameworkStandard } from '../../domain/self-assessment-frameworks.js';

// ——— record checks ———

export async function roundFacts(db: Database, roundId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from sa_round where id = ${roundId}`);
  return row && { tenantId: row.tenant_id };
}

export async function returnFacts(db: Database, returnId: string): Promise<{ tenantId: string; agencyId: string } | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string }>(db, sql`select tenant_id, agency_id from sa_return where id = ${returnId}`);
  return row && { tenantId: row.tenant_id, agencyId: row.agency_id };
}

// ——— frameworks ———

export interface FrameworkRow {
  id: string;
  kind: string;
  version: number;
  title: string;
  agency_types: string[];
  published_at: string | null;
  standards: number;
  rounds: number;
}

export function frameworks(db: Database, tenantId: string): Promise<FrameworkRow[]> {
  return rows<FrameworkRow>(
    db,
    sql`select f.id, f.kind, f.version, f.title, f.agency_types, f.published_at,
               (select count(*)::int from sa_standard s where s.framework_id = f.id) as standards,
               (select count(*)::int from sa_round r where r.framework_id = f.id) as rounds
          from sa_framework f where f.tenant_id = ${tenantId}
         order by array_position(array['s11','s175','vcs','joint','da'], f.kind), f.version desc`,
  );
}

export interface StandardRow {
  id: string;
  framework_id: string;
  position: number;
  code: string;
  title: string;
  guidance: string;
  applies_to: string;
}

export function standardsOf(db: Database, frameworkIds: readonly string[]): Promise<StandardRow[]> {
  if (frameworkIds.length === 0) return Promise.resolve([]);
  return rows<StandardRow>(
    db,
    sql`select id, framework_id, position, code, title, guidance, applies_to from sa_standard
         where framework_id in (${sql.join(
           frameworkIds.map((id) => sql`${id}`),
           sql`, `,
         )}) order by framework_id, position`,
  );
}

export async function insertFramework(
  tx: Database,
  tenantId: string,
  f: { kind: string; version: number; title: string; agencyTypes: readonly string[]; standards: readonly FrameworkStandard[] },
  at: Date,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into sa_framework (tenant_id, kind, version, title, agency_types, published_at)
        values (${tenantId}, ${f.kind}, ${f.version}, ${f.title}, ${`{${f.agencyTypes.join(',')}}`}::text[], ${at.toISOString()})
        on conflict (tenant_id, kind, version) do nothing returning id`,
  );
  if (!row) return '';
  for (const [i, s] of f.standards.entries()) {
    await tx.execute(
      sql`insert into sa_standard (tenant_id, framework_id, position, code, title, guidance, applies_to)
          values (${tenantId}, ${row.id}, ${i + 1}, ${s.code}, ${s.title}, ${s.guidance}, ${s.appliesTo})`,
    );
  }
  return row.id;
}

// ——— rounds ———

export interface RoundRow {
  id: string;
  tenant_id: string;
  framework_id: string;
  kind: string;
  version: number;
  framework_title: string;
  title: string;
  opened_on: string;
  due_on: string;
  status: string;
  returns: number;
  submitted: number;
}

const ROUND_COLUMNS = sql`r.id, r.tenant_id, r.framework_id, f.kind, f.version, f.title as framework_title, r.title, r.opened_on, r.due_on, r.status,
  (select count(*)::int from sa_return x where x.round_id = r.id) as returns,
  (select count(*)::int from sa_return x where x.round_id = r.id and x.status in ('submitted', 'challenged')) as submitted`;

export function round(db: Database, id: string): Promise<RoundRow | undefined> {
  return one<RoundRow>(db, sql`select ${ROUND_COLUMNS} from sa_round r join sa_framework f on f.id = r.framework_id where r.id = ${id}`);
}

export function rounds(db: Database, tenantId: string, limit: number, offset: number, openOnly = false): Promise<(RoundRow & { total: number })[]> {
  return rows<RoundRow & { total: number }>(
    db,
    sql`select ${ROUND_COLUMNS}, count(*) over ()::int as total
          from sa_round r join sa_framework f on f.id = r.framework_id
         where r.tenant_id = ${tenantId} ${openOnly ? sql`and r.status = 'open'` : sql``}
         order by r.status = 'open' desc, r.due_on desc, r.title, r.id limit ${limit} offset ${offset}`,
  );
}

export async function insertRound(tx: Database, input: { tenantId: string; frameworkId: string; title: string; openedOn: string; dueOn: string; openedByUserId: string; agencyIds: readonly string[] }): Promise<string> {
  const row = (await one<{ id: string }>(
    tx,
    sql`insert into sa_round (tenant_id, framework_id, title, opened_on, due_on, opened_by_user_id)
        values (${input.tenantId}, ${input.frameworkId}, ${input.title}, ${input.openedOn}, ${input.dueOn}, ${input.openedByUserId}) returning id`,
  ))!;
  for (const agencyId of input.agencyIds) {
    await tx.execute(sql`insert into sa_return (tenant_id, round_id, agency_id) values (${input.tenantId}, ${row.id}, ${agencyId})`);
  }
  return row.id;
}

// ——— returns ———

export interface ReturnRow {
  id: string;
  tenant_id: string;
  round_id: string;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  status: string;
  submitted_at: string | null;
  challenge_on: string | null;
  challenge_notes: string | null;
  updated_at: string;
  answered: number;
  standards: number;
}

const RETURN_COLUMNS = sql`x.id, x.tenant_id, x.round_id, x.agency_id, a.name as agency_name, a.type as agency_type, x.status, x.submitted_at,
  x.challenge_on, x.challenge_notes, x.updated_at,
  (select count(*)::int from sa_answer n where n.return_id = x.id) as answered,
  (select count(*)::int from sa_standard s where s.framework_id = r.framework_id) as standards`;

export function returnById(db: Database, id: string): Promise<ReturnRow | undefined> {
  return one<ReturnRow>(db, sql`select ${RETURN_COLUMNS} from sa_return x join sa_round r on r.id = x.round_id join agency a on a.id = x.agency_id where x.id = ${id}`);
}

/** Every return of a round, with how much is answered (for the bands): a round is one area's organisations. */
export function progressOfRound(db: Database, roundId: string): Promise<{ answered: number; standards: number; status: string }[]> {
  return rows(
    db,
    sql`select x.status, (select count(*)::int from sa_answer n where n.return_id = x.id) as answered,
               (select count(*)::int from sa_standard s where s.framework_id = r.framework_id) as standards
          from sa_return x join sa_round r on r.id = x.round_id where x.round_id = ${roundId}`,
  );
}

export function returnsOfRound(db: Database, roundId: string, limit: number, offset: number): Promise<(ReturnRow & { total: number })[]> {
  return rows<ReturnRow & { total: number }>(
    db,
    sql`select ${RETURN_COLUMNS}, count(*) over ()::int as total
          from sa_return x join sa_round r on r.id = x.round_id join agency a on a.id = x.agency_id
         where x.round_id = ${roundId} order by a.name, x.id limit ${limit} offset ${offset}`,
  );
}

export type OurReturnRow = ReturnRow & { round_title: string; framework_title: string; kind: string; due_on: string; round_status: string };

/** An organisation's returns, open rounds first; `openOnly` for those still to submit in open rounds. */
export function returnsOfAgency(db: Database, tenantId: string, agencyId: string, limit: number, offset: number, openOnly = false): Promise<(OurReturnRow & { total: number })[]> {
  return rows<OurReturnRow & { total: number }>(
    db,
    sql`select ${RETURN_COLUMNS}, r.title as round_title, f.title as framework_title, f.kind, r.due_on, r.status as round_status, count(*) over ()::int as total
          from sa_return x join sa_round r on r.id = x.round_id join sa_framework f on f.id = r.framework_id join agency a on a.id = x.agency_id
         where x.tenant_id = ${tenantId} and x.agency_id = ${agencyId}
           ${openOnly ? sql`and r.status = 'open' and x.status in ('not_started', 'in_progress')` : sql``}
         order by r.status = 'open' desc, r.due_on, r.title, x.id limit ${limit} offset ${offset}`,
  );
}

export interface AnswerRow {
  standard_id: string;
  rag: string;
  evidence: string;
  answered_at: string;
  answered_by: string | null;
}

export function answersOf(db: Database, returnId: string): Promise<AnswerRow[]> {
  return rows<AnswerRow>(
    db,
    sql`select n.standard_id, n.rag, n.evidence, n.answered_at, u.display_name as answered_by
          from sa_answer n left join app_user u on u.id = n.answered_by_user_id where n.return_id = ${returnId}`,
  );
}

/** The answers of a round's submitted (and challenged) returns: what compliance is read from. */
export function submittedAnswers(db: Database, roundId: string): Promise<{ standard_id: string; rag: string }[]> {
  return rows(
    db,
    sql`select n.standard_id, n.rag from sa_answer n join sa_return x on x.id = n.return_id
         where x.round_id = ${roundId} and x.status in ('submitted', 'challenged')`,
  );
}

export async function lockReturn(tx: Database, id: string): Promise<{ status: string; round_status: string } | undefined> {
  return one(tx, sql`select x.status, r.status as round_status from sa_return x join sa_round r on r.id = x.round_id where x.id = ${id} for update of x`);
}

export async function upsertAnswer(tx: Database, input: { tenantId: string; returnId: string; standardId: string; rag: string; evidence: string; userId: string; at: Date }): Promise<boolean> {
  const row = await one<{ changed: boolean }>(
    tx,
    sql`insert into sa_answer (tenant_id, return_id, standard_id, rag, evidence, answered_by_user_id, answered_at)
        values (${input.tenantId}, ${input.returnId}, ${input.standardId}, ${input.rag}, ${input.evidence}, ${input.userId}, ${input.at.toISOString()})
        on conflict (return_id, standard_id) do update set rag = excluded.rag, evidence = excluded.evidence,
          answered_by_user_id = excluded.answered_by_user_id, answered_at = excluded.answered_at
          where sa_answer.rag is distinct from excluded.rag or sa_answer.evidence is distinct from excluded.evidence
        returning true as changed`,
  );
  return row?.changed ?? false;
}

export async function countAnswers(tx: Database, returnId: string): Promise<number> {
  return (await one<{ n: number }>(tx, sql`select count(*)::int as n from sa_answer where return_id = ${returnId}`))!.n;
}

export async function answeredStandardIds(tx: Database, returnId: string): Promise<string[]> {
  return (await rows<{ standard_id: string }>(tx, sql`select standard_id from sa_answer where return_id = ${returnId}`)).map((r) => r.standard_id);
}

export async function setReturnStatus(tx: Database, id: string, status: string, at: Date): Promise<void> {
  await tx.execute(sql`update sa_return set status = ${status}, updated_at = ${at.toISOString()} where id = ${id}`);
}

export async function markSubmitted(tx: Database, id: string, userId: string, at: Date): Promise<void> {
  await tx.execute(sql`update sa_return set status = 'submitted', submitted_at = ${at.toISOString()}, submitted_by_user_id = ${userId}, updated_at = ${at.toISOString()} where id = ${id}`);
}

export async function recordChallenge(tx: Database, id: string, on: string, notes: string, at: Date): Promise<void> {
  await tx.execute(sql`update sa_return set status = 'challenged', challenge_on = ${on}, challenge_notes = ${notes}, updated_at = ${at.toISOString()} where id = ${id}`);
}
