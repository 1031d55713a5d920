/** Early help episodes: this feature's one table (with names read from agencies, users and people). */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { ROLE_PERMISSIONS, type Role } from '../../domain/roles.js';

export interface TeamMember {
  agencyId: string;
  role: string;
}

export interface EpisodeRow {
  id: string;
  tenant_id: string;
  reference: string;
  contact_id: string | null;
  contact_reference: string | null;
  stepped_down_from_referral_id: string | null;
  children: string[];
  family_name: string;
  started_at: string;
  contact_due_at: string;
  contacted_at: string | null;
  engaged: boolean | null;
  triage_due_at: string;
  triaged_at: string | null;
  lead_agency_id: string;
  lead_agency_name: string;
  lead_user_id: string | null;
  lead_user_name: string | null;
  eha_started_at: string | null;
  eha_due_at: string | null;
  eha_completed_at: string | null;
  eha_agency_id: string | null;
  eha_agency_name: string | null;
  eha_summary: string | null;
  family_views: string | null;
  team: TeamMember[];
  status: string;
  stepped_up_to_contact_id: string | null;
  stepped_up_reference: string | null;
  closed_at: string | null;
  closure_reason: string | null;
  restricted: boolean;
}

const EPISODE = sql`e.id, e.tenant_id, e.reference, e.contact_id, (select c.reference from contact c where c.id = e.contact_id) as contact_reference,
  e.stepped_down_from_referral_id, e.children::text[] as children, e.family_name, e.started_at::text, e.contact_due_at::text, e.contacted_at::text, e.engaged,
  e.triage_due_at::text, e.triaged_at::text, e.lead_agency_id, la.name as lead_agency_name, e.lead_user_id, lu.display_name as lead_user_name,
  e.eha_started_at::text, e.eha_due_at::text, e.eha_completed_at::text, e.eha_agency_id, ea.name as eha_agency_name, e.eha_summary, e.family_views,
  e.team, e.status, e.stepped_up_to_contact_id, (select c.reference from contact c where c.id = e.stepped_up_to_contact_id) as stepped_up_reference,
  e.closed_at::text, e.closure_reason, e.restricted`;
const JOINS = sql`join agency la on la.id = e.lead_agency_id left join app_user lu on lu.id = e.lead_user_id left join agency ea on ea.id = e.eha_agency_id`;

