/** The boards' tables: boards, groups, members, meetings, agenda items and papers, decisions, attendance, the risk log. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type BoardGroupFacts } from '../../domain/access.js';

// ——— record checks ———

/** A group, with the users who are its members today. */
export async function groupFacts(db: Database, groupId: string): Promise<BoardGroupFacts | undefined> {
  const row = await one<{ tenant_id: string; members: string[] }>(
    db,
    sql`select g.tenant_id,
               coalesce(array(select m.user_id from board_member m where m.group_id = g.id and m.user_id is not null and (m.to_on is null or m.to_on >= current_date)), '{}') as members
          from board_group g where g.id = ${groupId}`,
  );
  return row && { tenantId: row.tenant_id, memberUserIds: row.members };
}

/** A meeting: its group's facts. */
export async function meetingFacts(db: Database, meetingId: string): Promise<BoardGroupFacts | undefined> {
  const row = await one<{ group_id: string }>(db, sql`select group_id from board_meeting where id = ${meetingId}`);
  return row && groupFacts(db, row.group_id);
}

export async function riskFacts(db: Database, riskId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from board_risk where id = ${riskId}`);
  return row && { tenantId: row.tenant_id };
}

// ——— boards and groups ———

export interface BoardRow {
  id: string;
  kind: string;
  name: string;
}

export interface GroupRow {
  id: string;
  tenant_id: string;
  board_id: string;
  board_kind: string;
  board_name: string;
  name: string;
  is_main: boolean;
  remit: string | null;
  active: boolean;
  members: number;
  next_meeting_at: string | null;
  next_meeting_id: string | null;
}

const GROUP_COLUMNS = sql`g.id, g.tenant_id, g.board_id, b.kind as board_kind, b.name as board_name, g.name, g.is_main, g.remit, g.active,
  (select count(*)::int from board_member m where m.group_id = g.id and (m.to_on is null or m.to_on >= current_date)) as members,
  n.held_at as next_meeting_at, n.id as next_meeting_id`;
const NEXT_MEETING = sql`left join lateral (select id, held_at from board_meeting x where x.group_id = g.id and x.status = 'scheduled' and x.held_at >= now() order by x.held_at limit 1) n on true`;

export function boards(db: Database, tenantId: string): Promise<BoardRow[]> {
  return rows<BoardRow>(db, sql`select id, kind, name from board where tenant_id = ${tenantId}
    order by case kind when 'children' then 1 when 'adults' then 2 else 3 end`);
}

export function groups(db: Database, tenantId: string): Promise<GroupRow[]> {
  return rows<GroupRow>(db, sql`select ${GROUP_COLUMNS} from board_group g join board b on b.id = g.board_id ${NEXT_MEETING}
    where g.tenant_id = ${tenantId} order by b.kind, g.is_main desc, g.name`);
}

export function group(db: Database, tenantId: string, id: string): Promise<GroupRow | undefined> {
  return one<GroupRow>(db, sql`select ${GROUP_COLUMNS} from board_group g join board b on b.id = g.board_id ${NEXT_MEETING}
    where g.tenant_id = ${tenantId} and g.id = ${id}`);
}

export async function insertBoard(tx: Database, tenantId: string, kind: string, name: string): Promise<string> {
  return (await one<{ id: string }>(tx, sql`insert into board (tenant_id, kind, name) values (${tenantId}, ${kind}, ${name}) returning id`))!.id;
}

export async function insertGroup(tx: Database, g: { tenantId: string; boardId: string; name: string; isMain: boolean; remit: string | null }): Promise<string> {
  return (await one<{ id: string }>(tx, sql`insert into board_group (tenant_id, board_id, name, is_main, remit)
    values (${g.tenantId}, ${g.boardId}, ${g.name}, ${g.isMain}, ${g.remit}) returning id`))!.id;
}

export async function groupNameTaken(db: Database, boardId: string, name: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from board_group where board_id = ${boardId} and lower(name) = lower(${name})`));
}

