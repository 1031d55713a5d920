/**
 * SQL for who leads a person's open safeguarding work, and transfers of the lead: this feature's tables (owners.json)
 * are the only ones it writes. Every query names the area (tenant) where it reads by anything but a record's own id
 * checked before. The database keeps one open lead per person (`safeguarding_lead_one_open`: unique where `until` is
 * null); a transfer is settled only from "proposed", in the statement that settles it.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type LeadTransferFacts } from '../../domain/access.js';
import { CHILDRENS_AGENCY_TYPES } from '../../domain/safeguarding-lead.js';
import { type Permission, type Role, ROLE_PERMISSIONS } from '../../domain/roles.js';

export async function transferFacts(db: Database, id: string): Promise<LeadTransferFacts | undefined> {
  const row = await one<{ tenant_id: string; from_agency_id: string; to_agency_id: string }>(db, sql`select tenant_id, from_agency_id, to_agency_id from lead_transfer where id = ${id}`);
  return row && { tenantId: row.tenant_id, fromAgencyId: row.from_agency_id, toAgencyId: row.to_agency_id };
}

// ——— leads ———

export interface LeadRow {
  id: string;
  tenant_id: string;
  person_id: string;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  team_id: string | null;
  team_name: string | null;
  work_kind: string;
  work_id: string | null;
  since: string;
  until: string | null;
  reason: string;
  set_by_name: string | null;
}

const LEAD = sql`select l.id, l.tenant_id, l.person_id, l.agency_id, a.name as agency_name, a.type as agency_type, l.team_id, tm.name as team_name,
         l.work_kind, l.work_id, l.since, l.until, l.reason, u.display_name as set_by_name
    from safeguarding_lead l join agency a on a.id = l.agency_id
    left join team tm on tm.id = l.team_id left join app_user u on u.id = l.set_by_user_id`;

/** The person's open lead (one at most: the database keeps it so). */
export function openLead(db: Database, personId: string): Promise<LeadRow | undefined> {
  return one<LeadRow>(db, sql`${LEAD} where l.person_id = ${personId} and l.until is null`);
}

/** The open lead, locked for the rest of the transaction so two changes of the lead cannot interleave. */
export function lockOpenLead(tx: Database, tenantId: string, personId: string): Promise<LeadRow | undefined> {
  return one<LeadRow>(tx, sql`${LEAD} where l.person_id = ${personId} and l.tenant_id = ${tenantId} and l.until is null for update of l`);
}

/** Every lead the person has had, newest first. */
export function leadHistory(db: Database, personId: string): Promise<LeadRow[]> {
  return rows<LeadRow>(db, sql`${LEAD} where l.person_id = ${personId} order by l.since desc, l.until desc nulls first, l.id`);
}

export interface NewLeadRow {
  tenantId: string;
  personId: string;
  agencyId: string;
  teamId: string | null;
  workKind: string;
  workId: string | null;
  since: Date;
  reason: string;
  setByUserId: string | null;
}

