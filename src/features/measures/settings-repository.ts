/** SQL for what a partnership sets around its measures: the scorecard, targets, populations, comparators, commentary, published snapshots. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';

export interface ScorecardRow {
  measure_id: string;
  position: number;
  period_type: string;
  owner_user_id: string | null;
  owner_name: string | null;
  target_value: number | null;
  target_tolerance: number | null;
}

export function scorecard(db: Database, tenantId: string) {
  return rows<ScorecardRow>(
    db,
    sql`select s.measure_id, s.position, s.period_type, s.owner_user_id, u.display_name as owner_name, s.target_value, s.target_tolerance
          from scorecard_measure s left join app_user u on u.id = s.owner_user_id
         where s.tenant_id = ${tenantId} order by s.position, s.measure_id`,
  );
}

export async function scorecardEntry(db: Database, tenantId: string, measureId: string): Promise<ScorecardRow | undefined> {
  return (await scorecard(db, tenantId)).find((s) => s.measure_id === measureId);
}

/** Replaces the scorecard's list, keeping the settings of measures that stay. */
export async function setScorecard(db: Database, tenantId: string, entries: { measureId: string; periodType: string }[], userId: string): Promise<void> {
  const ids = entries.map((e) => e.measureId);
  await db.execute(sql`delete from scorecard_measure where tenant_id = ${tenantId} ${ids.length ? sql`and measure_id not in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql``}`);
  for (const [position, e] of entries.entries()) {
    await db.execute(sql`insert into scorecard_measure (tenant_id, measure_id, position, period_type, updated_by_user_id)
      values (${tenantId}, ${e.measureId}, ${position}, ${e.periodType}, ${userId})
      on conflict (tenant_id, measure_id) do update set position = excluded.position, period_type = excluded.period_type,
        updated_by_user_id = excluded.updated_by_user_id, updated_at = now()`);
  }
}

export async function setMeasureSettings(
  db: Database,
  tenantId: string,
  measureId: string,
  values: { periodType: string; ownerUserId: string | null; targetValue: number | null; targetTolerance: number | null },
  userId: string,
): Promise<boolean> {
  const r = await rows<{ measure_id: string }>(
    db,
    sql`update scorecard_measure set period_type = ${values.periodType}, owner_user_id = ${values.ownerUserId}, target_value = ${values.targetValue},
               target_tolerance = ${values.targetTolerance}, updated_by_user_id = ${userId}, updated_at = now()
         where tenant_id = ${tenantId} and measure_id = ${measureId} returning measure_id`,
  );
  return r.length === 1;
}

export function populations(db: Database, tenantId: string) {
  return rows<{ id: string; group_code: string; year: number; value: number; source: string }>(
    db,
    sql`select id, group_code, year, value, source from population where tenant_id = ${tenantId} order by group_code, year`,
  );
}

export async function populationFor(db: Database, tenantId: string, group: string, year: number): Promise<number | null> {
  const r = await one<{ value: number }>(db, sql`select value from population where tenant_id = ${tenantId} and group_code = ${group} and year = ${year}`);
  return r?.value ?? null;
}

export async function savePopulation(db: Database, values: { tenantId: string; group: string; year: number; value: number; source: string; userId: string }): Promise<void> {
  await db.execute(sql`insert into population (tenant_id, group_code, year, value, source, entered_by_user_id)
    values (${values.tenantId}, ${values.group}, ${values.year}, ${values.value}, ${values.source}, ${values.userId})
    on conflict (tenant_id, group_code, year) do update set value = excluded.value, source = excluded.source,
      entered_by_user_id = excluded.entered_by_user_id, entered_at = now()`);
}

export function comparators(db: Database, tenantId: string, measureId?: string) {
  return rows<{ id: string; measure_id: string; kind: string; year: number; value: number; source: string }>(
    db,
    sql`select id, measure_id, kind, year, value, source from comparator where tenant_id = ${tenantId}
         ${measureId ? sql`and measure_id = ${measureId}` : sql``} order by measure_id, kind, year`,
  );
}

export async function saveComparator(db: Database, values: { tenantId: string; measureId: string; kind: string; year: number; value: number; source: string; userId: string }): Promise<void> {
  await db.execute(sql`insert into comparator (tenant_id, measure_id, kind, year, value, source, entered_by_user_id)
    values (${values.tenantId}, ${values.measureId}, ${values.kind}, ${values.year}, ${values.value}, ${values.source}, ${values.userId})
    on conflict (tenant_id, measure_id, kind, year) do update set value = excluded.value, source = excluded.source,
      entered_by_user_id = excluded.entered_by_user_id, entered_at = now()`);
}

export async function commentary(db: Database, tenantId: string, measureId: string, periodKey: string) {
  return one<{ working_well: string | null; worried_about: string | null; going_to_do: string | null; updated_at: string; author: string | null }>(
    db,
    sql`select m.working_well, m.worried_about, m.going_to_do, m.updated_at::text, u.display_name as author
          from measure_commentary m left join app_user u on u.id = m.updated_by_user_id
         where m.tenant_id = ${tenantId} and m.measure_id = ${measureId} and m.period_key = ${periodKey}`,
  );
}

export async function saveCommentary(
  db: Database,
  values: { tenantId: string; measureId: string; periodKey: string; workingWell: string | null; worriedAbout: string | null; goingToDo: string | null; userId: string },
): Promise<void> {
  await db.execute(sql`insert into measure_commentary (tenant_id, measure_id, period_key, working_well, worried_about, going_to_do, updated_by_user_id)
    values (${values.tenantId}, ${values.measureId}, ${values.periodKey}, ${values.workingWell}, ${values.worriedAbout}, ${values.goingToDo}, ${values.userId})
    on conflict (tenant_id, measure_id, period_key) do update set working_well = excluded.working_well, worried_about = excluded.worried_about,
      going_to_do = excluded.going_to_do, updated_by_user_id = excluded.updated_by_user_id, updated_at = now()`);
}

export interface SnapshotRow {
  id: string;
  measure_id: string;
  measure_version: number;
  period_key: string;
  numerator: number;
  denominator: number | null;
  median: number | null;
  population: number | null;
  records: { numerator: string[]; denominator: string[] };
  published_at: string;
  published_by: string | null;
}

export async function snapshot(db: Database, tenantId: string, measureId: string, periodKey: string): Promise<SnapshotRow | undefined> {
  const r = await one<SnapshotRow & { records: SnapshotRow['records'] | string }>(
    db,
    sql`select s.id, s.measure_id, s.measure_version, s.period_key, s.numerator, s.denominator, s.median, s.population, s.records,
               s.published_at::text, u.display_name as published_by
          from measure_snapshot s left join app_user u on u.id = s.published_by_user_id
         where s.tenant_id = ${tenantId} and s.measure_id = ${measureId} and s.period_key = ${periodKey}`,
  );
  if (!r) return undefined;
  return { ...r, records: typeof r.records === 'string' ? (JSON.parse(r.records) as SnapshotRow['records']) : r.records };
}

/** Publishes a figure; a period already published keeps its first snapshot (returns false). */
export async function saveSnapshot(
  db: Database,
  values: {
    tenantId: string; measureId: string; version: number; periodKey: string; numerator: number; denominator: number | null;
    median: number | null; population: number | null; records: { numerator: string[]; denominator: string[] }; userId: string; at: Date;
  },
): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`insert into measure_snapshot (tenant_id, measure_id, measure_version, period_key, numerator, denominator, median, population, records, published_by_user_id, published_at)
        values (${values.tenantId}, ${values.measureId}, ${values.version}, ${values.periodKey}, ${values.numerator}, ${values.denominator}, ${values.median},
                ${values.population}, ${JSON.stringify(values.records)}::jsonb, ${values.userId}, ${values.at.toISOString()})
        on conflict (tenant_id, measure_id, period_key) do nothing returning id`,
  );
  return r.length === 1;
}

export function publishedPeriods(db: Database, tenantId: string) {
  return rows<{ measure_id: string; period_key: string; published_at: string }>(
    db,
    sql`select measure_id, period_key, published_at::text from measure_snapshot where tenant_id = ${tenantId} order by published_at desc`,
  );
}