// ——— members ———

export interface MemberRow {
  id: string;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  user_id: string | null;
  name: string;
  job_title: string | null;
  role: string;
  from_on: string;
  to_on: string | null;
}

const MEMBER_COLUMNS = sql`m.id, m.agency_id, a.name as agency_name, a.type as agency_type, m.user_id, m.name, m.job_title, m.role, m.from_on, m.to_on`;

export function members(db: Database, groupId: string): Promise<MemberRow[]> {
  return rows<MemberRow>(db, sql`select ${MEMBER_COLUMNS} from board_member m join agency a on a.id = m.agency_id where m.group_id = ${groupId}
    order by (m.to_on is not null and m.to_on < current_date), case m.role when 'chair' then 1 when 'vice_chair' then 2 when 'member' then 3 when 'adviser' then 4 else 5 end, a.name, m.name`);
}

export async function insertMember(tx: Database, m: { tenantId: string; groupId: string; agencyId: string; userId: string | null; name: string; jobTitle: string | null; role: string; fromOn: string; toOn: string | null }): Promise<string> {
  return (await one<{ id: string }>(tx, sql`insert into board_member (tenant_id, group_id, agency_id, user_id, name, job_title, role, from_on, to_on)
    values (${m.tenantId}, ${m.groupId}, ${m.agencyId}, ${m.userId}, ${m.name}, ${m.jobTitle}, ${m.role}, ${m.fromOn}, ${m.toOn}) returning id`))!.id;
}

export async function endMember(tx: Database, groupId: string, memberId: string, toOn: string): Promise<void> {
  await tx.execute(sql`update board_member set to_on = ${toOn} where id = ${memberId} and group_id = ${groupId}`);
}

/** A user of the area by email (a member who has a Threshold account). */
export function userByEmail(db: Database, tenantId: string, email: string): Promise<{ id: string; agency_id: string } | undefined> {
  return one(db, sql`select id, agency_id from app_user where tenant_id = ${tenantId} and lower(email) = lower(${email})`);
}

// ——— meetings ———

export interface MeetingRow {
  id: string;
  tenant_id: string;
  group_id: string;
  group_name: string;
  is_main: boolean;
  board_id: string;
  board_kind: string;
  board_name: string;
  held_at: string;
  held_on: string;
  location: string | null;
  status: string;
  minutes: string | null;
  recorded: number;
  present: number;
}

const MEETING_COLUMNS = sql`x.id, x.tenant_id, x.group_id, g.name as group_name, g.is_main, g.board_id, b.kind as board_kind, b.name as board_name, x.held_at,
  (x.held_at at time zone 'Europe/London')::date::text as held_on, x.location, x.status, x.minutes,
  (select count(*)::int from board_attendance t where t.meeting_id = x.id) as recorded,
  (select count(*)::int from board_attendance t where t.meeting_id = x.id and t.status in ('attended', 'deputy')) as present`;

export function meeting(db: Database, tenantId: string, id: string): Promise<MeetingRow | undefined> {
  return one<MeetingRow>(db, sql`select ${MEETING_COLUMNS} from board_meeting x join board_group g on g.id = x.group_id join board b on b.id = g.board_id
    where x.tenant_id = ${tenantId} and x.id = ${id}`);
}

export function meetingsOf(db: Database, groupId: string): Promise<MeetingRow[]> {
  return rows<MeetingRow>(db, sql`select ${MEETING_COLUMNS} from board_meeting x join board_group g on g.id = x.group_id join board b on b.id = g.board_id
    where x.group_id = ${groupId} order by x.held_at desc`);
}

