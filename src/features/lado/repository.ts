/**
 * The LADO's records: allegations, the children named in them, allegation management meetings and their actions
 * (this feature's tables; owners.json). Reads of agencies and users are for names only.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type LadoAllegationFacts } from '../../domain/access.js';

const iso = (d: Date) => d.toISOString();
const textArray = (values: readonly string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;
const receivedOn = (alias: string) => sql.raw(`(${alias}.received_at at time zone 'Europe/London')::date`);

// ——— taking an allegation on ———

export interface NewAllegation {
  tenantId: string;
  contactId: string | null;
  owningAgencyId: string;
  personId: string | null;
  adultName: string;
  roleTitle: string | null;
  employerName: string | null;
  employerAgencyId: string | null;
  sector: string;
  category: string;
  referringAgencyId: string | null;
  receivedAt: Date;
  whatHappened: string;
  decisionDueAt: Date;
  restricted: boolean;
}

/** A new allegation with its reference (LADO-YYYY-000123); one per contact. `made` is false when the contact already has one. */
export async function insertAllegation(tx: Database, a: NewAllegation): Promise<{ id: string; reference: string; made: boolean }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into lado_allegation (tenant_id, reference, contact_id, owning_agency_id, person_id, adult_name, role_title, employer_name, employer_agency_id, sector, category,
                                     referring_agency_id, received_at, what_happened, decision_due_at, restricted)
        values (${a.tenantId}, 'LADO-' || to_char(${iso(a.receivedAt)}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('lado_allegation_reference_seq')::text, 6, '0'),
                ${a.contactId}, ${a.owningAgencyId}, ${a.personId}, ${a.adultName}, ${a.roleTitle}, ${a.employerName}, ${a.employerAgencyId}, ${a.sector}, ${a.category},
                ${a.referringAgencyId}, ${iso(a.receivedAt)}, ${a.whatHappened}, ${iso(a.decisionDueAt)}, ${a.restricted})
        on conflict (contact_id) do nothing
        returning id, reference`,
  );
  if (row) return { ...row, made: true };
  const existing = await one<{ id: string; reference: string }>(tx, sql`select id, reference from lado_allegation where contact_id = ${a.contactId}`);
  return { ...existing!, made: false };
}

export async function insertChild(tx: Database, c: { tenantId: string; allegationId: string; personId: string | null; name: string }): Promise<void> {
  await tx.execute(sql`insert into lado_child (tenant_id, allegation_id, person_id, name) values (${c.tenantId}, ${c.allegationId}, ${c.personId}, ${c.name})`);
}

// ——— record checks ———

export async function accessFacts(db: Database, id: string): Promise<LadoAllegationFacts | undefined> {
  const row = await one<{ tenant_id: string; owning_agency_id: string; employer_agency_id: string | null; referring_agency_id: string | null; allocated_user_id: string | null; restricted: boolean }>(
    db,
    sql`select tenant_id, owning_agency_id, employer_agency_id, referring_agency_id, allocated_user_id, restricted from lado_allegation where id = ${id}`,
  );
  return (
    row && {
      tenantId: row.tenant_id,
      owningAgencyId: row.owning_agency_id,
      employerAgencyId: row.employer_agency_id,
      referringAgencyId: row.referring_agency_id,
      allocatedUserId: row.allocated_user_id,
      restricted: row.restricted,
    }
  );
}

// ——— lists ———

export type WorklistShow = 'decide' | 'late' | 'open' | 'over' | 'no_reason' | 'advice' | 'closed';
export const WORKLIST_SHOWS: readonly WorklistShow[] = ['decide', 'late', 'open', 'over', 'no_reason', 'advice', 'closed'];

export interface ListRow {
  id: string;
  reference: string;
  adult_name: string;
  role_title: string | null;
  employer_name: string | null;
  sector: string;
  category: string;
  received_at: string;
  received_on: string;
  decision_due_at: string;
  decision: string | null;
  status: string;
  police_status: string;
  open_reason: string | null;
  outcome: string | null;
  closed_at: string | null;
  restricted: boolean;
  total: number;
}

/** Which allegations each tab of the worklist shows (the LADO's service's own; over: open past the resolution timescale). */
function showWhere(show: WorklistShow, today: string, months: number, now: Date): SQL {
  const over = sql`${receivedOn('a')} + make_interval(months => ${months}) < ${today}::date`;
  switch (show) {
    case 'decide':
      return sql`a.status = 'open'`;
    case 'late':
      return sql`a.status = 'open' and a.decision_due_at < ${iso(now)}`;
    case 'no_reason':
      return sql`a.status = 'in_process' and ${over} and a.open_reason is null`;
    case 'open':
      return sql`a.status = 'in_process'`;
    case 'over':
      return sql`a.status = 'in_process' and ${over}`;
    case 'advice':
      return sql`a.decision in ('advice', 'another_area')`;
    case 'closed':
      return sql`a.status = 'closed' and a.decision = 'lado_process'`;
  }
}

function showOrder(show: WorklistShow): SQL {
  if (show === 'decide' || show === 'late') return sql`a.decision_due_at, a.id`;
  if (show === 'open' || show === 'over' || show === 'no_reason') return sql`a.received_at, a.id`;
  return sql`coalesce(a.closed_at, a.decided_at) desc nulls last, a.id`;
}

const LIST_COLUMNS = sql`a.id, a.reference, a.adult_name, a.role_title, coalesce(e.name, a.employer_name) as employer_name, a.sector, a.category, a.received_at,
  ${receivedOn('a')}::text as received_on, a.decision_due_at, a.decision, a.status, a.police_status, a.open_reason, a.outcome, a.closed_at, a.restricted, count(*) over ()::int as total`;

export function worklist(db: Database, tenantId: string, agencyId: string, show: WorklistShow, today: string, months: number, now: Date, limit: number, offset: number): Promise<ListRow[]> {
  return rows<ListRow>(
    db,
    sql`select ${LIST_COLUMNS}
          from lado_allegation a left join agency e on e.id = a.employer_agency_id
         where a.tenant_id = ${tenantId} and a.owning_agency_id = ${agencyId} and ${showWhere(show, today, months, now)}
         order by ${showOrder(show)} limit ${limit} offset ${offset}`,
  );
}

export async function worklistCounts(db: Database, tenantId: string, agencyId: string, today: string, months: number, now: Date): Promise<Record<WorklistShow, number>> {
  const columns = sql.join(
    WORKLIST_SHOWS.map((show) => sql`count(*) filter (where ${showWhere(show, today, months, now)})::int as ${sql.raw(show)}`),
    sql`, `,
  );
  const row = await one<Record<WorklistShow, number>>(db, sql`select ${columns} from lado_allegation a where a.tenant_id = ${tenantId} and a.owning_agency_id = ${agencyId}`);
  return row ?? { decide: 0, late: 0, open: 0, over: 0, no_reason: 0, advice: 0, closed: 0 };
}

/** Days from receipt to outcome of the service's allegations with an outcome (for the median). */
export function outcomeDates(db: Database, tenantId: string, agencyId: string): Promise<{ received_on: string; outcome_on: string }[]> {
  return rows(
    db,
    sql`select ${receivedOn('a')}::text as received_on, a.outcome_on::text as outcome_on from lado_allegation a
         where a.tenant_id = ${tenantId} and a.owning_agency_id = ${agencyId} and a.outcome_on is not null`,
  );
}

/** An employer's (or referrer's) allegations: what the employer page lists. */
export type EmployerShow = 'all' | 'open';

const employerWhere = (tenantId: string, agencyId: string, show: EmployerShow) =>
  sql`a.tenant_id = ${tenantId} and (a.employer_agency_id = ${agencyId} or a.referring_agency_id = ${agencyId}) ${show === 'open' ? sql`and a.status <> 'closed'` : sql``}`;

export function employerList(db: Database, tenantId: string, agencyId: string, show: EmployerShow, limit: number, offset: number): Promise<ListRow[]> {
  return rows<ListRow>(
    db,
    sql`select ${LIST_COLUMNS}
          from lado_allegation a left join agency e on e.id = a.employer_agency_id
         where ${employerWhere(tenantId, agencyId, show)}
         order by (a.status = 'closed'), a.received_at desc, a.id limit ${limit} offset ${offset}`,
  );
}

export async function employerCounts(db: Database, tenantId: string, agencyId: string): Promise<Record<EmployerShow, number>> {
  const row = await one<Record<EmployerShow, number>>(
    db,
    sql`select count(*)::int as "all", count(*) filter (where ${employerWhere(tenantId, agencyId, 'open')})::int as open from lado_allegation a where ${employerWhere(tenantId, agencyId, 'all')}`,
  );
  return row ?? { all: 0, open: 0 };
}

// ——— one allegation ———

export interface AllegationRow {
  id: string;
  tenant_id: string;
  reference: string;
  contact_id: string | null;
  contact_reference: string | null;
  owning_agency_id: string;
  person_id: string | null;
  adult_name: string;
  role_title: string | null;
  employer_name: string | null;
  employer_agency_id: string | null;
  employer_agency_name: string | null;
  sector: string;
  category: string;
  referring_agency_id: string | null;
  referring_agency_name: string | null;
  received_at: string;
  received_on: string;
  what_happened: string;
  decision_due_at: string;
  decision: string | null;
  decision_reason: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  status: string;
  police_status: string;
  police_updated_on: string | null;
  open_reason: string | null;
  outcome: string | null;
  outcome_on: string | null;
  employer_actions: string[];
  closed_at: string | null;
  allocated_user_id: string | null;
  allocated_name: string | null;
  restricted: boolean;
}

const ALLEGATION = sql`select a.id, a.tenant_id, a.reference, a.contact_id, c.reference as contact_reference, a.owning_agency_id, a.person_id, a.adult_name, a.role_title,
    a.employer_name, a.employer_agency_id, e.name as employer_agency_name, a.sector, a.category, a.referring_agency_id, ra.name as referring_agency_name,
    a.received_at, ${receivedOn('a')}::text as received_on, a.what_happened, a.decision_due_at, a.decision, a.decision_reason, a.decided_at, du.display_name as decided_by_name,
    a.status, a.police_status, a.police_updated_on::text as police_updated_on, a.open_reason, a.outcome, a.outcome_on::text as outcome_on, a.employer_actions,
    a.closed_at, a.allocated_user_id, au.display_name as allocated_name, a.restricted
  from lado_allegation a
  left join contact c on c.id = a.contact_id
  left join agency e on e.id = a.employer_agency_id
  left join agency ra on ra.id = a.referring_agency_id
  left join app_user du on du.id = a.decided_by_user_id
  left join app_user au on au.id = a.allocated_user_id`;

export function allegation(db: Database, tenantId: string, id: string): Promise<AllegationRow | undefined> {
  return one<AllegationRow>(db, sql`${ALLEGATION} where a.tenant_id = ${tenantId} and a.id = ${id}`);
}

/** The allegation locked for a change. */
export function lock(tx: Database, tenantId: string, id: string): Promise<AllegationRow | undefined> {
  return one<AllegationRow>(tx, sql`${ALLEGATION} where a.tenant_id = ${tenantId} and a.id = ${id} for update of a`);
}

export function children(db: Database, id: string): Promise<{ id: string; person_id: string | null; name: string; date_of_birth: string | null }[]> {
  return rows(
    db,
    sql`select k.id, k.person_id, k.name, p.date_of_birth::text as date_of_birth from lado_child k left join person p on p.id = k.person_id
         where k.allegation_id = ${id} order by k.name, k.id`,
  );
}

export interface Attendee {
  agencyId: string | null;
  name: string;
  role: string;
}

export interface MeetingRow {
  id: string;
  held_at: string;
  attendees: Attendee[];
  decisions: string;
  review_on: string | null;
  recorded_by_name: string | null;
}

export function meetings(db: Database, id: string): Promise<MeetingRow[]> {
  return rows<MeetingRow>(
    db,
    sql`select m.id, m.held_at, m.attendees, m.decisions, m.review_on::text as review_on, u.display_name as recorded_by_name
          from lado_meeting m left join app_user u on u.id = m.recorded_by_user_id where m.allegation_id = ${id} order by m.held_at, m.id`,
  );
}

export interface ActionRow {
  id: string;
  meeting_id: string | null;
  description: string;
  owner_agency_id: string | null;
  owner_agency_name: string | null;
  owner_name: string | null;
  due_on: string;
  done_on: string | null;
}

export function actions(db: Database, id: string, agencyId?: string): Promise<ActionRow[]> {
  return rows<ActionRow>(
    db,
    sql`select x.id, x.meeting_id, x.description, x.owner_agency_id, a.name as owner_agency_name, x.owner_name, x.due_on::text as due_on, x.done_on::text as done_on
          from lado_action x left join agency a on a.id = x.owner_agency_id
         where x.allegation_id = ${id} ${agencyId ? sql`and x.owner_agency_id = ${agencyId}` : sql``}
         order by x.due_on, x.id`,
  );
}

// ——— changes ———

export async function updateDetails(
  tx: Database,
  id: string,
  d: { adultName: string; roleTitle: string | null; employerName: string | null; employerAgencyId: string | null; sector: string; category: string; whatHappened: string },
): Promise<void> {
  await tx.execute(
    sql`update lado_allegation set adult_name = ${d.adultName}, role_title = ${d.roleTitle}, employer_name = ${d.employerName}, employer_agency_id = ${d.employerAgencyId},
               sector = ${d.sector}, category = ${d.category}, what_happened = ${d.whatHappened} where id = ${id}`,
  );
}

export async function replaceChildren(tx: Database, tenantId: string, id: string, names: readonly string[], keep: readonly { person_id: string | null; name: string }[]): Promise<void> {
  await tx.execute(sql`delete from lado_child where allegation_id = ${id}`);
  for (const name of names) {
    const known = keep.find((k) => k.name === name);
    await insertChild(tx, { tenantId, allegationId: id, personId: known?.person_id ?? null, name });
  }
}

export async function recordDecision(tx: Database, id: string, d: { decision: string; reason: string; at: Date; userId: string; status: string }): Promise<void> {
  await tx.execute(
    sql`update lado_allegation set decision = ${d.decision}, decision_reason = ${d.reason}, decided_at = ${iso(d.at)}, decided_by_user_id = ${d.userId}, status = ${d.status},
               allocated_user_id = coalesce(allocated_user_id, ${d.userId}), closed_at = ${d.status === 'closed' ? iso(d.at) : null} where id = ${id}`,
  );
}

export async function insertMeeting(tx: Database, m: { tenantId: string; allegationId: string; heldAt: Date; attendees: readonly Attendee[]; decisions: string; reviewOn: string | null; userId: string }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into lado_meeting (tenant_id, allegation_id, held_at, attendees, decisions, review_on, recorded_by_user_id)
        values (${m.tenantId}, ${m.allegationId}, ${iso(m.heldAt)}, ${JSON.stringify(m.attendees)}::jsonb, ${m.decisions}, ${m.reviewOn}, ${m.userId}) returning id`,
  );
  return row!.id;
}