export interface NewEpisode {
  tenantId: string;
  contactId: string | null;
  steppedDownFromReferralId: string | null;
  children: readonly string[];
  familyName: string;
  startedAt: Date;
  contactDueAt: Date;
  triageDueAt: Date;
  leadAgencyId: string;
  restricted: boolean;
}

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** A new episode with the next reference (EH-YYYY-nnnnnn); an episode already made for the contact is returned instead. */
export async function insertEpisode(tx: Database, v: NewEpisode): Promise<{ id: string; reference: string; created: boolean }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into early_help_episode (tenant_id, reference, contact_id, stepped_down_from_referral_id, children, family_name, started_at, contact_due_at, triage_due_at, lead_agency_id, restricted)
        values (${v.tenantId}, 'EH-' || to_char(${v.startedAt.toISOString()}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('early_help_reference_seq')::text, 6, '0'),
          ${v.contactId}, ${v.steppedDownFromReferralId}, ${uuids(v.children)}, ${v.familyName}, ${v.startedAt.toISOString()}, ${v.contactDueAt.toISOString()},
          ${v.triageDueAt.toISOString()}, ${v.leadAgencyId}, ${v.restricted})
        on conflict (contact_id) do nothing
        returning id, reference`,
  );
  if (row) return { ...row, created: true };
  const existing = await one<{ id: string; reference: string }>(tx, sql`select id, reference from early_help_episode where contact_id = ${v.contactId}`);
  return { ...existing!, created: false };
}

export function accessFacts(db: Database, id: string) {
  return one<{ tenant_id: string; lead_agency_id: string; lead_user_id: string | null; team: TeamMember[]; restricted: boolean }>(
    db,
    sql`select tenant_id, lead_agency_id, lead_user_id, team, restricted from early_help_episode where id = ${id}`,
  );
}

export function episode(db: Database, tenantId: string, id: string): Promise<EpisodeRow | undefined> {
  return one<EpisodeRow>(db, sql`select ${EPISODE} from early_help_episode e ${JOINS} where e.id = ${id} and e.tenant_id = ${tenantId}`);
}

export function lockEpisode(tx: Database, tenantId: string, id: string): Promise<EpisodeRow | undefined> {
  return one<EpisodeRow>(tx, sql`select ${EPISODE} from early_help_episode e ${JOINS} where e.id = ${id} and e.tenant_id = ${tenantId} for update of e`);
}

export async function recordContacted(tx: Database, id: string, contactedAt: Date, engaged: boolean): Promise<void> {
  await tx.execute(sql`update early_help_episode set contacted_at = ${contactedAt.toISOString()}, engaged = ${engaged} where id = ${id}`);
}

export async function recordTriage(tx: Database, id: string, v: { at: Date; leadAgencyId: string; leadUserId: string | null }): Promise<void> {
  await tx.execute(sql`update early_help_episode set triaged_at = ${v.at.toISOString()}, lead_agency_id = ${v.leadAgencyId}, lead_user_id = ${v.leadUserId} where id = ${id}`);
}

export async function startEha(tx: Database, id: string, at: Date, dueAt: Date): Promise<void> {
  await tx.execute(sql`update early_help_episode set eha_started_at = ${at.toISOString()}, eha_due_at = ${dueAt.toISOString()} where id = ${id}`);
}

export async function completeEha(tx: Database, id: string, v: { at: Date; agencyId: string; summary: string; familyViews: string }): Promise<void> {
  await tx.execute(sql`update early_help_episode set eha_completed_at = ${v.at.toISOString()}, eha_agency_id = ${v.agencyId}, eha_summary = ${v.summary}, family_views = ${v.familyViews} where id = ${id}`);
}

export async function setTeam(tx: Database, id: string, team: readonly TeamMember[]): Promise<void> {
  await tx.execute(sql`update early_help_episode set team = ${JSON.stringify(team)}::jsonb where id = ${id}`);
}

export async function steppedUp(tx: Database, id: string, contactId: string): Promise<void> {
  await tx.execute(sql`update early_help_episode set stepped_up_to_contact_id = ${contactId} where id = ${id}`);
}

export async function close(tx: Database, id: string, at: Date, reason: string): Promise<void> {
  await tx.execute(sql`update early_help_episode set status = 'closed', closed_at = ${at.toISOString()}, closure_reason = ${reason} where id = ${id}`);
}

// ——— lists ———

export type WorklistShow = 'new' | 'overdue' | 'open' | 'closed';

export interface ListRow {
  id: string;
  reference: string;
  family_name: string;
  children: number;
  started_at: string;
  contact_due_at: string;
  contacted_at: string | null;
  engaged: boolean | null;
  triage_due_at: string;
  triaged_at: string | null;
  lead_agency_name: string;
  lead_user_name: string | null;
  eha_started_at: string | null;
  eha_due_at: string | null;
  eha_completed_at: string | null;
  status: string;
  stepped_up_to_contact_id: string | null;
  closed_at: string | null;
  closure_reason: string | null;
  next_due_at: string | null;
  total: number;
}

/** The next deadline still running on an open episode (in SQL, to order by it; the presenter says which). */
const NEXT_DUE = sql`case when e.status <> 'open' then null else least(
  case when e.engaged is not true then e.contact_due_at end,
  case when e.triaged_at is null then e.triage_due_at end,
  case when e.eha_started_at is not null and e.eha_completed_at is null then e.eha_due_at end) end`;

async function list(db: Database, where: SQL, order: SQL, limit: number, offset: number): Promise<ListRow[]> {
  return rows<ListRow>(
    db,
    sql`select e.id, e.reference, e.family_name, cardinality(e.children)::int as children, e.started_at::text, e.contact_due_at::text, e.contacted_at::text, e.engaged,
               e.triage_due_at::text, e.triaged_at::text, la.name as lead_agency_name, lu.display_name as lead_user_name, e.eha_started_at::text, e.eha_due_at::text,
               e.eha_completed_at::text, e.status, e.stepped_up_to_contact_id, e.closed_at::text, e.closure_reason, (${NEXT_DUE})::text as next_due_at,
               count(*) over ()::int as total
          from early_help_episode e ${JOINS}
         where ${where}
         order by ${order}
         limit ${limit} offset ${offset}`,
  );
}

/** Which episodes a worklist tab shows: new families (to contact or triage), those with a deadline overdue, every open one, or the closed. */
function showWhere(tenantId: string, show: WorklistShow, now: Date): SQL {
  const base = sql`e.tenant_id = ${tenantId}`;
  switch (show) {
    case 'closed':
      return sql`${base} and e.status = 'closed'`;
    case 'new':
      return sql`${base} and e.status = 'open' and (e.engaged is not true or e.triaged_at is null)`;
    case 'overdue':
      return sql`${base} and e.status = 'open' and (${NEXT_DUE}) < ${now.toISOString()}`;
    case 'open':
      return sql`${base} and e.status = 'open'`;
  }
}

/** The early help service's worklist: one tab's episodes, the next deadline first (the closed: latest first). */
export function worklist(db: Database, tenantId: string, show: WorklistShow, now: Date, limit: number, offset: number): Promise<ListRow[]> {
  const order = show === 'closed' ? sql`e.closed_at desc, e.id` : sql`(${NEXT_DUE}) nulls last, e.started_at, e.id`;
  return list(db, showWhere(tenantId, show, now), order, limit, offset);
}

export async function worklistCounts(db: Database, tenantId: string, now: Date): Promise<Record<WorklistShow, number>> {
  const row = await one<Record<WorklistShow, number>>(
    db,
    sql`select count(*) filter (where ${showWhere(tenantId, 'new', now)})::int as new,
               count(*) filter (where ${showWhere(tenantId, 'overdue', now)})::int as overdue,
               count(*) filter (where ${showWhere(tenantId, 'open', now)})::int as open,
               count(*) filter (where ${showWhere(tenantId, 'closed', now)})::int as closed
          from early_help_episode e where e.tenant_id = ${tenantId}`,
  );
  return row ?? { new: 0, overdue: 0, open: 0, closed: 0 };
}

/**
 * A lead practitioner's families: the open episodes their agency leads, then those it is in the team around
 * (restricted episodes only where the agency leads, as the record rule says); all of them, or those with a deadline
 * overdue.
 */
export type OursShow = 'all' | 'overdue';

function oursWhere(tenantId: string, agencyId: string, show: OursShow, now: Date): SQL {
  const member = sql`e.team @> ${JSON.stringify([{ agencyId }])}::jsonb`;
  const ours = sql`e.tenant_id = ${tenantId} and e.status = 'open' and (e.lead_agency_id = ${agencyId} or (${member} and not e.restricted))`;
  return show === 'overdue' ? sql`${ours} and (${NEXT_DUE}) < ${now.toISOString()}` : ours;
}

export function ours(db: Database, tenantId: string, agencyId: string, show: OursShow, now: Date, limit: number, offset: number): Promise<ListRow[]> {
  return list(db, oursWhere(tenantId, agencyId, show, now), sql`(e.lead_agency_id = ${agencyId}) desc, (${NEXT_DUE}) nulls last, e.started_at, e.id`, limit, offset);
}

export async function oursCounts(db: Database, tenantId: string, agencyId: string, now: Date): Promise<Record<OursShow, number>> {
  const row = await one<Record<OursShow, number>>(
    db,
    sql`select count(*) filter (where ${oursWhere(tenantId, agencyId, 'all', now)})::int as "all",
               count(*) filter (where ${oursWhere(tenantId, agencyId, 'overdue', now)})::int as overdue
          from early_help_episode e where e.tenant_id = ${tenantId}`,
  );
  return row ?? { all: 0, overdue: 0 };
}

// ——— names for the forms ———

/** Agencies of the area, active, with their type (for the lead and team choices). */
export function agencies(db: Database, tenantId: string) {
  return rows<{ id: string; name: string; type: string }>(db, sql`select id, name, type from agency where tenant_id = ${tenantId} and active order by name, id`);
}

/** Practitioners who may lead early help, anywhere in the area, with their agency. */
export function practitioners(db: Database, tenantId: string) {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('early_help:lead'));
  return rows<{ id: string; display_name: string; agency_id: string; agency_name: string }>(
    db,
    sql`select distinct u.id, u.display_name, u.agency_id, a.name as agency_name from app_user u join role_assignment ra on ra.user_id = u.id join agency a on a.id = u.agency_id
         where u.tenant_id = ${tenantId} and u.disabled_at is null and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))
         order by a.name, u.display_name`,
  );
}