export async function insertMeeting(tx: Database, m: { tenantId: string; groupId: string; heldAt: Date; location: string | null; userId: string }): Promise<string> {
  return (await one<{ id: string }>(tx, sql`insert into board_meeting (tenant_id, group_id, held_at, location, created_by_user_id)
    values (${m.tenantId}, ${m.groupId}, ${m.heldAt.toISOString()}, ${m.location}, ${m.userId}) returning id`))!.id;
}

export async function setMeetingStatus(tx: Database, id: string, status: string): Promise<void> {
  await tx.execute(sql`update board_meeting set status = ${status} where id = ${id}`);
}

export async function setMinutes(tx: Database, id: string, minutes: string): Promise<void> {
  await tx.execute(sql`update board_meeting set minutes = ${minutes} where id = ${id}`);
}

// ——— agenda and papers ———

export interface AgendaRow {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
  paper_name: string | null;
  paper_type: string | null;
  paper_bytes: number | null;
}

export function agenda(db: Database, meetingId: string): Promise<AgendaRow[]> {
  return rows<AgendaRow>(db, sql`select id, position, title, presenter, paper_name, paper_type, octet_length(paper)::int as paper_bytes
    from board_agenda_item where meeting_id = ${meetingId} order by position, id`);
}

export function paper(db: Database, meetingId: string, itemId: string): Promise<{ paper_name: string; paper_type: string; paper: Buffer } | undefined> {
  return one(db, sql`select paper_name, paper_type, paper from board_agenda_item where meeting_id = ${meetingId} and id = ${itemId} and paper is not null`);
}

export async function insertAgendaItem(tx: Database, a: { tenantId: string; meetingId: string; title: string; presenter: string | null; paper: { name: string; type: string; bytes: Buffer } | null }): Promise<{ id: string; position: number }> {
  return (await one<{ id: string; position: number }>(tx, sql`insert into board_agenda_item (tenant_id, meeting_id, position, title, presenter, paper_name, paper_type, paper)
    values (${a.tenantId}, ${a.meetingId}, (select coalesce(max(position), 0) + 1 from board_agenda_item where meeting_id = ${a.meetingId}), ${a.title}, ${a.presenter},
            ${a.paper?.name ?? null}, ${a.paper?.type ?? null}, ${a.paper?.bytes ?? null}) returning id, position`))!;
}

// ——— attendance ———

export interface ExpectedRow extends MemberRow {
  status: string | null;
  deputy_name: string | null;
}

/** The members expected at a meeting (members on its date) and anyone already recorded, with what was recorded. */
export function expected(db: Database, meetingId: string): Promise<ExpectedRow[]> {
  return rows<ExpectedRow>(db, sql`select ${MEMBER_COLUMNS}, t.status, t.deputy_name
      from board_meeting x join board_member m on m.group_id = x.group_id join agency a on a.id = m.agency_id
      left join board_attendance t on t.meeting_id = x.id and t.member_id = m.id
     where x.id = ${meetingId}
       and (t.id is not null or (m.from_on <= (x.held_at at time zone 'Europe/London')::date and (m.to_on is null or m.to_on >= (x.held_at at time zone 'Europe/London')::date)))
     order by case m.role when 'chair' then 1 when 'vice_chair' then 2 when 'member' then 3 when 'adviser' then 4 else 5 end, a.name, m.name`);
}

export async function upsertAttendance(tx: Database, a: { tenantId: string; meetingId: string; memberId: string; agencyId: string; status: string; deputyName: string | null }): Promise<void> {
  await tx.execute(sql`insert into board_attendance (tenant_id, meeting_id, member_id, agency_id, status, deputy_name)
    values (${a.tenantId}, ${a.meetingId}, ${a.memberId}, ${a.agencyId}, ${a.status}, ${a.deputyName})
    on conflict (meeting_id, member_id) do update set status = excluded.status, deputy_name = excluded.deputy_name, agency_id = excluded.agency_id`);
}