export async function insertAction(tx: Database, a: { tenantId: string; allegationId: string; meetingId: string | null; description: string; ownerAgencyId: string | null; ownerName: string | null; dueOn: string }): Promise<void> {
  await tx.execute(
    sql`insert into lado_action (tenant_id, allegation_id, meeting_id, description, owner_agency_id, owner_name, due_on)
        values (${a.tenantId}, ${a.allegationId}, ${a.meetingId}, ${a.description}, ${a.ownerAgencyId}, ${a.ownerName}, ${a.dueOn})`,
  );
}

export async function updatePolice(tx: Database, id: string, status: string, on: string): Promise<void> {
  await tx.execute(sql`update lado_allegation set police_status = ${status}, police_updated_on = ${on} where id = ${id}`);
}

export async function setOpenReason(tx: Database, id: string, reason: string): Promise<void> {
  await tx.execute(sql`update lado_allegation set open_reason = ${reason} where id = ${id}`);
}

export async function recordOutcome(tx: Database, id: string, outcome: string, on: string, employerActions: readonly string[]): Promise<void> {
  await tx.execute(sql`update lado_allegation set outcome = ${outcome}, outcome_on = ${on}, employer_actions = ${textArray(employerActions)} where id = ${id}`);
}

export async function setEmployerActions(tx: Database, id: string, employerActions: readonly string[]): Promise<void> {
  await tx.execute(sql`update lado_allegation set employer_actions = ${textArray(employerActions)} where id = ${id}`);
}

export async function close(tx: Database, id: string, at: Date): Promise<void> {
  await tx.execute(sql`update lado_allegation set status = 'closed', closed_at = ${iso(at)} where id = ${id}`);
}

export async function markActionDone(tx: Database, allegationId: string, actionId: string, agencyId: string, on: string): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update lado_action set done_on = ${on} where id = ${actionId} and allegation_id = ${allegationId} and owner_agency_id = ${agencyId} and done_on is null returning id`,
  );
  return !!row;
}
