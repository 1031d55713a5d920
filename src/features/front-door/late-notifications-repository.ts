/** SQL for late notifications: the area's lags, the late notifications recorded, and the counts the timeliness page shows. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type LagRiskLevel } from '../../domain/incidents.js';

export async function lagRows(db: Database, tenantId: string): Promise<{ risk_level: string; hours: number; source: string; updated_at: string }[]> {
  return rows(db, sql`select risk_level, hours, source, updated_at from late_notification_setting where tenant_id = ${tenantId}`);
}

export async function saveLag(db: Database, values: { tenantId: string; riskLevel: LagRiskLevel; hours: number; source: string; userId: string | null; at: Date }): Promise<void> {
  await db.execute(sql`insert into late_notification_setting (tenant_id, risk_level, hours, source, updated_by_user_id, updated_at)
                       values (${values.tenantId}, ${values.riskLevel}, ${values.hours}, ${values.source}, ${values.userId}, ${values.at})
                       on conflict (tenant_id, risk_level) do update set hours = excluded.hours, source = excluded.source,
                         updated_by_user_id = excluded.updated_by_user_id, updated_at = excluded.updated_at`);
}

/** A received contact's incident time, receipt, risk grading and agencies (for a contact recorded on the form). */
export function contactTiming(tx: Database, contactId: string) {
  return one<{ incident_at: string | null; received_at: string; risk_level: string | null; owning_agency_id: string; source_agency_id: string | null }>(
    tx,
    sql`select incident_at, received_at, risk_level, owning_agency_id, source_agency_id from contact where id = ${contactId}`,
  );
}

export async function owningAgencyOf(tx: Database, contactId: string): Promise<{ owning_agency_id: string; source_agency_id: string | null } | undefined> {
  return one(tx, sql`select owning_agency_id, source_agency_id from contact where id = ${contactId}`);
}

export interface LateValues {
  tenantId: string;
  contactId: string;
  updateId: string | null;
  sourceAgencyId: string | null;
  riskLevel: LagRiskLevel;
  occurredAt: Date;
  receivedAt: Date;
  lagMinutes: number;
  allowedHours: number;
  told: number;
}

/** Records a late notification; false when it was already recorded (the same contact or update). */
export async function insertLate(tx: Database, v: LateValues): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into late_notification (tenant_id, contact_id, update_id, source_agency_id, risk_level, occurred_at, received_at, lag_minutes, allowed_hours, told)
        values (${v.tenantId}, ${v.contactId}, ${v.updateId}, ${v.sourceAgencyId}, ${v.riskLevel}, ${v.occurredAt}, ${v.receivedAt}, ${v.lagMinutes}, ${v.allowedHours}, ${v.told})
        on conflict do nothing returning id`,
  );
  return !!row;
}

export interface LateRow {
  id: string;
  contact_id: string;
  update_id: string | null;
  risk_level: LagRiskLevel;
  occurred_at: string;
  received_at: string;
  lag_minutes: number;
  allowed_hours: number;
  told: number;
}

/** The late notifications on a contact: its own (no update) first, then its updates', oldest first. */
export function lateOf(db: Database, contactId: string): Promise<LateRow[]> {
  return rows<LateRow>(
    db,
    sql`select id, contact_id, update_id, risk_level, occurred_at, received_at, lag_minutes, allowed_hours, told
          from late_notification where contact_id = ${contactId}
         order by (update_id is not null), received_at, id`,
  );
}

const LAG_LEVEL = (column: string) => sql.raw(`(case when ${column} in ('high', 'medium', 'standard') then ${column} else 'not_graded' end)`);
const london = (column: string) => sql.raw(`((${column}) at time zone 'Europe/London')::date`);

/**
 * For notifications received in a period (London dates, `end` exclusive), per lag level: how many carried an
 * incident time (contacts, except those attached to another contact after a screener's review, whose update counts
 * instead, and updates), and how many of them were late.
 */
export function lateCounts(db: Database, tenantId: string, start: string, end: string): Promise<{ risk_level: LagRiskLevel; received: number; late: number }[]> {
  return rows(
    db,
    sql`with received as (
          select ${LAG_LEVEL('c.risk_level')} as risk_level from contact c
           where c.tenant_id = ${tenantId} and c.status not in ('draft', 'merged') and c.incident_at is not null
             and ${london('c.received_at')} >= ${start}::date and ${london('c.received_at')} < ${end}::date
          union all
          select ${LAG_LEVEL('u.risk_level')} from contact_update u
           where u.tenant_id = ${tenantId} and coalesce(u.payload->>'occurredAt', '') <> ''
             and ${london('u.received_at')} >= ${start}::date and ${london('u.received_at')} < ${end}::date),
        late as (
          select l.risk_level from late_notification l
           where l.tenant_id = ${tenantId} and ${london('l.received_at')} >= ${start}::date and ${london('l.received_at')} < ${end}::date),
        levels as (select unnest(array['high', 'medium', 'standard', 'not_graded']) as risk_level)
        select v.risk_level,
               (select count(*)::int from received r where r.risk_level = v.risk_level) as received,
               (select count(*)::int from late l where l.risk_level = v.risk_level) as late
          from levels v`,
  );
}