/** Held meetings of a group in a period, oldest first. */
export function heldMeetings(db: Database, groupId: string, from: string, until: string): Promise<{ id: string; held_at: string; held_on: string }[]> {
  return rows(db, sql`select id, held_at, (held_at at time zone 'Europe/London')::date::text as held_on from board_meeting
    where group_id = ${groupId} and status = 'held' and (held_at at time zone 'Europe/London')::date >= ${from} and (held_at at time zone 'Europe/London')::date < ${until}
    order by held_at, id`);
}

export function attendanceOf(db: Database, meetingIds: readonly string[]): Promise<{ meeting_id: string; agency_id: string; agency_name: string; status: string }[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return rows(db, sql`select t.meeting_id, t.agency_id, a.name as agency_name, t.status from board_attendance t join agency a on a.id = t.agency_id
    where t.meeting_id in (${sql.join(meetingIds.map((id) => sql`${id}`), sql`, `)}) order by a.name`);
}

// ——— decisions ———

export interface DecisionRow {
  id: string;
  agenda_item_id: string | null;
  agenda_title: string | null;
  text: string;
  recorded_by: string | null;
  recorded_at: string;
}

export function decisions(db: Database, meetingId: string): Promise<DecisionRow[]> {
  return rows<DecisionRow>(db, sql`select d.id, d.agenda_item_id, i.title as agenda_title, d.text, u.display_name as recorded_by, d.recorded_at
    from board_decision d left join board_agenda_item i on i.id = d.agenda_item_id left join app_user u on u.id = d.recorded_by_user_id
    where d.meeting_id = ${meetingId} order by d.recorded_at, d.id`);
}

export async function insertDecision(tx: Database, d: { tenantId: string; meetingId: string; agendaItemId: string | null; text: string; userId: string }): Promise<string> {
  return (await one<{ id: string }>(tx, sql`insert into board_decision (tenant_id, meeting_id, agenda_item_id, text, recorded_by_user_id)
    values (${d.tenantId}, ${d.meetingId}, ${d.agendaItemId}, ${d.text}, ${d.userId}) returning id`))!.id;
}

// ——— the issues / risk log ———

export interface RiskRow {
  id: string;
  tenant_id: string;
  board_id: string;
  board_kind: string;
  board_name: string;
  reference: string;
  title: string;
  description: string;
  kind: string;
  likelihood: number;
  impact: number;
  score: number;
  owner_agency_id: string | null;
  owner_agency_name: string | null;
  owner_name: string;
  mitigations: string | null;
  review_on: string;
  status: string;
  closed_on: string | null;
  updated_at: string;
}

const RISK_COLUMNS = sql`r.id, r.tenant_id, r.board_id, b.kind as board_kind, b.name as board_name, r.reference, r.title, r.description, r.kind, r.likelihood, r.impact,
  r.likelihood * r.impact as score, r.owner_agency_id, a.name as owner_agency_name, r.owner_name, r.mitigations, r.review_on, r.status, r.closed_on, r.updated_at`;
const RISK_FROM = sql`board_risk r join board b on b.id = r.board_id left join agency a on a.id = r.owner_agency_id`;

/** The log's order (domain compareRisks): overdue reviews first, then score, review date, reference. */
const RISK_ORDER = (today: string) => sql`(r.status = 'open' and r.review_on < ${today}) desc, r.likelihood * r.impact desc, r.review_on, r.reference`;

export async function risks(db: Database, q: { tenantId: string; boardId: string; status: string; today: string; limit: number; offset: number }): Promise<{ rows: RiskRow[]; total: number; overdue: number }> {
  const where = sql`r.tenant_id = ${q.tenantId} and r.board_id = ${q.boardId} and r.status = ${q.status}`;
  const [list, counts] = await Promise.all([
    rows<RiskRow>(db, sql`select ${RISK_COLUMNS} from ${RISK_FROM} where ${where} order by ${RISK_ORDER(q.today)} limit ${q.limit} offset ${q.offset}`),
    one<{ total: number; overdue: number }>(db, sql`select count(*)::int as total, count(*) filter (where r.status = 'open' and r.review_on < ${q.today})::int as overdue from board_risk r where ${where}`),
  ]);
  return { rows: list, total: counts?.total ?? 0, overdue: counts?.overdue ?? 0 };
}