/** Opens a lead unless one is open already (then nothing): the id of the lead opened, or null. */
export async function insertLeadIfNone(tx: Database, v: NewLeadRow): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into safeguarding_lead (tenant_id, person_id, agency_id, team_id, work_kind, work_id, since, reason, set_by_user_id)
        values (${v.tenantId}, ${v.personId}, ${v.agencyId}, ${v.teamId}, ${v.workKind}, ${v.workId}, ${v.since.toISOString()}, ${v.reason}, ${v.setByUserId})
        on conflict (person_id) where until is null do nothing
        returning id`,
  );
  return row?.id ?? null;
}

/** Ends an open lead at `at`; false if it was not open. */
export async function closeLead(tx: Database, id: string, at: Date): Promise<boolean> {
  return !!(await one<{ id: string }>(tx, sql`update safeguarding_lead set until = ${at.toISOString()} where id = ${id} and until is null returning id`));
}

// ——— transfers ———

export interface TransferRow {
  id: string;
  tenant_id: string;
  person_id: string;
  from_agency_id: string;
  from_agency_name: string;
  from_team_id: string | null;
  from_team_name: string | null;
  to_agency_id: string;
  to_agency_name: string;
  to_team_id: string | null;
  to_team_name: string | null;
  reason: string;
  proposed_by_user_id: string;
  proposed_by_name: string | null;
  proposed_at: string;
  status: string;
  responded_by_name: string | null;
  responded_at: string | null;
  response_note: string | null;
  given_names: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  restricted: boolean;
}

/** The person's primary name (or any name) and what the list needs of their record. */
const PERSON = sql`join person p on p.id = t.person_id
    left join lateral (select n.given_names, n.family_name from person_name n where n.person_id = p.id order by n.is_primary desc, n.id limit 1) pn on true`;

const TRANSFER = sql`select t.id, t.tenant_id, t.person_id, t.from_agency_id, fa.name as from_agency_name, t.from_team_id, ft.name as from_team_name,
         t.to_agency_id, ta.name as to_agency_name, t.to_team_id, tt.name as to_team_name, t.reason, t.proposed_by_user_id,
         pu.display_name as proposed_by_name, t.proposed_at, t.status, ru.display_name as responded_by_name, t.responded_at, t.response_note,
         pn.given_names, pn.family_name, p.date_of_birth, p.restricted
    from lead_transfer t ${PERSON}
    join agency fa on fa.id = t.from_agency_id left join team ft on ft.id = t.from_team_id
    join agency ta on ta.id = t.to_agency_id left join team tt on tt.id = t.to_team_id
    left join app_user pu on pu.id = t.proposed_by_user_id left join app_user ru on ru.id = t.responded_by_user_id`;

export function transferById(db: Database, tenantId: string, id: string): Promise<TransferRow | undefined> {
  return one<TransferRow>(db, sql`${TRANSFER} where t.id = ${id} and t.tenant_id = ${tenantId}`);
}

export interface LockedTransfer {
  id: string;
  person_id: string;
  from_agency_id: string;
  from_team_id: string | null;
  to_agency_id: string;
  to_team_id: string | null;
  reason: string;
  proposed_by_user_id: string;
  status: string;
}

/** A transfer's state, locked for the rest of the transaction. */
export function lockTransfer(tx: Database, tenantId: string, id: string): Promise<LockedTransfer | undefined> {
  return one<LockedTransfer>(
    tx,
    sql`select id, person_id, from_agency_id, from_team_id, to_agency_id, to_team_id, reason, proposed_by_user_id, status
          from lead_transfer where id = ${id} and tenant_id = ${tenantId} for update`,
  );
}

/** The transfer of the person's lead waiting for an answer, if any. */
export function openTransferOf(db: Database, personId: string): Promise<TransferRow | undefined> {
  return one<TransferRow>(db, sql`${TRANSFER} where t.person_id = ${personId} and t.status = 'proposed' order by t.proposed_at desc limit 1`);
}

/** Every transfer of the person's lead, newest first. */
export function transfersOf(db: Database, personId: string): Promise<TransferRow[]> {
  return rows<TransferRow>(db, sql`${TRANSFER} where t.person_id = ${personId} order by t.proposed_at desc, t.id`);
}

export interface NewTransfer {
  tenantId: string;
  personId: string;
  fromAgencyId: string;
  fromTeamId: string | null;
  toAgencyId: string;
  toTeamId: string | null;
  reason: string;
  proposedByUserId: string;
  proposedAt: Date;
}

export async function insertTransfer(tx: Database, v: NewTransfer): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into lead_transfer (tenant_id, person_id, from_agency_id, from_team_id, to_agency_id, to_team_id, reason, proposed_by_user_id, proposed_at, status)
        values (${v.tenantId}, ${v.personId}, ${v.fromAgencyId}, ${v.fromTeamId}, ${v.toAgencyId}, ${v.toTeamId}, ${v.reason}, ${v.proposedByUserId}, ${v.proposedAt.toISOString()}, 'proposed')
        returning id`,
  );
  return row!.id;
}