export function risk(db: Database, tenantId: string, id: string): Promise<RiskRow | undefined> {
  return one<RiskRow>(db, sql`select ${RISK_COLUMNS} from ${RISK_FROM} where r.tenant_id = ${tenantId} and r.id = ${id}`);
}

export interface RiskInput {
  title: string;
  description: string;
  kind: string;
  likelihood: number;
  impact: number;
  ownerAgencyId: string | null;
  ownerName: string;
  mitigations: string | null;
  reviewOn: string;
}

export async function insertRisk(tx: Database, r: RiskInput & { tenantId: string; boardId: string; userId: string }): Promise<{ id: string; reference: string }> {
  return (await one<{ id: string; reference: string }>(tx, sql`insert into board_risk (tenant_id, board_id, reference, title, description, kind, likelihood, impact, owner_agency_id, owner_name, mitigations, review_on, created_by_user_id)
    values (${r.tenantId}, ${r.boardId}, 'RISK-' || lpad(nextval('board_risk_reference_seq')::text, 4, '0'), ${r.title}, ${r.description}, ${r.kind}, ${r.likelihood}, ${r.impact},
            ${r.ownerAgencyId}, ${r.ownerName}, ${r.mitigations}, ${r.reviewOn}, ${r.userId}) returning id, reference`))!;
}

export async function updateRisk(tx: Database, id: string, r: RiskInput, at: Date): Promise<void> {
  await tx.execute(sql`update board_risk set title = ${r.title}, description = ${r.description}, kind = ${r.kind}, likelihood = ${r.likelihood}, impact = ${r.impact},
    owner_agency_id = ${r.ownerAgencyId}, owner_name = ${r.ownerName}, mitigations = ${r.mitigations}, review_on = ${r.reviewOn}, updated_at = ${at.toISOString()} where id = ${id}`);
}

export async function closeRisk(tx: Database, id: string, on: string, at: Date): Promise<void> {
  await tx.execute(sql`update board_risk set status = 'closed', closed_on = ${on}, updated_at = ${at.toISOString()} where id = ${id}`);
}

// ——— the home page ———

export interface UpcomingRow {
  id: string;
  held_at: string;
  location: string | null;
  group_id: string;
  group_name: string;
  board_name: string;
}

/** Scheduled meetings to come: of every group (the business unit), or of the groups a user is a member of. */
export function upcoming(db: Database, q: { tenantId: string; userId: string; all: boolean; limit: number }): Promise<UpcomingRow[]> {
  const mine = q.all ? sql`true` : sql`exists (select 1 from board_member m where m.group_id = g.id and m.user_id = ${q.userId} and (m.to_on is null or m.to_on >= current_date))`;
  return rows<UpcomingRow>(db, sql`select x.id, x.held_at, x.location, g.id as group_id, g.name as group_name, b.name as board_name
    from board_meeting x join board_group g on g.id = x.group_id join board b on b.id = g.board_id
    where x.tenant_id = ${q.tenantId} and x.status = 'scheduled' and x.held_at >= now() and ${mine}
    order by x.held_at limit ${q.limit}`);
}

/** Open entries of the log whose review falls by a date (overdue ones first). */
export function risksDue(db: Database, q: { tenantId: string; by: string; today: string; limit: number }): Promise<RiskRow[]> {
  return rows<RiskRow>(db, sql`select ${RISK_COLUMNS} from ${RISK_FROM} where r.tenant_id = ${q.tenantId} and r.status = 'open' and r.review_on <= ${q.by}
    order by ${RISK_ORDER(q.today)} limit ${q.limit}`);
}