/** Settles a proposal (accepted, declined or withdrawn); false if it was no longer a proposal. */
export async function settleTransfer(tx: Database, id: string, v: { status: string; byUserId: string; at: Date; note: string | null }): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update lead_transfer set status = ${v.status}, responded_by_user_id = ${v.byUserId}, responded_at = ${v.at.toISOString()}, response_note = ${v.note}
         where id = ${id} and status = 'proposed' returning id`,
  );
  return !!row;
}

// ——— the transitions list ———

/**
 * Age in whole years on a date, as `ageOn` (domain/time.ts) counts it: a year is complete on the same month and day
 * (29 February's in a common year on 1 March).
 */
function ageOnSql(dob: SQL, on: SQL): SQL {
  return sql`(extract(year from ${on}) - extract(year from ${dob})
      - case when (extract(month from ${on}), extract(day from ${on})) < (extract(month from ${dob}), extract(day from ${dob})) then 1 else 0 end)`;
}

const childrensTypes = () => sql`(select jsonb_array_elements_text(${JSON.stringify(CHILDRENS_AGENCY_TYPES)}::jsonb))`;

export interface TransitionRow {
  person_id: string;
  given_names: string | null;
  family_name: string | null;
  date_of_birth: string;
  restricted: boolean;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  team_name: string | null;
  since: string;
  since_date: string;
  work_kind: string;
  transfer_id: string | null;
  transfer_to_agency_name: string | null;
  transfer_to_team_name: string | null;
  transfer_proposed_at: string | null;
}

/**
 * People a children's agency leads who are on the transitions list on `today` (`latestDob`: the latest date of birth
 * on it) and whose lead began before they were 18; `agencyIds` null for the whole area. Oldest first (past 18 at the
 * top), with any transfer waiting for an answer.
 */
export function transitions(db: Database, tenantId: string, filter: { latestDob: string; agencyIds: readonly string[] | null; limit: number; offset: number }): Promise<TransitionRow[]> {
  return rows<TransitionRow>(db, sql`${transitionsSql(tenantId, filter)} limit ${filter.limit} offset ${filter.offset}`);
}

function transitionsSql(tenantId: string, filter: { latestDob: string; agencyIds: readonly string[] | null }): SQL {
  const agencies = filter.agencyIds ? sql`and l.agency_id in (select jsonb_array_elements_text(${JSON.stringify(filter.agencyIds)}::jsonb)::uuid)` : sql``;
  const sinceDate = sql`(l.since at time zone 'Europe/London')::date`;
  return sql`select l.person_id, pn.given_names, pn.family_name, p.date_of_birth, p.restricted, l.agency_id, a.name as agency_name, a.type as agency_type,
               tm.name as team_name, l.since, ${sinceDate}::text as since_date, l.work_kind,
               tr.id as transfer_id, tr.to_agency_name as transfer_to_agency_name, tr.to_team_name as transfer_to_team_name, tr.proposed_at as transfer_proposed_at
          from safeguarding_lead l
          join agency a on a.id = l.agency_id and a.type in ${childrensTypes()}
          join person p on p.id = l.person_id and p.merged_into_person_id is null
          left join team tm on tm.id = l.team_id
          left join lateral (select n.given_names, n.family_name from person_name n where n.person_id = p.id order by n.is_primary desc, n.id limit 1) pn on true
          left join lateral (select t.id, ta.name as to_agency_name, tt.name as to_team_name, t.proposed_at
                               from lead_transfer t join agency ta on ta.id = t.to_agency_id left join team tt on tt.id = t.to_team_id
                              where t.person_id = l.person_id and t.status = 'proposed' order by t.proposed_at desc limit 1) tr on true
         where l.tenant_id = ${tenantId} and l.until is null ${agencies}
           and p.date_of_birth is not null and p.date_of_birth <= ${filter.latestDob}::date
           and ${ageOnSql(sql`p.date_of_birth`, sinceDate)} < 18
         order by p.date_of_birth, l.person_id`;
}

/** How many people the transitions list holds (the same rows as `transitions`, counted). */
export async function transitionsTotal(db: Database, tenantId: string, filter: { latestDob: string; agencyIds: readonly string[] | null }): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from (${transitionsSql(tenantId, filter)}) x`);
  return Number(row?.n ?? 0);
}

/** How many transfers wait for an agency's answer (the same WHERE as `incoming`). */
export async function incomingTotal(db: Database, tenantId: string, agencyId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from (${TRANSFER} where t.tenant_id = ${tenantId} and t.to_agency_id = ${agencyId} and t.status = 'proposed') x`);
  return Number(row?.n ?? 0);
}

/** How many transfers an agency proposed (the same WHERE as `outgoing`). */
export async function outgoingTotal(db: Database, tenantId: string, agencyId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from (${TRANSFER} where t.tenant_id = ${tenantId} and t.from_agency_id = ${agencyId}) x`);
  return Number(row?.n ?? 0);
}

/** Transfers proposed to an agency and waiting for its answer, oldest first. */
export function incoming(db: Database, tenantId: string, agencyId: string, page: { limit: number; offset: number }): Promise<TransferRow[]> {
  return rows<TransferRow>(db, sql`${TRANSFER} where t.tenant_id = ${tenantId} and t.to_agency_id = ${agencyId} and t.status = 'proposed' order by t.proposed_at, t.id limit ${page.limit} offset ${page.offset}`);
}

/** Transfers an agency proposed: those waiting first, then the rest, newest first. */
export function outgoing(db: Database, tenantId: string, agencyId: string, page: { limit: number; offset: number }): Promise<TransferRow[]> {
  return rows<TransferRow>(
    db,
    sql`${TRANSFER} where t.tenant_id = ${tenantId} and t.from_agency_id = ${agencyId}
         order by (t.status = 'proposed') desc, t.proposed_at desc, t.id limit ${page.limit} offset ${page.offset}`,
  );
}

// ——— the front door's team ———

function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/**
 * The team a front door works in: the active team of the agency most of whose active users screen contacts (the
 * MASH; the adult safeguarding hub). Null when none of its screeners is in a team.
 */
export async function frontDoorTeam(db: Database, tenantId: string, agencyId: string): Promise<string | null> {
  const row = await one<{ team_id: string }>(
    db,
    sql`select u.team_id from app_user u join team t on t.id = u.team_id and t.active
         where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
           and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role in (select jsonb_array_elements_text(${JSON.stringify(rolesWith('contact:screen'))}::jsonb)))
         group by u.team_id order by count(*) desc, u.team_id limit 1`,
  );
  return row?.team_id ?? null;
}
